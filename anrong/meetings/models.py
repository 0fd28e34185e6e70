"""Rapat Virtual: an agency's meetings in a 2D room, who is invited, who is inside (presence),
who was there and for how long (attendance), and the room's chat. Only
`anrong.meetings.actions` writes these tables.

Presence and attendance are written to the database when someone enters or leaves, never
inferred from the channel layer: a node that dies leaves rows that the next `sweep` closes
(`Presence.last_seen`)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

DEFAULT_CAPACITY = 20


class Meeting(models.Model):
    class Layout(models.TextChoices):
        HALL = "hall", _("Aula rapat")
        CLASSROOM = "classroom", _("Ruang kelas")
        OFFICE = "office", _("Kantor terbuka")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Terjadwal")
        CANCELLED = "cancelled", _("Dibatalkan")

    # The room's address (/rapat/<code>/): readable out loud, not guessable.
    code = models.CharField(max_length=24, unique=True)
    # iCalendar UID: the same event in every invitation, update and cancellation.
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="meetings")
    title = models.CharField(_("judul"), max_length=200)
    description = models.TextField(_("agenda"), blank=True)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    layout = models.CharField(_("tata ruang"), max_length=12, choices=Layout.choices,
                              default=Layout.HALL)
    capacity = models.PositiveSmallIntegerField(
        _("kapasitas"), default=DEFAULT_CAPACITY,
        validators=[MinValueValidator(2), MaxValueValidator(100)])
    is_locked = models.BooleanField(_("ruang dikunci"), default=False)
    presenter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    # iCalendar SEQUENCE: bumped by every change sent to the invitees.
    sequence = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("rapat")
        verbose_name_plural = _("rapat")
        indexes = [models.Index(fields=["agency", "starts_at"], name="meetings_agency_idx")]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class MeetingMember(models.Model):
    """A host or an invitee. Hosts lock the room, mute, remove and hand over the presenter role."""

    class Role(models.TextChoices):
        HOST = "host", _("Tuan rumah")
        INVITEE = "invitee", _("Peserta")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="meeting_memberships")
    role = models.CharField(max_length=8, choices=Role.choices, default=Role.INVITEE)
    is_muted = models.BooleanField(default=False)
    # Removed by a host: may not come back into this meeting.
    is_removed = models.BooleanField(default=False)
    invited_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="uniq_meeting_member")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.meeting_id} ({self.role})"


class Presence(models.Model):
    """Someone connected to a meeting right now: inside the room, or waiting in the lobby when
    it is full or locked. One row per person and meeting (a second tab takes over)."""

    class State(models.TextChoices):
        INSIDE = "inside", _("Di dalam ruang")
        LOBBY = "lobby", _("Menunggu di lobi")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=8, choices=State.choices)
    # The websocket connection that holds it (Channels channel name), and its node.
    channel_name = models.CharField(max_length=200)
    since = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["since", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               name="uniq_meeting_presence")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.state} {self.meeting_id}"


class AttendanceSession(models.Model):
    """One stretch of time someone spent inside the room: opened on entering, closed on
    leaving (or by the sweep after a node died). The attendance list sums these."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="meeting_sessions")
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]
        indexes = [models.Index(fields=["meeting", "user", "joined_at"],
                                name="meetings_session_idx")]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"],
                                               condition=Q(left_at__isnull=True),
                                               name="uniq_open_session")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.meeting_id} from {self.joined_at}"


class ChatMessage(models.Model):
    """A chat line for the whole room (`bubble` empty) or for one conversation bubble; late
    joiners get the room's recent history."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="messages")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="+")
    bubble = models.CharField(max_length=64, blank=True)
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["meeting", "bubble", "at"], name="meetings_chat_idx")]

    def __str__(self) -> str:
        return f"{self.meeting_id}: {self.text[:30]}"
