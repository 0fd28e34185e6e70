"""Lapor's citizen pages, mounted at /lapor/: the public list and map, a new report, one
report (with its photos), and the reporter's own steps. The fixed words come before
<tracking_no>/ so they are never read as report numbers."""

from django.urls import path

from .views import citizen as views

app_name = "reports"

urlpatterns = [
    path("", views.home, name="home"),
    path("peta/", views.map_page, name="map"),
    path("baru/", views.new, name="new"),
    path("saya/", views.mine, name="mine"),
    path("<str:tracking_no>/", views.detail, name="detail"),
    path("<str:tracking_no>/foto/<int:pk>/", views.photo, name="photo"),
    path("<str:tracking_no>/ikuti/", views.follow, name="follow"),
    path("<str:tracking_no>/berhenti-mengikuti/", views.unfollow, name="unfollow"),
    path("<str:tracking_no>/beres/", views.confirm, name="confirm"),
    path("<str:tracking_no>/buka-lagi/", views.reopen, name="reopen"),
]
