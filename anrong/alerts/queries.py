"""Reads of the emergency alerts, shared by views, the API, the banner and the push task."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.utils import timezone

from anrong.core.models import Region

from .models import Alert, PushSubscription

BANNER_CACHE_KEY = "alerts:banner:v1"
BANNER_CACHE_SECONDS = 60
FEED_DAYS = 7


def live_alerts() -> QuerySet[Alert]:
    """Current messages the public should see: not replaced, not cancelled, not expired, not a
    system test."""
    return (Alert.objects.filter(superseded_at__isnull=True, expires__gt=timezone.now())
            .exclude(msg_type=Alert.MsgType.CANCEL).exclude(status=Alert.Status.TEST)
            .select_related("agency").prefetch_related("kecamatan").order_by("-sent", "-pk"))


def _banner_rows() -> list[dict[str, Any]]:
    rows = cache.get(BANNER_CACHE_KEY)
    if rows is None:
        rows = [{
            "root": alert.original_id or alert.pk,
            "pk": alert.pk, "event": alert.event, "severity": alert.severity,
            "status": alert.status, "msg_type": alert.msg_type,
            "headline": alert.headline, "headline_en": alert.headline_en,
            "instruction": alert.instruction, "instruction_en": alert.instruction_en,
            "area_desc": alert.area_desc, "city_wide": alert.city_wide,
            "kecamatan": sorted(region.code for region in alert.kecamatan.all()),
            "expires": alert.expires,
        } for alert in live_alerts()[:20]]
        cache.set(BANNER_CACHE_KEY, rows, BANNER_CACHE_SECONDS)
    return list(rows)


def forget_banner() -> None:
    """Called after an alert is issued, updated or cancelled (on commit)."""
    cache.delete(BANNER_CACHE_KEY)


def banner_alerts(viewer_kecamatan: Any = None) -> list[dict[str, Any]]:
    """The live alerts for the banner, most severe first. `viewer_kecamatan` is the set of
    kecamatan codes the viewer is in or chose (a callable returning it is asked only when some
    alert is not city-wide): city-wide alerts and those of these kecamatan. When the viewer's
    kecamatan is unknown, every live alert (a warning shown to someone it does not concern
    costs less than one missed)."""
    now = timezone.now()
    rows = [row for row in _banner_rows() if row["expires"] > now]
    if not rows:
        return []
    if callable(viewer_kecamatan):
        viewer_kecamatan = (viewer_kecamatan() if any(not row["city_wide"] for row in rows)
                            else None)
    if viewer_kecamatan:
        mine = set(viewer_kecamatan)
        rows = [row for row in rows if row["city_wide"] or mine & set(row["kecamatan"])]
    order = {"Extreme": 0, "Severe": 1, "Moderate": 2, "Minor": 3, "Unknown": 4}
    return sorted(rows, key=lambda row: order.get(row["severity"], 5))


def feed_alerts(*, now: dt.datetime | None = None) -> list[Alert]:
    """The Atom index: every message of the last FEED_DAYS days and every live one."""
    now = now or timezone.now()
    return list(Alert.objects.filter(
        Q(sent__gte=now - dt.timedelta(days=FEED_DAYS))
        | Q(superseded_at__isnull=True, expires__gt=now)).exclude(status=Alert.Status.TEST)
        .select_related("agency").order_by("-sent", "-pk")[:500])


def cap_message(pk: int) -> Alert | None:
    return (Alert.objects.filter(pk=pk).select_related("agency")
            .prefetch_related("kecamatan").first())


def chain(root_pk: int) -> list[Alert]:
    """An alert and its updates and cancellation, newest first."""
    return list(Alert.objects.filter(Q(pk=root_pk) | Q(original_id=root_pk))
                .select_related("agency").prefetch_related("kecamatan").order_by("-pk"))


def latest_of_chain(root_pk: int) -> Alert | None:
    messages = chain(root_pk)
    return messages[0] if messages else None


def recent_chains(limit: int = 50) -> list[Alert]:
    """The console's list: the latest message of each recent chain."""
    latest = (Alert.objects.filter(superseded_at__isnull=True).select_related("agency")
              .prefetch_related("kecamatan").order_by("-sent", "-pk")[:limit])
    return list(latest)


def subscriptions_for(alert: Alert) -> QuerySet[PushSubscription]:
    """Subscribers the alert concerns: everyone for a city-wide alert; otherwise those who chose
    the whole city or one of its kecamatan."""
    if alert.city_wide:
        return PushSubscription.objects.order_by("pk")
    codes = list(alert.kecamatan.values_list("code", flat=True))
    ids = PushSubscription.objects.filter(
        Q(whole_city=True) | Q(kecamatan__code__in=codes)).values("pk")
    return PushSubscription.objects.filter(pk__in=ids).order_by("pk")


def kecamatan_choices() -> list[Region]:
    return list(Region.objects.filter(level=Region.Level.KECAMATAN, parent_id="73.71")
                .order_by("name"))


def kecamatan_of_user(user: Any) -> str | None:
    """The kecamatan of a signed-in citizen's profile, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    from anrong.accounts.models import CitizenProfile

    kelurahan = (CitizenProfile.objects.filter(user_id=user.pk)
                 .values_list("kelurahan__parent_id", flat=True).first())
    return kelurahan or None
