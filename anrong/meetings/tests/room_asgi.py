"""The site's ASGI application with the room's URLs (tests/room_urls.py), for the browser test's
uvicorn child process."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "anrong.meetings.tests.room_urls"

from config.asgi import application  # noqa: E402

__all__ = ["application"]
