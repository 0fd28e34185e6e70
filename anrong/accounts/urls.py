from django.urls import path

from . import views

app_name = "accounts"

# Mounted at the site root; allauth's sign-in pages share the /akun/ prefix (config/urls.py).
urlpatterns = [
    path("akun/", views.overview, name="overview"),
    path("akun/profil/", views.profile, name="profile"),
    path("akun/data-saya/", views.my_data, name="my_data"),
    path("akun/data-saya/unduh/", views.download, name="download"),
    path("akun/hapus/", views.delete, name="delete"),
    path("akun/dihapus/", views.deleted, name="deleted"),
]
