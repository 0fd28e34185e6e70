"""The staff console's applications, under /kantor/permohonan/ (namespace services_console)."""

from django.urls import path

from .views import console as views

app_name = "services_console"

# The decision forms on the detail page post here; `step` names the action.
TRANSITIONS = [
    ("ambil", "claim"), ("tugaskan", "assign"), ("verifikasi", "verify"),
    ("perbaikan", "revision"), ("setujui", "approve"), ("tolak", "reject"),
]

urlpatterns = [
    path("", views.queue, name="queue"),
    path("pengawasan/", views.overview, name="overview"),
    path("<str:tracking_no>/", views.detail, name="detail"),
    *[path(f"<str:tracking_no>/{slug}/", views.transition, {"step": step}, name=step)
      for slug, step in TRANSITIONS],
]
