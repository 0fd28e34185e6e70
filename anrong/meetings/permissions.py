"""Who may do what with meetings: one function per question, tested as a matrix. They take any
user object, including AnonymousUser, and never raise.

- An agency's staff schedule meetings for it; the meeting's hosts (and the agency's supervisors
  and admins) change, cancel and run it.
- Hosts and invitees join; a removed member may not come back.
- Hosts, and the agency's supervisors and admins, see attendance.
"""

from __future__ import annotations

from typing import Any

from anrong.agencies.models import Membership
from anrong.agencies.permissions import agency_role

from .models import Meeting, MeetingMember


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def _member(user: Any, meeting: Meeting) -> MeetingMember | None:
    if not _active(user):
        return None
    return MeetingMember.objects.filter(meeting=meeting, user=user).first()


def can_schedule(user: Any, agency: Any) -> bool:
    return _active(user) and agency_role(user, agency) is not None


def is_host(user: Any, meeting: Meeting) -> bool:
    member = _member(user, meeting)
    return member is not None and member.role == MeetingMember.Role.HOST and not member.is_removed


def _supervises(user: Any, meeting: Meeting) -> bool:
    return agency_role(user, meeting.agency) in {Membership.Role.SUPERVISOR, Membership.Role.ADMIN}


def can_manage(user: Any, meeting: Meeting) -> bool:
    """Change or cancel the meeting, its invitees and hosts."""
    return _active(user) and (is_host(user, meeting) or _supervises(user, meeting))


def can_run(user: Any, meeting: Meeting) -> bool:
    """Inside the room: lock, mute, remove, hand over the presenter role."""
    return is_host(user, meeting)


def can_join(user: Any, meeting: Meeting) -> bool:
    if meeting.status != Meeting.Status.SCHEDULED:
        return False
    member = _member(user, meeting)
    return member is not None and not member.is_removed


def can_view_attendance(user: Any, meeting: Meeting) -> bool:
    return _active(user) and (is_host(user, meeting) or _supervises(user, meeting))
