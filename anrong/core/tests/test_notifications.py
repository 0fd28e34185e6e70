"""Notifications: the inbox row in the action's transaction; SMS and email only after commit,
once, in the recipient's language; gateway failures recorded and raised."""

from __future__ import annotations

import socket

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils.translation import gettext_lazy as _

from anrong.accounts.models import User
from anrong.core import notifications
from anrong.core.gateways import ConsoleGateway, GatewayError
from anrong.core.models import AuditEvent, Notification
from anrong.core.notifications import mark_all_read, mark_read, notify, notify_translated
from anrong.core.tasks import deliver_notification

pytestmark = pytest.mark.django_db

PHONE = "+6281355500001"


@pytest.fixture(autouse=True)
def _clean_gateway():  # type: ignore[no-untyped-def]
    ConsoleGateway.clear()
    yield
    ConsoleGateway.clear()


def citizen(*, phone: str | None = PHONE, verified: bool = True, email: str | None = "andi@example.id",
            language: str = "id") -> User:
    return User.objects.create_user(phone=phone, email=email, phone_verified=verified,
                                    language=language)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_notify_writes_the_inbox_row_and_sends_sms_and_email_after_commit(
    django_capture_on_commit_callbacks,
) -> None:
    # given a citizen with a verified phone and an email address
    user = citizen()
    # when notified inside a transaction
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            sent = notify(user=user, kind="application.decided", title="Permohonan selesai",
                          body="Dokumen Anda siap diambil.", url="/layanan/ANR-1/")
            # then nothing has gone out before the commit
            assert ConsoleGateway.last_message(PHONE) is None
            assert mail.outbox == []
    assert len(callbacks) == 1
    # then the inbox row exists, the SMS and the email went out, and both are recorded
    notification = Notification.objects.get(pk=sent.pk)
    assert notification.recipient == user
    assert notification.read_at is None
    assert notification.channels == ["inbox", "sms", "email"]
    message = ConsoleGateway.last_message(PHONE)
    assert message is not None and message.channel == "sms"
    assert "Permohonan selesai" in message.text and "http://127.0.0.1:8000/layanan/ANR-1/" in message.text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["andi@example.id"]
    assert mail.outbox[0].subject == "Permohonan selesai"
    assert "Dokumen Anda siap diambil." in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="notification.created",
                                     target_id=str(notification.pk)).exists()


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks) -> None:
    user = citizen()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify(user=user, kind="x", title="Judul", body="Isi")
                raise RuntimeError("the change failed")
    assert callbacks == []
    assert not Notification.objects.filter(recipient=user).exists()
    assert ConsoleGateway.messages(PHONE) == []
    assert mail.outbox == []


def test_unverified_phone_and_missing_email_get_only_the_inbox(django_capture_on_commit_callbacks) -> None:
    user = citizen(verified=False, email=None)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notify(user=user, kind="x", title="Judul", body="Isi")
    assert callbacks == []  # nothing to deliver
    assert notification.requested_channels == ["inbox"]
    assert ConsoleGateway.messages(PHONE) == []
    assert mail.outbox == []


def test_only_the_channels_asked_for_are_used(django_capture_on_commit_callbacks) -> None:
    user = citizen()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user=user, kind="x", title="Judul", body="Isi",
                              channels=("inbox", "whatsapp"))
    notification.refresh_from_db()
    assert notification.channels == ["inbox", "whatsapp"]
    assert ConsoleGateway.last_message(PHONE).channel == "whatsapp"
    assert mail.outbox == []


def test_unknown_channels_are_refused() -> None:
    with pytest.raises(ValueError):
        notify(user=citizen(), kind="x", title="Judul", body="Isi", channels=("inbox", "pigeon"))


def test_delivery_is_idempotent(django_capture_on_commit_callbacks) -> None:
    # given a notification delivered once after commit
    user = citizen()
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(user=user, kind="x", title="Judul", body="Isi")
    # when the task runs twice more (a retry, a duplicate enqueue)
    deliver_notification.enqueue(notification.pk)
    result = deliver_notification.enqueue(notification.pk)
    # then each channel was sent exactly once
    assert result.return_value == []
    assert len(ConsoleGateway.messages(PHONE)) == 1
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.channels == ["inbox", "sms", "email"]


