"""The meeting pages: who gets 200 and who 404 (a meeting is never hinted at), scheduling and
changing through the forms, cancelling, the .ics download, the attendance page and files."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from anrong.core.models import AuditEvent
from anrong.meetings import actions
from anrong.meetings.models import Meeting, MeetingMember
from anrong.services.tests.conftest import client_for

pytestmark = pytest.mark.django_db

PEOPLE = ["officer", "other_officer", "citizen", "supervisor", "agency_admin",
          "other_agency_officer", "other_citizen", "sysadmin"]
# Who sees the meeting's page and .ics, who edits it, who sees the attendance.
SEES = {"officer", "other_officer", "citizen", "supervisor", "agency_admin"}
MANAGES = {"officer", "supervisor", "agency_admin"}


def url(name, meeting):  # type: ignore[no-untyped-def]
    return reverse(f"meetings:{name}", args=[meeting.code])


@pytest.mark.parametrize("who", PEOPLE)
def test_the_page_matrix(personas, meeting, who):
    client = client_for(personas[who])
    for name, allowed in (("detail", SEES), ("ics", SEES), ("edit", MANAGES),
                          ("attendance", MANAGES), ("attendance_xlsx", MANAGES),
                          ("attendance_csv", MANAGES)):
        status = client.get(url(name, meeting)).status_code
        assert status == (200 if who in allowed else 404), (name, status)
    assert client.get(reverse("meetings:home")).status_code == 200
    scheduling = client.get(reverse("meetings:new")).status_code
    assert scheduling == (200 if who in {"officer", "other_officer", "supervisor",
                                         "agency_admin", "other_agency_officer"} else 403)


def test_anonymous_people_are_sent_to_sign_in(meeting):
    client = client_for(None)
    for target in (reverse("meetings:home"), reverse("meetings:new"), url("detail", meeting),
                   url("ics", meeting), url("attendance_csv", meeting)):
        response = client.get(target)
        assert response.status_code == 302 and "login" in response["Location"], target


def test_an_unknown_code_is_a_404(personas):
    client = client_for(personas["officer"])
    assert client.get(reverse("meetings:detail", args=["RPT-2026-ZZZZZZ"])).status_code == 404


def test_the_meeting_page_shows_the_way_in_and_manager_tools(personas, meeting):
    page = client_for(personas["citizen"]).get(url("detail", meeting)).content.decode()
    assert f"/rapat/{meeting.code}/ruang/" in page and "Masuk ruang" in page
    assert url("ics", meeting) in page
    assert url("edit", meeting) not in page and url("cancel", meeting) not in page
    page = client_for(personas["officer"]).get(url("detail", meeting)).content.decode()
    assert url("edit", meeting) in page and url("cancel", meeting) in page
    assert url("attendance", meeting) in page
    # The supervisor manages it but is not invited: no way into the room.
    page = client_for(personas["supervisor"]).get(url("detail", meeting)).content.decode()
    assert "Masuk ruang" not in page and url("edit", meeting) in page


def test_the_people_are_named_never_by_phone_number(personas, meeting):
    page = client_for(personas["other_officer"]).get(url("detail", meeting)).content.decode()
    assert "Warga citizen" in page and "+6281234567801" not in page and "81234567801" not in page
    assert "officer@makassarkota.go.id" in page  # staff without a display name: their work email


def test_my_meetings_lists_them_and_offers_scheduling_to_staff(personas, meeting):
    page = client_for(personas["citizen"]).get(reverse("meetings:home")).content.decode()
    assert meeting.title in page and reverse("meetings:new") not in page
    page = client_for(personas["officer"]).get(reverse("meetings:home")).content.decode()
    assert meeting.title in page and reverse("meetings:new") in page
    page = client_for(personas["other_citizen"]).get(reverse("meetings:home")).content.decode()
    assert meeting.title not in page


def form_data(**overrides):  # type: ignore[no-untyped-def]
    day = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    data = {"title": "Sosialisasi aplikasi Anrong", "description": "Pengenalan fitur.",
            "date": day, "start": "13:30", "end": "15:00", "layout": "classroom",
            "capacity": "30", "hosts": "Supervisor@makassarkota.go.id",
            "invitees": "other_officer@makassarkota.go.id, 0812-3456-7801"}
    data.update(overrides)
    return data


def test_scheduling_through_the_form(personas, disdukcapil, django_capture_on_commit_callbacks):
    client = client_for(personas["officer"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("meetings:new"), form_data(agency=disdukcapil.pk))
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", meeting)
    assert (meeting.layout, meeting.capacity, meeting.agency) == ("classroom", 30, disdukcapil)
    # 13.30 WITA is 05.30 UTC.
    assert meeting.starts_at.astimezone(dt.UTC).time() == dt.time(5, 30)
    assert meeting.ends_at - meeting.starts_at == dt.timedelta(minutes=90)
    roles = dict(MeetingMember.objects.filter(meeting=meeting).values_list("user__email", "role"))
    assert roles == {"officer@makassarkota.go.id": "host",
                     "supervisor@makassarkota.go.id": "host",
                     "other_officer@makassarkota.go.id": "invitee", None: "invitee"}
    assert MeetingMember.objects.get(meeting=meeting, role="invitee",
                                     user__email=None).user == personas["citizen"]
    assert len(mail.outbox) == 3


def test_the_form_names_who_has_no_account_and_keeps_what_was_typed(personas, disdukcapil):
    client = client_for(personas["officer"])
    response = client.post(reverse("meetings:new"), form_data(
        agency=disdukcapil.pk, invitees="siapa@contoh.id\n0899", end="13:00", start="13:00"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "siapa@contoh.id" in page and "0899" in page and "Sosialisasi aplikasi Anrong" in page
    assert not Meeting.objects.exists()


def test_staff_schedule_only_for_their_own_agency(personas, disdukcapil):
    from anrong.agencies.models import Agency

    client = client_for(personas["officer"])
    dishub = Agency.objects.get(code="DISHUB")
    response = client.post(reverse("meetings:new"), form_data(agency=dishub.pk))
    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_changing_through_the_form_and_a_stale_page(personas, meeting):
    client = client_for(personas["officer"])
    page = client.get(url("edit", meeting)).content.decode()
    assert "other_officer@makassarkota.go.id" in page and meeting.title in page
    data = form_data(agency=meeting.agency_id, title="Rapat koordinasi (diundur)", hosts="",
                     invitees="other_officer@makassarkota.go.id", version="1")
    response = client.post(url("edit", meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.title, meeting.sequence, meeting.version) == ("Rapat koordinasi (diundur)", 1, 2)
    # The officer took themself off the hosts box: still a host (someone must run the room).
    assert set(MeetingMember.objects.filter(meeting=meeting).values_list("user__email", "role")) == {
        ("officer@makassarkota.go.id", "host"), ("other_officer@makassarkota.go.id", "invitee")}
    response = client.post(url("edit", meeting), {**data, "title": "Lagi", "version": "1"})
    assert response.status_code == 400
    assert "sudah diubah orang lain" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.title == "Rapat koordinasi (diundur)"


def test_cancelling_through_the_page(personas, meeting):
    assert client_for(personas["citizen"]).post(url("cancel", meeting),
                                                {"reason": "Saya tidak bisa"}).status_code == 404
    client = client_for(personas["officer"])
    response = client.post(url("cancel", meeting), {"reason": "Narasumber sakit."})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    page = client.get(url("detail", meeting)).content.decode()
    assert "Rapat ini dibatalkan" in page and url("edit", meeting) not in page
    assert client.get(url("edit", meeting)).status_code == 404
    cal = Calendar.from_ical(client.get(url("ics", meeting)).content)
    assert str(cal["METHOD"]) == "CANCEL"


def test_the_ics_download(personas, meeting):
    response = client_for(personas["citizen"]).get(url("ics", meeting))
    assert response["Content-Type"].startswith("text/calendar")
    assert f'filename="rapat-{meeting.code}.ics"' in response["Content-Disposition"]
    cal = Calendar.from_ical(response.content)
    event = next(c for c in cal.walk() if c.name == "VEVENT")
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == str(meeting.uid)
    assert event.decoded("DTEND") == meeting.ends_at
    assert f"/rapat/{meeting.code}/ruang/" in str(event["LOCATION"])


def test_the_attendance_page_and_files(personas, meeting):
    start = timezone.now() - dt.timedelta(minutes=30)
    actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c", now=start)
    actions.leave(user=personas["citizen"], meeting=meeting, channel_name="c",
                  now=start + dt.timedelta(minutes=12))
    actions.enter(user=personas["other_officer"], meeting=meeting, channel_name="o")
    client = client_for(personas["supervisor"])
    page = client.get(url("attendance", meeting)).content.decode()
    assert "Warga citizen" in page and "masih di ruang" in page
    assert "1 orang di dalam ruang" in page
    response = client.get(url("attendance_xlsx", meeting))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=5, values_only=True)] == [
        "Warga citizen", "other_officer@makassarkota.go.id"]
    response = client.get(url("attendance_csv", meeting))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][0] == "Warga citizen" and rows[1][4] == "12"
    assert AuditEvent.objects.filter(action="meeting.attendance_exported",
                                     actor=personas["supervisor"]).count() == 2
    assert AuditEvent.objects.filter(action="meeting.attendance_viewed").count() == 1
