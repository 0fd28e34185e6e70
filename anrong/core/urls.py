from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("offline/", views.offline, name="offline"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("healthz", views.healthz, name="healthz"),
]

from . import views_inbox  # noqa: E402

urlpatterns += [
    path("kotak-masuk/", views_inbox.inbox, name="inbox"),
    path("kotak-masuk/<int:notification_id>/", views_inbox.open_notification,
         name="inbox_open"),
    path("kotak-masuk/tandai-semua/", views_inbox.mark_all_read, name="inbox_mark_all_read"),
]
