"""How the API knows who is calling.

- The web app: its session cookie (with CSRF), Ninja's SessionAuth.
- Mobile apps: `Authorization: Bearer <access token>`, the access token allauth.headless issues
  to the "app" client after sign-in (JWT, HS256). Tokens are checked against the session they
  were issued for, so signing out or deactivating the account ends them at once.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth


class AppBearerAuth(HttpBearer):
    """Accepts access tokens issued by allauth.headless (see docs/api-auth.md)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from allauth.headless.tokens.strategies.jwt.internal import validate_access_token

        if not token:
            return None
        found = validate_access_token(token)
        if found is None:
            return None
        user, _payload = found
        if not user.is_active:
            return None
        request.user = user
        return user


api_auth: list = [SessionAuth(), AppBearerAuth()]
