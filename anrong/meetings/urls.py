"""The meeting pages, under /rapat/ (namespace meetings). The room itself (/rapat/<code>/ruang/)
is in urls_room.py."""

from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("baru/", views.new, name="new"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/ubah/", views.edit, name="edit"),
    path("<str:code>/batalkan/", views.cancel, name="cancel"),
    path("<str:code>/undangan.ics", views.calendar_file, name="ics"),
    path("<str:code>/kehadiran/", views.attendance, name="attendance"),
    path("<str:code>/kehadiran.xlsx", views.attendance_xlsx, name="attendance_xlsx"),
    path("<str:code>/kehadiran.csv", views.attendance_csv, name="attendance_csv"),
]
