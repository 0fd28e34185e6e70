from django.urls import path

from . import views

app_name = "agencies"

urlpatterns = [
    path("", views.home, name="home"),
    path("opd/<str:code>/", views.agency_detail, name="agency"),
    path("opd/<str:code>/anggota/tambah/", views.add_member, name="add_member"),
    path("opd/<str:code>/anggota/<int:membership_id>/peran/", views.change_role,
         name="change_role"),
    path("opd/<str:code>/anggota/<int:membership_id>/akhiri/", views.end_membership,
         name="end_membership"),
    path("opd/<str:code>/kantor/tambah/", views.add_office, name="add_office"),
]
