"""Every write of Rapat Virtual. Each action is keyword-only and runs in one transaction; the
ones that decide who is inside lock the meeting row first, so two people entering the last
free place at once (on two nodes) are decided one after the other. Staff actions write an audit
event and, for the events other systems care about, an outbox event (payloads name the agency,
never a person's contact details).

Presence and attendance:
- `enter` puts a person inside when there is room (inside < capacity) and the room is not
  locked (hosts always enter), otherwise in the lobby; inside opens an AttendanceSession. The
  same person connecting again (a second tab, a reconnect on another node) takes the Presence
  over: `presence.replaced_channel` names the connection to close.
- `leave` (only by the connection that holds the presence), `remove`, unlocking and `sweep`
  free places; the lobby is admitted in arrival order while there is room. Every admission is
  also announced after commit with the `admitted` signal (for admissions that no connection
  asked for: the sweep, a larger capacity).
- `touch` marks live connections; `sweep` closes what a dead node left behind: run it every
  minute (see the app's README notes in the lead's report).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import django.dispatch
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from anrong.agencies.models import Agency
from anrong.core import notifications
from anrong.core.audit import record_audit
from anrong.core.outbox import emit
from anrong.core.tasks import enqueue_transactionally
from anrong.services.tracking import new_tracking_no

from . import ics, livekit, permissions, tasks
from .errors import MeetingError, MeetingPermissionError, StaleMeeting
from .models import AttendanceSession, ChatMessage, Meeting, MeetingMember, Presence

CODE_PREFIX = "RPT"
TITLE_MIN, TITLE_MAX = 3, 200
DESCRIPTION_MAX = 4000
REASON_MIN, REASON_MAX = 5, 1000
CHAT_MAX = 1000
BUBBLE_MAX = 64
MAX_DURATION = dt.timedelta(hours=12)
MIN_CAPACITY, MAX_CAPACITY = 2, 100
UPDATABLE = ("title", "description", "starts_at", "ends_at", "layout", "capacity", "hosts",
             "invitees")

# Sent after commit whenever people are admitted from the lobby:
# admitted.send(sender=Meeting, meeting=meeting, presences=[Presence, ...]).
admitted = django.dispatch.Signal()

_NOTIFY = {
    "invited": (gettext_lazy("Undangan rapat: %(title)s"),
                gettext_lazy("%(agency)s mengundang Anda ke rapat \"%(title)s\", %(start)s.")),
    "updated": (gettext_lazy("Perubahan rapat: %(title)s"),
                gettext_lazy("Rapat \"%(title)s\" diubah: kini %(start)s.")),
    "cancelled": (gettext_lazy("Rapat dibatalkan: %(title)s"),
                  gettext_lazy("Rapat \"%(title)s\" (%(start)s) dibatalkan. Alasannya: "
                               "%(reason)s")),
}


# --- helpers ------------------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def snapshot(meeting: Meeting) -> dict[str, Any]:
    """The outbox payload: what an agency system needs, never who was invited."""
    return {
        "agency": meeting.agency.code,
        "code": meeting.code,
        "uid": str(meeting.uid),
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "layout": meeting.layout,
        "capacity": meeting.capacity,
        "status": meeting.status,
        "sequence": meeting.sequence,
        "version": meeting.version,
    }


def _locked(meeting: Meeting) -> Meeting:
    return (Meeting.objects.select_for_update(of=("self",)).select_related("agency")
            .get(pk=meeting.pk))


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise MeetingPermissionError(message or _("Anda tidak berhak melakukan ini pada rapat ini."))


def _refuse(field: str, message: str) -> None:
    raise MeetingError(message, errors={field: message})


def _check_version(meeting: Meeting, version: int | str | None) -> None:
    try:
        same = int(version) == meeting.version  # type: ignore[arg-type]
    except (TypeError, ValueError):
        same = False
    if not same:
        raise StaleMeeting(_("Rapat ini sudah diubah orang lain sejak halaman Anda dimuat. Muat "
                             "ulang halaman lalu periksa lagi."))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate the meeting's own fields; raises MeetingError with every problem at once."""
    errors: dict[str, str] = {}
    title = (fields.get("title") or "").strip()
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        errors["title"] = _("Judul rapat %(min)s sampai %(max)s huruf.") % {
            "min": TITLE_MIN, "max": TITLE_MAX}
    description = (fields.get("description") or "").strip()
    if len(description) > DESCRIPTION_MAX:
        errors["description"] = _("Agenda paling banyak %(max)s huruf.") % {"max": DESCRIPTION_MAX}
    starts_at, ends_at = fields.get("starts_at"), fields.get("ends_at")
    if not isinstance(starts_at, dt.datetime) or timezone.is_naive(starts_at):
        errors["starts_at"] = _("Isi waktu mulai rapat.")
    if not isinstance(ends_at, dt.datetime) or timezone.is_naive(ends_at):
        errors["ends_at"] = _("Isi waktu selesai rapat.")
    elif "starts_at" not in errors:
        if ends_at <= starts_at:
            errors["ends_at"] = _("Rapat harus selesai sesudah mulai.")
        elif ends_at - starts_at > MAX_DURATION:
            errors["ends_at"] = _("Rapat paling lama 12 jam.")
    layout = fields.get("layout")
    if layout not in Meeting.Layout.values:
        errors["layout"] = _("Pilih tata ruang: aula rapat, ruang kelas atau kantor terbuka.")
    try:
        capacity = int(fields.get("capacity"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        capacity = 0
    if not MIN_CAPACITY <= capacity <= MAX_CAPACITY:
        errors["capacity"] = _("Kapasitas ruang %(min)s sampai %(max)s orang.") % {
            "min": MIN_CAPACITY, "max": MAX_CAPACITY}
    if errors:
        raise MeetingError(next(iter(errors.values())), errors=errors)
    return {"title": title, "description": description, "starts_at": starts_at,
            "ends_at": ends_at, "layout": layout, "capacity": capacity}


def _people(value: Iterable[Any], field: str) -> list[Any]:
    people: dict[int, Any] = {}
    for person in value or ():
        if not getattr(person, "pk", None) or not person.is_active:
            _refuse(field, _("Hanya akun yang aktif yang dapat diundang."))
        people[person.pk] = person
    return list(people.values())


def _roles(actor: Any, hosts: Iterable[Any], invitees: Iterable[Any]) -> dict[int, tuple[Any, str]]:
    """user id → (user, role); a host listed as an invitee stays a host."""
    roles: dict[int, tuple[Any, str]] = {}
    for person in _people(invitees, "invitees"):
        roles[person.pk] = (person, MeetingMember.Role.INVITEE)
    for person in _people(hosts, "hosts"):
        roles[person.pk] = (person, MeetingMember.Role.HOST)
    if actor is not None:
        roles[actor.pk] = (actor, MeetingMember.Role.HOST)
    return roles


def _values(meeting: Meeting, **extra: Any) -> dict[str, Any]:
    from anrong.core.formatting import wita

    return {"title": meeting.title, "agency": str(meeting.agency),
            "start": wita(meeting.starts_at), **extra}


def _tell(meeting: Meeting, user_ids: Iterable[int], what: str, *, method: str,
          **params: Any) -> None:
    """An inbox (and SMS) notification with the link now; the email with the .ics after commit."""
    from anrong.accounts.models import User

    ids = list(dict.fromkeys(user_ids))
    if not ids:
        return
    title, body = _NOTIFY[what]
    url = ics.meeting_url(meeting)
    for user in User.objects.filter(pk__in=ids, is_active=True):
        notifications.notify_translated(user=user, kind=f"meeting.{what}", title=title, body=body,
                                        params=_values(meeting, **params), url=url,
                                        channels=(notifications.INBOX, notifications.SMS))
    meeting_id = meeting.pk
    transaction.on_commit(lambda: ics.send(meeting_id, ids, method=method))


def _open_session(meeting: Meeting, user_id: int, now: dt.datetime) -> None:
    if not AttendanceSession.objects.filter(meeting=meeting, user_id=user_id,
                                            left_at__isnull=True).exists():
        AttendanceSession.objects.create(meeting=meeting, user_id=user_id, joined_at=now)


def _close_session(meeting: Meeting, user_id: int, at: dt.datetime) -> None:
    for session in AttendanceSession.objects.filter(meeting=meeting, user_id=user_id,
                                                    left_at__isnull=True):
        session.left_at = max(at, session.joined_at)
        session.save(update_fields=["left_at"])


def _presence_event(meeting: Meeting, what: str, user_id: int, at: dt.datetime) -> None:
    emit(f"meeting.{what}", {"agency": meeting.agency.code, "code": meeting.code,
                             "uid": str(meeting.uid), "user": user_id, "at": at},
         aggregate=meeting)


def _go_inside(meeting: Meeting, presence: Presence, now: dt.datetime) -> None:
    presence.state = Presence.State.INSIDE
    _open_session(meeting, presence.user_id, now)
    _presence_event(meeting, "joined", presence.user_id, now)


def _drop(meeting: Meeting, presence: Presence, at: dt.datetime) -> None:
    """Close one presence: its attendance session too when it was inside."""
    if presence.state == Presence.State.INSIDE:
        _close_session(meeting, presence.user_id, at)
        _presence_event(meeting, "left", presence.user_id, at)
    presence.delete()


def _admit(meeting: Meeting, now: dt.datetime) -> list[Presence]:
    """Move people from the lobby inside, in arrival order, while there is room."""
    if meeting.is_locked or meeting.status != Meeting.Status.SCHEDULED:
        return []
    room = meeting.capacity - Presence.objects.filter(meeting=meeting,
                                                      state=Presence.State.INSIDE).count()
    if room <= 0:
        return []
    waiting = list(Presence.objects.filter(meeting=meeting, state=Presence.State.LOBBY)
                   .select_related("user").order_by("since", "id")[:room])
    for presence in waiting:
        _go_inside(meeting, presence, now)
        presence.save(update_fields=["state"])
    if waiting:
        transaction.on_commit(lambda: admitted.send(sender=Meeting, meeting=meeting,
                                                    presences=waiting))
    return waiting


def _new_code(at: dt.datetime) -> str:
    return new_tracking_no(CODE_PREFIX, at)


# --- scheduling ---------------------------------------------------------------------------------


def schedule_meeting(*, actor: Any, agency: Agency, title: str, starts_at: dt.datetime,
                     ends_at: dt.datetime, layout: str = "hall", capacity: int = 20,
                     hosts: Iterable[Any] = (), invitees: Iterable[Any] = (),
                     description: str = "") -> Meeting:
    """An agency's staff member schedules a meeting; they become a host. Every member gets an
    inbox notification and, by email, the invitation (.ics, METHOD:REQUEST)."""
    _require(permissions.can_schedule(actor, agency),
             _("Hanya pegawai %(agency)s yang dapat menjadwalkan rapatnya.") % {"agency": agency})
    fields = _clean({"title": title, "description": description, "starts_at": starts_at,
                     "ends_at": ends_at, "layout": layout, "capacity": capacity})
    if fields["ends_at"] < timezone.now():
        _refuse("ends_at", _("Rapat itu sudah lewat."))
    roles = _roles(actor, hosts, invitees)
    with transaction.atomic():
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    meeting = Meeting.objects.create(code=_new_code(fields["starts_at"]),
                                                     agency=agency, created_by=actor, **fields)
                break
            except IntegrityError:  # the code was drawn twice: draw again
                continue
        else:  # pragma: no cover - 729 million codes per year
            raise MeetingError(_("Rapat belum dapat dibuat. Coba lagi."))
        MeetingMember.objects.bulk_create(
            [MeetingMember(meeting=meeting, user=user, role=role) for user, role in roles.values()])
        record_audit(actor=actor, action="meeting.scheduled", target=meeting,
                     details={"code": meeting.code, "hosts": sum(
                         1 for _u, r in roles.values() if r == MeetingMember.Role.HOST),
                         "invitees": len(roles)})
        emit("meeting.scheduled", snapshot(meeting), aggregate=meeting)
        _tell(meeting, [uid for uid in roles if uid != actor.pk], "invited", method=ics.REQUEST)
        transaction.on_commit(lambda: ics.send(meeting.pk, [actor.pk], method=ics.REQUEST))
    return meeting


def update_meeting(*, actor: Any, meeting: Meeting, version: int | str, **fields: Any) -> Meeting:
    """Change a scheduled meeting (any of UPDATABLE; `hosts`/`invitees` replace the lists). The
    invitation goes out again with SEQUENCE + 1; people taken off the list get a CANCEL."""
    unknown = set(fields) - set(UPDATABLE)
    if unknown:
        raise TypeError(f"update_meeting() got unexpected fields {sorted(unknown)}")
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_manage(actor, meeting))
        if meeting.status != Meeting.Status.SCHEDULED:
            raise MeetingError(_("Rapat yang dibatalkan tidak dapat diubah."))
        _check_version(meeting, version)
        current = {name: getattr(meeting, name) for name in UPDATABLE[:6]}
        cleaned = _clean({**current, **{k: v for k, v in fields.items() if k in current}})
        changed = [name for name, value in cleaned.items() if value != current[name]]
        for name in changed:
            setattr(meeting, name, cleaned[name])

        members = {m.user_id: m for m in meeting.members.all()}
        dropped: list[int] = []
        if "hosts" in fields or "invitees" in fields:
            old_hosts = [m.user for m in members.values()
                         if m.role == MeetingMember.Role.HOST and not m.is_removed]
            old_invitees = [m.user for m in members.values()
                            if m.role == MeetingMember.Role.INVITEE and not m.is_removed]
            hosts = fields.get("hosts", old_hosts)
            invitees = fields.get("invitees", old_invitees)
            roles = _roles(None, hosts, invitees)
            if not any(role == MeetingMember.Role.HOST for _u, role in roles.values()):
                _refuse("hosts", _("Rapat perlu paling sedikit satu tuan rumah."))
            for user_id, member in members.items():
                if user_id not in roles and not member.is_removed:
                    dropped.append(user_id)
                    presence = Presence.objects.filter(meeting=meeting, user_id=user_id).first()
                    if presence is not None:
                        _drop(meeting, presence, now)
                    member.delete()
                    changed.append("members")
                elif user_id in roles and member.role != roles[user_id][1]:
                    member.role = roles[user_id][1]
                    member.save(update_fields=["role"])
                    changed.append("members")
            for user_id, (user, role) in roles.items():
                if user_id not in members:
                    MeetingMember.objects.create(meeting=meeting, user=user, role=role)
                    changed.append("members")
        if not changed:
            return meeting
        changed = list(dict.fromkeys(changed))
        meeting.sequence += 1
        meeting.version += 1
        meeting.save()
        record_audit(actor=actor, action="meeting.updated", target=meeting,
                     details={"changed": changed, "sequence": meeting.sequence})
        emit("meeting.updated", {**snapshot(meeting), "changed": changed}, aggregate=meeting)
        meeting.admitted = _admit(meeting, now)  # type: ignore[attr-defined]
        listed = [uid for uid in meeting.members.filter(is_removed=False)
                  .values_list("user_id", flat=True)]
        _tell(meeting, [uid for uid in listed if uid != actor.pk], "updated",
              method=ics.REQUEST)
        if actor.pk in listed:
            transaction.on_commit(lambda: ics.send(meeting.pk, [actor.pk], method=ics.REQUEST))
        if dropped:
            meeting_id = meeting.pk
            transaction.on_commit(lambda: ics.send(meeting_id, dropped, method=ics.CANCEL))
    return meeting


def cancel_meeting(*, actor: Any, meeting: Meeting, reason: str) -> Meeting:
    """Cancel the meeting: everyone inside or waiting is let go, every member gets the reason
    and a METHOD:CANCEL for their calendar."""
    reason = (reason or "").strip()
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_manage(actor, meeting))
        if meeting.status == Meeting.Status.CANCELLED:
            raise MeetingError(_("Rapat ini sudah dibatalkan."))
        if not REASON_MIN <= len(reason) <= REASON_MAX:
            _refuse("reason", _("Tuliskan alasan pembatalan, %(min)s sampai %(max)s huruf.")
                    % {"min": REASON_MIN, "max": REASON_MAX})
        for presence in Presence.objects.filter(meeting=meeting):
            _drop(meeting, presence, now)
        meeting.status = Meeting.Status.CANCELLED
        meeting.sequence += 1
        meeting.version += 1
        meeting.save()
        record_audit(actor=actor, action="meeting.cancelled", target=meeting,
                     details={"reason": reason})
        emit("meeting.cancelled", {**snapshot(meeting), "reason": reason}, aggregate=meeting)
        listed = list(meeting.members.filter(is_removed=False).values_list("user_id", flat=True))
        _tell(meeting, [uid for uid in listed if uid != actor.pk], "cancelled",
              method=ics.CANCEL, reason=reason)
        if actor.pk in listed:
            transaction.on_commit(lambda: ics.send(meeting.pk, [actor.pk], method=ics.CANCEL))
    return meeting


