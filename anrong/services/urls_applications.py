"""The citizen's application pages, mounted at /layanan/permohonan/ (before the catalogue's
/layanan/<code>/ so the words below are never read as service codes). The start buttons
live with the catalogue (anrong/services/urls.py)."""

from django.urls import path

from .views import applications as views

app_name = "services_applications"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("rujukan/<str:reference>/", views.filing, name="filing"),
    path("<str:tracking_no>/", views.detail, name="detail"),
    path("<str:tracking_no>/isi/", views.edit, name="edit"),
]