def test_english_speakers_get_english_text(django_capture_on_commit_callbacks) -> None:
    # given an English-speaking citizen and text written in Indonesian through gettext
    user = citizen(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify_translated(
            user=user, kind="agency.code_taken", title=_("Kotak masuk"),
            body=_("Kode OPD %(code)s sudah dipakai. Pilih kode lain."), params={"code": "DINKES"},
        )
    # then it is stored and sent in English
    assert notification.title == "Inbox"
    assert notification.body == "Agency code DINKES is already in use. Choose another code."
    assert "Agency code DINKES" in ConsoleGateway.last_message(PHONE).text
    assert mail.outbox[0].subject == "Inbox"


def test_indonesian_speakers_get_indonesian_text_even_from_an_english_request() -> None:
    from django.utils import translation

    user = citizen(language="id")
    with translation.override("en"):
        notification = notify_translated(
            user=user, kind="x", title=_("Kotak masuk"),
            body=_("Kode OPD %(code)s sudah dipakai. Pilih kode lain."), params={"code": "DINSOS"},
        )
    assert notification.title == "Kotak masuk"
    assert notification.body == "Kode OPD DINSOS sudah dipakai. Pilih kode lain."


def test_gateway_failure_is_recorded_and_raised(django_capture_on_commit_callbacks) -> None:
    # given an HTTP gateway nobody answers
    user = citizen()
    url = f"http://127.0.0.1:{closed_port()}/v1/messages"
    with override_settings(SMS_GATEWAY="http", SMS_GATEWAY_URL=url, SMS_GATEWAY_TIMEOUT=2):
        with django_capture_on_commit_callbacks(execute=True):
            notification = notify(user=user, kind="x", title="Judul", body="Isi")
        # then the inbox row exists, SMS is not marked delivered and the error is recorded
        notification.refresh_from_db()
        assert notification.channels == ["inbox"]
        assert notification.delivery_attempts == 1
        assert notification.last_error.startswith("sms: GatewayError")
        # and delivering again raises the gateway error for the task backend to see
        with pytest.raises(GatewayError):
            notifications.deliver(notification.pk)
        result = deliver_notification.enqueue(notification.pk)
        assert result.status == "FAILED"
        assert result.errors[0].exception_class_path == "anrong.core.gateways.GatewayError"
    # when the gateway is back, the retry sends the SMS and the email once
    result = deliver_notification.enqueue(notification.pk)
    assert result.return_value == ["sms", "email"]
    notification.refresh_from_db()
    assert notification.channels == ["inbox", "sms", "email"]
    assert notification.delivery_attempts == 3
    assert notification.last_error == ""
    assert len(ConsoleGateway.messages(PHONE)) == 1


def test_mark_read_and_mark_all_read() -> None:
    user = citizen()
    first = notify(user=user, kind="x", title="Satu", body="")
    notify(user=user, kind="x", title="Dua", body="")
    notify(user=user, kind="x", title="Tiga", body="")
    assert notifications.unread_count(user) == 3
    mark_read(user=user, notification=first)
    first.refresh_from_db()
    read_at = first.read_at
    assert read_at is not None
    mark_read(user=user, notification=first)  # again: nothing changes
    first.refresh_from_db()
    assert first.read_at == read_at
    assert notifications.unread_count(user) == 2
    assert mark_all_read(user=user) == 2
    assert notifications.unread_count(user) == 0


def test_nobody_else_can_mark_a_notification_read() -> None:
    owner = citizen()
    other = citizen(phone="+6281355500002", email="other@example.id")
    notification = notify(user=owner, kind="x", title="Satu", body="")
    with pytest.raises(PermissionError):
        mark_read(user=other, notification=notification)
    assert mark_all_read(user=other) == 0
    notification.refresh_from_db()
    assert notification.read_at is None


def test_inbox_is_newest_first_and_paginated() -> None:
    user = citizen()
    for n in range(25):
        notify(user=user, kind="x", title=f"Pesan {n}", body="")
    first_page = notifications.inbox(user)
    assert [n.title for n in first_page.object_list][:2] == ["Pesan 24", "Pesan 23"]
    assert len(first_page.object_list) == 20
    second = notifications.inbox(user, page=2)
    assert [n.title for n in second.object_list][-1] == "Pesan 0"
