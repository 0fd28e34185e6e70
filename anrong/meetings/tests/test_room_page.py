"""The room page (/rapat/<code>/ruang/) and the LiveKit token (/rapat/<code>/livekit-token/):
who may open them, what the page hands to room.js, and what the token grants."""

from __future__ import annotations

import http.server
import json
import threading

import jwt
import pytest

from anrong.meetings import actions
from anrong.meetings.models import Presence
from anrong.services.tests.conftest import client_for

pytestmark = pytest.mark.django_db

SECRET = "a-livekit-secret-of-at-least-32-bytes-000"


def place(person, meeting):  # type: ignore[no-untyped-def]
    return actions.enter(user=person, meeting=meeting, channel_name=f"test.{person.pk}")


@pytest.fixture
def meeting(make_meeting, personas):  # type: ignore[no-untyped-def]
    """Disdukcapil's officer hosts; another officer, a citizen and a Dishub officer are invited."""
    return make_meeting(invitees=[personas["other_officer"], personas["citizen"],
                                  personas["other_agency_officer"]])


@pytest.fixture
def livekit_on(settings):  # type: ignore[no-untyped-def]
    settings.LIVEKIT_URL = "wss://livekit.example.test"
    settings.LIVEKIT_API_KEY = "APIanrongtest"
    settings.LIVEKIT_API_SECRET = SECRET


# --- the room page ---------------------------------------------------------------------------

@pytest.mark.parametrize("who", ["officer", "other_officer", "citizen", "other_agency_officer"])
def test_hosts_and_invitees_open_the_room(who, personas, meeting):
    response = client_for(personas[who]).get(f"/rapat/{meeting.code}/ruang/")

    assert response.status_code == 200
    config = json.loads(response.content.decode().split('id="room-config" type="application/json">')[1]
                        .split("</script>")[0])
    assert config["code"] == meeting.code
    assert config["me"] == personas[who].pk
    assert config["ws_path"] == f"/ws/rapat/{meeting.code}/"
    assert config["can_run"] is (who == "officer")
    assert config["sfu"] is False
    assert b"static/meetings/room.js" in response.content


@pytest.mark.parametrize("who", ["supervisor", "agency_admin", "other_citizen", "sysadmin",
                                 "other_agency_admin"])
def test_people_not_invited_do_not_learn_the_room_exists(who, personas, meeting):
    response = client_for(personas[who]).get(f"/rapat/{meeting.code}/ruang/")

    assert response.status_code == 404
    assert meeting.title.encode() not in response.content


def test_anonymous_visitors_are_asked_to_sign_in(meeting):
    response = client_for(None).get(f"/rapat/{meeting.code}/ruang/")

    assert response.status_code == 302
    assert "/akun/" in response["Location"] and "ruang" in response["Location"]


def test_a_removed_invitee_cannot_come_back(personas, meeting):
    actions.remove(actor=personas["officer"], meeting=meeting, user=personas["other_officer"])

    assert client_for(personas["other_officer"]).get(f"/rapat/{meeting.code}/ruang/").status_code == 404


def test_a_cancelled_meeting_has_no_room(personas, meeting):
    actions.cancel_meeting(actor=personas["officer"], meeting=meeting, reason="Ditunda.")

    assert client_for(personas["officer"]).get(f"/rapat/{meeting.code}/ruang/").status_code == 404


def test_an_unknown_code_is_not_found(personas, meeting):
    assert client_for(personas["officer"]).get("/rapat/RPT-2026-NOPE00/ruang/").status_code == 404


def test_the_page_says_when_an_sfu_is_there(personas, meeting, livekit_on):
    response = client_for(personas["other_officer"]).get(f"/rapat/{meeting.code}/ruang/")

    assert b'"sfu": true' in response.content


# --- the LiveKit token -----------------------------------------------------------------------

def token_of(person, meeting):  # type: ignore[no-untyped-def]
    return client_for(person).post(f"/rapat/{meeting.code}/livekit-token/")


def test_someone_inside_gets_a_token_for_this_room_only(personas, meeting, livekit_on):
    officer = personas["other_officer"]
    officer.display_name = "Andi Petugas"
    officer.save()
    place(officer, meeting)

    response = token_of(officer, meeting)

    assert response.status_code == 200
    body = response.json()
    assert body["url"] == "wss://livekit.example.test" and body["room"] == meeting.code
    claims = jwt.decode(body["token"], SECRET, algorithms=["HS256"])
    assert claims["iss"] == "APIanrongtest"
    assert claims["sub"] == str(officer.pk)
    assert claims["name"] == "Andi Petugas"
    assert claims["video"]["roomJoin"] is True
    assert claims["video"]["room"] == meeting.code
    assert claims["exp"] - claims["nbf"] == 3600
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(body["token"], "another-secret-of-at-least-32-bytes-0000", algorithms=["HS256"])


def test_a_citizen_is_named_without_their_phone(personas, meeting, livekit_on):
    place(personas["citizen"], meeting)

    claims = jwt.decode(token_of(personas["citizen"], meeting).json()["token"], SECRET,
                        algorithms=["HS256"])

    assert claims["name"] == "Warga citizen"


