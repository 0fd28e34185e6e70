"""Reads of Lapor, shared by the pages, the JSON API, Open311 and the war room. Public reads
never touch who made a report: they select only public columns."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from . import permissions
from .models import Report, ReportFollower, ReportUpdate

Status = Report.Status
PUBLIC_FIELDS = ("id", "tracking_no", "category", "status", "lat", "lng", "created_at",
                 "updated_at", "address", "description", "note", "agency_id", "kelurahan_id",
                 "kecamatan_id", "is_public", "merged_into_id", "due_at", "first_response_at",
                 "resolved_at", "confirmed_at", "closed_at", "version")
DUPLICATE_RADIUS_M = 150
DUPLICATE_DAYS = 30
MAP_LIMIT = 500


def _status_filter(status: str | None) -> Q:
    if not status:
        return Q()
    if status == "open":
        return Q(status__in=Report.OPEN_STATUSES)
    if status == "closed":
        return Q(status__in=Report.CLOSED_STATUSES)
    values = [s for s in str(status).split(",") if s in Status.values]
    return Q(status__in=values) if values else Q(pk__in=[])


def _filtered(found: QuerySet[Report], *, category: str | None, status: str | None,
              kecamatan: str | None, since: dt.datetime | dt.date | None,
              until: dt.datetime | dt.date | None) -> QuerySet[Report]:
    """The public list's filters, shared by the list, the map and Open311."""
    found = found.filter(_status_filter(status))
    if category:
        found = found.filter(category__in=str(category).split(","))
    if kecamatan:
        found = found.filter(kecamatan_id=kecamatan)
    if since:
        found = found.filter(created_at__gte=_start(since))
    if until:
        found = found.filter(created_at__lt=_end(until))
    return found


def public_reports(*, category: str | None = None, status: str | None = None,
                   kecamatan: str | None = None, since: dt.datetime | dt.date | None = None,
                   until: dt.datetime | dt.date | None = None) -> QuerySet[Report]:
    """Public reports, newest first, with their agency and places; `since`/`until` are
    inclusive (a date means the whole day in WITA)."""
    found = _filtered(Report.objects.filter(is_public=True), category=category, status=status,
                      kecamatan=kecamatan, since=since, until=until)
    return (found.select_related("agency", "kelurahan", "kecamatan").only(
        *PUBLIC_FIELDS, "agency__code", "agency__name", "agency__short_name",
        "kelurahan__name", "kecamatan__name").order_by("-created_at", "-id"))


def _start(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def _end(value: dt.datetime | dt.date) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    return timezone.make_aware(dt.datetime.combine(value + dt.timedelta(days=1), dt.time.min))


def map_points(*, south: float, west: float, north: float, east: float,
               category: str | None = None, status: str | None = None,
               kecamatan: str | None = None, since: dt.datetime | dt.date | None = None,
               until: dt.datetime | dt.date | None = None,
               limit: int = MAP_LIMIT) -> dict[str, Any]:
    """Public reports inside a viewport, newest first, at most `limit` (the map shows how many
    more there are and asks to zoom in), with the list's filters. Only what a marker needs."""
    south, north = sorted((float(south), float(north)))
    west, east = sorted((float(west), float(east)))
    found = _filtered(Report.objects.filter(is_public=True, lat__gte=south, lat__lte=north,
                                            lng__gte=west, lng__lte=east),
                      category=category, status=status, kecamatan=kecamatan, since=since,
                      until=until)
    rows = list(found.order_by("-created_at", "-id").values(
        "tracking_no", "lat", "lng", "category", "status", "created_at")[:limit + 1])
    truncated = len(rows) > limit
    rows = rows[:limit]
    return {"count": found.count() if truncated else len(rows), "truncated": truncated,
            "points": rows}


def visible_report(user: Any, tracking_no: str) -> Report | None:
    """The report if `user` may see it, else None (answered 404 either way)."""
    report = (Report.objects.select_related("agency", "verifier", "kelurahan", "kecamatan",
                                            "merged_into")
              .filter(tracking_no=str(tracking_no).strip().upper()).first())
    if report is None or not permissions.can_view_report(user, report):
        return None
    return report


def timeline(report: Report, *, internal: bool) -> list[ReportUpdate]:
    updates = report.updates.select_related("agency", "by")
    if not internal:
        updates = updates.filter(public=True)
    return list(updates)


def _box(lat: float, lng: float, metres: float) -> tuple[float, float, float, float]:
    dlat = metres / 111_320
    dlng = metres / (111_320 * max(math.cos(math.radians(lat)), 0.01))
    return lat - dlat, lat + dlat, lng - dlng, lng + dlng


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2)
    return 2 * 6_371_000 * math.asin(math.sqrt(h))


