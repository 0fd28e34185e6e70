"""The fact-checkers' console, at /kantor/cek-fakta/ (namespace factcheck_console)."""

from django.urls import path

from .views import factcheck_console as views

app_name = "factcheck_console"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("klaim/<uuid:public_id>/", views.claim, name="claim"),
    path("klaim/<uuid:public_id>/abaikan/", views.dismiss, name="dismiss"),
    path("klaim/<uuid:public_id>/putusan/", views.verdict, name="verdict"),
]
