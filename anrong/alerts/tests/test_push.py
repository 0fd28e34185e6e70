"""Web push: subscriptions, who gets an alert, idempotent delivery, failures recorded, gone
subscriptions removed; and the pywebpush adapter really encrypts and signs (VAPID) what it posts."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from anrong.alerts import actions, push
from anrong.alerts.errors import AlertError
from anrong.alerts.models import PushDelivery, PushSubscription

from .conftest import MANGGALA, MARISO, TAMALATE, alert_fields

pytestmark = pytest.mark.django_db


def browser_keys() -> tuple[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(serialization.Encoding.X962,
                                           serialization.PublicFormat.UncompressedPoint)
    encode = lambda raw: base64.urlsafe_b64encode(raw).rstrip(b"=").decode()  # noqa: E731
    return encode(public), encode(b"0123456789abcdef")


def subscribe(name: str, *, kecamatan=(), whole_city=False, user=None, ip="10.0.0.1"):  # type: ignore[no-untyped-def]
    p256dh, auth = browser_keys()
    return actions.subscribe_push(user=user, endpoint=f"https://push.example.org/{name}",
                                  p256dh=p256dh, auth=auth, kecamatan_codes=list(kecamatan),
                                  whole_city=whole_city, sender_ip=ip)


def endpoints(outbox) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(target.endpoint.rsplit("/", 1)[1] for target, _payload in outbox.sent)


def test_an_alert_goes_to_subscribers_of_its_kecamatan_and_of_the_whole_city(issue, push_outbox):
    subscribe("tamalate", kecamatan=[TAMALATE])
    subscribe("both", kecamatan=[MARISO, MANGGALA])
    subscribe("city", whole_city=True)
    subscribe("mariso", kecamatan=[MARISO])
    alert = issue(kecamatan_codes=[TAMALATE, MANGGALA])
    assert endpoints(push_outbox) == ["both", "city", "tamalate"]
    payload = push_outbox.sent[0][1]
    assert payload["title"] == alert.headline and payload["url"] == f"/peringatan/{alert.pk}/"
    assert payload["severity"] == "Severe" and "Jauhi kanal" in payload["body"]
    assert PushDelivery.objects.filter(alert=alert, status="sent").count() == 3


def test_a_city_wide_alert_goes_to_everyone_and_a_test_to_no_one(issue, push_outbox):
    """(A test message is neither pushed nor shown: it checks the chain up to the CAP feed.)"""
    subscribe("tamalate", kecamatan=[TAMALATE])
    subscribe("mariso", kecamatan=[MARISO])
    issue(kecamatan_codes=[], city_wide=True)
    assert endpoints(push_outbox) == ["mariso", "tamalate"]
    push_outbox.sent.clear()
    issue(status="Test")
    assert push_outbox.sent == []


def test_delivery_is_idempotent(issue, push_outbox):
    subscribe("tamalate", kecamatan=[TAMALATE])
    alert = issue()
    assert actions.deliver_push(alert.pk) == {"sent": 0, "failed": 0, "gone": 0, "skipped": 1}
    assert len(push_outbox.sent) == 1


def test_gone_subscriptions_are_removed_and_failures_recorded_then_retried(issue, push_outbox):
    subscribe("gone", kecamatan=[TAMALATE])
    subscribe("down", kecamatan=[TAMALATE])
    subscribe("fine", kecamatan=[TAMALATE])
    push_outbox.gone.add("https://push.example.org/gone")
    push_outbox.failing.add("https://push.example.org/down")
    alert = issue()
    assert endpoints(push_outbox) == ["fine"]
    assert not PushSubscription.objects.filter(endpoint__endswith="/gone").exists()
    assert PushDelivery.objects.get(alert=alert, status="gone").subscription is None
    failed = PushDelivery.objects.get(alert=alert, status="failed")
    assert failed.error == "503 Service Unavailable" and failed.attempts == 1
    push_outbox.failing.clear()
    assert actions.deliver_push(alert.pk)["sent"] == 1
    failed.refresh_from_db()
    assert failed.status == "sent" and failed.attempts == 2
    assert endpoints(push_outbox) == ["down", "fine"]


def test_updates_and_cancellations_are_pushed_too(issue, people, push_outbox, committed):
    subscribe("tamalate", kecamatan=[TAMALATE])
    alert = issue()
    with committed():
        update = actions.update_alert(actor=people["bpbd"], alert=alert, **alert_fields(
            headline="Banjir makin tinggi di Tamalate"))
    with committed():
        actions.cancel_alert(actor=people["bpbd"], alert=update, reason="Air sudah surut.")
    titles = [payload["title"] for _target, payload in push_outbox.sent]
    assert titles == ["Banjir setinggi lutut di Tamalate", "Banjir makin tinggi di Tamalate",
                      "Dibatalkan: Banjir makin tinggi di Tamalate"]
    assert {payload["tag"] for _target, payload in push_outbox.sent} == {f"alert-{alert.pk}"}


def test_the_same_endpoint_updates_one_subscription(people):
    first = subscribe("phone", kecamatan=[TAMALATE])
    again = subscribe("phone", kecamatan=[MARISO], user=people["citizen"])
    assert first.pk == again.pk and PushSubscription.objects.count() == 1
    assert list(again.kecamatan.values_list("code", flat=True)) == [MARISO]
    assert again.user == people["citizen"]


@pytest.mark.parametrize("endpoint,p256dh,auth,kecamatan,field", [
    ("http://push.example.org/x", None, None, [TAMALATE], "endpoint"),
    ("https://push.example.org/x", "c2hvcnQ", None, [TAMALATE], "keys"),
    ("https://push.example.org/x", None, "c2hvcnQ", [TAMALATE], "keys"),
    ("https://push.example.org/x", None, None, [], "kecamatan"),
    ("https://push.example.org/x", None, None, ["73.71.77"], "kecamatan"),
])
def test_bad_subscriptions_are_refused(db, regions, endpoint, p256dh, auth, kecamatan, field):
    good_p256dh, good_auth = browser_keys()
    with pytest.raises(AlertError) as refused:
        actions.subscribe_push(user=None, endpoint=endpoint, p256dh=p256dh or good_p256dh,
                               auth=auth or good_auth, kecamatan_codes=kecamatan)
    assert field in refused.value.errors
    assert not PushSubscription.objects.exists()


def test_a_flood_of_subscriptions_from_one_address_is_slowed(regions, settings):
    settings.ALERTS_MAX_SUBSCRIPTIONS_PER_ADDRESS_HOUR = 3
    for n in range(3):
        subscribe(f"p{n}", kecamatan=[TAMALATE], ip="10.9.9.9")
    with pytest.raises(AlertError, match="Terlalu banyak"):
        subscribe("p4", kecamatan=[TAMALATE], ip="10.9.9.9")
    subscribe("p0", kecamatan=[MARISO], ip="10.9.9.9")  # changing one's own area is fine
    subscribe("other", kecamatan=[TAMALATE], ip="10.1.1.1")
    assert PushSubscription.objects.count() == 4


class FakeResponse:
    def __init__(self, status: int) -> None:
        self.status_code = status
        self.text = ""
        self.headers: dict[str, str] = {}
        self.reason = "x"


class FakeSession:
    """Stands in for the push service's HTTP endpoint: records the request, answers `status`."""

    def __init__(self, status: int) -> None:
        self.status = status
        self.requests: list[dict] = []  # type: ignore[type-arg]

    def post(self, url, data=None, headers=None, timeout=None, **kwargs):  # type: ignore[no-untyped-def]
        self.requests.append({"url": url, "data": data, "headers": headers})
        return FakeResponse(self.status)