# --- presence and attendance --------------------------------------------------------------------


def enter(*, user: Any, meeting: Meeting, channel_name: str,
          now: dt.datetime | None = None) -> Presence:
    """`user` connects on `channel_name`: inside if there is room and the room is unlocked
    (hosts always), else the lobby. A second connection takes the Presence over; the old
    connection's name is in `presence.replaced_channel` (None when there was none)."""
    now = _now(now)
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_join(user, meeting),
                 _("Anda tidak terdaftar di rapat ini, atau rapatnya dibatalkan."))
        presence = Presence.objects.select_for_update().filter(meeting=meeting, user=user).first()
        replaced = None
        if presence is not None:
            replaced = presence.channel_name if presence.channel_name != channel_name else None
            presence.channel_name = channel_name
            presence.last_seen = now
            if presence.state == Presence.State.INSIDE:
                _open_session(meeting, user.pk, now)
            elif permissions.is_host(user, meeting):
                _go_inside(meeting, presence, now)
            presence.save()
        else:
            inside = Presence.objects.filter(meeting=meeting, state=Presence.State.INSIDE).count()
            presence = Presence(meeting=meeting, user=user, channel_name=channel_name, since=now,
                                last_seen=now, state=Presence.State.LOBBY)
            if permissions.is_host(user, meeting) or (not meeting.is_locked
                                                      and inside < meeting.capacity):
                _go_inside(meeting, presence, now)
            presence.save()
    presence.replaced_channel = replaced  # type: ignore[attr-defined]
    return presence


