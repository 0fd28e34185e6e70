"""The webhook console and its actions: who may do what (a matrix; refusals change nothing), and
what an agency admin sees and does."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from anrong.agencies.models import Agency
from anrong.core import outbox
from anrong.core.models import AuditEvent
from anrong.integrations import delivery
from anrong.integrations.actions import webhooks as actions
from anrong.integrations.errors import IntegrationError, IntegrationPermissionError
from anrong.integrations.models import WebhookDelivery, WebhookEndpoint
from anrong.integrations.testing import Receiver
from anrong.services.tests.conftest import client_for

PEOPLE = ["anonymous", "citizen", "officer", "supervisor", "agency_admin", "other_agency_admin",
          "sysadmin"]
URL = "https://sistem.disdukcapil.makassarkota.go.id/anrong/webhook"


@pytest.fixture
def agency(personas):
    return Agency.objects.get(code="DISDUKCAPIL")


@pytest.fixture
def endpoint(personas, agency):
    item, _secret = actions.create_endpoint(actor=personas["agency_admin"], agency=agency,
                                            url=URL, event_types=["application.submitted"])
    return item


def _state():
    return (list(WebhookEndpoint.objects.values_list(
                "url", "event_types", "secret", "is_enabled").order_by("pk")),
            list(WebhookDelivery.objects.values_list("status", "retries").order_by("pk")))


def test_only_the_agencys_admins_may_act_on_its_webhooks(personas, agency, endpoint):
    with transaction.atomic():
        outbox.emit("application.submitted", {"agency": "DISDUKCAPIL"})
    outbox.publish_pending()
    item = WebhookDelivery.objects.get()
    steps = {
        "create": lambda who: actions.create_endpoint(
            actor=who, agency=agency, url=URL + "2", event_types=["application.submitted"]),
        "update": lambda who: actions.update_endpoint(
            actor=who, endpoint=endpoint, url=URL + "3", event_types=["application.assigned"]),
        "rotate": lambda who: actions.rotate_secret(actor=who, endpoint=endpoint),
        "disable": lambda who: actions.set_enabled(actor=who, endpoint=endpoint, enabled=False),
        "replay one": lambda who: actions.replay_delivery(actor=who, delivery_id=item.pk,
                                                          agency=agency),
        "replay all": lambda who: actions.replay_endpoint(
            actor=who, endpoint=endpoint, since=timezone.now() - dt.timedelta(days=1),
            include_succeeded=True),
        "delete": lambda who: actions.delete_endpoint(actor=who, endpoint=endpoint),
    }
    for name, step in steps.items():
        for person in PEOPLE:
            if person == "agency_admin":
                continue
            before = _state()
            with pytest.raises(IntegrationPermissionError):
                step(personas[person])
            assert _state() == before, (name, person)
    for name, step in steps.items():  # the admin may do each, in this order
        step(personas["agency_admin"])
        assert AuditEvent.objects.filter(actor=personas["agency_admin"],
                                         action__startswith="integrations.").exists(), name
    assert not WebhookEndpoint.objects.filter(pk=endpoint.pk).exists()


def test_console_pages_answer_only_the_agencys_admins(personas, agency, endpoint):
    with transaction.atomic():
        outbox.emit("application.submitted", {"agency": "DISDUKCAPIL"})
    outbox.publish_pending()
    item = WebhookDelivery.objects.get()
    pages = [reverse("integrations:webhooks", args=[agency.code]),
             reverse("integrations:webhook", args=[agency.code, endpoint.pk]),
             reverse("integrations:webhook_delete", args=[agency.code, endpoint.pk]),
             reverse("integrations:webhook_delivery", args=[agency.code, endpoint.pk, item.pk])]
    posts = [(reverse("integrations:webhook_rotate", args=[agency.code, endpoint.pk]), {}),
             (reverse("integrations:webhook_toggle", args=[agency.code, endpoint.pk]),
              {"enabled": "0"}),
             (reverse("integrations:webhook_replay", args=[agency.code, endpoint.pk]),
              {"since": "2026-01-01", "include_succeeded": "on"}),
             (reverse("integrations:webhook_delivery", args=[agency.code, endpoint.pk, item.pk]),
              {}),
             (reverse("integrations:webhook_delete", args=[agency.code, endpoint.pk]), {})]
    clients = {person: client_for(personas[person]) for person in PEOPLE}
    for person in PEOPLE:
        client = clients[person]
        expected = {"anonymous": 302, "agency_admin": 200}.get(person, 404)
        for page in pages:
            assert client.get(page).status_code == expected, (person, page)
        home = client.get(reverse("integrations:home"))
        assert home.status_code == {"anonymous": 302, "agency_admin": 200,
                                    "other_agency_admin": 200}.get(person, 403), person
        if person == "agency_admin":
            continue
        for url, data in posts:
            before = _state()
            assert client.post(url, data).status_code in {302, 404}, (person, url)
            assert _state() == before, (person, url)
    # Another agency's admin sees only their own agency on the home page.
    home = clients["other_agency_admin"].get(reverse("integrations:home"))
    assert "DISHUB" in home.content.decode() and "DISDUKCAPIL" not in home.content.decode()


def test_an_admin_adds_an_endpoint_and_sees_its_secret_once(personas, agency):
    client = client_for(personas["agency_admin"])
    index = reverse("integrations:webhooks", args=[agency.code])
    page = client.get(index)
    assert page.status_code == 200 and "application.submitted" in page.content.decode()
    response = client.post(index, {"url": URL, "description": "SIAK",
                                   "event_types": ["application.submitted",
                                                   "application.status_changed"]})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.secret in response.content.decode()
    assert endpoint.event_types == ["application.status_changed", "application.submitted"]
    detail = client.get(reverse("integrations:webhook", args=[agency.code, endpoint.pk]))
    assert endpoint.secret not in detail.content.decode()
    assert AuditEvent.objects.filter(action="integrations.endpoint_created").exists()
    assert endpoint.secret not in str(list(AuditEvent.objects.values_list("details", flat=True)))

    rotated = client.post(reverse("integrations:webhook_rotate", args=[agency.code, endpoint.pk]))
    endpoint.refresh_from_db()
    assert rotated["Cache-Control"] == "no-store"
    assert endpoint.secret in rotated.content.decode()
    assert endpoint.previous_secret and endpoint.previous_secret not in rotated.content.decode()


def test_bad_input_is_explained_and_nothing_is_written(personas, agency, settings):
    client = client_for(personas["agency_admin"])
    index = reverse("integrations:webhooks", args=[agency.code])
    settings.WEBHOOK_ALLOW_HTTP = False
    for data, message in [
        ({"url": "", "event_types": ["application.submitted"]}, "Isi alamat URL"),
        ({"url": "http://sistem.example/hook", "event_types": ["application.submitted"]},
         "https://"),
        ({"url": "ftp://sistem.example/hook", "event_types": ["application.submitted"]},
         "https://"),
        ({"url": "https://user:pw@sistem.example/hook",
          "event_types": ["application.submitted"]}, "kata sandi"),
        ({"url": URL, "event_types": []}, "paling sedikit satu"),
        ({"url": URL, "event_types": ["account.registered"]}, "account.registered"),
    ]:
        response = client.post(index, data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), data
        assert 'value="' + data["url"] in response.content.decode()  # what was typed is kept
    assert not WebhookEndpoint.objects.exists()
    with pytest.raises(IntegrationError):
        actions.create_endpoint(actor=personas["agency_admin"], agency=agency, url=URL,
                                event_types=["nope"])


def test_an_admin_follows_a_delivery_and_replays_it(personas, agency):
    receiver = Receiver(answer=lambda received: 500).start()
    try:
        endpoint, _secret = actions.create_endpoint(
            actor=personas["agency_admin"], agency=agency, url=receiver.url,
            event_types=["application.submitted"])
        with transaction.atomic():
            outbox.emit("application.submitted", {"agency": "DISDUKCAPIL", "tracking_no": "X1"})
        outbox.publish_pending()
        delivery.deliver_due()
        item = WebhookDelivery.objects.get()
        client = client_for(personas["agency_admin"])
        detail = client.get(reverse("integrations:webhook", args=[agency.code, endpoint.pk]),
                            {"status": "pending"})
        assert item.msg_id in detail.content.decode()
        page = client.get(reverse("integrations:webhook_delivery",
                                  args=[agency.code, endpoint.pk, item.pk]))
        text = page.content.decode()
        assert "HTTP 500" in text and "X1" in text
        receiver.answer = lambda received: 200
        response = client.post(reverse("integrations:webhook_delivery",
                                       args=[agency.code, endpoint.pk, item.pk]))
        assert response.status_code == 302
        delivery.deliver_due()
        item.refresh_from_db()
        assert item.status == WebhookDelivery.Status.SUCCEEDED
        assert [r.msg_id for r in receiver.received] == [item.msg_id, item.msg_id]
        # Switch off and on from the console.
        toggle = reverse("integrations:webhook_toggle", args=[agency.code, endpoint.pk])
        client.post(toggle, {"enabled": "0"})
        endpoint.refresh_from_db()
        assert not endpoint.is_enabled
        page = client.get(reverse("integrations:webhook", args=[agency.code, endpoint.pk]))
        assert re.search(r"Nyalakan lagi", page.content.decode())
        client.post(toggle, {"enabled": "1"})
        endpoint.refresh_from_db()
        assert endpoint.is_enabled
    finally:
        receiver.stop()
