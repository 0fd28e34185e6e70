import pytest
from django.db import transaction

from anrong.core import context, modules, outbox
from anrong.core.audit import record_audit
from anrong.core.models import AuditEvent, OutboxEvent

pytestmark = pytest.mark.django_db


def test_audit_events_cannot_be_changed_or_deleted():
    event = record_audit(actor=None, action="test.done", target_type="thing", target_id=7)
    event.action = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.done"


def test_audit_takes_ip_and_request_id_from_the_request_being_served():
    token = context.bind(context.RequestContext(request_id="req-12345678", ip="10.1.2.3"))
    try:
        event = record_audit(actor=None, action="test.seen")
    finally:
        context.unbind(token)
    assert (event.ip, event.request_id, event.actor_label) == ("10.1.2.3", "req-12345678", "system")


@pytest.mark.django_db(transaction=True)
def test_outbox_refuses_writes_outside_a_transaction():
    with pytest.raises(RuntimeError):
        outbox.emit("test.happened", {"n": 1})
    assert not OutboxEvent.objects.exists()


def test_outbox_event_rolls_back_with_the_change():
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        outbox.emit("test.happened", {"n": 1})
        1 / 0  # noqa: B018
    assert not OutboxEvent.objects.filter(type="test.happened").exists()


def test_published_events_reach_consumers_once():
    seen: list[str] = []
    outbox.register_consumer("test.", lambda event: seen.append(event.type))
    with transaction.atomic():
        event = outbox.emit("test.counted", {"n": 2})
    assert outbox.publish_pending() >= 1
    assert outbox.publish_pending() == 0
    assert seen.count("test.counted") == 1
    event.refresh_from_db()
    assert event.published_at is not None


def test_a_failing_consumer_keeps_the_event_pending_for_a_retry():
    def broken(event):
        raise ValueError("receiver down")

    outbox.register_consumer("test.broken", broken)
    with transaction.atomic():
        event = outbox.emit("test.broken", {})
    outbox.publish_pending()
    event.refresh_from_db()
    assert event.published_at is None
    assert event.attempts == 1 and "receiver down" in event.last_error
    outbox.unregister_consumer("test.broken", broken)
    outbox.publish_pending()
    event.refresh_from_db()
    assert event.published_at is not None


def test_seed_order_puts_dependencies_first():
    order = [m.slug for m in modules.seed_order()]
    assert order.index("core") == 0


def test_request_id_is_echoed_and_generated(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="abcdef123456")
    assert response["X-Request-ID"] == "abcdef123456"
    response = client.get("/healthz", HTTP_X_REQUEST_ID="bad id!")
    assert len(response["X-Request-ID"]) == 32


def test_a_batch_with_a_bad_event_publishes_the_ones_before_it():
    seen = []

    def picky(event):
        if event.payload["n"] == 2:
            raise ValueError("cannot take 2")
        seen.append(event.payload["n"])

    def batch(events):
        seen.append(("batch", [e.payload["n"] for e in events]))

    outbox.register_consumer("test.picky", picky)
    outbox.register_batch_consumer("test.picky", batch)
    try:
        for n in (1, 2, 3):
            with transaction.atomic():
                outbox.emit("test.picky", {"n": n})
        assert outbox.publish_pending() == 1
        published = dict(OutboxEvent.objects.filter(type="test.picky")
                         .values_list("payload__n", "published_at"))
        assert published[1] is not None and published[2] is None and published[3] is None
        # The failed batch rolled back; one-by-one, 1 went through (with its own batch call).
        assert seen[-2:] == [1, ("batch", [1])]
    finally:
        outbox.unregister_consumer("test.picky", picky)
        outbox.unregister_consumer("test.picky", batch)
    assert outbox.publish_pending() == 2
