"""Reads of Rapat Virtual: a person's meetings, who is in the room and in the lobby, the chat
history a late joiner gets, and the attendance list (also the action the attendance module
calls: `attendance_list(meeting)`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from anrong.agencies.models import Membership

from .ics import display_name
from .models import AttendanceSession, ChatMessage, Meeting, MeetingMember, Presence


def agency_names(user_ids: list[int]) -> dict[int, str]:
    """user id → the short name of the agency they work for ("" for citizens)."""
    names: dict[int, str] = {}
    rows = (Membership.objects.filter(user_id__in=user_ids, is_active=True, agency__is_active=True)
            .select_related("agency").order_by("created_at", "id"))
    for row in rows:
        names.setdefault(row.user_id, row.agency.short_name or row.agency.name)
    return names


def meetings_of(user: Any, *, now: dt.datetime | None = None) -> dict[str, list[Meeting]]:
    """The meetings a person is a member of: "upcoming" (not ended, not cancelled, soonest
    first), "hosted" (any they host, newest first) and "past"."""
    now = now or timezone.now()
    if not getattr(user, "is_authenticated", False):
        return {"upcoming": [], "hosted": [], "past": []}
    mine = (Meeting.objects.filter(members__user=user, members__is_removed=False)
            .select_related("agency").distinct())
    return {
        "upcoming": list(mine.filter(ends_at__gte=now, status=Meeting.Status.SCHEDULED)
                         .order_by("starts_at", "id")),
        "hosted": list(mine.filter(members__user=user, members__role=MeetingMember.Role.HOST)
                       .order_by("-starts_at", "-id")[:50]),
        "past": list(mine.filter(Q(ends_at__lt=now) | Q(status=Meeting.Status.CANCELLED))
                     .order_by("-starts_at", "-id")[:50]),
    }


def agency_meetings(agency: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(agency=agency).select_related("agency").order_by("-starts_at")


def members(meeting: Meeting) -> list[MeetingMember]:
    return list(meeting.members.filter(is_removed=False).select_related("user")
                .order_by("-role", "user__display_name", "user__email", "id"))


def chat_history(meeting: Meeting, *, bubble: str = "", limit: int = 50) -> list[ChatMessage]:
    """The last `limit` chat lines of the room (or of one bubble), oldest first."""
    lines = list(ChatMessage.objects.filter(meeting=meeting, bubble=bubble)
                 .select_related("user").order_by("-at", "-id")[:limit])
    lines.reverse()
    return lines


def room_state(meeting: Meeting) -> dict[str, list[dict[str, Any]]]:
    """Who is inside and who waits in the lobby (arrival order): user id, name, agency, and
    whether they host or are muted."""
    presences = list(Presence.objects.filter(meeting=meeting).select_related("user")
                     .order_by("since", "id"))
    roles = {m.user_id: m for m in MeetingMember.objects.filter(meeting=meeting)}
    agencies = agency_names([p.user_id for p in presences])
    state: dict[str, list[dict[str, Any]]] = {"inside": [], "lobby": []}
    for presence in presences:
        member = roles.get(presence.user_id)
        state[presence.state].append({
            "id": presence.user_id,
            "name": display_name(presence.user),
            "agency": agencies.get(presence.user_id, ""),
            "is_host": bool(member and member.role == MeetingMember.Role.HOST),
            "is_muted": bool(member and member.is_muted),
            "since": presence.since,
        })
    return state


def attendance_list(meeting: Meeting, *, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """One row per person who was inside, by first arrival: user_id, name, agency, first_join,
    last_leave (None while still inside), minutes_present (the sum of their stretches inside,
    an open one counted up to `now`), rejoins (times they came back after leaving)."""
    now = now or timezone.now()
    sessions = list(AttendanceSession.objects.filter(meeting=meeting).select_related("user")
                    .order_by("joined_at", "id"))
    people: dict[int, dict[str, Any]] = {}
    for session in sessions:
        row = people.get(session.user_id)
        if row is None:
            row = people[session.user_id] = {
                "user_id": session.user_id, "name": display_name(session.user), "agency": "",
                "first_join": session.joined_at, "last_leave": session.left_at,
                "seconds": 0.0, "sessions": 0, "open": False}
        end = session.left_at or max(now, session.joined_at)
        row["seconds"] += (end - session.joined_at).total_seconds()
        row["sessions"] += 1
        if session.left_at is None:
            row["open"] = True
        elif row["last_leave"] is None or session.left_at > row["last_leave"]:
            row["last_leave"] = session.left_at
    agencies = agency_names(list(people))
    rows = []
    for row in people.values():
        rows.append({
            "user_id": row["user_id"],
            "name": row["name"],
            "agency": agencies.get(row["user_id"], ""),
            "first_join": row["first_join"],
            "last_leave": None if row["open"] else row["last_leave"],
            "minutes_present": round(row["seconds"] / 60),
            "rejoins": row["sessions"] - 1,
        })
    return rows
