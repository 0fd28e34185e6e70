"""Console pages for keys (joined in urls.py under /kantor/integrasi/<agency_code>/)."""

from django.urls import path

from .views import keys as views

urlpatterns: list = [
    path("", views.index, name="keys"),
    path("<int:key_id>/rotasi/", views.rotate, name="keys_rotate"),
    path("<int:key_id>/cabut/", views.revoke, name="keys_revoke"),
]
