"""The banner on every page (only live alerts of the viewer's kecamatan, or city-wide), the
citizens' pages, the subscribe endpoints, the operators' console and the JSON API."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from anrong.accounts.testing import sign_in
from anrong.alerts import actions
from anrong.alerts.models import Alert, PushSubscription

from .conftest import MANGGALA, MARISO, TAMALATE, alert_fields
from .test_push import browser_keys

pytestmark = pytest.mark.django_db


def banner_of(client: Client, path: str = "/") -> str:
    html = client.get(path).content.decode()
    start = html.find("data-alert-banner")
    if start == -1:
        return ""
    return html[start:html.find("</section>", start)]


def with_area(value: str) -> Client:
    client = Client()
    client.cookies["anrong_kecamatan"] = value
    return client


def test_no_alert_no_banner(people):
    assert banner_of(Client()) == ""


def test_the_banner_shows_alerts_of_the_viewers_kecamatan_and_city_wide_ones(issue, people):
    tamalate = issue(headline="Banjir di Tamalate sejak siang", kecamatan_codes=[TAMALATE])
    mariso = issue(headline="Kebakaran gudang di Mariso", event="kebakaran",
                   kecamatan_codes=[MARISO])
    city = issue(headline="Cuaca ekstrem di seluruh kota", event="cuaca_ekstrem",
                 kecamatan_codes=[], city_wide=True, severity="Moderate")

    banner = banner_of(with_area(TAMALATE))
    assert tamalate.headline in banner and city.headline in banner
    assert mariso.headline not in banner
    assert banner.index(tamalate.headline) < banner.index(city.headline)  # severe first

    both = banner_of(with_area(f"{TAMALATE}|{MARISO}"))
    assert tamalate.headline in both and mariso.headline in both

    # A signed-in citizen without the cookie: the profile's kecamatan (Mariso).
    client = Client()
    client.force_login(people["citizen"])
    banner = banner_of(client)
    assert mariso.headline in banner and city.headline in banner
    assert tamalate.headline not in banner

    # Nobody knows where this visitor is: every live alert.
    banner = banner_of(Client())
    assert all(a.headline in banner for a in (tamalate, mariso, city))
    assert banner_of(with_area("all")) == banner


def test_the_banner_drops_expired_cancelled_replaced_and_test_alerts(issue, people):
    expired = issue(headline="Banjir yang sudah lewat")
    cancelled = issue(headline="Banjir yang dibatalkan")
    replaced = issue(headline="Banjir versi pertama")
    issue(headline="Uji sistem peringatan, abaikan", status="Test")
    exercise = issue(headline="Latihan evakuasi banjir Tamalate", status="Exercise")
    actions.cancel_alert(actor=people["bpbd"], alert=cancelled, reason="Keliru kirim.")
    update = actions.update_alert(actor=people["bpbd"], alert=replaced, **alert_fields(
        headline="Banjir versi kedua"))
    Alert.objects.filter(pk=expired.pk).update(expires=timezone.now() - dt.timedelta(seconds=1))
    from anrong.alerts.queries import forget_banner

    forget_banner()
    banner = banner_of(with_area(TAMALATE))
    assert update.headline in banner and "LATIHAN" in banner and exercise.headline in banner
    for gone in ("sudah lewat", "dibatalkan", "versi pertama", "Uji sistem"):
        assert gone not in banner, gone


def test_the_banner_costs_no_query_once_cached(issue, people, django_assert_num_queries):
    issue(kecamatan_codes=[], city_wide=True)
    client = Client()
    client.get("/peringatan/wilayah/")  # a 405, but it warms the session machinery
    assert banner_of(client, "/offline/")
    with django_assert_num_queries(0):
        assert "data-alert-banner" in client.get("/offline/").content.decode()


def test_citizen_pages_list_live_alerts_and_show_one_with_its_history(issue, people):
    alert = issue()
    update = actions.update_alert(actor=people["bpbd"], alert=alert, **alert_fields(
        headline="Banjir meluas, warga diminta mengungsi"))
    home = Client().get("/peringatan/").content.decode()
    assert update.headline in home and f'href="/peringatan/{alert.pk}/"' in home
    detail = Client().get(f"/peringatan/{alert.pk}/").content.decode()
    assert "<h1>Banjir meluas, warga diminta mengungsi</h1>" in detail
    assert "Riwayat pesan" in detail and f"/alerts/{alert.pk}.xml" in detail
    assert Client().get(f"/peringatan/{update.pk}/").status_code == 404  # the chain's root only
    assert Client().get("/peringatan/99999/").status_code == 404


def test_markup_in_an_alert_is_escaped(issue, people):
    alert = issue(headline="<img src=x onerror=alert(1)> banjir")
    for path in ("/", "/peringatan/", f"/peringatan/{alert.pk}/"):
        html = Client().get(path).content.decode()
        assert "<img src=x" not in html and "&lt;img src=x" in html, path


def test_choosing_an_area_without_javascript_sets_the_cookie(people):
    client = Client()
    response = client.post("/peringatan/wilayah/", {"kecamatan": [TAMALATE, MANGGALA]})
    assert response.status_code == 302
    assert client.cookies["anrong_kecamatan"].value == f"{TAMALATE}|{MANGGALA}"
    response = client.post("/peringatan/wilayah/", {})
    assert response.status_code == 400 and "Pilih paling sedikit" in response.content.decode()


def test_subscribing_and_unsubscribing_through_the_json_endpoints(people):
    client = Client(enforce_csrf_checks=True)
    client.get("/peringatan/")
    token = client.cookies["csrftoken"].value
    p256dh, auth = browser_keys()
    body = {"endpoint": "https://push.example.org/me", "keys": {"p256dh": p256dh, "auth": auth},
            "kecamatan": [TAMALATE]}
    assert client.post("/peringatan/langganan/", json.dumps(body),
                       content_type="application/json").status_code == 403  # no CSRF token
    response = client.post("/peringatan/langganan/", json.dumps(body),
                           content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201
    assert client.cookies["anrong_kecamatan"].value == TAMALATE
    subscription = PushSubscription.objects.get()
    assert subscription.user is None and subscription.sender_hash
    bad = client.post("/peringatan/langganan/", json.dumps({**body, "kecamatan": []}),
                      content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400 and "kecamatan" in bad.json()["errors"]
    assert client.post("/peringatan/langganan/hapus/", json.dumps({"endpoint": body["endpoint"]}),
                       content_type="application/json", HTTP_X_CSRFTOKEN=token).status_code == 200
    assert not PushSubscription.objects.exists()


def test_the_alerts_page_carries_the_vapid_key(people, settings):
    settings.ALERTS_VAPID_PUBLIC_KEY, settings.ALERTS_VAPID_PRIVATE_KEY = "BPublicKey", "private"
    html = Client().get("/peringatan/").content.decode()
    assert 'data-vapid-key="BPublicKey"' in html and "alerts/subscribe.js" in html


# --- the console --------------------------------------------------------------------------------


def staff_client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    sign_in(client, user)
    return client


def form_data(**overrides) -> dict:  # type: ignore[type-arg]
    data = {"event": "banjir", "severity": "Severe", "urgency": "Immediate",
            "certainty": "Observed", "headline": "Banjir setinggi lutut di Tamalate",
            "description": "Air kanal Jongaya meluap sejak pukul 14.00 WITA.",
            "instruction": "Jauhi kanal.", "kecamatan": [TAMALATE], "status": "Actual",
            "expires": timezone.localtime(timezone.now() + dt.timedelta(hours=6)).strftime(
                "%Y-%m-%dT%H:%M")}
    data.update(overrides)
    return data


def test_the_console_is_for_issuers_only(people):
    for name in ("citizen", "dishub", "editor", "sysadmin"):
        client = staff_client(people[name]) if name != "citizen" else Client()
        if name == "citizen":
            client.force_login(people["citizen"])
        assert client.get("/kantor/peringatan/").status_code == 403, name
        assert client.post("/kantor/peringatan/baru/", form_data()).status_code == 403, name
    assert Client().get("/kantor/peringatan/").status_code == 302  # to sign in
    assert not Alert.objects.exists()


def test_an_operator_issues_updates_and_cancels_from_the_console(people, push_outbox):
    client = staff_client(people["bpbd"])
    assert client.get("/kantor/peringatan/baru/").status_code == 200
    refused = client.post("/kantor/peringatan/baru/", form_data(kecamatan=[]))
    assert refused.status_code == 400 and "Pilih kecamatan yang terdampak" in refused.content.decode()
    response = client.post("/kantor/peringatan/baru/", form_data())
    alert = Alert.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/kantor/peringatan/{alert.pk}/"
    assert alert.agency.code == "BPBD" and alert.expires > timezone.now()
    page = client.get(response["Location"]).content.decode()
    assert alert.identifier in page and "Batalkan dan beri tahu warga" in page

    edit = client.get(f"/kantor/peringatan/{alert.pk}/perbarui/").content.decode()
    assert "Banjir setinggi lutut di Tamalate" in edit
    response = client.post(f"/kantor/peringatan/{alert.pk}/perbarui/",
                           form_data(headline="Banjir meluas ke Manggala",
                                     kecamatan=[TAMALATE, MANGGALA]))
    update = Alert.objects.get(msg_type="Update")
    assert response["Location"] == f"/kantor/peringatan/{update.pk}/"
    assert client.get(f"/kantor/peringatan/{alert.pk}/perbarui/").status_code == 403  # replaced

    assert client.post(f"/kantor/peringatan/{update.pk}/batalkan/", {"reason": ""}).status_code == 400
    response = client.post(f"/kantor/peringatan/{update.pk}/batalkan/", {"reason": "Air surut."})
    cancel = Alert.objects.get(msg_type="Cancel")
    assert response["Location"] == f"/kantor/peringatan/{cancel.pk}/"
    listing = client.get("/kantor/peringatan/").content.decode()
    assert "dibatalkan" in listing


def test_the_json_api_lists_live_alerts_for_a_kecamatan(issue, people):
    tamalate = issue(kecamatan_codes=[TAMALATE])
    mariso = issue(kecamatan_codes=[MARISO], headline="Kebakaran gudang di Mariso")
    everything = Client().get("/api/v1/alerts/").json()
    assert {a["id"] for a in everything} == {tamalate.pk, mariso.pk}
    only = Client().get(f"/api/v1/alerts/?kecamatan={TAMALATE}").json()
    assert [a["id"] for a in only] == [tamalate.pk]
    assert only[0]["category"] == "Met" and only[0]["cap_url"].endswith(f"/alerts/{tamalate.pk}.xml")
    one = Client().get(f"/api/v1/alerts/{mariso.pk}").json()
    assert one["headline"] == "Kebakaran gudang di Mariso" and one["kecamatan"] == [MARISO]
    assert Client().get("/api/v1/alerts/999999").status_code == 404
