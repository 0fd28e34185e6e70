"""LiveKit, the SFU that carries a bubble's audio and video when it is larger than peer-to-peer
can hold (more than 4 people). Optional: configured only when `LIVEKIT_URL`, `LIVEKIT_API_KEY`
and `LIVEKIT_API_SECRET` are all set (in settings, else in the environment). Without it, bubbles
stop at the peer-to-peer size and the room says so.

A token lets one person join one LiveKit room (named after the meeting's code) for one hour,
as themselves (identity = their user id); the browser asks for it over POST from inside the room.

A host's mute is enforced by the SFU, not only by the muted person's browser: a muted member's
token does not allow publishing a microphone, and muting someone already connected changes their
permissions on the LiveKit server (`enforce_mute`, run by the task worker after the mute commits),
which stops the microphone track they publish. In peer-to-peer bubbles the listeners' browsers
silence a muted person (room.js), since no server carries that audio.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from django.conf import settings

TOKEN_TTL = dt.timedelta(hours=1)


def _setting(name: str) -> str:
    """From settings, else the environment (as the consumer's `sfu_configured` reads them)."""
    return str(getattr(settings, name, "") or os.environ.get(name, ""))


def is_configured() -> bool:
    return all(_setting(name) for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"))


def server_url() -> str:
    return _setting("LIVEKIT_URL")


def display_name(user: Any) -> str:
    """What the others see in the call: the same name as in the room (`ics.display_name`)."""
    from .ics import display_name as room_name

    return room_name(user)


# What a member may publish: everything, less the microphone while a host has them muted.
SOURCES = ("camera", "microphone", "screen_share", "screen_share_audio")


def publish_sources(*, muted: bool) -> list[str]:
    return [source for source in SOURCES if not (muted and source == "microphone")]


def mint_token(*, user: Any, meeting: Any, muted: bool = False) -> str:
    """A signed JWT for LiveKit: join the meeting's room, publish and subscribe, for one hour
    (no microphone while `muted`). Callers check first that LiveKit is configured and that the
    user is inside the room."""
    from livekit import api

    if not is_configured():
        raise RuntimeError("LiveKit is not configured")
    grants = api.VideoGrants(room_join=True, room=meeting.code, can_publish=True,
                             can_subscribe=True, can_publish_data=True,
                             can_publish_sources=publish_sources(muted=muted))
    token = (
        api.AccessToken(_setting("LIVEKIT_API_KEY"), _setting("LIVEKIT_API_SECRET"))
        .with_identity(str(user.pk))
        .with_name(display_name(user))
        .with_ttl(TOKEN_TTL)
        .with_grants(grants)
    )
    return str(token.to_jwt())


async def enforce_mute(*, room: str, user_id: int, muted: bool) -> None:
    """Tell the LiveKit server what this person may publish now (their microphone or not).
    Someone not connected to the SFU is no error: their next token carries the same rule."""
    from livekit import api

    sources = [getattr(api.TrackSource, source.upper()) for source in publish_sources(muted=muted)]
    permission = api.ParticipantPermission(can_subscribe=True, can_publish=True,
                                           can_publish_data=True, can_publish_sources=sources)
    async with api.LiveKitAPI(server_url(), _setting("LIVEKIT_API_KEY"),
                              _setting("LIVEKIT_API_SECRET")) as client:
        try:
            await client.room.update_participant(api.UpdateParticipantRequest(
                room=room, identity=str(user_id), permission=permission))
        except api.TwirpError as error:
            if error.code != api.TwirpErrorCode.NOT_FOUND:
                raise
