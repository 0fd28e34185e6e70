"""The OpenID Connect provider's endpoints, under /o/ (namespace oauth2_provider).

django-oauth-toolkit's endpoints, with two of ours in front: the consent screen (authorize) and
the sign-out confirmation (logout). DOT's own application-management pages and dynamic client
registration are not served: agency admins register apps in the staff console."""

from django.urls import path, re_path
from oauth2_provider import views as dot_views

from .views import oidc as views

app_name = "oauth2_provider"

urlpatterns = [
    path("authorize/", views.AuthorizeView.as_view(), name="authorize"),
    path("token/", dot_views.TokenView.as_view(), name="token"),
    path("revoke_token/", dot_views.RevokeTokenView.as_view(), name="revoke-token"),
    re_path(r"^\.well-known/openid-configuration/?$", dot_views.ConnectDiscoveryInfoView.as_view(),
            name="oidc-connect-discovery-info"),
    path(".well-known/jwks.json", dot_views.JwksInfoView.as_view(), name="jwks-info"),
    path("userinfo/", dot_views.UserInfoView.as_view(), name="user-info"),
    path("logout/", views.LogoutView.as_view(), name="rp-initiated-logout"),
]
