"""The actions of Rapat Virtual: scheduling with iCalendar invitations, updates and
cancellations; entering and leaving with capacity, lobby, lock and take-over; the sweep; host
controls; chat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from anrong.core.models import AuditEvent, Notification, OutboxEvent
from anrong.meetings import actions
from anrong.meetings.errors import MeetingError, MeetingPermissionError, StaleMeeting
from anrong.meetings.models import (
    AttendanceSession,
    ChatMessage,
    Meeting,
    MeetingMember,
    Presence,
)

pytestmark = pytest.mark.django_db

INSIDE, LOBBY = Presence.State.INSIDE, Presence.State.LOBBY


def ics_of(message):  # type: ignore[no-untyped-def]
    (name, content, mimetype), = message.attachments
    assert name.endswith(".ics")
    return Calendar.from_ical(content), mimetype


def event_of(cal):  # type: ignore[no-untyped-def]
    return next(c for c in cal.walk() if c.name == "VEVENT")


# --- scheduling ---------------------------------------------------------------------------------


def test_scheduling_makes_the_actor_a_host_and_invites_by_email_with_an_ics(personas, make_meeting):
    mail.outbox.clear()
    meeting = make_meeting(hosts=[personas["supervisor"]])
    assert meeting.code.startswith("RPT-")
    roles = dict(MeetingMember.objects.filter(meeting=meeting).values_list("user_id", "role"))
    assert roles == {personas["officer"].pk: "host", personas["supervisor"].pk: "host",
                     personas["other_officer"].pk: "invitee", personas["citizen"].pk: "invitee"}
    # The citizen has no email: three emails (the officer, the supervisor, the other officer).
    assert sorted(m.to[0] for m in mail.outbox) == [
        "officer@makassarkota.go.id", "other_officer@makassarkota.go.id",
        "supervisor@makassarkota.go.id"]
    cal, mimetype = ics_of(mail.outbox[0])
    assert mimetype.startswith("text/calendar; method=REQUEST")
    assert str(cal["METHOD"]) == "REQUEST"
    event = event_of(cal)
    assert str(event["UID"]) == str(meeting.uid)
    assert int(event["SEQUENCE"]) == 0
    assert event.decoded("DTSTART") == meeting.starts_at
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert "WITA" in str(event["DESCRIPTION"])
    assert str(event["ORGANIZER"]) == "mailto:officer@makassarkota.go.id"
    attendees = sorted(str(a) for a in event["ATTENDEE"])
    assert attendees == ["mailto:officer@makassarkota.go.id",
                         "mailto:other_officer@makassarkota.go.id",
                         "mailto:supervisor@makassarkota.go.id"]
    # Everyone but the actor has the link in their inbox, the citizen included.
    assert set(Notification.objects.filter(kind="meeting.invited")
               .values_list("recipient_id", flat=True)) == {
        personas["supervisor"].pk, personas["other_officer"].pk, personas["citizen"].pk}
    event_row = OutboxEvent.objects.get(type="meeting.scheduled")
    assert event_row.payload["agency"] == "DISDUKCAPIL"
    assert event_row.payload["code"] == meeting.code
    assert AuditEvent.objects.filter(action="meeting.scheduled", target_id=str(meeting.pk)).exists()


@pytest.mark.parametrize("who", ["other_agency_officer", "citizen", "anonymous"])
def test_only_the_agencys_staff_schedule_its_meetings(personas, make_meeting, who):
    with pytest.raises(MeetingPermissionError):
        make_meeting(actor=personas[who])
    assert not Meeting.objects.exists()


def test_scheduling_refuses_impossible_times_and_sizes(make_meeting):
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(MeetingError) as refused:
        make_meeting(starts_at=start, ends_at=start - dt.timedelta(minutes=5), capacity=1,
                     title="X", layout="arena")
    assert set(refused.value.errors) == {"ends_at", "capacity", "title", "layout"}
    with pytest.raises(MeetingError) as refused:
        make_meeting(starts_at=start, ends_at=start + dt.timedelta(hours=13))
    assert set(refused.value.errors) == {"ends_at"}
    assert not Meeting.objects.exists()


def test_an_update_resends_the_invitation_with_the_next_sequence(personas, meeting,
                                                                 django_capture_on_commit_callbacks):
    mail.outbox.clear()
    later = meeting.starts_at + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        updated = actions.update_meeting(actor=personas["officer"], meeting=meeting,
                                         version=meeting.version, starts_at=later,
                                         ends_at=later + dt.timedelta(hours=1),
                                         invitees=[personas["citizen"], personas["supervisor"]])
    assert (updated.sequence, updated.version) == (1, 2)
    by_method = {}
    for message in mail.outbox:
        cal, _mimetype = ics_of(message)
        by_method.setdefault(str(cal["METHOD"]), []).append(message.to[0])
        assert str(event_of(cal)["UID"]) == str(meeting.uid)
        assert int(event_of(cal)["SEQUENCE"]) == 1
    # The other officer was taken off the list: a CANCEL; the new list gets the new time.
    assert by_method["CANCEL"] == ["other_officer@makassarkota.go.id"]
    assert sorted(by_method["REQUEST"]) == ["officer@makassarkota.go.id",
                                            "supervisor@makassarkota.go.id"]
    cancel = next(m for m in mail.outbox if m.to == ["other_officer@makassarkota.go.id"])
    assert "mailto:other_officer@makassarkota.go.id" in [
        str(a) for a in event_of(ics_of(cancel)[0])["ATTENDEE"]]
    assert not MeetingMember.objects.filter(meeting=meeting, user=personas["other_officer"]).exists()
    assert OutboxEvent.objects.filter(type="meeting.updated").count() == 1
    with pytest.raises(StaleMeeting):
        actions.update_meeting(actor=personas["officer"], meeting=updated, version=1, title="Baru")


def test_a_larger_room_lets_the_lobby_in(personas, make_meeting, make_people,
                                         django_capture_on_commit_callbacks):
    people = make_people(4)
    meeting = make_meeting(capacity=2, invitees=people)
    for i, person in enumerate(people):
        actions.enter(user=person, meeting=meeting, channel_name=f"p{i}")
    heard = []
    actions.admitted.connect(lambda **kw: heard.extend(kw["presences"]), weak=False,
                             dispatch_uid="test-capacity")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            updated = actions.update_meeting(actor=personas["officer"], meeting=meeting,
                                             version=meeting.version, capacity=3)
    finally:
        actions.admitted.disconnect(dispatch_uid="test-capacity")
    assert [p.user_id for p in updated.admitted] == [people[2].pk]
    assert [p.user_id for p in heard] == [people[2].pk]
    assert Presence.objects.get(meeting=meeting, user=people[3]).state == LOBBY


def test_nothing_changed_sends_nothing(personas, meeting, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        same = actions.update_meeting(actor=personas["officer"], meeting=meeting, version=1,
                                      title=meeting.title, capacity=meeting.capacity)
    assert (same.sequence, same.version, len(mail.outbox)) == (0, 1, 0)


def test_an_update_by_someone_who_does_not_manage_is_refused(personas, meeting):
    for who in ("other_officer", "other_agency_admin", "citizen"):
        with pytest.raises(MeetingPermissionError):
            actions.update_meeting(actor=personas[who], meeting=meeting, version=1, title="Lain")
    # The agency's supervisor manages it without being a host.
    assert actions.update_meeting(actor=personas["supervisor"], meeting=meeting, version=1,
                                  title="Rapat baru").title == "Rapat baru"


def test_cancelling_sends_a_cancel_and_lets_everyone_go(personas, meeting,
                                                        django_capture_on_commit_callbacks):
    actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c1")
    mail.outbox.clear()
    with pytest.raises(MeetingError):
        actions.cancel_meeting(actor=personas["officer"], meeting=meeting, reason="")
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = actions.cancel_meeting(actor=personas["officer"], meeting=meeting,
                                           reason="Narasumber berhalangan.")
    assert cancelled.status == Meeting.Status.CANCELLED
    assert not Presence.objects.filter(meeting=meeting).exists()
    assert AttendanceSession.objects.get(meeting=meeting).left_at is not None
    methods = {str(ics_of(m)[0]["METHOD"]) for m in mail.outbox}
    assert methods == {"CANCEL"} and len(mail.outbox) == 2
    assert str(event_of(ics_of(mail.outbox[0])[0])["STATUS"]) == "CANCELLED"
    assert OutboxEvent.objects.get(type="meeting.cancelled").payload["agency"] == "DISDUKCAPIL"
    with pytest.raises(MeetingPermissionError):
        actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c2")


# --- capacity, lobby, lock, take-over -----------------------------------------------------------


def test_capacity_sends_the_next_ones_to_the_lobby_and_admits_them_in_arrival_order(
        personas, make_meeting, make_people):
    people = make_people(4)
    meeting = make_meeting(capacity=2, invitees=people)
    t0 = timezone.now()
    states = [actions.enter(user=p, meeting=meeting, channel_name=f"ch{i}",
                            now=t0 + dt.timedelta(seconds=i)).state
              for i, p in enumerate(people)]
    assert states == [INSIDE, INSIDE, LOBBY, LOBBY]
    # A host always enters, even into a full room.
    assert actions.enter(user=personas["officer"], meeting=meeting, channel_name="host").state == INSIDE
    assert AttendanceSession.objects.filter(meeting=meeting).count() == 3
    # The host leaving does not free a place (three inside, capacity two).
    assert actions.leave(user=personas["officer"], meeting=meeting, channel_name="host") == []
    admitted = actions.leave(user=people[0], meeting=meeting, channel_name="ch0")
    assert [p.user_id for p in admitted] == [people[2].pk]
    assert Presence.objects.get(meeting=meeting, user=people[3]).state == LOBBY
    assert AttendanceSession.objects.filter(meeting=meeting, user=people[2],
                                            left_at__isnull=True).count() == 1
    assert OutboxEvent.objects.filter(type="meeting.joined").count() == 4
    assert OutboxEvent.objects.filter(type="meeting.left").count() == 2


def test_a_locked_room_sends_everyone_but_hosts_to_the_lobby_and_unlocking_admits(
        personas, meeting):
    with pytest.raises(MeetingPermissionError):
        actions.set_locked(actor=personas["other_officer"], meeting=meeting, locked=True)
    assert actions.set_locked(actor=personas["officer"], meeting=meeting, locked=True) == []
    assert actions.enter(user=personas["citizen"], meeting=meeting, channel_name="a").state == LOBBY
    assert actions.enter(user=personas["officer"], meeting=meeting, channel_name="h").state == INSIDE
    admitted = actions.set_locked(actor=personas["officer"], meeting=meeting, locked=False)
    assert [p.user_id for p in admitted] == [personas["citizen"].pk]
    assert Presence.objects.get(meeting=meeting, user=personas["citizen"]).state == INSIDE


def test_a_second_connection_takes_over_and_the_old_one_leaving_changes_nothing(personas, meeting):
    first = actions.enter(user=personas["citizen"], meeting=meeting, channel_name="tab1")
    assert first.replaced_channel is None
    second = actions.enter(user=personas["citizen"], meeting=meeting, channel_name="tab2")
    assert second.replaced_channel == "tab1"
    assert second.pk == first.pk and second.state == INSIDE
    assert actions.leave(user=personas["citizen"], meeting=meeting, channel_name="tab1") == []
    presence = Presence.objects.get(meeting=meeting, user=personas["citizen"])
    assert presence.channel_name == "tab2"
    assert AttendanceSession.objects.filter(meeting=meeting, left_at__isnull=True).count() == 1
    actions.leave(user=personas["citizen"], meeting=meeting, channel_name="tab2")
    assert not Presence.objects.filter(meeting=meeting).exists()
    assert AttendanceSession.objects.filter(meeting=meeting, left_at__isnull=True).count() == 0


@pytest.mark.parametrize("who", ["other_agency_officer", "other_citizen", "anonymous"])
def test_only_members_enter(personas, meeting, who):
    with pytest.raises(MeetingPermissionError):
        actions.enter(user=personas[who], meeting=meeting, channel_name="x")
    assert not Presence.objects.exists()


# --- touch and sweep ----------------------------------------------------------------------------


def test_the_sweep_closes_what_a_dead_node_left_and_moves_the_lobby_up(personas, make_meeting,
                                                                      make_people,
                                                                      django_capture_on_commit_callbacks):
    people = make_people(3)
    meeting = make_meeting(capacity=2, invitees=people)
    t0 = timezone.now() - dt.timedelta(minutes=10)
    for i, person in enumerate(people):
        actions.enter(user=person, meeting=meeting, channel_name=f"n{i}",
                      now=t0 + dt.timedelta(seconds=i))
    # The node of n0 died at t0; n1 and n2 are kept alive by their node.
    actions.touch(meeting=meeting, channel_names=["n1", "n2"], now=t0 + dt.timedelta(minutes=9))
    heard = []
    actions.admitted.connect(lambda **kw: heard.extend(kw["presences"]), weak=False,
                             dispatch_uid="test-sweep")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            closed = actions.sweep(now=t0 + dt.timedelta(minutes=10), stale_after_s=90)
    finally:
        actions.admitted.disconnect(dispatch_uid="test-sweep")
    assert closed == 1
    session = AttendanceSession.objects.get(meeting=meeting, user=people[0])
    assert session.left_at == t0  # when it was last seen, not when the sweep ran
    assert Presence.objects.get(meeting=meeting, user=people[2]).state == INSIDE
    assert [p.user_id for p in heard] == [people[2].pk]
    assert actions.sweep(now=t0 + dt.timedelta(minutes=10)) == 0


# --- host controls ------------------------------------------------------------------------------


def test_hosts_mute_remove_and_hand_over_the_presenter_role(personas, meeting):
    citizen, colleague = personas["citizen"], personas["other_officer"]
    for call in (lambda: actions.set_muted(actor=colleague, meeting=meeting, user=citizen, muted=True),
                 lambda: actions.remove(actor=colleague, meeting=meeting, user=citizen),
                 lambda: actions.set_presenter(actor=colleague, meeting=meeting, user=colleague)):
        with pytest.raises(MeetingPermissionError):
            call()
    host = personas["officer"]
    assert actions.set_muted(actor=host, meeting=meeting, user=citizen, muted=True).is_muted
    assert actions.set_presenter(actor=host, meeting=meeting, user=citizen).presenter == citizen
    with pytest.raises(MeetingError):
        actions.set_presenter(actor=host, meeting=meeting, user=personas["other_citizen"])
    actions.enter(user=citizen, meeting=meeting, channel_name="c")
    with pytest.raises(MeetingError):
        actions.remove(actor=host, meeting=meeting, user=host)
    actions.remove(actor=host, meeting=meeting, user=citizen)
    meeting.refresh_from_db()
    assert meeting.presenter is None
    assert not Presence.objects.filter(meeting=meeting, user=citizen).exists()
    assert AttendanceSession.objects.get(meeting=meeting, user=citizen).left_at is not None
    with pytest.raises(MeetingPermissionError):
        actions.enter(user=citizen, meeting=meeting, channel_name="again")
    assert AuditEvent.objects.filter(action="meeting.removed").count() == 1


def test_removing_someone_inside_admits_the_next_from_the_lobby(personas, make_meeting, make_people):
    people = make_people(3)
    meeting = make_meeting(capacity=2, invitees=people)
    for i, person in enumerate(people):
        actions.enter(user=person, meeting=meeting, channel_name=f"r{i}")
    actions.remove(actor=personas["officer"], meeting=meeting, user=people[0])
    assert Presence.objects.get(meeting=meeting, user=people[2]).state == INSIDE


# --- chat ---------------------------------------------------------------------------------------


def test_chat_is_checked_and_kept_as_typed(personas, meeting):
    citizen = personas["citizen"]
    with pytest.raises(MeetingPermissionError):  # not inside yet
        actions.post_chat(user=citizen, meeting=meeting, text="Halo")
    actions.enter(user=citizen, meeting=meeting, channel_name="c")
    for text in ("", "   \n ", "\x00\x07"):
        with pytest.raises(MeetingError):
            actions.post_chat(user=citizen, meeting=meeting, text=text)
    with pytest.raises(MeetingError):
        actions.post_chat(user=citizen, meeting=meeting, text="a" * 1001)
    with pytest.raises(MeetingError):
        actions.post_chat(user=citizen, meeting=meeting, text="hai", bubble="b" * 65)
    assert len(actions.post_chat(user=citizen, meeting=meeting, text="a" * 1000).text) == 1000
    line = actions.post_chat(user=citizen, meeting=meeting, text=" <b>Selamat pagi</b> ",
                             bubble="table-2")
    assert (line.text, line.bubble) == ("<b>Selamat pagi</b>", "table-2")
    with pytest.raises(MeetingPermissionError):
        actions.post_chat(user=personas["other_citizen"], meeting=meeting, text="Halo")
    assert ChatMessage.objects.count() == 2


def test_someone_in_the_lobby_cannot_chat(personas, meeting):
    actions.set_locked(actor=personas["officer"], meeting=meeting, locked=True)
    actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c")
    with pytest.raises(MeetingPermissionError):
        actions.post_chat(user=personas["citizen"], meeting=meeting, text="Boleh masuk?")


def test_the_sweep_meetings_command_closes_a_presence_nobody_refreshed(personas, make_meeting,
                                                                       make_people):
    import io

    from django.core.management import call_command

    people = make_people(1)
    meeting = make_meeting(invitees=people)
    actions.enter(user=people[0], meeting=meeting, channel_name="gone",
                  now=timezone.now() - dt.timedelta(minutes=5))
    out = io.StringIO()
    call_command("sweep_meetings", stdout=out)
    assert "1 stale meeting presences closed" in out.getvalue()
    assert not Presence.objects.filter(meeting=meeting).exists()
    assert AttendanceSession.objects.get(meeting=meeting).left_at is not None
