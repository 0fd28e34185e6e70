"""/kantor/integrasi/<agency>/kunci-api/: the agency admin lists, issues (shown once), rotates and
revokes keys; nobody else reaches the pages or changes anything."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from anrong.integrations.actions import keys as key_actions
from anrong.integrations.models import ApiKey
from anrong.services.tests.conftest import client_for

from .fixtures_keys import fresh_rate_limits, issue  # noqa: F401
from .test_keys_actions import FORBIDDEN, snapshot

pytestmark = pytest.mark.django_db


def url(name: str, *args: object) -> str:
    return reverse(f"integrations:{name}", args=["DISDUKCAPIL", *args])


def test_the_admin_issues_a_key_and_sees_it_exactly_once(personas):
    admin = client_for(personas["agency_admin"])
    page = admin.get(url("keys"))
    assert page.status_code == 200 and "Belum ada kunci API" in page.content.decode()

    response = admin.post(url("keys"), {"name": "SIAK pusat",
                                        "scopes": ["applications:read", "applications:act"]})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = ApiKey.objects.get()
    html = response.content.decode()
    text = html.split('id="api-key" name="api-key" value="')[1].split('"')[0]
    assert text.startswith(f"anr_{key.prefix}_") and key.scopes == ["applications:read",
                                                                    "applications:act"]
    assert "tidak akan ditampilkan lagi" in html

    listing = admin.get(url("keys")).content.decode()
    assert f"anr_{key.prefix}…" in listing and text not in listing
    assert "SIAK pusat" in listing and "Belum pernah" in listing


def test_a_key_without_a_name_or_scope_is_explained_and_not_issued(personas):
    admin = client_for(personas["agency_admin"])
    response = admin.post(url("keys"), {"name": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ada yang perlu diperbaiki" in html and 'href="#id_scopes_0"' in html
    assert 'href="#id_name"' in html
    assert not ApiKey.objects.exists()


def test_rotating_shows_the_successor_once_and_lists_the_old_key_as_expiring(personas):
    issued = issue(personas)
    admin = client_for(personas["agency_admin"])
    form = admin.get(url("keys_rotate", issued.key.pk))
    assert form.status_code == 200 and 'value="24h"' in form.content.decode()
    response = admin.post(url("keys_rotate", issued.key.pk), {"overlap": "7d"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    successor = ApiKey.objects.exclude(pk=issued.key.pk).get()
    assert f"anr_{successor.prefix}_" in response.content.decode()
    issued.key.refresh_from_db()
    assert issued.key.replaced_by == successor
    listing = admin.get(url("keys")).content.decode()
    assert "Berlaku sampai" in listing and f"diganti anr_{successor.prefix}…" in listing


def test_revoking_asks_first_then_revokes(personas):
    issued = issue(personas)
    admin = client_for(personas["agency_admin"])
    confirm = admin.get(url("keys_revoke", issued.key.pk))
    assert confirm.status_code == 200 and "Ya, cabut kunci ini" in confirm.content.decode()
    assert ApiKey.objects.get().revoked_at is None
    response = admin.post(url("keys_revoke", issued.key.pk))
    assert response.status_code == 302 and response["Location"] == url("keys")
    assert ApiKey.objects.get().revoked_at is not None
    assert "Dicabut" in admin.get(url("keys")).content.decode()
    again = admin.post(url("keys_revoke", issued.key.pk))
    assert again.status_code == 400 and "sudah dicabut" in again.content.decode()


def test_the_list_reads_in_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    admin = client_for(personas["agency_admin"])
    for n in range(5):
        old = issue(personas, name=f"Sistem {n}")
        key_actions.rotate_key(actor=personas["agency_admin"], key=old.key, overlap="1h")
    admin.get(url("keys"))
    with django_assert_max_num_queries(12):
        response = admin.get(url("keys"))
    assert response.content.decode().count("anr_") >= 10


@pytest.mark.parametrize("persona", FORBIDDEN)
def test_nobody_but_the_agency_admin_reaches_the_pages_or_changes_anything(personas, persona):
    issued = issue(personas)
    client = client_for(personas[persona]) if persona != "anonymous" else Client()
    before = snapshot()
    responses = [
        client.get(url("keys")),
        client.post(url("keys"), {"name": "Curang", "scopes": ["applications:act"]}),
        client.get(url("keys_rotate", issued.key.pk)),
        client.post(url("keys_rotate", issued.key.pk), {"overlap": "1h"}),
        client.get(url("keys_revoke", issued.key.pk)),
        client.post(url("keys_revoke", issued.key.pk)),
    ]
    expected = 302 if persona == "anonymous" else 404
    assert [r.status_code for r in responses] == [expected] * 6
    assert snapshot() == before


def test_another_agencys_key_is_not_found_from_this_agency(personas):
    from anrong.agencies.models import Agency

    theirs = issue(personas, agency=Agency.objects.get(code="DISHUB"), admin="other_agency_admin")
    admin = client_for(personas["agency_admin"])
    assert admin.get(url("keys_rotate", theirs.key.pk)).status_code == 404
    assert admin.post(url("keys_revoke", theirs.key.pk)).status_code == 404
    theirs.key.refresh_from_db()
    assert theirs.key.revoked_at is None


def test_the_console_home_links_to_the_keys(personas):
    page = client_for(personas["agency_admin"]).get(reverse("integrations:home"))
    assert url("keys") in page.content.decode()
