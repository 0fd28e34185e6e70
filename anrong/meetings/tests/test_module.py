"""Rapat Virtual in the platform: the module registry, webhooks to the agency that holds the
meeting, the demo meeting, and a person's data rights."""

from __future__ import annotations

import pytest
from django.test import override_settings
from standardwebhooks.webhooks import Webhook

from anrong.accounts.demo import seed_demo_accounts
from anrong.agencies.models import Agency
from anrong.core import modules, outbox
from anrong.integrations import delivery
from anrong.integrations.actions import webhooks as webhook_actions
from anrong.integrations.testing import Receiver
from anrong.meetings import actions, privacy, seed
from anrong.meetings.models import AttendanceSession, ChatMessage, Meeting, MeetingMember, Presence

pytestmark = pytest.mark.django_db


def test_the_module_is_registered():
    module = modules.get("meetings")
    assert module is not None
    assert (module.icon, module.url("staff")) == ("video", "/rapat/")
    assert "meeting.joined" in modules.webhook_event_types()
    assert module.personal_data is privacy.personal_data


def test_meeting_events_reach_the_agencys_webhook_and_nobody_elses(personas, meeting):
    receivers = {"DISDUKCAPIL": Receiver().start(), "DISHUB": Receiver().start()}
    try:
        secrets = {}
        for code, admin in (("DISDUKCAPIL", personas["agency_admin"]),
                            ("DISHUB", personas["other_agency_admin"])):
            _endpoint, secrets[code] = webhook_actions.create_endpoint(
                actor=admin, agency=Agency.objects.get(code=code), url=receivers[code].url,
                event_types=["meeting.joined", "meeting.cancelled"])
        actions.enter(user=personas["citizen"], meeting=meeting, channel_name="c")
        actions.cancel_meeting(actor=personas["officer"], meeting=meeting, reason="Diundur.")
        outbox.publish_pending()
        delivery.deliver_due()
        got = [Webhook(secrets["DISDUKCAPIL"]).verify(r.body, r.headers)
               for r in receivers["DISDUKCAPIL"].received]
        assert sorted(m["type"] for m in got) == ["meeting.cancelled", "meeting.joined"]
        assert all(m["data"]["agency"] == "DISDUKCAPIL" for m in got)
        assert receivers["DISHUB"].received == []
        assert b"+62" not in b"".join(r.body for r in receivers["DISDUKCAPIL"].received)
    finally:
        for receiver in receivers.values():
            receiver.stop()


def test_the_demo_meeting_is_scheduled_once_and_only_with_demo_staff(catalogue, settings):
    assert seed.seed_meetings() == "demo meeting skipped (no Diskominfo staff)"
    seed_demo_accounts()
    assert seed.seed_meetings().startswith("demo meeting scheduled")
    assert seed.seed_meetings() == "demo meeting already there"
    meeting = Meeting.objects.get()
    assert meeting.agency.code == "DISKOMINFO"
    hosts = MeetingMember.objects.filter(meeting=meeting, role="host")
    assert [m.user.email for m in hosts] == ["operator@demo.anrong.id"]
    assert MeetingMember.objects.filter(meeting=meeting, user__phone="+6281200000001").exists()
    with override_settings(DEBUG=False, TESTING=False):
        assert seed.seed_meetings() == "demo meeting skipped (DEBUG is off)"


def test_personal_data_and_anonymising(personas, meeting):
    citizen = personas["citizen"]
    actions.enter(user=citizen, meeting=meeting, channel_name="c")
    actions.post_chat(user=citizen, meeting=meeting, text="Selamat pagi semua")
    data = privacy.personal_data(citizen)
    assert [i["meeting"] for i in data["invitations"]] == [meeting.code]
    assert len(data["attendance"]) == 1 and data["chat"][0]["text"] == "Selamat pagi semua"
    assert privacy.personal_data(personas["other_citizen"]) == {
        "invitations": [], "attendance": [], "chat": []}
    kept = privacy.anonymise(citizen)
    assert kept == [str(privacy.KEPT[0])]
    assert not Presence.objects.filter(user=citizen).exists()
    assert not ChatMessage.objects.filter(user=citizen).exists()
    assert not MeetingMember.objects.filter(user=citizen).exists()
    assert AttendanceSession.objects.get(user=citizen).left_at is not None
    assert privacy.anonymise(personas["other_citizen"]) == []
