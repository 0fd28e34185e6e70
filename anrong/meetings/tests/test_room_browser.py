"""Two people meet in a room, in two headless Chromium with a fake camera and microphone: each
sees the other arrive and walk, they chat, and when one walks up to the other their browsers
open a peer-to-peer call.

The room needs a server that speaks websockets, which Django's live_server (WSGI) does not: the
test runs uvicorn in a child process on the site's ASGI application, against the test database.
That works because the test database is a file (settings: TEST NAME var/test-<pid>.sqlite3, in
WAL mode) and the test is transactional, so what the test writes is committed and the child
process reads it (and writes presence and chat that the test can read back). On PostgreSQL the
child gets the test database's name the same way."""

from __future__ import annotations

import contextlib
import os
import re
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from anrong.accounts.testing import sign_in
from anrong.meetings.models import ChatMessage, Presence

from .servers import asgi_node

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


@pytest.fixture
def asgi_server(regions, tmp_path):  # type: ignore[no-untyped-def]
    """uvicorn on a free port, serving the site (with the room) from the test database."""
    with asgi_node(tmp_path / "node") as base:
        yield base


@pytest.fixture
def media_browser(browser):  # type: ignore[no-untyped-def]
    """The session's Chromium: it runs with a fake camera and microphone (conftest's
    CHROMIUM_ARGS), which each context below may use without asking."""
    return browser


def phone_of(browser, base: str, user):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID",
                                  timezone_id="Asia/Makassar",
                                  permissions=["camera", "microphone"])
    context.set_default_timeout(15_000)
    client = sign_in(Client(), user)
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                          "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": base}])
    page = context.new_page()
    page.on("console", lambda message: print(f"[{user}] {message.type}: {message.text}",
                                               file=sys.stderr))
    return context, page


def x_of(page, user) -> float:  # type: ignore[no-untyped-def]
    return float(page.locator(f"#room-people [data-person='{user.pk}']").get_attribute("data-x"))