def leave(*, user: Any, meeting: Meeting, channel_name: str,
          now: dt.datetime | None = None) -> list[Presence]:
    """The connection `channel_name` closed. Does nothing when another connection took the
    presence over. Returns the people admitted from the lobby into the freed place."""
    now = _now(now)
    with transaction.atomic():
        meeting = _locked(meeting)
        presence = (Presence.objects.select_for_update()
                    .filter(meeting=meeting, user=user, channel_name=channel_name).first())
        if presence is None:
            return []
        _drop(meeting, presence, now)
        return _admit(meeting, now)


def touch(*, meeting: Meeting, channel_names: Iterable[str], now: dt.datetime | None = None) -> None:
    """The connections `channel_names` are alive (called by each node every few seconds)."""
    names = list(channel_names)
    if names:
        Presence.objects.filter(meeting=meeting, channel_name__in=names).update(
            last_seen=_now(now))


def sweep(*, now: dt.datetime | None = None, stale_after_s: int = 90) -> int:
    """Close presences not seen for `stale_after_s` seconds (their node died): the attendance
    session ends when they were last seen, and the lobby moves up. Returns how many closed."""
    now = _now(now)
    cutoff = now - dt.timedelta(seconds=stale_after_s)
    closed = 0
    meeting_ids = set(Presence.objects.filter(last_seen__lt=cutoff)
                      .values_list("meeting_id", flat=True))
    for meeting_id in sorted(meeting_ids):
        with transaction.atomic():
            meeting = _locked(Meeting(pk=meeting_id))
            stale = list(Presence.objects.select_for_update()
                         .filter(meeting=meeting, last_seen__lt=cutoff))
            for presence in stale:
                _drop(meeting, presence, presence.last_seen)
            closed += len(stale)
            _admit(meeting, now)
    # Sessions left open with nobody inside (a crash between writes cannot do this, but a
    # cancelled meeting's data restored by hand could): close them where they were last known.
    orphans = (AttendanceSession.objects.filter(left_at__isnull=True, joined_at__lt=cutoff)
               .exclude(Exists(Presence.objects.filter(meeting_id=OuterRef("meeting_id"),
                                                       user_id=OuterRef("user_id"),
                                                       state=Presence.State.INSIDE))))
    for session in orphans:
        session.left_at = max(session.joined_at, cutoff)
        session.save(update_fields=["left_at"])
    return closed


