"""The attendance list (name, agency, first join, last leave, minutes present, times rejoined),
its XLSX and CSV files read back, and the other reads: the room's state and chat history."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from anrong.agencies.models import Agency
from anrong.meetings import actions, exports, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def t0():  # type: ignore[no-untyped-def]
    # 09.00 WITA (01.00 UTC) a day ago: whole minutes, easy to read in WITA.
    return (timezone.now() - dt.timedelta(days=1)).replace(hour=1, minute=0, second=0,
                                                           microsecond=0, tzinfo=dt.UTC)


@pytest.fixture
def attended(personas, meeting, t0):  # type: ignore[no-untyped-def]
    """The other officer: 09.00–09.10, back 09.20–09.50, then 10.00–10.05 (two rejoins, 45
    minutes). The citizen: from 09.05, still inside."""
    officer, citizen = personas["other_officer"], personas["citizen"]
    for start, end in ((0, 10), (20, 50), (60, 65)):
        actions.enter(user=officer, meeting=meeting, channel_name="o",
                      now=t0 + dt.timedelta(minutes=start))
        actions.leave(user=officer, meeting=meeting, channel_name="o",
                      now=t0 + dt.timedelta(minutes=end))
    actions.enter(user=citizen, meeting=meeting, channel_name="c", now=t0 + dt.timedelta(minutes=5))
    return meeting


def test_the_attendance_list_sums_each_persons_time_inside(personas, attended, t0):
    rows = queries.attendance_list(attended, now=t0 + dt.timedelta(minutes=35))
    dishdukcapil = Agency.objects.get(code="DISDUKCAPIL")
    assert rows == [
        {"user_id": personas["other_officer"].pk, "name": "other_officer@makassarkota.go.id",
         "agency": dishdukcapil.short_name or dishdukcapil.name, "first_join": t0,
         "last_leave": t0 + dt.timedelta(minutes=65), "minutes_present": 45, "rejoins": 2},
        {"user_id": personas["citizen"].pk, "name": "Warga citizen", "agency": "",
         "first_join": t0 + dt.timedelta(minutes=5), "last_leave": None, "minutes_present": 30,
         "rejoins": 0},
    ]


def test_nobody_came_makes_an_empty_list_and_files_with_only_headers(meeting):
    assert queries.attendance_list(meeting) == []
    assert list(csv.reader(io.StringIO(exports.attendance_csv(meeting)))) == [exports.headers()]


def test_the_xlsx_reads_back_with_times_in_wita(personas, attended, t0):
    actions.leave(user=personas["citizen"], meeting=attended, channel_name="c",
                  now=t0 + dt.timedelta(minutes=95))
    sheet = load_workbook(io.BytesIO(exports.attendance_xlsx(attended))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == attended.title
    assert values[3] == ["Nama", "Instansi", "Masuk pertama (WITA)", "Keluar terakhir (WITA)",
                         "Menit hadir", "Masuk ulang"]
    assert values[4][0] == "other_officer@makassarkota.go.id"
    assert values[4][2:] == [dt.datetime(t0.year, t0.month, t0.day, 9, 0),
                             dt.datetime(t0.year, t0.month, t0.day, 10, 5), 45, 2]
    assert values[5][0] == "Warga citizen"
    assert values[5][2:] == [dt.datetime(t0.year, t0.month, t0.day, 9, 5),
                             dt.datetime(t0.year, t0.month, t0.day, 10, 35), 90, 0]
    assert len(values) == 6


def test_the_csv_reads_back_and_never_carries_a_formula(personas, meeting, make_people, t0):
    sneaky, = make_people(1)
    sneaky.display_name = '=HYPERLINK("http://evil.example","klik")'
    sneaky.save()
    actions.update_meeting(actor=personas["officer"], meeting=meeting, version=meeting.version,
                           invitees=[sneaky])
    actions.enter(user=sneaky, meeting=meeting, channel_name="s", now=t0)
    actions.leave(user=sneaky, meeting=meeting, channel_name="s", now=t0 + dt.timedelta(minutes=7))
    rows = list(csv.reader(io.StringIO(exports.attendance_csv(meeting))))
    day = t0.strftime("%Y-%m-%d")
    assert rows[1] == ["'=HYPERLINK(\"http://evil.example\",\"klik\")", "", f"{day} 09:00",
                       f"{day} 09:07", "7", "0"]
    sheet = load_workbook(io.BytesIO(exports.attendance_xlsx(meeting))).active
    assert sheet.cell(row=5, column=1).value.startswith("'=")


def test_the_room_state_lists_inside_and_lobby_in_arrival_order(personas, make_meeting,
                                                                make_people, t0):
    people = make_people(3)
    meeting = make_meeting(capacity=2, invitees=people)
    for i, person in enumerate(people):
        actions.enter(user=person, meeting=meeting, channel_name=f"p{i}",
                      now=t0 + dt.timedelta(seconds=i))
    actions.enter(user=personas["officer"], meeting=meeting, channel_name="h",
                  now=t0 + dt.timedelta(seconds=9))
    state = queries.room_state(meeting)
    assert [(p["id"], p["name"], p["is_host"]) for p in state["inside"]] == [
        (people[0].pk, "Peserta 1", False), (people[1].pk, "Peserta 2", False),
        (personas["officer"].pk, "officer@makassarkota.go.id", True)]
    assert [p["id"] for p in state["lobby"]] == [people[2].pk]
    assert state["inside"][2]["agency"] != ""


def test_chat_history_is_the_latest_lines_oldest_first_per_bubble(personas, meeting):
    actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c")
    for n in range(5):
        actions.post_chat(user=personas["citizen"], meeting=meeting, text=f"baris {n}")
    actions.post_chat(user=personas["citizen"], meeting=meeting, text="di meja", bubble="t1")
    assert [m.text for m in queries.chat_history(meeting, limit=3)] == [
        "baris 2", "baris 3", "baris 4"]
    assert [m.text for m in queries.chat_history(meeting, bubble="t1")] == ["di meja"]


def test_my_meetings_lists_upcoming_and_hosted(personas, meeting):
    mine = queries.meetings_of(personas["officer"])
    assert mine["upcoming"] == [meeting] and mine["hosted"] == [meeting]
    theirs = queries.meetings_of(personas["citizen"])
    assert theirs["upcoming"] == [meeting] and theirs["hosted"] == []
    assert queries.meetings_of(personas["other_citizen"])["upcoming"] == []
