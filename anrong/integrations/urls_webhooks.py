"""Webhook console pages, under /kantor/integrasi/<agency_code>/webhook/."""

from django.urls import path

from .views import webhooks as views

urlpatterns = [
    path("", views.index, name="webhooks"),
    path("<int:pk>/", views.detail, name="webhook"),
    path("<int:pk>/rahasia/", views.rotate, name="webhook_rotate"),
    path("<int:pk>/status/", views.toggle, name="webhook_toggle"),
    path("<int:pk>/hapus/", views.delete, name="webhook_delete"),
    path("<int:pk>/kirim-ulang/", views.replay, name="webhook_replay"),
    path("<int:pk>/kiriman/<int:delivery_pk>/", views.delivery, name="webhook_delivery"),
]
