"""How the API knows who is calling: the web app's session (with CSRF) or a bearer token."""

from __future__ import annotations

from ninja.security import SessionAuth

# The accounts app extends this list with its bearer-token authenticator.
api_auth: list = [SessionAuth()]
