"""The meeting room's websocket (config/routing.py includes these)."""

from django.urls import path  # noqa: F401

websocket_urlpatterns: list = []
