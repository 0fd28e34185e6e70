"""Open311 GeoReport v2 under /open311/v2/ (namespace open311). Every endpoint ends in its
format, `.json` or `.xml`; another extension reaches the view and is answered 404."""

from django.urls import path, re_path

from . import views

app_name = "open311"

FMT = r"\.(?P<fmt>[A-Za-z0-9]+)$"

urlpatterns = [
    # The base URL that discovery announces; nothing is served at it.
    path("", views.root, name="root"),
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.services, name="services"),
    re_path(r"^services/(?P<service_code>[^/.]+)" + FMT, views.service_definition,
            name="service"),
    re_path(r"^requests" + FMT, views.requests, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[^/.]+)" + FMT, views.request_detail,
            name="request"),
    # The spec's swagger spells the single request "request/{id}"; the wiki "requests/{id}".
    re_path(r"^request/(?P<service_request_id>[^/.]+)" + FMT, views.request_detail),
    re_path(r"^tokens/(?P<token>[^/.]+)" + FMT, views.token, name="token"),
]
