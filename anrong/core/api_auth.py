"""How the API knows who is calling.

- The web app: its session cookie (with CSRF), Ninja's SessionAuth.
- Mobile apps: `Authorization: Bearer <access token>`, the access token allauth.headless issues
  to the "app" client after sign-in (JWT, HS256). Tokens are checked against the session they
  were issued for, so signing out or deactivating the account ends them at once.
- Agency systems: `Authorization: Bearer anr_<prefix>_<secret>`, an agency API key (see
  anrong.integrations, which registers the checker at start-up so that core never imports it).
  A key carries scopes, and an endpoint accepts keys only when it names the scope it needs
  (`key_or_person(scope)`); everywhere else a valid key is refused with 403, so an endpoint
  is closed to machines unless someone decided otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

API_KEY_PREFIX = "anr_"

# (request, key text, scope the endpoint needs or None) -> the key's system account; raises
# ninja's AuthenticationError / HttpError / Throttled to refuse.
KeyChecker = Callable[[HttpRequest, str, "str | None"], Any]
_key_checker: list[KeyChecker] = []


def register_key_checker(checker: KeyChecker) -> None:
    """Called once by anrong.integrations' AppConfig.ready()."""
    _key_checker[:] = [checker]


class AppBearerAuth(HttpBearer):
    """Accepts access tokens issued by allauth.headless (see docs/api-auth.md)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        from allauth.headless.tokens.strategies.jwt.internal import validate_access_token

        if not token or token.startswith(API_KEY_PREFIX):
            return None
        found = validate_access_token(token)
        if found is None:
            return None
        user, _payload = found
        if not user.is_active:
            return None
        request.user = user
        return user


class ApiKeyAuth(HttpBearer):
    """An agency API key. `scope`: what the endpoint needs; None: the endpoint refuses keys."""

    openapi_bearerFormat = "anr_<prefix>_<secret>"
    openapi_description = (
        "Kunci API OPD / Agency API key. Endpoint yang menerima kunci menyebut scope yang "
        "diperlukan; endpoint lain menolak kunci (403). / Endpoints that accept keys name the "
        "scope they need; the others refuse keys (403).")

    def __init__(self, scope: str | None = None) -> None:
        self.scope = scope
        super().__init__()
        if scope is None:  # it only refuses: not a way in, so not in the schema's security
            del self.openapi_security_schema

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not token.startswith(API_KEY_PREFIX) or not _key_checker:
            return None
        return _key_checker[0](request, token, self.scope)


class _Nobody:
    """Lets anonymous callers through on public endpoints that also take keys (tried last, after
    a presented key has been checked: a bad key is refused, never treated as no key)."""

    def __call__(self, request: HttpRequest) -> Any:
        return request.user  # AnonymousUser, truthy


# Tried in this order. A key is checked first: a request that carries one is answered on the
# key's merits (401/403/429), and never falls through to the session's CSRF check. The app's
# bearer token comes before the session too: Ninja's SessionAuth checks CSRF before it looks for
# a cookie, so a phone's POST (a token, no cookie) would otherwise be refused "CSRF check Failed".
api_auth: list = [ApiKeyAuth(), AppBearerAuth(), SessionAuth()]


def key_or_person(scope: str) -> list:
    """For endpoints staff and agency systems share: a signed-in person, or a key with `scope`."""
    return [ApiKeyAuth(scope), AppBearerAuth(), SessionAuth()]


def public_or_key(scope: str) -> list:
    """For public endpoints: anyone, and a presented key must hold `scope` (and counts against
    its rate limit)."""
    return [ApiKeyAuth(scope), _Nobody()]


# Public endpoints that take keys say so in the schema: no credential, or a key.
PUBLIC_OR_KEY_OPENAPI = {"security": [{}]}
