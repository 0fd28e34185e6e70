"""Background work of the meeting rooms, run by `manage.py db_worker`."""

from __future__ import annotations

from django_tasks import task

from anrong.core.concurrency import run_coroutine

from . import livekit


@task()
def enforce_livekit_mute(room: str, user_id: int, muted: bool) -> None:
    """A host muted (or unmuted) someone: the SFU stops (or allows) their microphone."""
    if livekit.is_configured():
        run_coroutine(livekit.enforce_mute(room=room, user_id=user_id, muted=muted))