def test_two_people_meet_walk_chat_and_call(media_browser, asgi_server, make_meeting, personas,
                                            axe_violations):
    host, guest = personas["officer"], personas["other_officer"]
    host.display_name, guest.display_name = "Andi Tuan Rumah", "Besse Peserta"
    host.save()
    guest.save()
    meeting = make_meeting(invitees=[guest])
    room = f"{asgi_server}/rapat/{meeting.code}/ruang/"

    # Both come in; each sees the other in the room's list, standing somewhere on the map.
    host_context, host_page = phone_of(media_browser, asgi_server, host)
    host_page.goto(room)
    expect(host_page.locator("#room-status")).to_have_text("Anda di dalam ruang.")
    guest_context, guest_page = phone_of(media_browser, asgi_server, guest)
    guest_page.goto(room)
    expect(guest_page.locator("#room-status")).to_have_text("Anda di dalam ruang.")
    for page, other in [(host_page, guest), (guest_page, host)]:
        expect(page.locator(f"#room-people [data-person='{other.pk}']")).to_have_attribute(
            "data-x", re.compile(r"\d"))
    assert Presence.objects.filter(meeting=meeting, state="inside").count() == 2
    expect(guest_page.locator("#room-people")).to_contain_text("Andi Tuan Rumah")
    start = x_of(guest_page, host)
    guest_x = x_of(host_page, guest)
    assert abs(guest_x - start) > 2  # apart: not in one conversation yet
    expect(host_page.locator("#room-bubble-status")).to_have_text(
        "Anda tidak sedang bercakap dengan siapa pun.")

    # The host walks right with the arrow key until next to the guest; the guest sees it.
    host_page.locator("#room-map").focus()
    host_page.keyboard.down("ArrowRight")
    host_page.wait_for_function(
        "([id, x]) => Number(document.querySelector(`#room-people [data-person='${id}']`)"
        ".dataset.x) >= x", arg=[host.pk, guest_x - 1.4])
    host_page.keyboard.up("ArrowRight")
    guest_page.wait_for_function(
        "([id, x]) => Number(document.querySelector(`#room-people [data-person='${id}']`)"
        ".dataset.x) >= x", arg=[host.pk, guest_x - 1.6])
    assert x_of(guest_page, host) > start + 1

    # Standing together they are in one conversation, and their browsers call each other.
    expect(guest_page.locator("#room-bubble-status")).to_contain_text("Andi Tuan Rumah")
    expect(host_page.locator("#room-bubble-status")).to_contain_text("Besse Peserta")
    for page, other in [(host_page, guest), (guest_page, host)]:
        expect(page.locator(f"#room-videos [data-peer='{other.pk}']")).to_have_attribute(
            "data-state", "connected", timeout=20_000)
    assert guest_page.locator(f"#room-videos [data-peer='{host.pk}'] video").evaluate(
        "video => video.srcObject && video.srcObject.getTracks().length") >= 1

    # The host makes the guest the presenter; the guest shares a screen, which the host sees on
    # the stage.
    expect(guest_page.get_by_role("button", name="Bagikan layar")).to_be_hidden()
    host_page.get_by_role("button", name="Jadikan Besse Peserta penyaji").click()
    guest_page.get_by_role("button", name="Bagikan layar").click()
    expect(guest_page.get_by_role("button", name="Berhenti berbagi layar")).to_be_visible()
    expect(host_page.locator("#room-screen")).to_be_visible(timeout=20_000)
    expect(host_page.locator("#room-screen-caption")).to_contain_text("Besse Peserta")
    meeting.refresh_from_db()
    assert meeting.presenter_id == guest.pk

    # A chat line for the whole room reaches the other; it is kept for late joiners.
    host_page.get_by_label("Pesan").fill("Selamat pagi, kita mulai rapatnya.")
    host_page.get_by_role("button", name="Kirim").click()
    expect(guest_page.locator("#chat-room")).to_contain_text("Selamat pagi, kita mulai rapatnya.")
    expect(guest_page.locator("#chat-room")).to_contain_text("Andi Tuan Rumah")
    assert ChatMessage.objects.filter(meeting=meeting, bubble="").count() == 1

    # The guest taps a spot at the back of the hall and walks there (around what is in the way);
    # the host sees it, and the call ends as they part.
    box = guest_page.locator("#room-map").bounding_box()
    guest_page.locator("#room-map").click(position={"x": box["width"] * 0.15,
                                                     "y": box["height"] * 0.9})
    guest_page.wait_for_function(
        "id => Number(document.querySelector(`#room-people [data-person='${id}']`).dataset.y) > 10",
        arg=guest.pk)
    host_page.wait_for_function(
        "id => Number(document.querySelector(`#room-people [data-person='${id}']`).dataset.y) > 10",
        arg=guest.pk)
    expect(host_page.locator(f"#room-videos [data-peer='{guest.pk}']")).to_have_count(0)
    expect(host_page.locator("#room-bubble-status")).to_have_text(
        "Anda tidak sedang bercakap dengan siapa pun.")
    assert axe_violations(host_page) == []
    assert host_page.evaluate("() => document.documentElement.scrollWidth") <= 360  # a phone

    # The guest leaves; the host is told and stands alone again.
    guest_context.close()
    expect(host_page.locator(f"#room-people [data-person='{guest.pk}']")).to_have_count(0)
    expect(host_page.locator(f"#room-videos [data-peer='{guest.pk}']")).to_have_count(0)
    host_context.close()


