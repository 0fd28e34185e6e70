"""Documents: the public verification page (the QR's target, at the root so the printed address
stays short) and the private download of an application's files."""

from django.urls import path

from .views import documents as views

app_name = "services_documents"

urlpatterns = [
    path("verifikasi/", views.verify_lookup, name="verify_lookup"),
    path("verifikasi/<str:code>/", views.verify, name="verify"),
    path("layanan/dokumen/<int:document_id>/", views.download, name="download"),
]
