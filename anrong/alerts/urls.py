"""Citizens' alert pages under /peringatan/ (namespace alerts)."""

from django.urls import path

from .views import citizen as views

app_name = "alerts"

urlpatterns = [
    path("", views.home, name="home"),
    path("wilayah/", views.choose_area, name="choose_area"),
    path("langganan/", views.subscribe, name="subscribe"),
    path("langganan/hapus/", views.unsubscribe, name="unsubscribe"),
    path("<int:pk>/", views.detail, name="detail"),
]
