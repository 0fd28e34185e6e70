"""Webhook endpoints: an agency admin subscribes its system's URL to event types, rotates the
signing secret, switches the endpoint off and on, and replays deliveries. Every step is one
transaction with an audit event and an outbox event; the secret is returned once and never
logged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.agencies.models import Agency, Membership
from anrong.core import modules, notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import delivery, permissions, signing
from ..errors import IntegrationError, IntegrationPermissionError
from ..models import WebhookDelivery, WebhookEndpoint

MAX_ENDPOINTS_PER_AGENCY = 10
SECRET_OVERLAP = dt.timedelta(hours=24)
Status = WebhookDelivery.Status


def _check(actor: Any, agency: Agency) -> None:
    if not permissions.can_manage_integrations(actor, agency):
        raise IntegrationPermissionError("Only the agency's admins manage its webhooks.")


def _clean(url: str, description: str, event_types: Iterable[str]) -> tuple[str, str, list[str]]:
    errors: dict[str, Any] = {}
    url = (url or "").strip()
    parts = urlsplit(url)
    allowed = {"https", "http"} if settings.WEBHOOK_ALLOW_HTTP else {"https"}
    if not url:
        errors["url"] = _("Isi alamat URL endpoint.")
    elif len(url) > 500:
        errors["url"] = _("Alamat URL terlalu panjang (paling banyak 500 karakter).")
    elif parts.scheme not in allowed or not parts.hostname:
        errors["url"] = (_("Alamat harus diawali https:// dan memuat nama host.")
                         if "http" not in allowed else
                         _("Alamat harus diawali http:// atau https:// dan memuat nama host."))
    elif parts.username or parts.password:
        errors["url"] = _("Jangan taruh nama pengguna atau kata sandi di URL; webhook sudah "
                          "ditandatangani.")
    elif parts.fragment:
        errors["url"] = _("URL tidak boleh memuat bagian #.")
    known = set(modules.webhook_event_types())
    chosen = sorted({t for t in event_types if t})
    if not chosen:
        errors["event_types"] = _("Pilih paling sedikit satu jenis kejadian.")
    elif unknown := [t for t in chosen if t not in known]:
        errors["event_types"] = _("Jenis kejadian tidak dikenal: %(types)s.") % {
            "types": ", ".join(unknown)}
    description = (description or "").strip()
    if len(description) > 200:
        errors["description"] = _("Keterangan paling banyak 200 karakter.")
    if errors:
        raise IntegrationError(_("Periksa isian yang ditandai."), errors)
    return url, description, chosen


def _snapshot(endpoint: WebhookEndpoint) -> dict[str, Any]:
    """Audit and outbox details: never the secret."""
    return {"endpoint_id": endpoint.pk, "agency": endpoint.agency.code, "url": endpoint.url,
            "event_types": endpoint.event_types, "is_enabled": endpoint.is_enabled}


def _locked(endpoint: WebhookEndpoint) -> WebhookEndpoint:
    return WebhookEndpoint.objects.select_for_update().select_related("agency").get(
        pk=endpoint.pk)


@transaction.atomic
def create_endpoint(*, actor: Any, agency: Agency, url: str, event_types: Iterable[str],
                    description: str = "") -> tuple[WebhookEndpoint, str]:
    """Subscribe a URL of the agency's system; returns the endpoint and its secret (shown once)."""
    _check(actor, agency)
    url, description, chosen = _clean(url, description, event_types)
    if WebhookEndpoint.objects.filter(agency=agency).count() >= MAX_ENDPOINTS_PER_AGENCY:
        raise IntegrationError(_("Satu OPD paling banyak punya %(n)d endpoint webhook.")
                               % {"n": MAX_ENDPOINTS_PER_AGENCY})
    secret = signing.new_secret()
    endpoint = WebhookEndpoint.objects.create(agency=agency, url=url, description=description,
                                              event_types=chosen, secret=secret,
                                              created_by=actor)
    details = _snapshot(endpoint)
    record_audit(actor=actor, action="integrations.endpoint_created", target=endpoint,
                 details=details)
    emit("integrations.endpoint_created", details, aggregate=endpoint)
    return endpoint, secret


