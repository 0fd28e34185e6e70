"""The check behind `Authorization: Bearer anr_...` (anrong.core.api_auth.ApiKeyAuth calls it;
registered in apps.py so that core never imports this app).

In order: too many failed keys from this address → 429; unknown, revoked or expired key → 401
(and one more failure counted for the address); over the key's rate limit → 429; endpoint that
takes no keys, or a scope the key lacks → 403. A key that passes acts as its agency's system
account: `request.user` is that account, `request.api_key` the key, and the audit log notes
the key's id."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError

from anrong.core import context
from anrong.core.middleware import client_ip

from . import ratelimit, scopes
from .actions.keys import record_key_use
from .queries.keys import usable_key


def check_key(request: HttpRequest, text: str, scope: str | None) -> Any:
    ip = client_ip(request)
    ratelimit.refuse_if_failing(ip)
    key = usable_key(text)
    if key is None:
        ratelimit.count_failure(ip)
        raise AuthenticationError(message=_(
            "Kunci API tidak dikenal, sudah dicabut, atau sudah kedaluwarsa."))
    ratelimit.count_request(key.pk)
    record_key_use(key=key, ip=ip)
    if scope is None:
        raise HttpError(403, _("Endpoint ini tidak menerima kunci API. / This endpoint does not "
                               "accept API keys."))
    if scope not in key.scopes:
        raise HttpError(403, _("Kunci API ini tidak memiliki izin `%(scope)s` (%(label)s). / "
                               "This API key lacks the `%(scope)s` scope.")
                        % {"scope": scope, "label": scopes.label(scope)})
    request.user = key.service_user
    request.api_key = key  # type: ignore[attr-defined]
    context.with_api_key(key.pk)
    return key.service_user
