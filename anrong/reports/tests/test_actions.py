"""Lapor's actions: routing, the steps of a report, the 2×24-hour clock, merging, floods and bad
input. Each test goes through `anrong.reports.actions`, as every page and API does."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent, Notification, OutboxEvent
from anrong.reports import actions, queries
from anrong.reports.errors import ReportError, ReportPermissionError, StaleReport, TooManyReports
from anrong.reports.models import Report, ReportFollower, ReportUpdate
from anrong.reports.testing import sample_jpeg

from .conftest import OTHER_POINT, OUTSIDE, POINT

pytestmark = pytest.mark.django_db


def test_a_report_goes_to_the_categorys_agency_and_the_kecamatan_may_verify(regions, make_report):
    report = make_report()
    assert report.tracking_no.startswith("LPR-")
    assert report.agency.code == "DISHUB"  # street lights
    assert report.verifier.code == "KEC-UJUNG-PANDANG"
    assert report.kelurahan_id == "73.71.04.1005" and report.kecamatan_id == "73.71.04"
    assert report.status == Report.Status.RECEIVED
    assert report.due_at - report.created_at == dt.timedelta(hours=48)
    assert ReportFollower.objects.filter(report=report, user=report.reporter).exists()
    event = OutboxEvent.objects.get(type="complaint.created")
    assert event.payload["agency"] == "DISHUB" and event.payload["tracking_no"] == report.tracking_no
    assert "reporter" not in event.payload and "+62" not in str(event.payload)
    assert AuditEvent.objects.filter(action="complaint.created", target_id=str(report.pk)).exists()
    assert make_report(category="sampah").agency.code == "DLH"
    assert make_report(category="jalan_rusak", lat=OTHER_POINT[0], lng=OTHER_POINT[1]).verifier.code \
        == "KEC-RAPPOCINI"


def test_the_officer_works_it_and_the_reporter_confirms(regions, make_report, personas,
                                                         dishub_officer):
    report = make_report()
    report = actions.verify(actor=dishub_officer, report=report, version=report.version)
    assert report.status == "verified" and report.first_response_at is not None
    report = actions.respond(actor=dishub_officer, report=report, note="Petugas ke lokasi besok pagi.")
    report = actions.start_work(actor=dishub_officer, report=report)
    report = actions.resolve(actor=dishub_officer, report=report, note="Lampu sudah diganti.",
                             photos=[sample_jpeg()])
    assert report.status == "resolved" and report.photos.filter(by_agency=True).count() == 1
    report = actions.confirm(actor=personas["citizen"], report=report)
    assert report.confirmed_at is not None
    steps = [(u.kind, u.to_status) for u in queries.timeline(report, internal=False)]
    assert steps == [("status", "received"), ("status", "verified"), ("response", ""),
                     ("status", "in_progress"), ("status", "resolved"), ("status", "")]
    titles = list(Notification.objects.filter(recipient=personas["citizen"])
                  .values_list("title", flat=True))
    assert any("selesai" in t for t in titles) and any("Tanggapan" in t for t in titles)
    with pytest.raises(ReportPermissionError):
        actions.reopen(actor=personas["citizen"], report=report, note="Masih mati lagi.")


def test_the_kecamatan_office_verifies_but_does_not_work_it(regions, make_report,
                                                            kecamatan_officer, dpu_officer):
    report = make_report()
    with pytest.raises(ReportPermissionError):
        actions.verify(actor=dpu_officer, report=report)  # not this report's agency
    report = actions.verify(actor=kecamatan_officer, report=report)
    assert report.status == "verified"
    with pytest.raises(ReportPermissionError):
        actions.start_work(actor=kecamatan_officer, report=report)


def test_reopen_within_seven_days_only_by_the_reporter(regions, make_report, personas,
                                                       dishub_officer):
    report = actions.resolve(actor=dishub_officer, report=make_report(), note="Sudah diperbaiki.")
    with pytest.raises(ReportPermissionError):
        actions.reopen(actor=personas["other_citizen"], report=report, note="Belum beres juga.")
    with pytest.raises(ReportError):
        actions.reopen(actor=personas["citizen"], report=report, note="")  # a reason is needed
    report = actions.reopen(actor=personas["citizen"], report=report, note="Lampunya mati lagi.")
    assert report.status == "in_progress" and report.reopened_count == 1
    report = actions.resolve(actor=dishub_officer, report=report, note="Kabel diganti.")
    Report.objects.filter(pk=report.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=7, minutes=1))
    report.refresh_from_db()
    with pytest.raises(ReportPermissionError):
        actions.reopen(actor=personas["citizen"], report=report, note="Mati lagi.")
    with pytest.raises(ReportPermissionError):
        actions.confirm(actor=personas["citizen"], report=report)


def test_rejection_needs_a_reason_and_closes_it(regions, make_report, dishub_officer):
    report = make_report()
    with pytest.raises(ReportError) as refused:
        actions.reject(actor=dishub_officer, report=report, reason="no")
    assert "reason" in refused.value.errors
    assert Report.objects.get(pk=report.pk).status == "received"
    report = actions.reject(actor=dishub_officer, report=report, reason="Lampu milik swasta.")
    assert report.status == "rejected" and report.note == "Lampu milik swasta."


def test_two_officers_at_once_one_wins(regions, make_report, dishub_officer, dishub_admin):
    report = make_report()
    seen = report.version
    actions.verify(actor=dishub_officer, report=report, version=seen)
    with pytest.raises(StaleReport):
        actions.reject(actor=dishub_admin, report=report, reason="Laporan ganda.", version=seen)
    assert Report.objects.get(pk=report.pk).status == "verified"


def test_reassignment_by_operators_and_supervisors_only(regions, make_report, operator,
                                                        dishub_officer, dishub_admin):
    report = make_report(category="lainnya")
    assert report.agency.code == "DISKOMINFO"
    with pytest.raises(ReportPermissionError):
        actions.reassign(actor=dishub_officer, report=report, agency=Agency.objects.get(code="DPU"),
                         note="Ini urusan jalan.")
    report = actions.reassign(actor=operator, report=report,
                              agency=Agency.objects.get(code="DISHUB"), note="Ini lampu jalan.")
    assert report.agency.code == "DISHUB"
    assert OutboxEvent.objects.filter(type="complaint.reassigned").exists()
    assert report.first_response_at is None  # the citizen is still waiting
    report = actions.reassign(actor=dishub_admin, report=report,
                              agency=Agency.objects.get(code="DPU"), note="Tiangnya milik PU.")
    assert report.agency.code == "DPU"


def test_merging_a_duplicate_keeps_its_followers(regions, make_report, personas, dishub_officer):
    first = make_report()
    second = make_report(reporter=personas["other_citizen"], lat=POINT[0] + 0.0004, lng=POINT[1])
    assert queries.likely_duplicates(second) == [first]
    assert queries.likely_duplicates(make_report(category="sampah")) == []
    into = actions.merge(actor=dishub_officer, duplicate=second, into=first)
    second.refresh_from_db()
    assert second.status == "merged" and second.merged_into_id == into.pk
    assert set(ReportFollower.objects.filter(report=first).values_list("user_id", flat=True)) == {
        personas["citizen"].pk, personas["other_citizen"].pk}
    with pytest.raises(ReportPermissionError):
        actions.merge(actor=dishub_officer, duplicate=first, into=first)


def test_first_response_due_in_2x24_hours_then_escalated_once(regions, make_report, personas,
                                                              operator, dishub_officer,
                                                              dishub_admin):
    late = make_report()
    answered = make_report(description="Lampu kedua di jalan yang sama juga mati.")
    actions.respond(actor=dishub_officer, report=answered, note="Kami cek hari ini.")
    assert actions.escalate_overdue(now=late.due_at - dt.timedelta(minutes=1)) == 0
    after = late.due_at + dt.timedelta(minutes=1)
    assert actions.escalate_overdue(now=after) == 1
    assert actions.escalate_overdue(now=after) == 0
    late.refresh_from_db()
    assert late.escalated_at == after
    told = set(Notification.objects.filter(kind="complaint.escalated")
               .values_list("recipient_id", flat=True))
    assert told == {dishub_admin.pk, operator.pk}  # the head and the operators, not the officer
    counts = {row["agency"].code: row for row in queries.agency_counts(now=after)}
    assert counts["DISHUB"]["overdue"] == 1 and counts["DISHUB"]["escalated"] == 1
    assert counts["DISHUB"]["received"] == 2
    assert OutboxEvent.objects.filter(type="complaint.escalated").count() == 1
    internal = [u.kind for u in queries.timeline(late, internal=True)]
    public = [u.kind for u in queries.timeline(late, internal=False)]
    assert "escalated" in internal and "escalated" not in public


def test_a_point_outside_the_city_or_no_point_is_refused(regions, make_report):
    with pytest.raises(ReportError) as refused:
        make_report(lat=OUTSIDE[0], lng=OUTSIDE[1])
    assert "luar Kota Makassar" in refused.value.errors["location"]
    with pytest.raises(ReportError) as refused:
        make_report(lat=None, lng=None)
    assert "location" in refused.value.errors
    with pytest.raises(ReportError):
        make_report(lat="abc", lng="1")
    assert not Report.objects.exists()


def test_the_location_comes_from_exif_and_all_metadata_is_stripped(regions, make_report):
    report = make_report(lat=None, lng=None, photos=[sample_jpeg(gps=OTHER_POINT)])
    assert report.kelurahan_id == "73.71.13.1007"
    stored = report.photos.get().file.read()
    with Image.open(io.BytesIO(stored)) as image:
        assert not image.getexif()  # no GPS, no camera model
    assert b"Anrong Test Camera" not in stored


def test_photos_that_are_not_images_or_too_large_are_refused(regions, make_report, settings):
    fake = SimpleUploadedFile("lampu.jpg", b"%PDF-1.4 not a photo", content_type="image/jpeg")
    with pytest.raises(ReportError) as refused:
        make_report(photos=[fake])
    assert "photos" in refused.value.errors
    settings.LAPOR_PHOTO_MAX_BYTES = 100
    with pytest.raises(ReportError) as refused:
        make_report(photos=[sample_jpeg()])
    assert "terlalu besar" in refused.value.errors["photos"]
    with pytest.raises(ReportError):
        make_report(photos=[sample_jpeg()] * 4)
    assert not Report.objects.exists()


def test_floods_from_one_account_or_address_are_refused(regions, make_report, personas, settings):
    settings.LAPOR_MAX_PER_ACCOUNT_HOUR = 2
    settings.LAPOR_MAX_PER_ADDRESS_HOUR = 3
    make_report(sender_ip="10.0.0.1")
    make_report(sender_ip="10.0.0.1")
    with pytest.raises(TooManyReports):
        make_report(sender_ip="10.0.0.2")
    make_report(reporter=personas["other_citizen"], sender_ip="10.0.0.1")
    with pytest.raises(TooManyReports):
        make_report(reporter=personas["other_citizen"], sender_ip="10.0.0.1")
    assert Report.objects.count() == 3
    assert "10.0.0.1" not in str(list(Report.objects.values_list("sender_hash", flat=True)))


def test_bad_descriptions_categories_and_attributes(regions, make_report):
    with pytest.raises(ReportError) as refused:
        make_report(description="mati")
    assert "description" in refused.value.errors
    with pytest.raises(ReportError) as refused:
        make_report(category="gempa")
    assert "category" in refused.value.errors
    with pytest.raises(ReportError):
        make_report(category="jalan_rusak", attributes={"ukuran": "raksasa"})
    with pytest.raises(ReportError):
        make_report(attributes={"warna": "merah"})
    report = make_report(category="jalan_rusak", attributes={"ukuran": "besar"})
    assert report.attributes == {"ukuran": "besar"}


def test_anonymous_cannot_report_nor_follow(regions, personas, make_report):
    with pytest.raises(ReportPermissionError):
        make_report(reporter=personas["anonymous"])
    report = make_report()
    with pytest.raises(ReportPermissionError):
        actions.follow(user=personas["anonymous"], report=report)
    actions.follow(user=personas["other_citizen"], report=report)
    assert queries.is_following(personas["other_citizen"], report)
    actions.unfollow(user=personas["other_citizen"], report=report)
    assert not queries.is_following(personas["other_citizen"], report)


def test_private_reports_are_hidden_from_the_public(regions, make_report, personas, operator,
                                                    dishub_officer, dpu_officer):
    private = make_report(is_public=False)
    public = make_report(description="Lampu lain di jalan yang sama ikut mati.")
    assert list(queries.public_reports()) == [public]
    assert queries.visible_report(personas["other_citizen"], private.tracking_no) is None
    assert queries.visible_report(personas["anonymous"], private.tracking_no) is None
    assert queries.visible_report(dpu_officer, private.tracking_no) is None
    for who in (personas["citizen"], dishub_officer, operator):
        assert queries.visible_report(who, private.tracking_no) == private
    points = queries.map_points(south=-5.2, west=119.3, north=-5.0, east=119.6)
    assert [p["tracking_no"] for p in points["points"]] == [public.tracking_no]
    assert queries.map_points(south=-5.2, west=119.5, north=-5.0, east=119.6)["points"] == []


def test_the_persons_data_and_its_deletion(regions, make_report, personas):
    from anrong.reports import privacy

    report = make_report()
    data = privacy.personal_data(personas["citizen"])
    assert data["reports"][0]["tracking_no"] == report.tracking_no
    kept = privacy.anonymise(personas["citizen"])
    assert kept
    report.refresh_from_db()
    assert report.reporter_id is None and not ReportFollower.objects.filter(report=report).exists()
    assert ReportUpdate.objects.filter(report=report).exists()


def test_a_photo_taken_sideways_is_stored_upright(regions, make_report):
    image = Image.new("RGB", (60, 20), (10, 10, 10))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to view
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    report = make_report(photos=[SimpleUploadedFile("miring.jpg", out.getvalue())])
    with Image.open(report.photos.get().file) as stored:
        assert stored.size == (20, 60)


def test_the_escalate_overdue_command_runs_every_modules_clock(regions, make_report):
    from django.core.management import call_command

    report = make_report()
    Report.objects.filter(pk=report.pk).update(due_at=timezone.now() - dt.timedelta(minutes=5))
    out = io.StringIO()
    call_command("escalate_overdue", stdout=out)
    assert "reports: 1 escalated" in out.getvalue() and "services: 0 escalated" in out.getvalue()
    report.refresh_from_db()
    assert report.escalated_at is not None


@pytest.mark.parametrize("depth", ["nan", "inf", "dalam"])
def test_a_number_attribute_takes_only_finite_numbers(regions, make_report, depth):
    with pytest.raises(ReportError) as refused:
        make_report(category="drainase_banjir", attributes={"kedalaman_cm": depth})
    assert "attribute[kedalaman_cm]" in refused.value.errors


def test_the_same_idempotency_key_files_one_report(regions, make_report, personas):
    first = make_report(idempotency_key="tap-1")
    again = make_report(idempotency_key="tap-1")
    assert again.pk == first.pk and Report.objects.count() == 1
    other = make_report(reporter=personas["other_citizen"], idempotency_key="tap-1")
    assert other.pk != first.pk
    assert make_report(idempotency_key="tap-2").pk != first.pk
