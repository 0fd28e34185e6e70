"""Webhooks from the outbox to a real HTTP receiver, verified with the `standardwebhooks`
library: signing, routing, retries with backoff, dead-letter, disabling, rotation, replay."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import transaction
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from anrong.agencies.models import Agency
from anrong.core import outbox
from anrong.core.models import AuditEvent, Notification, OutboxEvent
from anrong.integrations import delivery
from anrong.integrations.actions import webhooks as actions
from anrong.integrations.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from anrong.integrations.testing import Receiver
from anrong.services.actions.applications import claim_application
from anrong.services.models import Service
from anrong.services.testing import make_application

Status = WebhookDelivery.Status


@pytest.fixture
def receiver():
    item = Receiver().start()
    yield item
    item.stop()


@pytest.fixture
def endpoint(personas, receiver):
    agency = Agency.objects.get(code="DISDUKCAPIL")
    item, secret = actions.create_endpoint(
        actor=personas["agency_admin"], agency=agency, url=receiver.url,
        event_types=["application.submitted", "application.status_changed",
                     "application.assigned"])
    item.plain_secret = secret
    return item


def emit(type_: str = "application.submitted", agency: str = "DISDUKCAPIL", **payload):
    with transaction.atomic():
        return outbox.emit(type_, {"agency": agency, **payload})


def run(now=None):
    """What the worker does: publish the outbox, then deliver what is due."""
    outbox.publish_pending()
    return delivery.deliver_due(now=now)


def verify(secret: str, item) -> dict:  # type: ignore[no-untyped-def]
    return Webhook(secret).verify(item.body, item.headers)


def test_an_application_event_reaches_the_agency_signed_per_standard_webhooks(
        akta, personas, endpoint, receiver):
    application = make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                                   citizen=personas["citizen"])
    claim_application(actor=personas["officer"], application=application,
                      version=application.version)

    assert run()["succeeded"] >= 1
    got = [r for r in receiver.received if r.json["type"] == "application.status_changed"]
    assert len(got) == 1
    verified = verify(endpoint.plain_secret, got[0])
    assert verified["data"]["tracking_no"] == application.tracking_no
    assert verified["data"]["status"] == "verification"
    assert verified["data"]["agency"] == "DISDUKCAPIL"
    assert got[0].msg_id.startswith("msg_")
    assert got[0].headers["content-type"] == "application/json"
    # The signature is bound to the body, the id and the timestamp.
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.plain_secret).verify(got[0].body + b" ", got[0].headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.plain_secret).verify(
            got[0].body, {**got[0].headers, "webhook-id": "msg_other"})
    with pytest.raises(WebhookVerificationError):
        verify(actions.signing.new_secret(), got[0])
    item = WebhookDelivery.objects.get(msg_id=got[0].msg_id)
    assert item.status == Status.SUCCEEDED and item.attempts == 1
    assert item.attempt_log.get().status_code == 200


def test_events_go_only_to_the_agency_and_types_subscribed(personas, endpoint, receiver):
    dishub = Agency.objects.get(code="DISHUB")
    other_receiver = Receiver().start()
    try:
        other, _secret = actions.create_endpoint(
            actor=personas["other_agency_admin"], agency=dishub, url=other_receiver.url,
            event_types=["application.submitted"])
        emit(tracking_no="A")                                   # DISDUKCAPIL, subscribed
        emit("application.escalated", tracking_no="B")          # DISDUKCAPIL, not subscribed
        emit(agency="DISHUB", tracking_no="C")                  # DISHUB
        emit("account.registered", user_id=1)                   # never subscribable
        with transaction.atomic():
            outbox.emit("application.submitted", {"tracking_no": "D"})  # names no agency
        run()
        assert [r.json["data"]["tracking_no"] for r in receiver.received] == ["A"]
        assert [r.json["data"]["tracking_no"] for r in other_receiver.received] == ["C"]
        assert WebhookDelivery.objects.count() == 2
    finally:
        other_receiver.stop()


def test_publishing_an_event_twice_delivers_it_once(endpoint, receiver):
    event = emit(tracking_no="A")
    run()
    with transaction.atomic():
        delivery.fan_out([OutboxEvent.objects.get(pk=event.pk)])  # as after a crash
    run()
    assert len(receiver.received) == 1
    assert WebhookDelivery.objects.count() == 1


def test_a_failing_receiver_is_retried_with_backoff_under_the_same_id(endpoint, receiver):
    answers = iter([500, 503, 200])
    receiver.answer = lambda received: next(answers)
    emit(tracking_no="A")
    outbox.publish_pending()
    start = timezone.now()
    assert delivery.deliver_due(now=start)["failed"] == 1
    item = WebhookDelivery.objects.get()
    first_wait = (item.next_attempt_at - start).total_seconds()
    assert 5 <= first_wait <= 5 * 1.25
    assert delivery.deliver_due(now=start + dt.timedelta(seconds=4))["sent"] == 0  # not yet
    later = start + dt.timedelta(seconds=7)
    assert delivery.deliver_due(now=later)["failed"] == 1
    item.refresh_from_db()
    assert 20 <= (item.next_attempt_at - later).total_seconds() <= 25
    assert delivery.deliver_due(now=later + dt.timedelta(seconds=30))["succeeded"] == 1
    item.refresh_from_db()
    assert item.status == Status.SUCCEEDED and item.attempts == 3
    assert list(item.attempt_log.values_list("number", "status_code")) == [
        (1, 500), (2, 503), (3, 200)]
    assert len({r.msg_id for r in receiver.received}) == 1 and len(receiver.received) == 3
    for got in receiver.received:
        verify(endpoint.plain_secret, got)


def test_an_unreachable_receiver_is_recorded_and_retried(endpoint, receiver):
    receiver.stop()
    emit(tracking_no="A")
    assert run()["failed"] == 1
    item = WebhookDelivery.objects.get()
    assert item.status == Status.PENDING and item.last_status_code is None
    assert "Connect" in item.attempt_log.get().error


def test_retries_last_over_24_hours_then_the_delivery_is_dead_lettered(
        settings, endpoint, receiver):
    settings.WEBHOOK_DISABLE_AFTER_HOURS = 1000  # this test is about one event, not the endpoint
    receiver.answer = lambda received: 500
    emit(tracking_no="A")
    outbox.publish_pending()
    start = now = timezone.now()
    delivery.deliver_due(now=now)
    item = WebhookDelivery.objects.get()
    while item.status == Status.PENDING:
        now = item.next_attempt_at
        delivery.deliver_due(now=now)
        item.refresh_from_db()
    assert item.status == Status.DEAD
    assert item.attempts == len(delivery.RETRY_DELAYS) + 1 == 11
    assert now - start >= dt.timedelta(hours=24)
    assert WebhookAttempt.objects.filter(delivery=item).count() == 11
    assert delivery.deliver_due(now=now + dt.timedelta(days=3))["sent"] == 0

    # Replay from the console: sent again now, same id, a fresh schedule.
    receiver.answer = lambda received: 200
    actions.replay_delivery(actor=endpoint.created_by, delivery_id=item.pk,
                            agency=endpoint.agency)
    assert delivery.deliver_due()["succeeded"] == 1
    item.refresh_from_db()
    assert item.status == Status.SUCCEEDED and item.attempts == 12
    assert {r.msg_id for r in receiver.received} == {item.msg_id}


def test_an_endpoint_failing_for_24_hours_is_disabled_its_admins_told_and_nothing_lost(
        personas, endpoint, receiver):
    receiver.answer = lambda received: 500
    emit(tracking_no="A")
    outbox.publish_pending()
    start = timezone.now()
    delivery.deliver_due(now=start)
    emit(tracking_no="B")
    run(now=start + dt.timedelta(hours=1))
    endpoint.refresh_from_db()
    assert endpoint.is_enabled and endpoint.consecutive_failures == 3  # A twice, B once
    emit(tracking_no="C")
    outbox.publish_pending()
    delivery.deliver_due(now=start + dt.timedelta(hours=25))
    endpoint.refresh_from_db()
    assert not endpoint.is_enabled and endpoint.disabled_at is not None
    note = Notification.objects.get(recipient=personas["agency_admin"],
                                    kind="integrations.endpoint_disabled")
    assert endpoint.url in note.title
    assert not Notification.objects.filter(kind="integrations.endpoint_disabled").exclude(
        recipient=personas["agency_admin"]).exists()
    assert AuditEvent.objects.filter(action="integrations.endpoint_disabled",
                                     actor=None).count() == 1
    # While disabled nothing is sent, nothing is dropped, and new events still queue up.
    emit(tracking_no="D")
    sent_before = len(receiver.received)
    assert run(now=start + dt.timedelta(days=5))["sent"] == 0
    assert len(receiver.received) == sent_before
    assert WebhookDelivery.objects.filter(status=Status.PENDING).count() == 4
    # Fixed and switched on again: everything waiting goes out.
    receiver.answer = lambda received: 200
    actions.set_enabled(actor=personas["agency_admin"], endpoint=endpoint, enabled=True)
    assert delivery.deliver_due()["succeeded"] == 4
    assert {r.json["data"]["tracking_no"] for r in receiver.received} == {"A", "B", "C", "D"}


def test_a_rotated_secret_signs_beside_the_old_one_for_24_hours(personas, endpoint, receiver):
    old = endpoint.plain_secret
    endpoint, new = actions.rotate_secret(actor=personas["agency_admin"], endpoint=endpoint)
    assert new != old and new.startswith("whsec_")
    emit(tracking_no="A")
    run()
    got = receiver.received[-1]
    assert len(got.headers["webhook-signature"].split(" ")) == 2
    verify(old, got)
    verify(new, got)
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        previous_secret_expires_at=timezone.now() - dt.timedelta(seconds=1))
    emit(tracking_no="B")
    run()
    got = receiver.received[-1]
    verify(new, got)
    with pytest.raises(WebhookVerificationError):
        verify(old, got)


def test_replaying_an_endpoint_resends_what_it_asks_for(personas, endpoint, receiver):
    emit(tracking_no="A")
    emit(tracking_no="B")
    run()
    assert len(receiver.received) == 2
    since = timezone.now() - dt.timedelta(hours=1)
    assert actions.replay_endpoint(actor=personas["agency_admin"], endpoint=endpoint,
                                   since=since) == 0  # nothing dead
    assert actions.replay_endpoint(actor=personas["agency_admin"], endpoint=endpoint,
                                   since=since, include_succeeded=True) == 2
    delivery.deliver_due()
    ids = [r.msg_id for r in receiver.received]
    assert len(ids) == 4 and len(set(ids)) == 2  # duplicates carry the same webhook-id


def test_the_body_is_the_event(endpoint, receiver):
    event = emit(tracking_no="A", status="submitted")
    run()
    body = json.loads(receiver.received[0].body)
    assert body == {"type": "application.submitted",
                    "timestamp": body["timestamp"],
                    "data": {"agency": "DISDUKCAPIL", "tracking_no": "A", "status": "submitted"}}
    assert body["timestamp"].endswith("Z")
    assert receiver.received[0].msg_id == f"msg_{event.pk.hex}"


def test_old_finished_deliveries_are_pruned_pending_ones_never(endpoint, receiver):
    from io import StringIO

    from django.core.management import call_command

    emit(tracking_no="A")
    run()
    receiver.answer = lambda received: 500
    emit(tracking_no="B")
    run()
    WebhookDelivery.objects.update(created_at=timezone.now() - dt.timedelta(days=40))
    out = StringIO()
    call_command("prune_webhooks", "--days", "30", stdout=out)
    assert "deleted 1 deliveries and 1 attempts" in out.getvalue()
    assert list(WebhookDelivery.objects.values_list("status", flat=True)) == [Status.PENDING]
