"""Console pages for clients (joined in urls.py under /kantor/integrasi/<agency_code>/)."""

from django.urls import path

from .views import clients as views

urlpatterns = [
    path("", views.clients, name="clients"),
    path("baru/", views.register, name="client_register"),
    path("<str:client_id>/", views.edit, name="client_edit"),
    path("<str:client_id>/rahasia-baru/", views.reset_secret, name="client_reset_secret"),
    path("<str:client_id>/hapus/", views.delete, name="client_delete"),
]