@transaction.atomic
def update_endpoint(*, actor: Any, endpoint: WebhookEndpoint, url: str,
                    event_types: Iterable[str], description: str = "") -> WebhookEndpoint:
    endpoint = _locked(endpoint)
    _check(actor, endpoint.agency)
    url, description, chosen = _clean(url, description, event_types)
    before = _snapshot(endpoint)
    endpoint.url, endpoint.description, endpoint.event_types = url, description, chosen
    endpoint.save(update_fields=["url", "description", "event_types", "updated_at"])
    details = _snapshot(endpoint) | {"before": before}
    record_audit(actor=actor, action="integrations.endpoint_updated", target=endpoint,
                 details=details)
    emit("integrations.endpoint_updated", details, aggregate=endpoint)
    return endpoint


@transaction.atomic
def rotate_secret(*, actor: Any, endpoint: WebhookEndpoint) -> tuple[WebhookEndpoint, str]:
    """A new secret at once; the old one keeps signing beside it for 24 hours, so the receiver
    can switch without losing a message."""
    endpoint = _locked(endpoint)
    _check(actor, endpoint.agency)
    now = timezone.now()
    secret = signing.new_secret()
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + SECRET_OVERLAP
    endpoint.secret = secret
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at",
                                 "updated_at"])
    details = _snapshot(endpoint) | {"previous_valid_until": endpoint.previous_secret_expires_at.isoformat()}
    record_audit(actor=actor, action="integrations.endpoint_secret_rotated", target=endpoint,
                 details=details)
    emit("integrations.endpoint_secret_rotated", details, aggregate=endpoint)
    return endpoint, secret


@transaction.atomic
def set_enabled(*, actor: Any, endpoint: WebhookEndpoint, enabled: bool) -> WebhookEndpoint:
    """Switch an endpoint off (its deliveries wait) or back on (they are sent at once)."""
    endpoint = _locked(endpoint)
    _check(actor, endpoint.agency)
    if endpoint.is_enabled == enabled:
        return endpoint
    now = timezone.now()
    endpoint.is_enabled = enabled
    if enabled:
        endpoint.disabled_at, endpoint.disabled_reason = None, ""
        endpoint.failing_since, endpoint.consecutive_failures = None, 0
        waiting = WebhookDelivery.objects.filter(endpoint=endpoint, status=Status.PENDING)
        if waiting.update(next_attempt_at=now):
            delivery.wake()
    else:
        endpoint.disabled_at = now
        endpoint.disabled_reason = str(gettext_lazy("Dimatikan oleh admin OPD."))
    endpoint.save(update_fields=["is_enabled", "disabled_at", "disabled_reason",
                                 "failing_since", "consecutive_failures", "updated_at"])
    action = "integrations.endpoint_enabled" if enabled else "integrations.endpoint_disabled"
    details = _snapshot(endpoint) | {"by": "admin"}
    record_audit(actor=actor, action=action, target=endpoint, details=details)
    emit(action, details, aggregate=endpoint)
    return endpoint


@transaction.atomic
def delete_endpoint(*, actor: Any, endpoint: WebhookEndpoint) -> None:
    endpoint = _locked(endpoint)
    _check(actor, endpoint.agency)
    details = _snapshot(endpoint)
    record_audit(actor=actor, action="integrations.endpoint_deleted", target=endpoint,
                 details=details)
    emit("integrations.endpoint_deleted", details, aggregate=endpoint)
    endpoint.delete()


