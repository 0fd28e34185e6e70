"""Lapor's staff console, under /kantor/lapor/ (namespace reports_console)."""

from django.urls import path

from .views import console as views

app_name = "reports_console"

# The step forms of a report's page post here, one URL per step.
STEPS = [
    ("verifikasi", "verify"), ("tanggapi", "respond"), ("mulai", "start"),
    ("selesaikan", "resolve"), ("tolak", "reject"), ("alihkan", "reassign"),
    ("gabungkan", "merge"),
]

urlpatterns = [
    path("", views.overview, name="overview"),
    path("laporan/<str:tracking_no>/", views.detail, name="detail"),
    *[path(f"laporan/<str:tracking_no>/{slug}/", getattr(views, step), name=step)
      for slug, step in STEPS],
    path("<str:agency_code>/", views.queue, name="queue"),
]
