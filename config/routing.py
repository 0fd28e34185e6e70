"""Websocket routes. Apps with consumers (meetings, warroom) add their patterns here."""

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.security.websocket import AllowedHostsOriginValidator

from anrong.meetings.routing import websocket_urlpatterns as meetings_websockets

websocket_urlpatterns: list = [*meetings_websockets]

websocket_application = AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
