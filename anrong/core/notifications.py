"""Notifications: the in-app inbox (kotak masuk), SMS/WhatsApp through the gateway, and email.

Writes
- `notify(...)`: one transaction writes the inbox row; SMS/WhatsApp and email go out after commit
  through the `deliver_notification` task, so a rolled-back change never sends anything.
- `notify_translated(...)`: the same, with gettext_lazy title and body rendered in the
  recipient's language (`user.language`) and filled with `params` ("%(tracking_no)s").
- `mark_read(...)`, `mark_all_read(...)`: the owner marks what they have seen.

Reads
- `inbox(user, page=...)` (newest first, paginated), `unread_count(user)`,
  `notification_for(user, id)` (404 for anyone but the owner).

Delivery (`deliver(notification_id)`, run by the task): each channel is sent under a row lock
and recorded in `Notification.channels` in the same step, so running the task twice, or two
workers at once, sends each channel once. A gateway or mail failure is recorded in
`last_error`/`delivery_attempts` and re-raised; the task schedules a later retry on backends
that can defer (the database backend), up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation

from . import gateways
from .audit import record_audit
from .models import Notification

log = logging.getLogger(__name__)

INBOX = "inbox"
SMS = "sms"
WHATSAPP = "whatsapp"
EMAIL = "email"
KNOWN_CHANNELS = (INBOX, SMS, WHATSAPP, EMAIL)
DEFAULT_CHANNELS = (INBOX, SMS, EMAIL)
MAX_ATTEMPTS = 8
PAGE_SIZE = 20


# --- Writes ---------------------------------------------------------------------------------


def _reachable_on(user: Any, channel: str) -> bool:
    if not user.is_active:
        return channel == INBOX
    if channel in (SMS, WHATSAPP):
        return bool(user.phone and user.phone_verified)
    if channel == EMAIL:
        return bool(user.email)
    return channel == INBOX


@transaction.atomic
def notify(
    *,
    user: Any,
    kind: str,
    title: str,
    body: str,
    url: str = "",
    channels: Iterable[str] = DEFAULT_CHANNELS,
) -> Notification:
    """Put a notification in `user`'s inbox and, after commit, send it on the other `channels`
    the user can receive (SMS/WhatsApp only to a verified phone, email only to an address).
    `title` and `body` must already be in the user's language (see `notify_translated`)."""
    wanted = list(dict.fromkeys(channels))
    unknown = [c for c in wanted if c not in KNOWN_CHANNELS]
    if unknown:
        raise ValueError(f"unknown notification channels {unknown}; use {KNOWN_CHANNELS}")
    outbound = [c for c in wanted if c != INBOX and _reachable_on(user, c)]
    notification = Notification.objects.create(
        recipient=user,
        kind=kind,
        title=str(title)[:200],
        body=str(body),
        url=url,
        requested_channels=[INBOX, *outbound],
        channels=[INBOX],
    )
    record_audit(actor=None, action="notification.created", target=notification,
                 details={"kind": kind, "channels": [INBOX, *outbound]})
    if outbound:
        notification_id = notification.pk
        transaction.on_commit(lambda: _enqueue_delivery(notification_id))
    return notification


def notify_translated(
    *,
    user: Any,
    kind: str,
    title: Any,
    body: Any,
    params: Mapping[str, Any] | None = None,
    url: str = "",
    channels: Iterable[str] = DEFAULT_CHANNELS,
) -> Notification:
    """`notify` with gettext_lazy `title`/`body` rendered in the recipient's language and
    filled with `params`: notify_translated(user=u, kind="application.decided",
    title=_("Permohonan %(tracking_no)s selesai"), body=..., params={"tracking_no": "..."})."""
    values = dict(params or {})
    with translation.override(user.language or settings.LANGUAGE_CODE):
        rendered_title = str(title) % values if values else str(title)
        rendered_body = str(body) % values if values else str(body)
    return notify(user=user, kind=kind, title=rendered_title, body=rendered_body, url=url,
                  channels=channels)


@transaction.atomic
def mark_read(*, user: Any, notification: Notification) -> Notification:
    """Mark one of `user`'s notifications read (a no-op if it already is). Someone else's
    notification is refused with PermissionError; views answer 404 before getting here."""
    if notification.recipient_id != user.pk:
        raise PermissionError("Only the recipient may mark a notification read.")
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
    return notification


@transaction.atomic
def mark_all_read(*, user: Any) -> int:
    """Mark every unread notification of `user` read; returns how many were unread."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Reads ----------------------------------------------------------------------------------


def inbox(user: Any, *, page: int | str | None = 1, per_page: int = PAGE_SIZE) -> Page:
    """`user`'s notifications, newest first, one page (an out-of-range page gives the last)."""
    qs = Notification.objects.filter(recipient=user).only(
        "id", "recipient_id", "kind", "title", "body", "url", "created_at", "read_at"
    ).order_by("-created_at", "-id")
    return Paginator(qs, per_page).get_page(page)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def notification_for(user: Any, notification_id: int) -> Notification:
    """The notification if `user` is its recipient; Http404 otherwise (others' look missing)."""
    return get_object_or_404(Notification, pk=notification_id, recipient=user)


# --- Delivery (run by the deliver_notification task) ------------------------------------------


def _enqueue_delivery(notification_id: int) -> None:
    from .tasks import deliver_notification

    deliver_notification.enqueue(notification_id)


def absolute_url(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def _message_text(notification: Notification) -> str:
    parts = [notification.title, notification.body, absolute_url(notification.url)]
    return "\n".join(part for part in parts if part)


def _send(notification: Notification, channel: str) -> None:
    user = notification.recipient
    if channel in (SMS, WHATSAPP):
        gateways.send_message(user.phone, _message_text(notification), channel=channel)
    elif channel == EMAIL:
        body = "\n\n".join(p for p in (notification.body, absolute_url(notification.url)) if p)
        send_mail(notification.title, body, settings.DEFAULT_FROM_EMAIL, [user.email],
                  fail_silently=False)


def deliver(notification_id: int) -> list[str]:
    """Send the notification on each requested channel it has not gone out on yet; returns the
    channels sent by this call. Idempotent; raises on the first failure (recorded first)."""
    sent: list[str] = []
    requested = Notification.objects.filter(pk=notification_id).values_list(
        "requested_channels", flat=True
    ).first()
    if requested is None:
        return sent  # deleted with its recipient: nothing to do
    for channel in requested:
        if channel == INBOX:
            continue
        try:
            with transaction.atomic():
                notification = (
                    Notification.objects.select_for_update()
                    .select_related("recipient")
                    .get(pk=notification_id)
                )
                if channel in notification.channels:
                    continue
                if not _reachable_on(notification.recipient, channel):
                    continue  # the phone or email was removed meanwhile: nothing to send to
                _send(notification, channel)
                notification.channels = [*notification.channels, channel]
                notification.save(update_fields=["channels"])
            sent.append(channel)
        except Exception as exc:
            log.warning("notification %s: %s delivery failed", notification_id, channel,
                        extra={"notification": notification_id, "channel": channel})
            Notification.objects.filter(pk=notification_id).update(
                delivery_attempts=F("delivery_attempts") + 1,
                last_error=f"{channel}: {exc.__class__.__name__}: {exc}"[:2000],
            )
            raise
    if sent:
        Notification.objects.filter(pk=notification_id).update(last_error="")
    return sent