@transaction.atomic
def replay_delivery(*, actor: Any, delivery_id: int, agency: Agency) -> WebhookDelivery:
    """Send one delivery again now, with a fresh retry schedule and the same `webhook-id`."""
    _check(actor, agency)
    item = (WebhookDelivery.objects.select_for_update(of=("self",))
            .select_related("endpoint").get(pk=delivery_id, endpoint__agency=agency))
    now = timezone.now()
    item.status, item.retries, item.next_attempt_at = Status.PENDING, 0, now
    item.save(update_fields=["status", "retries", "next_attempt_at"])
    details = {"agency": agency.code, "endpoint_id": item.endpoint_id, "msg_id": item.msg_id,
               "count": 1}
    record_audit(actor=actor, action="integrations.delivery_replayed", target=item,
                 details=details)
    emit("integrations.delivery_replayed", details, aggregate=item)
    delivery.wake()
    return item


@transaction.atomic
def replay_endpoint(*, actor: Any, endpoint: WebhookEndpoint, since: dt.datetime,
                    include_succeeded: bool = False) -> int:
    """Send again every dead-lettered delivery of the endpoint since `since` (and, if asked, the
    ones that had succeeded: a receiver that lost its data). Returns how many."""
    endpoint = _locked(endpoint)
    _check(actor, endpoint.agency)
    statuses = [Status.DEAD, Status.SUCCEEDED] if include_succeeded else [Status.DEAD]
    count = (WebhookDelivery.objects
             .filter(endpoint=endpoint, status__in=statuses, created_at__gte=since)
             .update(status=Status.PENDING, retries=0, next_attempt_at=timezone.now()))
    details = _snapshot(endpoint) | {"since": since.isoformat(), "include_succeeded": include_succeeded,
                                     "count": count}
    record_audit(actor=actor, action="integrations.delivery_replayed", target=endpoint,
                 details=details)
    emit("integrations.delivery_replayed", details, aggregate=endpoint)
    if count:
        delivery.wake()
    return count


_DISABLED_TITLE = gettext_lazy("Webhook %(url)s dimatikan")
_DISABLED_BODY = gettext_lazy(
    "Endpoint webhook %(url)s milik %(agency)s gagal menerima kiriman terus-menerus sejak "
    "%(since)s, jadi kami matikan. Kiriman yang belum terkirim disimpan dan dikirim lagi "
    "setelah endpoint diperbaiki dan dinyalakan kembali di konsol.")


def disable_failing_endpoint(*, endpoint: WebhookEndpoint, now: dt.datetime) -> None:
    """Called by the deliverer, inside its transaction, with the endpoint row locked: switch off
    an endpoint that keeps failing and tell the agency's admins."""
    from anrong.core.workdays import to_wita

    endpoint.is_enabled = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = str(gettext_lazy("Gagal terus-menerus sejak %(since)s.")) % {
        "since": f"{to_wita(endpoint.failing_since):%Y-%m-%d %H:%M} WITA"}
    endpoint.save(update_fields=["is_enabled", "disabled_at", "disabled_reason", "updated_at"])
    details = _snapshot(endpoint) | {"by": "system",
                                     "failing_since": endpoint.failing_since.isoformat(),
                                     "consecutive_failures": endpoint.consecutive_failures}
    record_audit(actor=None, action="integrations.endpoint_disabled", target=endpoint,
                 details=details)
    emit("integrations.endpoint_disabled", details, aggregate=endpoint)
    admins = (Membership.objects.filter(agency_id=endpoint.agency_id, is_active=True,
                                        role=Membership.Role.ADMIN, user__is_active=True)
              .select_related("user", "agency"))
    url = reverse("integrations:webhook", args=[endpoint.agency.code, endpoint.pk])
    for membership in admins:
        notifications.notify_translated(
            user=membership.user, kind="integrations.endpoint_disabled",
            title=_DISABLED_TITLE, body=_DISABLED_BODY, url=url,
            params={"url": endpoint.url, "agency": membership.agency.name,
                    "since": f"{to_wita(endpoint.failing_since):%Y-%m-%d %H:%M} WITA"})