def likely_duplicates(report: Report, *, limit: int = 5) -> list[Report]:
    """Open reports of the same category within 150 m, made in the 30 days before or after
    this one, nearest first: the same broken light reported twice."""
    south, north, west, east = _box(report.lat, report.lng, DUPLICATE_RADIUS_M)
    window = dt.timedelta(days=DUPLICATE_DAYS)
    near = (Report.objects.filter(category=report.category, lat__gte=south, lat__lte=north,
                                  lng__gte=west, lng__lte=east,
                                  status__in=Report.OPEN_STATUSES + (Status.RESOLVED,),
                                  created_at__gte=report.created_at - window,
                                  created_at__lte=report.created_at + window)
            .exclude(pk=report.pk).select_related("agency", "kelurahan", "kecamatan")[:50])
    scored = [(distance_m((report.lat, report.lng), (r.lat, r.lng)), r) for r in near]
    return [r for d, r in sorted(scored, key=lambda pair: pair[0])
            if d <= DUPLICATE_RADIUS_M][:limit]


def agency_queue(agency: Any, *, status: str | None = None,
                 verifying: bool = False) -> QuerySet[Report]:
    """The agency's reports (or, `verifying`, those it may verify as the kecamatan office),
    unanswered-and-oldest first for open work, newest first otherwise."""
    found = Report.objects.filter(verifier=agency) if verifying else Report.objects.filter(agency=agency)
    if verifying and not status:
        status = Status.RECEIVED
    found = found.filter(_status_filter(status) if status else Q(status__in=Report.OPEN_STATUSES))
    found = found.select_related("agency", "kelurahan", "kecamatan")
    if not status or status in Report.OPEN_STATUSES or status == "open":
        return found.order_by("due_at", "id")
    return found.order_by("-updated_at", "-id")


def agency_counts(*, agencies: Any = None, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """Per agency with any report: how many in each status, how many are overdue (open, no first
    response, past due) and how many were escalated. One grouped query."""
    from anrong.agencies.models import Agency

    now = now or timezone.now()
    found = Report.objects.all()
    if agencies is not None:
        found = found.filter(agency__in=agencies)
    rows = found.values("agency_id").annotate(
        total=Count("id"),
        received=Count("id", filter=Q(status=Status.RECEIVED)),
        verified=Count("id", filter=Q(status=Status.VERIFIED)),
        in_progress=Count("id", filter=Q(status=Status.IN_PROGRESS)),
        resolved=Count("id", filter=Q(status=Status.RESOLVED)),
        rejected=Count("id", filter=Q(status=Status.REJECTED)),
        merged=Count("id", filter=Q(status=Status.MERGED)),
        overdue=Count("id", filter=Q(status__in=Report.OPEN_STATUSES, due_at__lt=now,
                                     first_response_at__isnull=True)),
        escalated=Count("id", filter=Q(status__in=Report.OPEN_STATUSES,
                                       escalated_at__isnull=False)),
    ).order_by()
    by_id = {a.pk: a for a in Agency.objects.filter(pk__in=[r["agency_id"] for r in rows])}
    result = [{**row, "agency": by_id[row["agency_id"]]} for row in rows]
    return sorted(result, key=lambda r: (-r["overdue"], -(r["received"] + r["verified"]
                                                          + r["in_progress"]), r["agency"].code))


def is_following(user: Any, report: Report) -> bool:
    return bool(getattr(user, "is_authenticated", False)
                and ReportFollower.objects.filter(report=report, user=user).exists())


def followed_by(user: Any) -> QuerySet[Report]:
    """Reports the person follows that they did not make, newest first."""
    return (Report.objects.filter(followers__user=user).exclude(reporter=user)
            .select_related("agency", "kelurahan", "kecamatan").order_by("-created_at"))


def reported_by(user: Any) -> QuerySet[Report]:
    return (Report.objects.filter(reporter=user).select_related("agency", "kelurahan", "kecamatan")
            .order_by("-created_at"))
