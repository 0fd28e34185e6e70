"""iCalendar (RFC 5545 / iTIP RFC 5546) for meetings: the invitation (METHOD:REQUEST), its
updates (same UID, SEQUENCE bumped) and the cancellation (METHOD:CANCEL).

Times are written in UTC (every calendar converts them); the description says the time in WITA
too, for people who read the file by hand. The UID is the meeting's `uid`, the same in every
message about it, so a calendar replaces the event instead of adding a second one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from email.utils import parseaddr
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMessage
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from anrong.core.formatting import wita
from anrong.core.notifications import absolute_url

from .models import Meeting, MeetingMember

log = logging.getLogger(__name__)

PRODID = "-//Pemerintah Kota Makassar//Anrong Rapat Virtual//ID"
REQUEST = "REQUEST"
CANCEL = "CANCEL"


def meeting_url(meeting: Meeting) -> str:
    try:
        return absolute_url(reverse("meetings:detail", args=[meeting.code]))
    except NoReverseMatch:  # the pages are not mounted (a trimmed deployment)
        return absolute_url(f"/rapat/{meeting.code}/")


def room_url(meeting: Meeting) -> str:
    return absolute_url(f"/rapat/{meeting.code}/ruang/")


def display_name(user: Any) -> str:
    """How a person is named in the room, the lists and the files: their chosen name, their
    name as a citizen, their (work) email, or "Peserta"."""
    name = (getattr(user, "display_name", "") or "").strip()
    if name:
        return name
    try:
        profile = user.citizen_profile
    except ObjectDoesNotExist:
        profile = None
    if profile is not None and profile.full_name:
        return str(profile.full_name)
    # Never the phone number: names are shown to everyone in the room.
    return str(user.email or _("Peserta"))


def _address(email: str, name: str, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["CN"] = vText(name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def _organizer(meeting: Meeting) -> vCalAddress:
    creator = meeting.created_by
    if creator is not None and creator.email:
        return _address(creator.email, f"{display_name(creator)} ({meeting.agency})")
    name, email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return _address(email, str(meeting.agency) or name)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def calendar(meeting: Meeting, *, method: str = REQUEST,
             members: Iterable[MeetingMember] | None = None,
             now: dt.datetime | None = None) -> bytes:
    """The .ics file for `meeting`: with METHOD `method` (REQUEST or CANCEL), one ATTENDEE per
    member with an email address (hosts as CHAIR)."""
    if members is None:
        members = meeting.members.filter(is_removed=False).select_related("user")
    cancelled = method == CANCEL or meeting.status == Meeting.Status.CANCELLED
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(now or timezone.now()))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    event.add("summary", meeting.title)
    note = _("Waktu: %(start)s sampai %(end)s (WITA = UTC+8).") % {
        "start": wita(meeting.starts_at), "end": wita(meeting.ends_at)}
    parts = [meeting.description.strip(), note,
             _("Masuk ruang rapat virtual: %(url)s") % {"url": room_url(meeting)}]
    event.add("description", "\n\n".join(p for p in parts if p))
    event.add("location", room_url(meeting))
    event.add("url", meeting_url(meeting))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("organizer", _organizer(meeting))
    for member in members:
        user = member.user
        if not user.email:
            continue
        host = member.role == MeetingMember.Role.HOST and not member.is_removed
        event.add("attendee", _address(
            user.email, display_name(user), ROLE="CHAIR" if host else "REQ-PARTICIPANT",
            PARTSTAT="NEEDS-ACTION", CUTYPE="INDIVIDUAL", RSVP="FALSE"))
    cal.add_component(event)
    return cal.to_ical()


def filename(meeting: Meeting) -> str:
    return f"rapat-{meeting.code}.ics"


def send(meeting_id: int, user_ids: Iterable[int], *, method: str) -> int:
    """Email the .ics (`method`) to each of `user_ids` that has an email address, each in their
    own language; returns how many went out. Run after the action's commit: a failing mail
    server is logged and does not undo the meeting (the inbox notification is already there)."""
    meeting = Meeting.objects.select_related("agency", "created_by").get(pk=meeting_id)
    members = list(meeting.members.filter(is_removed=False).select_related("user"))
    listed = {m.user_id for m in members}
    from anrong.accounts.models import User

    sent = 0
    for user in User.objects.filter(pk__in=list(user_ids), is_active=True).exclude(email=None):
        if not user.email:
            continue
        # A CANCEL to someone taken off the list names them as the attendee it is for.
        attendees = members if user.pk in listed else [
            *members, MeetingMember(meeting=meeting, user=user, is_removed=True)]
        with translation.override(user.language or settings.LANGUAGE_CODE):
            content = calendar(meeting, method=method, members=attendees)
            if method == CANCEL:
                subject = _("Dibatalkan: %(title)s") % {"title": meeting.title}
                body = _("Rapat \"%(title)s\" (%(start)s) dibatalkan.") % {
                    "title": meeting.title, "start": wita(meeting.starts_at)}
            else:
                subject = (_("Undangan rapat: %(title)s") if meeting.sequence == 0
                           else _("Perubahan rapat: %(title)s")) % {"title": meeting.title}
                body = _("%(agency)s mengundang Anda ke rapat \"%(title)s\", %(start)s sampai "
                         "%(end)s.\n\nMasuk ruang rapat virtual: %(url)s\n\nBerkas kalender "
                         "(.ics) terlampir.") % {
                    "agency": meeting.agency, "title": meeting.title,
                    "start": wita(meeting.starts_at), "end": wita(meeting.ends_at),
                    "url": room_url(meeting)}
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach(filename(meeting), content,
                       f"text/calendar; method={method}; charset=UTF-8")
        try:
            message.send(fail_silently=False)
            sent += 1
        except Exception:
            log.exception("meeting %s: the invitation to user %s was not sent", meeting.code,
                          user.pk)
    return sent
