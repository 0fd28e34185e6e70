"""Cek Fakta's citizen pages, at /cek-fakta/ (namespace factcheck)."""

from django.urls import path

from .views import factcheck as views

app_name = "factcheck"
urlpatterns = [
    path("", views.home, name="home"),
    path("kirim/", views.send, name="send"),
    path("saya/", views.mine, name="mine"),
    path("kiriman/<int:pk>/tangkapan-layar/", views.screenshot, name="screenshot"),
]
