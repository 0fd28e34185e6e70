"""Reads of the staff console: an agency's queue of applications, one application with all its
parts for the officer's page, and the supervisor's overview. Each is built with a fixed number of
queries, whatever the number of applications (tests count them; bench/layanan.py measures them at
100,000 applications)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Lookup, Prefetch, Q, QuerySet
from django.utils import timezone

from anrong.agencies.models import Agency, Membership
from anrong.core.models import Region
from anrong.core.workdays import END_OF_DAY, WITA, is_working_day, next_working_day, to_wita

from ..models import Application, Document, Service, StatusChange
from ..tracking import normalise

Status = Application.Status

# "week": due within this many working days, today included.
DUE_SOON_WORKING_DAYS = 5
OVERVIEW_OVERDUE_LIMIT = 50
# The overview counts finished applications decided within this many days.
RECENT_DAYS = 30

# What a queue row carries: only what the list shows, read as plain values (no model instances).
_ROW_FIELDS = ("tracking_no", "status", "submitted_at", "due_at", "assignee_id")
_ROW_RELATED = {
    "service_name": F("service__name"),
    "kelurahan_name": F("kelurahan__name"),
    "assignee_display_name": F("assignee__display_name"),
    "assignee_email": F("assignee__email"),
}


class _InConstants(Lookup):
    """`status IN ('submitted', ...)` with the statuses written into the SQL rather than bound as
    parameters. SQLite decides whether a partial index applies when it prepares the statement,
    before parameters are bound, so with `?` it never used services_app_open_idx and sorted the
    agency's whole backlog (40 ms instead of 0.03 ms at 100,000 applications). PostgreSQL plans
    the same either way. Only our own status constants ever get here."""

    lookup_name = "in_constants"
    prepare_rhs = False

    def as_sql(self, compiler, connection):  # type: ignore[no-untyped-def]
        lhs, params = compiler.compile(self.lhs)
        if not all(re.fullmatch(r"[a-z_]+", value) for value in self.rhs):
            raise ValueError("only status constants may be written into SQL")
        values = ", ".join(f"'{value}'" for value in self.rhs)
        return f"{lhs} IN ({values})", params


def _status_in(statuses: tuple[str, ...]) -> _InConstants:
    return _InConstants(F("status"), tuple(statuses))


@dataclass(frozen=True)
class QueuePage:
    """One page of a queue. There is no total: counting every matching row of a large agency
    costs more than the page itself; one extra row fetched says whether a next page exists."""

    rows: list[dict[str, Any]]
    page: int
    per_page: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.per_page + 1


def _person_name(display_name: str | None, email: str | None, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return display_name or email or f"#{user_id}"


def _row(values: dict[str, Any], now: dt.datetime) -> dict[str, Any]:
    status = values["status"]
    return {
        "tracking_no": values["tracking_no"],
        "service_name": values["service_name"],
        "kelurahan_name": values["kelurahan_name"] or "",
        "status": status,
        "status_label": Status(status).label,
        "submitted_at": values["submitted_at"],
        "due_at": values["due_at"],
        "is_overdue": is_overdue(status, values["due_at"], now),
        "assignee_id": values["assignee_id"],
        "assignee_name": _person_name(values["assignee_display_name"], values["assignee_email"],
                                      values["assignee_id"]),
    }


def is_overdue(status: str, due_at: dt.datetime | None, now: dt.datetime) -> bool:
    """Past its deadline while the agency holds the work (not while the citizen corrects it)."""
    return due_at is not None and status in Application.AGENCY_STATUSES and due_at < now


def _end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, END_OF_DAY, tzinfo=WITA)


def due_soon_until(now: dt.datetime, days: int = DUE_SOON_WORKING_DAYS) -> dt.datetime:
    """The end of the `days`-th working day counting today (if today is one): the "due this week"
    horizon. Monday → end of Friday; Saturday → end of the next Friday."""
    day = to_wita(now).date()
    if not is_working_day(day):
        day = next_working_day(day)
    for _ in range(days - 1):
        day = next_working_day(day)
    return _end_of(day)


def _queue_queryset(agency: Agency, *, status: str | None, service: str | None, due: str | None,
                    kelurahan: str | None, assignee: str | int | None, viewer: Any,
                    now: dt.datetime) -> QuerySet[Application]:
    apps = Application.objects.filter(agency=agency)
    if status in (None, ""):
        apps = apps.filter(_status_in(Application.OPEN_STATUSES))
    elif status == "all":
        apps = apps.exclude(status=Status.DRAFT)
    elif status in Status.values and status != Status.DRAFT:
        apps = apps.filter(status=status)
    else:
        raise ValueError(f"unknown status filter {status!r}")

    if service:
        apps = apps.filter(service__code=service)

    if due:
        # Deadlines matter where the agency holds the work; the same statuses as `is_overdue`.
        apps = apps.filter(status__in=Application.AGENCY_STATUSES)
        if due == "overdue":
            apps = apps.filter(due_at__lt=now)
        elif due == "today":
            today = to_wita(now).date()
            apps = apps.filter(due_at__gte=max(now, _end_of(today - dt.timedelta(days=1))),
                               due_at__lte=_end_of(today))
        elif due == "week":
            apps = apps.filter(due_at__gte=now, due_at__lte=due_soon_until(now))
        else:
            raise ValueError(f"unknown due filter {due!r}")

    if kelurahan:
        if kelurahan.count(".") >= 3:  # a kelurahan: 73.71.01.1002
            apps = apps.filter(kelurahan_id=kelurahan)
        else:  # a kecamatan: 73.71.01 (its kelurahan codes extend it; no join needed)
            apps = apps.filter(kelurahan__code__startswith=f"{kelurahan}.")

    if assignee == "mine":
        apps = apps.filter(assignee_id=getattr(viewer, "pk", None) or 0)
    elif assignee == "unassigned":
        apps = apps.filter(assignee__isnull=True)
    elif assignee not in (None, ""):
        apps = apps.filter(assignee_id=int(assignee))
    return apps


def queue(agency: Agency, *, status: str | None = None, service: str | None = None,
          due: str | None = None, kelurahan: str | None = None, assignee: str | int | None = None,
          viewer: Any = None, page: int = 1, per_page: int = 25,
          now: dt.datetime | None = None) -> QueuePage:
    """One page of the agency's applications (never drafts), soonest deadline first.

    status: one of Application.Status (not draft), "all", or None for the open ones.
    service: a service code. due: "overdue", "today" or "week" (within 5 working days).
    kelurahan: a kelurahan code, or a kecamatan code for all its kelurahan.
    assignee: "mine" (the viewer), "unassigned", or a user id.
    One query: the page plus one row to know whether another page follows.
    """
    now = now or timezone.now()
    page = max(int(page), 1)
    apps = _queue_queryset(agency, status=status, service=service, due=due, kelurahan=kelurahan,
                           assignee=assignee, viewer=viewer, now=now)
    offset = (page - 1) * per_page
    values = list(apps.order_by("due_at", "submitted_at", "id")
                  .values(*_ROW_FIELDS, **_ROW_RELATED)[offset:offset + per_page + 1])
    return QueuePage(rows=[_row(v, now) for v in values[:per_page]], page=page,
                     per_page=per_page, has_next=len(values) > per_page)


def officers_of(agency: Agency) -> list[dict[str, Any]]:
    """The agency's active members (officers, supervisors, admins) as {id, name, role}: whom work
    can be given to. One query."""
    members = (Membership.objects.filter(agency=agency, is_active=True, user__is_active=True)
               .order_by("user__display_name", "user__email", "user_id")
               .values("user_id", "role", "user__display_name", "user__email"))
    return [{"id": m["user_id"], "role": m["role"],
             "role_label": Membership.Role(m["role"]).label,
             "name": _person_name(m["user__display_name"], m["user__email"], m["user_id"])}
            for m in members]


def queue_filters(agency: Agency) -> dict[str, Any]:
    """The choices of the queue's filter form: the agency's services, Makassar's kecamatan with
    their kelurahan, and the agency's officers. Three queries."""
    services = list(Service.objects.filter(agency=agency).order_by("name").values("code", "name"))
    kecamatan: dict[str, dict[str, Any]] = {}
    kelurahan_rows = (Region.objects.filter(level=Region.Level.KELURAHAN, code__startswith="73.71.")
                      .order_by().values("code", "name", "parent_id", "parent__name"))
    # 153 rows: sorted here, the database need not sort a join for them.
    for row in sorted(kelurahan_rows, key=lambda r: (r["parent__name"], r["name"])):
        group = kecamatan.setdefault(row["parent_id"], {"code": row["parent_id"],
                                                        "name": row["parent__name"],
                                                        "kelurahan": []})
        group["kelurahan"].append({"code": row["code"], "name": row["name"]})
    return {"services": services, "kecamatan": list(kecamatan.values()),
            "officers": officers_of(agency)}


