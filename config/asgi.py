"""ASGI entry point: HTTP through Django, websockets through Channels (routes added by apps)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from channels.routing import ProtocolTypeRouter  # noqa: E402

django.setup(set_prefix=False)

from django.conf import settings  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see docs/deploy.md).")

from config.handler import SyncChainASGIHandler  # noqa: E402

django_asgi = SyncChainASGIHandler()

from config.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi, "websocket": websocket_application})
