"""The operators' console under /kantor/peringatan/ (namespace alerts_console)."""

from django.urls import path

from .views import console as views

app_name = "alerts_console"

urlpatterns = [
    path("", views.home, name="home"),
    path("baru/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/perbarui/", views.update, name="update"),
    path("<int:pk>/batalkan/", views.cancel, name="cancel"),
]
