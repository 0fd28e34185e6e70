"""The meeting room's websocket (config/routing.py includes these)."""

from django.urls import re_path

from .consumers import MeetingConsumer

websocket_urlpatterns: list = [
    re_path(r"^ws/rapat/(?P<code>[A-Za-z0-9-]{1,24})/$", MeetingConsumer.as_asgi()),
]
