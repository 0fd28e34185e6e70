"""allauth.headless for apps, mounted at /api/auth/ (see docs/api-auth.md).

The app client signs in by phone code exactly like the web: the two code endpoints are served by
subclasses whose inputs are the web's rules (Indonesian numbers, new numbers registered, wrong
codes limited per IP); everything else is allauth.headless as shipped.
"""

from __future__ import annotations

from allauth.headless.account import views as headless_views
from allauth.headless.constants import Client
from django.urls import include, path

from .forms_identity import PhoneCodeConfirmInput, PhoneCodeRequestInput


class RequestPhoneCodeView(headless_views.RequestLoginCodeView):
    input_class = PhoneCodeRequestInput


class ConfirmPhoneCodeView(headless_views.ConfirmLoginCodeView):
    input_class = PhoneCodeConfirmInput


urlpatterns = [
    path("app/v1/auth/code/request",
         RequestPhoneCodeView.as_api_view(client=Client.APP), name="app_request_login_code"),
    path("app/v1/auth/code/confirm",
         ConfirmPhoneCodeView.as_api_view(client=Client.APP), name="app_confirm_login_code"),
    path("", include("allauth.headless.urls")),
]
