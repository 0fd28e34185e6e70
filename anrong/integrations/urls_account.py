"""The citizen's side of single sign-on, under /akun/aplikasi/ (namespace connected_apps): the
apps connected to their account, and withdrawing consent."""

from django.urls import path

from .views import consents as views

app_name = "connected_apps"

urlpatterns = [
    path("", views.connected_apps, name="list"),
    path("<int:consent_id>/cabut/", views.withdraw, name="withdraw"),
]