# --- host controls ------------------------------------------------------------------------------


def _member_of(meeting: Meeting, user: Any) -> MeetingMember:
    member = MeetingMember.objects.select_for_update().filter(meeting=meeting, user=user).first()
    if member is None or member.is_removed:
        raise MeetingError(_("Orang itu bukan peserta rapat ini."))
    return member


def set_locked(*, actor: Any, meeting: Meeting, locked: bool) -> list[Presence]:
    """Lock (newcomers wait in the lobby) or unlock (the lobby comes in while there is room)."""
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_run(actor, meeting), _("Hanya tuan rumah yang dapat mengunci ruang."))
        if meeting.is_locked == bool(locked):
            return []
        meeting.is_locked = bool(locked)
        meeting.save(update_fields=["is_locked", "updated_at"])
        record_audit(actor=actor, action="meeting.locked" if locked else "meeting.unlocked",
                     target=meeting)
        return _admit(meeting, now)


def set_muted(*, actor: Any, meeting: Meeting, user: Any, muted: bool) -> MeetingMember:
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_run(actor, meeting), _("Hanya tuan rumah yang dapat membisukan peserta."))
        member = _member_of(meeting, user)
        if member.is_muted != bool(muted):
            member.is_muted = bool(muted)
            member.save(update_fields=["is_muted"])
            record_audit(actor=actor, action="meeting.muted" if muted else "meeting.unmuted",
                         target=meeting, details={"user": member.user_id})
            if livekit.is_configured():
                enqueue_transactionally(tasks.enforce_livekit_mute, meeting.code, member.user_id,
                                        bool(muted))
    return member