def test_the_host_locks_the_room_and_lets_the_waiting_guest_in(media_browser, asgi_server,
                                                               make_meeting, personas,
                                                               axe_violations):
    host, guest = personas["officer"], personas["other_officer"]
    host.display_name, guest.display_name = "Andi Tuan Rumah", "Besse Peserta"
    host.save()
    guest.save()
    meeting = make_meeting(invitees=[guest])
    room = f"{asgi_server}/rapat/{meeting.code}/ruang/"
    host_context, host_page = phone_of(media_browser, asgi_server, host)
    host_page.goto(room)
    expect(host_page.locator("#room-status")).to_have_text("Anda di dalam ruang.")

    # The host locks the room; the guest arriving waits in the lobby and sees who is inside.
    host_page.get_by_role("button", name="Kunci ruang").click()
    expect(host_page.get_by_role("button", name="Buka kunci ruang")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.is_locked
    guest_context, guest_page = phone_of(media_browser, asgi_server, guest)
    guest_page.goto(room)
    expect(guest_page.locator("#room-lobby")).to_be_visible()
    expect(guest_page.locator("#room-main")).to_be_hidden()
    expect(guest_page.locator("#lobby-inside")).to_contain_text("Andi Tuan Rumah")
    assert axe_violations(guest_page) == []
    expect(host_page.locator("#room-lobby-people")).to_contain_text("Besse Peserta")
    assert Presence.objects.get(meeting=meeting, user=guest).state == "lobby"

    # The host opens the room: the guest is let in and both see each other inside.
    host_page.get_by_role("button", name="Buka kunci ruang").click()
    expect(guest_page.locator("#room-main")).to_be_visible()
    expect(guest_page.locator("#room-status")).to_have_text("Anda di dalam ruang.")
    expect(guest_page.locator(f"#room-people [data-person='{host.pk}']")).to_be_visible()
    expect(host_page.locator(f"#room-people [data-person='{guest.pk}']")).to_be_visible()
    assert Presence.objects.get(meeting=meeting, user=guest).state == "inside"
    guest_context.close()
    host_context.close()


def test_a_conversation_larger_than_peer_to_peer_says_so_without_an_sfu(
        media_browser, asgi_server, make_meeting, make_people, personas):
    """Four others (Python websocket clients, signed in like browsers) gather round the one in
    the browser: five in one conversation, one more than a mesh holds, and no SFU here."""
    from websockets.sync.client import connect

    host = personas["officer"]
    others = make_people(4)
    meeting = make_meeting(invitees=others)
    context, page = phone_of(media_browser, asgi_server, host)
    page.goto(f"{asgi_server}/rapat/{meeting.code}/ruang/")
    expect(page.locator("#room-status")).to_have_text("Anda di dalam ruang.")
    mine = page.locator(f"#room-people [data-person='{host.pk}']")
    x, y = float(mine.get_attribute("data-x")), float(mine.get_attribute("data-y"))

    sessions = [sign_in(Client(), person).cookies[settings.SESSION_COOKIE_NAME].value
                for person in others]
    with contextlib.ExitStack() as stack:
        for n, session in enumerate(sessions):
            ws = stack.enter_context(connect(
                f"{asgi_server.replace('http', 'ws')}/ws/rapat/{meeting.code}/", origin=asgi_server,
                max_queue=None,  # keep reading whatever comes: a client that stops reading stalls
                additional_headers={"Cookie": f"{settings.SESSION_COOKIE_NAME}={session}"}))
            assert '"t":"welcome"' in ws.recv(timeout=10)
            ws.send(f'{{"t":"move","x":{x + 1 + (n % 2)},"y":{y + (n // 2)}}}')
            # One at a time: the browser sees each one arrive (and starts calling the first three)
            # before the next comes.
            expect(page.locator("#room-people > li[data-x]")).to_have_count(n + 2)

        expect(page.locator("#room-people > li")).to_have_count(5, timeout=15_000)
        expect(page.locator("#call-notice")).to_contain_text("lebih dari 4 orang", timeout=15_000)
        expect(page.locator("#room-videos [data-peer]")).to_have_count(0)
    # As they leave, the conversation is small enough again and the notice goes.
    expect(page.locator("#room-people > li")).to_have_count(1, timeout=15_000)
    expect(page.locator("#call-notice")).to_have_text("")
    context.close()