def application_for_staff(tracking_no: str) -> Application | None:
    """One application with everything the officer's page shows, in three queries: the
    application with its service, agency, form, citizen and profile, kelurahan (and kecamatan) and
    assignee; its timeline with who did each step; its documents."""
    return (
        Application.objects
        .select_related("service", "agency", "form_version", "citizen",
                        "citizen__citizen_profile", "kelurahan__parent", "assignee")
        .prefetch_related(
            Prefetch("status_changes", queryset=StatusChange.objects.select_related("by")),
            Prefetch("documents", queryset=Document.objects.order_by("kind", "created_at", "id")),
        )
        .filter(tracking_no=normalise(tracking_no))
        .first()
    )


@dataclass
class Overview:
    """What a supervisor watches: how much work is where, what is late, who carries what."""

    counts: list[dict[str, Any]]            # open statuses, then final ones of RECENT_DAYS:
                                            # {status, label, count, recent}
    overdue: list[dict[str, Any]]           # queue rows, most overdue first (limited)
    overdue_total: int
    load: list[dict[str, Any]]              # per person: {id, name, role_label, open, overdue, member}
    unassigned: int
    unassigned_overdue: int
    open_total: int = field(default=0)


def overview(agency: Agency, now: dt.datetime | None = None,
             overdue_limit: int = OVERVIEW_OVERDUE_LIMIT) -> Overview:
    """Counts by status (open ones; completed and rejected of the last RECENT_DAYS), the overdue
    applications, and the open work of every active member (including those with none), plus
    people no longer members who still hold open work. Five queries (a sixth names those people,
    when there are any). Counts and load read only index ranges of open and recently decided
    work (services_app_open_idx, services_app_decided_idx): they cost the backlog, not the
    history."""
    now = now or timezone.now()
    apps = Application.objects.filter(agency=agency)
    # The backlog exactly; finished work over a recent window (the history only grows).
    by_status = dict(apps.filter(_status_in(Application.OPEN_STATUSES)).order_by()
                     .values_list("status").annotate(n=Count("id")))
    by_status.update(apps.filter(status__in=Application.FINAL_STATUSES,
                                 decided_at__gte=now - dt.timedelta(days=RECENT_DAYS)).order_by()
                     .values_list("status").annotate(n=Count("id")))
    counts = [{"status": s, "label": Status(s).label, "count": by_status.get(s, 0),
               "recent": s in Application.FINAL_STATUSES}
              for s in (*Application.OPEN_STATUSES, *Application.FINAL_STATUSES)]

    overdue_q = Q(status__in=Application.AGENCY_STATUSES, due_at__lt=now)
    overdue_rows = list(apps.filter(_status_in(Application.OPEN_STATUSES)).filter(overdue_q)
                        .order_by("due_at", "submitted_at", "id")
                        .values(*_ROW_FIELDS, **_ROW_RELATED)[:overdue_limit])

    # Grouped on the id alone: joining the users first would join every open row.
    per_assignee = {
        row["assignee_id"]: row
        for row in apps.filter(_status_in(Application.OPEN_STATUSES)).order_by()
        .values("assignee_id").annotate(open=Count("id"), overdue=Count("id", filter=overdue_q))
    }
    load = []
    for officer in officers_of(agency):
        held = per_assignee.pop(officer["id"], {})
        load.append({**officer, "open": held.get("open", 0), "overdue": held.get("overdue", 0),
                     "member": True})
    unassigned = per_assignee.pop(None, {})
    # Work still held by someone who left the agency: the supervisor must give it to someone.
    if per_assignee:
        names = {u["id"]: _person_name(u["display_name"], u["email"], u["id"])
                 for u in get_user_model().objects.filter(pk__in=per_assignee)
                 .values("id", "display_name", "email")}
        for user_id, held in sorted(per_assignee.items()):
            load.append({"id": user_id, "role": "", "role_label": "", "name": names[user_id],
                         "open": held["open"], "overdue": held["overdue"], "member": False})
    overdue_total = sum(row["overdue"] for row in load) + unassigned.get("overdue", 0)
    return Overview(
        counts=counts,
        overdue=[_row(v, now) for v in overdue_rows],
        overdue_total=overdue_total,
        load=load,
        unassigned=unassigned.get("open", 0),
        unassigned_overdue=unassigned.get("overdue", 0),
        open_total=sum(by_status.get(s, 0) for s in Application.OPEN_STATUSES),
    )
