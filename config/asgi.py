"""ASGI entry point: HTTP through Django, websockets through Channels (routes added by apps)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402
from channels.routing import ProtocolTypeRouter  # noqa: E402

django.setup(set_prefix=False)

from config.handler import SyncChainASGIHandler  # noqa: E402

django_asgi = SyncChainASGIHandler()

from config.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi, "websocket": websocket_application})
