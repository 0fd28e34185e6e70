"""Rapat Virtual's part of a person's data rights (UU 27/2022): what it holds about them, and
what happens to it when their account is deleted."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AttendanceSession, ChatMessage, MeetingMember, Presence

KEPT = (_("Catatan kehadiran Anda di rapat virtual tetap ada tanpa nama dan kontak Anda: itu "
          "bagian dari daftar hadir resmi rapat yang diselenggarakan OPD."),)


def personal_data(user: Any) -> dict[str, Any]:
    return {
        "invitations": [
            {"meeting": m.meeting.code, "title": m.meeting.title, "agency": m.meeting.agency.code,
             "starts_at": m.meeting.starts_at.isoformat(), "role": m.role,
             "is_removed": m.is_removed}
            for m in MeetingMember.objects.filter(user=user).select_related("meeting__agency")
            .order_by("meeting__starts_at")
        ],
        "attendance": [
            {"meeting": s.meeting.code, "joined_at": s.joined_at.isoformat(),
             "left_at": s.left_at.isoformat() if s.left_at else None}
            for s in AttendanceSession.objects.filter(user=user).select_related("meeting")
            .order_by("joined_at")
        ],
        "chat": [
            {"meeting": c.meeting.code, "bubble": c.bubble, "text": c.text,
             "at": c.at.isoformat()}
            for c in ChatMessage.objects.filter(user=user).select_related("meeting").order_by("at")
        ],
    }


def anonymise(user: Any) -> list[str]:
    """Inside the account deletion's transaction: their chat lines and invitations go, they
    leave any room they are in; the attendance stretches stay (the account keeps no name)."""
    now = timezone.now()
    Presence.objects.filter(user=user).delete()
    AttendanceSession.objects.filter(user=user, left_at__isnull=True).update(left_at=now)
    ChatMessage.objects.filter(user=user).delete()
    MeetingMember.objects.filter(user=user).delete()
    kept = AttendanceSession.objects.filter(user=user).exists()
    return [str(KEPT[0])] if kept else []
