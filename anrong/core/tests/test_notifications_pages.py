"""The inbox page /kotak-masuk/, the header count tag and the notifications API: only the
recipient sees, opens or marks a notification."""

from __future__ import annotations

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anrong.accounts.testing import sign_in
from anrong.accounts.tests.profile_factories import citizen_with_profile
from anrong.core.models import Notification
from anrong.core.notifications import notify

pytestmark = pytest.mark.django_db

API = "/api/v1/core/notifications"


@pytest.fixture
def owner():  # type: ignore[no-untyped-def]
    return citizen_with_profile()


@pytest.fixture
def other():  # type: ignore[no-untyped-def]
    return citizen_with_profile(nik="7371130101900002")


def read_states(user) -> list:  # type: ignore[no-untyped-def]
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("read_at", flat=True))


def test_anonymous_visitors_are_sent_to_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("core:inbox"))
    assert response.status_code == 302
    assert "/akun/" in response["Location"]


def test_inbox_lists_notifications_and_marks_unread_ones_with_text(client, owner) -> None:  # type: ignore[no-untyped-def]
    old = notify(user=owner, kind="x", title="Permohonan diterima", body="Nomor ANR-1.")
    notify(user=owner, kind="x", title="Permohonan selesai", body="Silakan ambil dokumen.")
    from anrong.core.notifications import mark_read

    mark_read(user=owner, notification=old)
    sign_in(client, owner)
    response = client.get(reverse("core:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Permohonan selesai" in html and "Permohonan diterima" in html
    assert html.count(">Baru</strong>") == 1
    assert "1 pemberitahuan belum dibaca." in html
    assert html.index("Permohonan selesai") < html.index("Permohonan diterima")
    assert "Tandai semua sudah dibaca" in html


def test_opening_a_notification_marks_it_read_and_follows_its_link(client, owner) -> None:  # type: ignore[no-untyped-def]
    notification = notify(user=owner, kind="x", title="Judul", body="", url="/akun/profil/")
    sign_in(client, owner)
    response = client.get(reverse("core:inbox_open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/akun/profil/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_to_another_site_is_not_followed(client, owner) -> None:  # type: ignore[no-untyped-def]
    notification = notify(user=owner, kind="x", title="Judul", body="", url="https://evil.example/")
    sign_in(client, owner)
    response = client.get(reverse("core:inbox_open", args=[notification.pk]))
    assert response["Location"] == reverse("core:inbox")


def test_nobody_else_can_open_a_notification(client, owner, other) -> None:  # type: ignore[no-untyped-def]
    notification = notify(user=owner, kind="x", title="Rahasia", body="", url="/akun/profil/")
    sign_in(client, other)
    response = client.get(reverse("core:inbox_open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
    assert "Rahasia" not in client.get(reverse("core:inbox")).content.decode()


def test_mark_all_read_touches_only_your_own(client, owner, other) -> None:  # type: ignore[no-untyped-def]
    notify(user=owner, kind="x", title="Satu", body="")
    notify(user=other, kind="x", title="Dua", body="")
    sign_in(client, other)
    assert client.get(reverse("core:inbox_mark_all_read")).status_code == 405
    response = client.post(reverse("core:inbox_mark_all_read"))
    assert response.status_code == 302
    assert read_states(owner) == [None]
    assert read_states(other)[0] is not None


def test_inbox_query_count_does_not_grow_with_notifications(client, owner) -> None:  # type: ignore[no-untyped-def]
    notify(user=owner, kind="x", title="Pesan", body="")
    sign_in(client, owner)
    client.get(reverse("core:inbox"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("core:inbox"))
    for n in range(15):
        notify(user=owner, kind="x", title=f"Pesan {n}", body="Isi", url="/")
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("core:inbox"))
    assert response.content.decode().count(">Baru</strong>") == 16
    assert len(many) == len(few)


def test_unread_count_tag(owner, other) -> None:  # type: ignore[no-untyped-def]
    notify(user=owner, kind="x", title="Satu", body="")
    notify(user=owner, kind="x", title="Dua", body="")
    template = Template("{% load anrong_notifications %}{% unread_notifications_count %}")
    request = RequestFactory().get("/")
    request.user = owner
    assert template.render(Context({"request": request})) == "2"
    request.user = other
    request.__dict__.pop("_anrong_unread_notifications", None)
    assert template.render(Context({"request": request})) == "0"
    from django.contrib.auth.models import AnonymousUser

    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    assert template.render(Context({"request": anonymous})) == "0"


# --- API -------------------------------------------------------------------------------------


def test_api_refuses_anonymous_callers(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get(API).status_code == 401
    assert client.post(f"{API}/read-all").status_code == 401
    assert client.post(f"{API}/1/read").status_code == 401


def test_api_lists_newest_first_with_unread_count(client, owner, other) -> None:  # type: ignore[no-untyped-def]
    for n in range(22):
        notify(user=owner, kind="x", title=f"Pesan {n}", body="")
    notify(user=other, kind="x", title="Bukan milik Anda", body="")
    sign_in(client, owner)
    body = client.get(API).json()
    assert body["count"] == 22 and body["pages"] == 2 and body["unread_count"] == 22
    assert [item["title"] for item in body["items"][:2]] == ["Pesan 21", "Pesan 20"]
    assert all(item["unread"] for item in body["items"])
    assert body["items"][0]["created_at"].endswith("+08:00")
    page_two = client.get(API, {"page": 2}).json()
    assert [item["title"] for item in page_two["items"]] == ["Pesan 1", "Pesan 0"]


def test_api_marks_one_and_all_read(client, owner) -> None:  # type: ignore[no-untyped-def]
    first = notify(user=owner, kind="x", title="Satu", body="")
    notify(user=owner, kind="x", title="Dua", body="")
    sign_in(client, owner)
    response = client.post(f"{API}/{first.pk}/read")
    assert response.status_code == 200
    assert response.json()["unread"] is False
    assert client.get(API).json()["unread_count"] == 1
    assert client.post(f"{API}/read-all").json() == {"marked": 1}
    assert client.get(API).json()["unread_count"] == 0


def test_api_answers_404_for_someone_elses_notification(client, owner, other) -> None:  # type: ignore[no-untyped-def]
    notification = notify(user=owner, kind="x", title="Satu", body="")
    sign_in(client, other)
    response = client.post(f"{API}/{notification.pk}/read")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert read_states(owner) == [None]
