"""The site's URLs with the room's (anrong.meetings.urls_room) at /rapat/, for the room's tests
until the lead includes them in config/urls.py; then this adds nothing."""

from django.urls import URLResolver, include, path

from config import urls as site

already = any(isinstance(p, URLResolver) and p.app_name == "meetings_room"
              for p in site.urlpatterns)
urlpatterns = [*site.urlpatterns]
if not already:
    urlpatterns.insert(0, path("rapat/", include("anrong.meetings.urls_room")))
handler404 = site.handler404