def remove(*, actor: Any, meeting: Meeting, user: Any) -> None:
    """A host sends someone out of the meeting for good: their presence closes and they may not
    come back. The freed place goes to the lobby (announced with the `admitted` signal)."""
    now = timezone.now()
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_run(actor, meeting), _("Hanya tuan rumah yang dapat mengeluarkan peserta."))
        if getattr(user, "pk", None) == actor.pk:
            raise MeetingError(_("Anda tidak dapat mengeluarkan diri sendiri; tinggalkan saja ruangnya."))
        member = _member_of(meeting, user)
        member.is_removed = True
        member.save(update_fields=["is_removed"])
        presence = Presence.objects.select_for_update().filter(meeting=meeting, user=user).first()
        if presence is not None:
            _drop(meeting, presence, now)
        if meeting.presenter_id == member.user_id:
            meeting.presenter = None
            meeting.save(update_fields=["presenter", "updated_at"])
        record_audit(actor=actor, action="meeting.removed", target=meeting,
                     details={"user": member.user_id})
        _admit(meeting, now)


def set_presenter(*, actor: Any, meeting: Meeting, user: Any) -> Meeting:
    """Hand the presenter role (screen on the stage) to a member; `user=None` takes it back."""
    with transaction.atomic():
        meeting = _locked(meeting)
        _require(permissions.can_run(actor, meeting), _("Hanya tuan rumah yang dapat memilih penyaji."))
        if user is not None:
            _member_of(meeting, user)
        meeting.presenter = user
        meeting.save(update_fields=["presenter", "updated_at"])
        record_audit(actor=actor, action="meeting.presenter", target=meeting,
                     details={"user": getattr(user, "pk", None)})
    return meeting


# --- chat ---------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def post_chat(*, user: Any, meeting: Meeting, text: str, bubble: str = "") -> ChatMessage:
    """A chat line from someone inside the room, to the whole room (`bubble` "") or one bubble.
    1 to 1000 characters; kept as typed (HTML is text, escaped where it is shown)."""
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(text or ""))).strip()
    if not text:
        _refuse("text", _("Pesan kosong."))
    if len(text) > CHAT_MAX:
        _refuse("text", _("Pesan paling banyak %(max)s huruf.") % {"max": CHAT_MAX})
    bubble = str(bubble or "")
    if len(bubble) > BUBBLE_MAX:
        _refuse("bubble", _("Percakapan tidak dikenal."))
    with transaction.atomic():
        _require(permissions.can_join(user, meeting),
                 _("Anda tidak terdaftar di rapat ini, atau rapatnya dibatalkan."))
        if not Presence.objects.filter(meeting=meeting, user=user,
                                       state=Presence.State.INSIDE).exists():
            raise MeetingPermissionError(_("Masuk ke ruang rapat dulu untuk mengirim pesan."))
        return ChatMessage.objects.create(meeting=meeting, user=user, bubble=bubble, text=text)