def test_the_webpush_adapter_encrypts_and_signs(settings, tmp_path):
    keys = push.generate_vapid_keys()
    settings.ALERTS_VAPID_PRIVATE_KEY, settings.ALERTS_VAPID_PUBLIC_KEY = \
        keys["private_key"], keys["public_key"]
    p256dh, auth = browser_keys()
    target = push.PushTarget("https://push.example.org/abc", p256dh, auth)
    session = FakeSession(201)
    push.WebPushAdapter(session).send(target, {"title": "Banjir", "body": "Jauhi kanal"})
    sent = session.requests[0]
    headers = {name.lower(): value for name, value in sent["headers"].items()}
    assert sent["url"] == "https://push.example.org/abc"
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["urgency"] == "high"
    assert headers["authorization"].startswith("vapid t=")
    assert keys["public_key"] in headers["authorization"]
    assert b"Banjir" not in sent["data"]  # encrypted for the browser
    with pytest.raises(push.PushGone):
        push.WebPushAdapter(FakeSession(410)).send(target, {"title": "x"})
    with pytest.raises(push.PushFailed):
        push.WebPushAdapter(FakeSession(500)).send(target, {"title": "x"})


def test_vapid_keys_are_generated_once_into_var_when_allowed(settings, tmp_path):
    settings.ALERTS_VAPID_PRIVATE_KEY = settings.ALERTS_VAPID_PUBLIC_KEY = ""
    settings.VAR_DIR = tmp_path
    settings.ALERTS_VAPID_GENERATE = False
    assert push.vapid_keys() is None and push.public_key() == ""
    settings.ALERTS_VAPID_GENERATE = True
    first = push.vapid_keys()
    assert first is not None and (tmp_path / "vapid.json").exists()
    assert push.vapid_keys() == first
    assert len(base64.urlsafe_b64decode(first["public_key"] + "==")) == 65
    assert json.loads((tmp_path / "vapid.json").read_text()) == first


def test_an_alert_rolled_back_is_never_pushed(people, push_outbox, committed):
    from django.db import transaction

    subscribe("tamalate", kecamatan=[TAMALATE])

    class Boom(Exception):
        pass

    with committed(), pytest.raises(Boom), transaction.atomic():
        actions.issue_alert(actor=people["bpbd"], **alert_fields())
        raise Boom
    assert push_outbox.sent == [] and not PushDelivery.objects.exists()


def test_the_service_worker_shows_pushes_and_opens_the_alert_on_tap(client):
    script = client.get("/sw.js").content.decode()
    assert 'self.addEventListener("push"' in script
    assert "self.registration.showNotification(title, options)" in script
    assert 'self.addEventListener("notificationclick"' in script
    assert "self.clients.openWindow(target.href)" in script
