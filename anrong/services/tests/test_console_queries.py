"""The staff console's reads: the queue and its filters, the officer's application, the
supervisor's overview. Clock fixed at Wednesday 18 November 2026, 10.00 WITA."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anrong.agencies import actions as agency_actions
from anrong.agencies.models import Agency
from anrong.core.workdays import WITA
from anrong.services import queries
from anrong.services.models import Application, Document, Service, StatusChange
from anrong.services.queries.console import _queue_queryset, due_soon_until
from anrong.services.testing import make_application

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 10, 0, tzinfo=WITA)  # a Wednesday, no holiday that week


def end_of(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=WITA)


@pytest.fixture
def disdukcapil(personas):  # type: ignore[no-untyped-def]
    return Agency.objects.get(code="DISDUKCAPIL")


@pytest.fixture
def file(personas):  # type: ignore[no-untyped-def]
    """make one application: `file(due=..., status=..., ...)`, submitted a day before NOW and due
    on Friday 20 November unless told otherwise."""

    def make(*, service: str = "DKC-AKTA-LAHIR", status: str = "submitted",
             due: dt.datetime | None = None, assignee=None, kelurahan: str | None = None,  # type: ignore[no-untyped-def]
             citizen: str = "citizen", submitted_at: dt.datetime | None = None) -> Application:
        app = make_application(service=Service.objects.get(code=service),
                               citizen=personas[citizen], status=status,
                               assignee=personas[assignee] if assignee else None,
                               kelurahan=kelurahan, save=False,
                               submitted_at=submitted_at or NOW - dt.timedelta(days=1))
        if app.due_at is not None:
            app.due_at = due or end_of(dt.date(2026, 11, 20))
        app.save()
        return app

    return make


def numbers(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [row["tracking_no"] for row in page.rows]


def test_queue_shows_the_open_applications_soonest_deadline_first(disdukcapil, file):
    later = file(due=end_of(dt.date(2026, 11, 25)))
    sooner = file(due=end_of(dt.date(2026, 11, 19)), status="in_process")
    waiting = file(due=end_of(dt.date(2026, 11, 20)), status="needs_revision")
    file(status="completed")
    file(status="rejected")
    file(status="draft")
    file(service="DISHUB-UJI-KIR")  # another agency's

    page = queries.queue(disdukcapil, now=NOW)

    assert numbers(page) == [sooner.tracking_no, waiting.tracking_no, later.tracking_no]
    assert not page.has_next and not page.has_previous


def test_a_row_carries_what_the_list_shows(disdukcapil, file, personas):
    app = file(due=end_of(dt.date(2026, 11, 17)), assignee="officer", kelurahan="73.71.01.1002",
               status="verification")
    personas["officer"].display_name = "Andi Petugas"
    personas["officer"].save()

    [row] = queries.queue(disdukcapil, now=NOW).rows

    assert row["tracking_no"] == app.tracking_no
    assert row["service_name"] == "Akta kelahiran"
    assert row["kelurahan_name"] == "Mattoangin"
    assert (row["status"], str(row["status_label"])) == ("verification", "Verifikasi")
    assert row["submitted_at"] == app.submitted_at and row["due_at"] == app.due_at
    assert row["is_overdue"] is True
    assert row["assignee_name"] == "Andi Petugas"


@pytest.mark.parametrize(("status", "expected"), [
    ("submitted", {"submitted"}), ("needs_revision", {"needs_revision"}),
    ("completed", {"completed"}), ("all", {"submitted", "needs_revision", "completed", "rejected"}),
])
def test_filter_by_status(disdukcapil, file, status, expected):
    for value in ("submitted", "needs_revision", "completed", "rejected", "draft"):
        file(status=value)
    rows = queries.queue(disdukcapil, status=status, now=NOW).rows
    assert {row["status"] for row in rows} == expected


def test_unknown_status_or_due_filter_is_refused(disdukcapil):
    with pytest.raises(ValueError):
        queries.queue(disdukcapil, status="draft")
    with pytest.raises(ValueError):
        queries.queue(disdukcapil, due="someday")


def test_filter_by_service(disdukcapil, file):
    akta = file(service="DKC-AKTA-LAHIR")
    file(service="DKC-KIA")
    assert numbers(queries.queue(disdukcapil, service="DKC-AKTA-LAHIR", now=NOW)) == [akta.tracking_no]


def test_filter_overdue_only_counts_work_the_agency_holds(disdukcapil, file):
    yesterday = end_of(dt.date(2026, 11, 17))
    late = file(due=yesterday, status="in_process")
    file(due=yesterday, status="needs_revision")  # waiting for the citizen: not the agency's delay
    file(due=end_of(dt.date(2026, 11, 18)))
    page = queries.queue(disdukcapil, due="overdue", now=NOW)
    assert numbers(page) == [late.tracking_no]
    assert all(row["is_overdue"] for row in page.rows)


def test_filter_due_today_and_within_five_working_days(disdukcapil, file):
    today = file(due=end_of(dt.date(2026, 11, 18)))
    tuesday = file(due=end_of(dt.date(2026, 11, 24)))  # Wed, Thu, Fri, Mon, Tue: the 5th
    wednesday = file(due=end_of(dt.date(2026, 11, 25)))  # the 6th working day
    file(due=end_of(dt.date(2026, 11, 17)))  # overdue: neither today nor this week
    assert numbers(queries.queue(disdukcapil, due="today", now=NOW)) == [today.tracking_no]
    week = numbers(queries.queue(disdukcapil, due="week", now=NOW))
    assert week == [today.tracking_no, tuesday.tracking_no]
    assert wednesday.tracking_no not in week


def test_due_soon_horizon_skips_weekends_and_holidays():
    assert due_soon_until(NOW) == end_of(dt.date(2026, 11, 24))
    saturday = dt.datetime(2026, 11, 21, 9, 0, tzinfo=WITA)
    assert due_soon_until(saturday) == end_of(dt.date(2026, 11, 27))
    # Christmas (Friday 25 December 2026) is not a working day.
    before_christmas = dt.datetime(2026, 12, 21, 9, 0, tzinfo=WITA)
    assert due_soon_until(before_christmas) > end_of(dt.date(2026, 12, 25))


def test_filter_by_kelurahan_or_by_kecamatan(disdukcapil, file):
    mattoangin = file(kelurahan="73.71.01.1002")  # Mariso
    other_in_mariso = file(kelurahan="73.71.01.1001")
    elsewhere = file(kelurahan="73.71.02.1001")
    assert numbers(queries.queue(disdukcapil, kelurahan="73.71.01.1002", now=NOW)) == [
        mattoangin.tracking_no]
    in_mariso = set(numbers(queries.queue(disdukcapil, kelurahan="73.71.01", now=NOW)))
    assert in_mariso == {mattoangin.tracking_no, other_in_mariso.tracking_no}
    assert elsewhere.tracking_no not in in_mariso


def test_filter_by_assignee_mine_unassigned_or_someone(disdukcapil, file, personas):
    mine = file(assignee="officer", status="verification")
    theirs = file(assignee="other_officer", status="verification")
    nobody = file()
    officer = personas["officer"]
    assert numbers(queries.queue(disdukcapil, assignee="mine", viewer=officer, now=NOW)) == [
        mine.tracking_no]
    assert numbers(queries.queue(disdukcapil, assignee="unassigned", now=NOW)) == [
        nobody.tracking_no]
    assert numbers(queries.queue(disdukcapil, assignee=personas["other_officer"].pk, now=NOW)) == [
        theirs.tracking_no]


def test_pages_fetch_one_row_more_instead_of_counting(disdukcapil, file):
    apps = [file(due=end_of(dt.date(2026, 11, 19)) + dt.timedelta(minutes=i)) for i in range(5)]
    first = queries.queue(disdukcapil, per_page=2, now=NOW)
    third = queries.queue(disdukcapil, per_page=2, page=3, now=NOW)
    assert numbers(first) == [a.tracking_no for a in apps[:2]] and first.has_next
    assert numbers(third) == [apps[4].tracking_no] and not third.has_next and third.has_previous
    with CaptureQueriesContext(connection) as ctx:
        queries.queue(disdukcapil, per_page=2, now=NOW)
    assert len(ctx.captured_queries) == 1
    assert "COUNT(" not in ctx.captured_queries[0]["sql"].upper()


def test_queue_filters_offer_the_agencys_services_regions_and_officers(disdukcapil, personas):
    filters = queries.queue_filters(disdukcapil)
    codes = {s["code"] for s in filters["services"]}
    assert "DKC-AKTA-LAHIR" in codes and "DISHUB-UJI-KIR" not in codes
    assert len(filters["kecamatan"]) == 15
    assert sum(len(k["kelurahan"]) for k in filters["kecamatan"]) == 153
    mariso = next(k for k in filters["kecamatan"] if k["code"] == "73.71.01")
    assert {"code": "73.71.01.1002", "name": "Mattoangin"} in mariso["kelurahan"]
    officer_ids = {o["id"] for o in filters["officers"]}
    assert {personas[p].pk for p in ("officer", "other_officer", "supervisor", "agency_admin")} \
        == officer_ids


def test_application_for_staff_reads_everything_in_three_queries(file, personas):
    app = file(assignee="officer", status="verification", kelurahan="73.71.01.1002")
    for by in ("citizen", "officer", "supervisor"):
        StatusChange.objects.create(application=app, from_status="", to_status="submitted",
                                    by=personas[by])
    Document.objects.create(application=app, kind="upload", field_name="surat_lahir",
                            file="applications/x/y", original_name="surat.pdf",
                            content_type="application/pdf", size=1000, sha256="0" * 64)

    with CaptureQueriesContext(connection) as ctx:
        found = queries.application_for_staff(app.tracking_no.lower())
        seen = (found.service.name, found.agency.code, found.form_version.fields,
                found.citizen.citizen_profile.full_name, found.kelurahan.parent.name,
                found.assignee.email, [c.by.pk for c in found.status_changes.all()],
                [d.original_name for d in found.documents.all()])

    assert len(ctx.captured_queries) == 3
    assert seen[3] == "Warga citizen" and seen[4] == "Mariso" and len(seen[6]) == 3
    assert queries.application_for_staff("DKC-2026-ZZZZZZ") is None


def test_overview_counts_overdue_and_load_per_member(disdukcapil, file, personas, root):
    yesterday = end_of(dt.date(2026, 11, 17))
    file(assignee="officer", status="verification", due=yesterday)
    file(assignee="officer", status="in_process")
    file(assignee="officer", status="needs_revision", due=yesterday)  # open, not the agency's delay
    file(status="submitted", due=yesterday - dt.timedelta(days=3))    # unassigned and overdue
    file(status="submitted")
    file(status="completed", assignee="other_officer")
    file(status="rejected", submitted_at=NOW - dt.timedelta(days=45))  # decided too long ago
    file(service="DISHUB-UJI-KIR", status="submitted", due=yesterday)  # another agency
    # Someone who left still holds open work: the supervisor must see it.
    leaver = file(assignee="supervisor", status="in_process", due=yesterday)
    membership = personas["supervisor"].memberships.get(agency=disdukcapil)
    agency_actions.end_membership(actor=root, membership=membership)

    with CaptureQueriesContext(connection) as ctx:
        result = queries.overview(disdukcapil, now=NOW)
    assert len(ctx.captured_queries) == 6  # the sixth names the one who left

    counts = {row["status"]: row["count"] for row in result.counts}
    assert counts == {"submitted": 2, "verification": 1, "in_process": 2, "needs_revision": 1,
                      "completed": 1, "rejected": 0}  # finished: the last 30 days
    assert [row["recent"] for row in result.counts] == [False] * 4 + [True] * 2
    assert result.open_total == 6
    assert result.unassigned == 2 and result.unassigned_overdue == 1
    assert result.overdue_total == 3
    assert [row["status"] for row in result.overdue] == ["submitted", "verification", "in_process"]
    load = {row["id"]: row for row in result.load}
    officer = load[personas["officer"].pk]
    assert (officer["open"], officer["overdue"], officer["member"]) == (3, 1, True)
    assert (load[personas["other_officer"].pk]["open"], load[personas["agency_admin"].pk]["open"]) \
        == (0, 0)
    gone = load[personas["supervisor"].pk]
    assert (gone["open"], gone["overdue"], gone["member"]) == (1, 1, False)
    assert leaver.tracking_no in {row["tracking_no"] for row in result.overdue}


def test_the_open_queue_index_covers_exactly_the_open_statuses():
    [index] = [i for i in Application._meta.indexes if i.name == "services_app_open_idx"]
    assert index.condition.children == [("status__in", Application.OPEN_STATUSES)]


def test_the_queue_reads_the_open_index_even_with_bound_parameters(disdukcapil, file):
    """SQLite matches a partial index only against SQL it can read at prepare time: the open
    statuses must be written into the statement, not bound."""
    file()
    rows = _queue_queryset(disdukcapil, status=None, service=None, due=None, kelurahan=None,
                           assignee=None, viewer=None, now=NOW).order_by("due_at", "submitted_at",
                                                                         "id")[:26]
    sql, params = rows.query.get_compiler(connection=connection).as_sql()
    assert "IN ('submitted', 'verification', 'in_process', 'needs_revision')" in sql
    assert "submitted" not in params
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "services_app_open_idx" in plan and "TEMP B-TREE" not in plan