@pytest.mark.parametrize("in_lobby", [False, True])
def test_an_invitee_not_inside_gets_no_token(in_lobby, personas, meeting, livekit_on):
    if in_lobby:
        actions.set_locked(actor=personas["officer"], meeting=meeting, locked=True)
        assert place(personas["other_officer"], meeting).state == Presence.State.LOBBY

    response = token_of(personas["other_officer"], meeting)

    assert response.status_code == 403
    assert response.json()["code"] == "not_inside"


@pytest.mark.parametrize("who", ["supervisor", "other_citizen", "sysadmin"])
def test_people_not_invited_get_no_token(who, personas, meeting, livekit_on):
    place(personas["officer"], meeting)

    assert token_of(personas[who], meeting).status_code == 404


def test_anonymous_visitors_get_no_token(meeting, livekit_on):
    response = client_for(None).post(f"/rapat/{meeting.code}/livekit-token/")

    assert response.status_code == 302


def test_no_token_when_livekit_is_not_configured(personas, meeting, settings):
    settings.LIVEKIT_URL = "wss://livekit.example.test"
    settings.LIVEKIT_API_KEY = "APIanrongtest"
    settings.LIVEKIT_API_SECRET = ""
    place(personas["officer"], meeting)

    assert token_of(personas["officer"], meeting).status_code == 404


def test_a_token_is_asked_for_with_post(personas, meeting, livekit_on):
    place(personas["officer"], meeting)

    response = client_for(personas["officer"]).get(f"/rapat/{meeting.code}/livekit-token/")

    assert response.status_code == 405


# --- a host's mute, enforced by the SFU ------------------------------------------------------------

def test_a_muted_members_token_does_not_allow_a_microphone(personas, meeting, livekit_on):
    officer = personas["other_officer"]
    place(officer, meeting)
    actions.set_muted(actor=personas["officer"], meeting=meeting, user=officer, muted=True)

    client = client_for(officer)  # one sign-in: a staff TOTP code is good once

    def token() -> dict:
        body = client.post(f"/rapat/{meeting.code}/livekit-token/").json()
        return jwt.decode(body["token"], SECRET, algorithms=["HS256"])

    muted = token()
    actions.set_muted(actor=personas["officer"], meeting=meeting, user=officer, muted=False)
    unmuted = token()

    assert "microphone" not in muted["video"]["canPublishSources"]
    assert "camera" in muted["video"]["canPublishSources"]
    assert "microphone" in unmuted["video"]["canPublishSources"]


class FakeLiveKit(http.server.BaseHTTPRequestHandler):
    """Speaks the LiveKit server API's Twirp protocol on loopback: records each call and answers
    as LiveKit does (an empty ParticipantInfo, or Twirp's not_found for someone not connected)."""

    calls: list[tuple[str, bytes, str]] = []
    connected: set[str] = set()

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        from livekit import api

        body = self.rfile.read(int(self.headers["Content-Length"]))
        FakeLiveKit.calls.append((self.path, body, self.headers.get("Authorization", "")))
        request = api.UpdateParticipantRequest.FromString(body)
        if request.identity in FakeLiveKit.connected:
            reply, status, kind = api.ParticipantInfo(identity=request.identity).SerializeToString(), 200, "application/protobuf"
        else:
            reply, status, kind = b'{"code": "not_found", "msg": "participant not found"}', 404, "application/json"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def fake_livekit(settings):  # type: ignore[no-untyped-def]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeLiveKit)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FakeLiveKit.calls, FakeLiveKit.connected = [], set()
    settings.LIVEKIT_URL = f"ws://127.0.0.1:{server.server_address[1]}"
    settings.LIVEKIT_API_KEY = "APIanrongtest"
    settings.LIVEKIT_API_SECRET = SECRET
    yield FakeLiveKit
    server.shutdown()
    thread.join(5)


def test_muting_someone_in_the_sfu_revokes_their_microphone_there(
        personas, meeting, fake_livekit, django_capture_on_commit_callbacks):
    from livekit import api

    officer = personas["other_officer"]
    place(officer, meeting)
    fake_livekit.connected.add(str(officer.pk))

    with django_capture_on_commit_callbacks(execute=True):
        actions.set_muted(actor=personas["officer"], meeting=meeting, user=officer, muted=True)

    [(path, body, authorization)] = fake_livekit.calls
    assert path == "/twirp/livekit.RoomService/UpdateParticipant"
    request = api.UpdateParticipantRequest.FromString(body)
    assert request.room == meeting.code and request.identity == str(officer.pk)
    assert api.TrackSource.MICROPHONE not in request.permission.can_publish_sources
    assert api.TrackSource.CAMERA in request.permission.can_publish_sources
    grant = jwt.decode(authorization.removeprefix("Bearer "), SECRET, algorithms=["HS256"])
    assert grant["video"]["roomAdmin"] is True and grant["video"]["room"] == meeting.code


def test_muting_someone_not_in_the_sfu_is_no_error(personas, meeting, fake_livekit,
                                                   django_capture_on_commit_callbacks):
    officer = personas["other_officer"]
    place(officer, meeting)

    with django_capture_on_commit_callbacks(execute=True):
        member = actions.set_muted(actor=personas["officer"], meeting=meeting, user=officer,
                                   muted=True)

    assert len(fake_livekit.calls) == 1
    assert member.is_muted
