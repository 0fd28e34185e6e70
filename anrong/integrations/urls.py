"""The staff console's integration pages, under /kantor/integrasi/ (namespace integrations).
Each concern has its own url module; they are joined here."""

from django.urls import include, path

from .views import console as views

app_name = "integrations"

urlpatterns = [
    path("", views.home, name="home"),
    path("<str:agency_code>/aplikasi/", include("anrong.integrations.urls_clients")),
    path("<str:agency_code>/kunci-api/", include("anrong.integrations.urls_keys")),
    path("<str:agency_code>/webhook/", include("anrong.integrations.urls_webhooks")),
]
