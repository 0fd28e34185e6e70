"""Every write of the emergency alerts: issue, update, cancel; subscribe and unsubscribe a
browser; deliver an alert by web push (run by the task). Keyword-only, one transaction each,
audit and outbox events written with the change; refusals raise AlertError with a message for
the operator, and nothing is written."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from shapely.geometry import Polygon, shape

from anrong.core.audit import record_audit
from anrong.core.models import Region, RegionBoundary
from anrong.core.outbox import emit

from . import permissions, queries
from .errors import AlertError, AlertPermissionError
from .models import Alert, PushDelivery, PushSubscription
from .push import PushFailed, PushGone, PushTarget, adapter

HEADLINE_MAX = 160
DESCRIPTION_MAX = 4000
INSTRUCTION_MAX = 2000
MAX_ATTEMPTS = 5
SENDING_LEASE = dt.timedelta(minutes=5)
BATCH = 500

__all__ = ["issue_alert", "update_alert", "cancel_alert", "subscribe_push", "unsubscribe_push",
           "deliver_push", "parse_polygon"]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise AlertPermissionError(message)


def _field_error(field: str, message: str) -> AlertError:
    return AlertError(message, errors={field: message})


def _text(value: Any, *, field: str, required: bool, maximum: int, minimum: int = 0) -> str:
    text = str(value or "").strip()
    if required and not text:
        return _raise(field, _("Bagian ini wajib diisi."))
    if text and len(text) < minimum:
        return _raise(field, _("Terlalu pendek: tulis paling sedikit %(n)s huruf.") % {"n": minimum})
    if len(text) > maximum:
        return _raise(field, _("Terlalu panjang: paling banyak %(n)s huruf.") % {"n": maximum})
    return text


def _raise(field: str, message: str) -> str:
    raise _field_error(field, message)


def _choice(value: Any, choices: Any, field: str) -> str:
    if value not in choices.values:
        _raise(field, _("Pilih salah satu pilihan yang tersedia."))
    return str(value)


def parse_polygon(value: Any) -> list[list[float]]:
    """CAP's "lat,lng lat,lng …" (or a list of pairs) as a closed ring of [lat, lng]; [] for
    nothing. Refused: fewer than three corners, numbers that are not coordinates, a ring that
    crosses itself."""
    if value in (None, "", []):
        return []
    try:
        if isinstance(value, str):
            points = [[float(part) for part in pair.split(",")] for pair in value.split()]
        else:
            points = [[float(lat), float(lng)] for lat, lng in value]
        if any(len(point) != 2 for point in points):
            raise ValueError(value)
    except (TypeError, ValueError):
        _raise("polygon", _("Poligon tidak terbaca. Tulis titik sudut sebagai \"lintang,bujur\" "
                            "dipisah spasi, misalnya \"-5.13,119.41 -5.14,119.42 -5.15,119.40\"."))
    if any(not all(math.isfinite(v) for v in point) for point in points) or any(
            not (-90 <= lat <= 90 and -180 <= lng <= 180) for lat, lng in points):
        _raise("polygon", _("Ada titik poligon di luar rentang lintang dan bujur."))
    if points and points[0] != points[-1]:
        points.append(list(points[0]))
    if len({tuple(point) for point in points}) < 3:
        _raise("polygon", _("Poligon perlu paling sedikit tiga titik sudut yang berbeda."))
    if not Polygon([(lng, lat) for lat, lng in points]).is_valid:
        _raise("polygon", _("Garis poligon saling memotong. Urutkan titik sudut mengelilingi area."))
    return [[round(lat, 6), round(lng, 6)] for lat, lng in points]


def _kecamatan_touched(points: list[list[float]]) -> list[str]:
    ring = Polygon([(lng, lat) for lat, lng in points])
    touched = []
    for code, geometry in RegionBoundary.objects.filter(
            region__level=Region.Level.KECAMATAN, region__parent_id="73.71").values_list(
            "region_id", "geometry"):
        if shape(geometry).intersects(ring):
            touched.append(code)
    return touched


def _expires(value: Any, now: dt.datetime) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        _raise("expires", _("Isi kapan peringatan berakhir."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value <= now:
        _raise("expires", _("Waktu berakhir harus di masa depan."))
    limit = int(getattr(settings, "ALERTS_MAX_HOURS", 168))
    if value > now + dt.timedelta(hours=limit):
        _raise("expires", _("Peringatan paling lama berlaku %(n)s jam; terbitkan pembaruan bila "
                            "masih perlu.") % {"n": limit})
    return value.replace(microsecond=0)


def _content(fields: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    """Check the parts an alert and its update share; returns them cleaned, plus the
    affected kecamatan codes."""
    cleaned: dict[str, Any] = {
        "event": _choice(fields.get("event"), Alert.Event, "event"),
        "urgency": _choice(fields.get("urgency"), Alert.Urgency, "urgency"),
        "severity": _choice(fields.get("severity"), Alert.Severity, "severity"),
        "certainty": _choice(fields.get("certainty"), Alert.Certainty, "certainty"),
        "headline": _text(fields.get("headline"), field="headline", required=True,
                          minimum=10, maximum=HEADLINE_MAX),
        "description": _text(fields.get("description"), field="description", required=True,
                             minimum=20, maximum=DESCRIPTION_MAX),
        "instruction": _text(fields.get("instruction"), field="instruction", required=False,
                             maximum=INSTRUCTION_MAX),
        "headline_en": _text(fields.get("headline_en"), field="headline_en", required=False,
                             maximum=HEADLINE_MAX),
        "description_en": _text(fields.get("description_en"), field="description_en",
                                required=False, maximum=DESCRIPTION_MAX),
        "instruction_en": _text(fields.get("instruction_en"), field="instruction_en",
                                required=False, maximum=INSTRUCTION_MAX),
        "expires": _expires(fields.get("expires"), now),
        "city_wide": bool(fields.get("city_wide")),
    }
    if (cleaned["description_en"] or cleaned["instruction_en"]) and not cleaned["headline_en"]:
        _raise("headline_en", _("Isi judul bahasa Inggris, atau kosongkan semua isian bahasa "
                                "Inggris."))
    if cleaned["headline_en"] and not cleaned["description_en"]:
        _raise("description_en", _("Isi uraian bahasa Inggris juga."))
    polygon = parse_polygon(fields.get("polygon"))
    codes = sorted(set(fields.get("kecamatan_codes") or ()))
    known = set(Region.objects.filter(level=Region.Level.KECAMATAN, parent_id="73.71",
                                      code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        _raise("kecamatan", _("Ada kecamatan yang tidak dikenal. Pilih dari daftar."))
    if polygon:
        touched = _kecamatan_touched(polygon)
        if not touched:
            _raise("polygon", _("Poligon ini di luar Kota Makassar. Gambar area di wilayah kota."))
        codes = sorted(set(codes) | set(touched))
    if not (cleaned["city_wide"] or codes):
        _raise("kecamatan", _("Pilih kecamatan yang terdampak, gambar poligonnya, atau pilih "
                              "seluruh kota."))
    area = _text(fields.get("area_desc"), field="area_desc", required=False, maximum=300)
    if not area:
        if cleaned["city_wide"]:
            area = _("Seluruh Kota Makassar")
        else:
            names = list(Region.objects.filter(code__in=codes).order_by("name")
                         .values_list("name", flat=True))
            area = (_("Kecamatan %(names)s") % {"names": ", ".join(names)})[:300]
    cleaned.update(polygon=polygon, area_desc=area)
    cleaned["kecamatan_codes"] = [] if cleaned["city_wide"] else codes
    return cleaned


def _sender() -> str:
    return str(getattr(settings, "ALERTS_CAP_SENDER", "peringatan@makassarkota.go.id"))


def _payload(alert: Alert) -> dict[str, Any]:
    return {"id": alert.pk, "identifier": alert.identifier, "msg_type": alert.msg_type,
            "status": alert.status, "event": alert.event, "severity": alert.severity,
            "urgency": alert.urgency, "agency": alert.agency.code, "headline": alert.headline,
            "city_wide": alert.city_wide, "expires": alert.expires,
            "kecamatan": sorted(r.code for r in alert.kecamatan.all()),
            "original": alert.original_id}


def _after_commit(alert: Alert) -> None:
    from .tasks import deliver_alert_push

    transaction.on_commit(queries.forget_banner)
    if alert.status != Alert.Status.TEST:
        from anrong.core.tasks import enqueue_transactionally

        enqueue_transactionally(deliver_alert_push, alert.pk)


def _save(alert: Alert, kecamatan_codes: Sequence[str]) -> Alert:
    alert.save()
    if kecamatan_codes:
        alert.kecamatan.set(Region.objects.filter(code__in=kecamatan_codes))
    return alert


def issue_alert(*, actor: Any, event: str, urgency: str, severity: str, certainty: str,
                headline: str, description: str, expires: dt.datetime, instruction: str = "",
                kecamatan_codes: Iterable[str] = (), city_wide: bool = False,
                polygon: Any = None, area_desc: str = "", status: str = Alert.Status.ACTUAL,
                agency_code: str | None = None, headline_en: str = "",
                description_en: str = "", instruction_en: str = "") -> Alert:
    """Issue a new alert (CAP msgType Alert) in the name of one of the actor's agencies. It
    shows in the banner at once and goes to the subscribers of its area by web push."""
    agencies = permissions.issuing_agencies(actor)
    _require(bool(agencies), _("Hanya operator Diskominfo dan petugas BPBD atau Diskominfo yang "
                               "dapat menerbitkan peringatan."))
    agency = next((a for a in agencies if a.code == agency_code), None) if agency_code \
        else agencies[0]
    _require(agency is not None, _("Anda tidak dapat menerbitkan peringatan atas nama instansi "
                                   "itu."))
    now = timezone.now().replace(microsecond=0)
    status = _choice(status, Alert.Status, "status")
    cleaned = _content({"event": event, "urgency": urgency, "severity": severity,
                        "certainty": certainty, "headline": headline,
                        "description": description, "instruction": instruction,
                        "headline_en": headline_en, "description_en": description_en,
                        "instruction_en": instruction_en, "expires": expires,
                        "city_wide": city_wide, "polygon": polygon,
                        "kecamatan_codes": list(kecamatan_codes), "area_desc": area_desc}, now)
    codes = cleaned.pop("kecamatan_codes")
    with transaction.atomic():
        alert = _save(Alert(sender=_sender(), sent=now, status=status,
                            msg_type=Alert.MsgType.ALERT, agency=agency, issued_by=actor,
                            **cleaned), codes)
        record_audit(actor=actor, action="alerts.alert_issued", target=alert,
                     details={"identifier": alert.identifier, "status": status})
        emit("alert.issued", _payload(alert), aggregate=alert)
        _after_commit(alert)
    return alert


def _lock_live(actor: Any, alert: Alert) -> Alert:
    current = Alert.objects.select_for_update().select_related("agency").get(pk=alert.pk)
    _require(permissions.can_change_alert(actor, current),
             _("Peringatan ini sudah diperbarui, dibatalkan atau berakhir, atau bukan wewenang "
               "Anda. Buka versi terbarunya."))
    return current


def update_alert(*, actor: Any, alert: Alert, event: str, urgency: str, severity: str,
                 certainty: str, headline: str, description: str, expires: dt.datetime,
                 instruction: str = "", kecamatan_codes: Iterable[str] = (),
                 city_wide: bool = False, polygon: Any = None, area_desc: str = "",
                 headline_en: str = "", description_en: str = "",
                 instruction_en: str = "") -> Alert:
    """Replace a live alert with a new message (CAP msgType Update) that references every
    earlier message of its chain."""
    _require(permissions.can_change_alert(actor, alert),
             _("Peringatan ini sudah diperbarui, dibatalkan atau berakhir, atau bukan wewenang "
               "Anda. Buka versi terbarunya."))
    now = timezone.now().replace(microsecond=0)
    cleaned = _content({"event": event, "urgency": urgency, "severity": severity,
                        "certainty": certainty, "headline": headline,
                        "description": description, "instruction": instruction,
                        "headline_en": headline_en, "description_en": description_en,
                        "instruction_en": instruction_en, "expires": expires,
                        "city_wide": city_wide, "polygon": polygon,
                        "kecamatan_codes": list(kecamatan_codes), "area_desc": area_desc}, now)
    codes = cleaned.pop("kecamatan_codes")
    with transaction.atomic():
        current = _lock_live(actor, alert)
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
        update = _save(Alert(sender=_sender(), sent=max(now, current.sent), status=current.status,
                             msg_type=Alert.MsgType.UPDATE, agency=current.agency,
                             issued_by=actor, original=current.chain_root, replaces=current,
                             **cleaned), codes)
        record_audit(actor=actor, action="alerts.alert_updated", target=update,
                     details={"identifier": update.identifier, "replaces": current.identifier})
        emit("alert.updated", _payload(update), aggregate=update)
        _after_commit(update)
    return update


def cancel_alert(*, actor: Any, alert: Alert, reason: str) -> Alert:
    """End a live alert early (CAP msgType Cancel, referencing its chain). Subscribers who got
    it are told it is over."""
    _require(permissions.can_change_alert(actor, alert),
             _("Peringatan ini sudah diperbarui, dibatalkan atau berakhir, atau bukan wewenang "
               "Anda. Buka versi terbarunya."))
    note = _text(reason, field="reason", required=True, minimum=5, maximum=300)
    now = timezone.now().replace(microsecond=0)
    with transaction.atomic():
        current = _lock_live(actor, alert)
        current.superseded_at = now
        current.save(update_fields=["superseded_at"])
        codes = list(current.kecamatan.values_list("code", flat=True))
        cancel = _save(Alert(
            sender=_sender(), sent=max(now, current.sent), status=current.status,
            msg_type=Alert.MsgType.CANCEL, agency=current.agency, issued_by=actor,
            original=current.chain_root, replaces=current, event=current.event,
            urgency=Alert.Urgency.PAST, severity=Alert.Severity.MINOR,
            certainty=Alert.Certainty.OBSERVED,
            headline=(_("Dibatalkan: %(headline)s") % {"headline": current.headline})[:160],
            description=note, instruction="",
            headline_en=(f"Cancelled: {current.headline_en}"[:160]
                         if current.headline_en else ""),
            description_en=note if current.headline_en else "",
            area_desc=current.area_desc, city_wide=current.city_wide, polygon=current.polygon,
            expires=max(current.expires, now + dt.timedelta(hours=1)), note=note), codes)
        record_audit(actor=actor, action="alerts.alert_cancelled", target=cancel,
                     details={"identifier": cancel.identifier, "cancels": current.identifier})
        emit("alert.cancelled", _payload(cancel), aggregate=cancel)
        _after_commit(cancel)
    return cancel


# --- web push subscriptions -----------------------------------------------------------------


def sender_hash(ip: str | None) -> str:
    if not ip:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), f"alerts:{ip}".encode(),
                    hashlib.sha256).hexdigest()


def _b64_length(value: str) -> int:
    try:
        return len(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)))
    except (ValueError, TypeError):
        return -1


def subscribe_push(*, user: Any, endpoint: str, p256dh: str, auth: str,
                   kecamatan_codes: Iterable[str] = (), whole_city: bool = False,
                   sender_ip: str | None = None) -> PushSubscription:
    """Save (or change the area of) a browser's push subscription. The same endpoint again
    updates the one row."""
    endpoint = str(endpoint or "").strip()
    if not endpoint.startswith("https://") or len(endpoint) > 1000:
        _raise("endpoint", _("Browser ini tidak memberi alamat notifikasi yang sah."))
    p256dh, auth = str(p256dh or "").strip(), str(auth or "").strip()
    if _b64_length(p256dh) != 65 or _b64_length(auth) != 16:
        _raise("keys", _("Kunci notifikasi dari browser ini tidak sah. Coba aktifkan lagi."))
    codes = sorted(set(kecamatan_codes))
    known = list(Region.objects.filter(level=Region.Level.KECAMATAN, parent_id="73.71",
                                       code__in=codes))
    if len(known) != len(codes):
        _raise("kecamatan", _("Ada kecamatan yang tidak dikenal. Pilih dari daftar."))
    if not (whole_city or known):
        _raise("kecamatan", _("Pilih paling sedikit satu kecamatan, atau seluruh kota."))
    sender = sender_hash(sender_ip)
    user = user if getattr(user, "is_authenticated", False) else None
    with transaction.atomic():
        existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
        if existing is None and sender:
            limit = int(getattr(settings, "ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS_HOUR", 30))
            recent = PushSubscription.objects.filter(
                sender_hash=sender, created_at__gte=timezone.now() - dt.timedelta(hours=1))
            if recent.count() >= limit:
                raise AlertError(_("Terlalu banyak pendaftaran notifikasi dari jaringan ini "
                                   "dalam satu jam terakhir. Coba lagi nanti."))
        subscription = existing or PushSubscription(endpoint=endpoint, sender_hash=sender)
        subscription.p256dh, subscription.auth = p256dh, auth
        subscription.whole_city = bool(whole_city)
        subscription.user = user or subscription.user
        subscription.save()
        subscription.kecamatan.set(known)
        record_audit(actor=user, action="alerts.push_subscribed", target=subscription,
                     details={"whole_city": bool(whole_city), "kecamatan": codes})
    return subscription


def unsubscribe_push(*, endpoint: str) -> bool:
    with transaction.atomic():
        deleted, _rows = PushSubscription.objects.filter(endpoint=str(endpoint).strip()).delete()
        if deleted:
            record_audit(actor=None, action="alerts.push_unsubscribed",
                         target_type="alerts.pushsubscription")
    return bool(deleted)


# --- delivery (run by the task) ---------------------------------------------------------------


def push_message(alert: Alert) -> dict[str, Any]:
    prefix = {Alert.Status.EXERCISE: _("LATIHAN: ")}.get(alert.status, "")
    return {"title": prefix + alert.headline, "body": (alert.instruction or alert.description)[:240],
            "url": f"/peringatan/{alert.original_id or alert.pk}/", "tag": f"alert-{alert.original_id or alert.pk}",
            "severity": alert.severity, "msg_type": alert.msg_type}


def _claim(alert: Alert, subscription: PushSubscription, now: dt.datetime) -> PushDelivery | None:
    with transaction.atomic():
        delivery, created = PushDelivery.objects.select_for_update().get_or_create(
            alert=alert, subscription=subscription, defaults={"updated_at": now})
        if not created:
            if delivery.status in (PushDelivery.Status.SENT, PushDelivery.Status.GONE):
                return None
            if delivery.attempts >= MAX_ATTEMPTS:
                return None
            if delivery.status == PushDelivery.Status.SENDING and \
                    delivery.updated_at > now - SENDING_LEASE:
                return None  # another worker is on it
        delivery.status = PushDelivery.Status.SENDING
        delivery.attempts += 1
        delivery.updated_at = now
        delivery.save()
    return delivery


def deliver_push(alert_id: int) -> dict[str, int]:
    """Send the alert to every subscriber of its area who has not had it. Idempotent: what was
    sent is skipped; failures are recorded and tried again on the next run (up to MAX_ATTEMPTS);
    subscriptions the push service says are gone are deleted."""
    counts = {"sent": 0, "failed": 0, "gone": 0, "skipped": 0}
    alert = Alert.objects.select_related("agency").filter(pk=alert_id).first()
    if alert is None or alert.status == Alert.Status.TEST:
        return counts
    if alert.msg_type != Alert.MsgType.CANCEL and not alert.is_live:
        return counts  # replaced or expired before it could go out: the newer message will
    message = push_message(alert)
    sender = adapter()
    # The ids first: the loop deletes gone subscriptions, which must not disturb a live cursor.
    ids = list(queries.subscriptions_for(alert).values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        batch = PushSubscription.objects.filter(pk__in=ids[start:start + BATCH]).order_by("pk")
        for subscription in batch:
            counts[_deliver_one(alert, subscription, message, sender)] += 1
    return counts


def _deliver_one(alert: Alert, subscription: PushSubscription, message: dict[str, Any],
                 sender: Any) -> str:
    """Send to one subscriber; returns "sent", "failed", "gone" or "skipped"."""
    delivery = _claim(alert, subscription, timezone.now())
    if delivery is None:
        return "skipped"
    target = PushTarget(subscription.endpoint, subscription.p256dh, subscription.auth)
    try:
        sender.send(target, message)
    except PushGone:
        with transaction.atomic():
            PushDelivery.objects.filter(pk=delivery.pk).update(
                status=PushDelivery.Status.GONE, error="gone", updated_at=timezone.now())
            PushSubscription.objects.filter(pk=subscription.pk).delete()
        return "gone"
    except PushFailed as error:
        PushDelivery.objects.filter(pk=delivery.pk).update(
            status=PushDelivery.Status.FAILED, error=str(error)[:300], updated_at=timezone.now())
        return "failed"
    now = timezone.now()
    with transaction.atomic():
        PushDelivery.objects.filter(pk=delivery.pk).update(
            status=PushDelivery.Status.SENT, error="", updated_at=now)
        PushSubscription.objects.filter(pk=subscription.pk).update(last_success_at=now)
    return "sent"
