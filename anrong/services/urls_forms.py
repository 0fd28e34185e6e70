"""The form builder of the staff console, at /kantor/layanan/."""

from django.urls import path

from .views import forms as views

app_name = "services_forms"

urlpatterns = [
    path("", views.service_list, name="list"),
    path("<str:code>/formulir/", views.builder, name="builder"),
    path("<str:code>/formulir/tambah/", views.add_field, name="add"),
    path("<str:code>/formulir/terbitkan/", views.publish, name="publish"),
    path("<str:code>/formulir/buang-draf/", views.discard, name="discard"),
    path("<str:code>/formulir/isian/<str:name>/", views.edit_field, name="edit"),
    path("<str:code>/formulir/isian/<str:name>/pindah/", views.move_field, name="move"),
    path("<str:code>/formulir/isian/<str:name>/hapus/", views.remove_field, name="remove"),
]
