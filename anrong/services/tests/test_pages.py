"""The citizen pages: catalogue, search, filters, detail and life events."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from anrong.agencies.models import Agency
from anrong.core import modules
from anrong.services import actions
from anrong.services.models import Category, LifeEvent, Service

from .conftest import fresh

pytestmark = pytest.mark.django_db


def text(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 200
    return response.content.decode()


def test_catalogue_lists_services_with_agency_fee_sla_and_delivery(client, catalogue):
    page = text(client.get("/layanan/"))
    assert "Akta kelahiran" in page and "Disdukcapil" in page
    assert "Gratis" in page and "1 hari kerja" in page and "Datang ke kantor" in page
    assert 'for="q"' in page and 'name="q"' in page


def test_search_shows_only_matching_services(client, catalogue):
    page = text(client.get("/layanan/", {"q": "akta kelahiran"}))
    assert "Akta kelahiran" in page and "Uji berkala" not in page
    assert page.index("Akta kelahiran</a>") < page.index("Kartu Identitas Anak (KIA)</a>")


def test_filters_by_category_agency_and_life_event(client, catalogue):
    assert "Surat Izin Praktik" not in text(client.get("/layanan/", {"category": "kependudukan"}))
    by_agency = text(client.get("/layanan/", {"agency": "DISHUB"}))
    assert "uji KIR" in by_agency and "Akta kelahiran" not in by_agency
    by_event = text(client.get("/layanan/", {"life_event": "kelahiran-anak"}))
    assert "Kartu Identitas Anak" in by_event and "Akta kematian" not in by_event


def test_nothing_found_says_what_to_do(client, catalogue):
    assert "Coba kata lain" in text(client.get("/layanan/", {"q": "zzzqqq"}))


def test_detail_page_shows_requirements_fee_legal_basis_and_output(client, catalogue):
    page = text(client.get("/layanan/DKC-AKTA-LAHIR/"))
    assert "Surat keterangan lahir" in page and "Pasal 79A" in page
    assert "Kutipan akta kelahiran" in page and "Gratis" in page
    assert "/layanan/peristiwa/kelahiran-anak/" in page


def test_national_system_service_links_to_the_national_site(client, catalogue):
    page = text(client.get("/layanan/DPMPTSP-NIB/"))
    assert 'href="https://oss.go.id"' in page and "Ajukan di oss.go.id" in page


def test_case_dependent_fee_is_explained_not_called_free(client, catalogue):
    page = text(client.get("/layanan/DISHUB-UJI-KIR/"))
    assert "Retribusi pengujian" in page and "Gratis" not in page


def test_unknown_or_withdrawn_service_is_not_found(client, catalogue, root):
    assert client.get("/layanan/TIDAK-ADA/").status_code == 404
    actions.deactivate_service(actor=root, service=Service.objects.get(code="DKC-KIA"))
    assert client.get("/layanan/DKC-KIA/").status_code == 404
    assert "Kartu Identitas Anak" not in text(client.get("/layanan/"))


def test_life_event_page_lists_its_services_in_order(client, catalogue):
    page = text(client.get("/layanan/peristiwa/kelahiran-anak/"))
    positions = [page.index(name) for name in
                 ("Akta kelahiran</a>", "Perubahan Kartu Keluarga</a>", "Kartu Identitas Anak (KIA)</a>")]
    assert positions == sorted(positions)
    assert client.get("/layanan/peristiwa/tidak-ada/").status_code == 404


def test_pages_speak_english_on_request(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/layanan/"})
    page = text(client.get("/layanan/"))
    assert "Search services" in page and "3 working days" in page and "Visit the office" in page


def test_the_module_is_registered_with_a_citizen_page():
    module = modules.get("services")
    assert module is not None and module.url() == "/layanan/"
    assert module in modules.home_tiles()


def _add_services(root, count: int) -> None:  # type: ignore[no-untyped-def]
    agency, category = Agency.objects.get(code="DINSOS"), Category.objects.get(code="sosial")
    event = LifeEvent.objects.get(code="kematian")
    for i in range(count):
        actions.create_service(
            actor=root, agency=agency, code=f"DINSOS-TAMBAHAN-{i}", name=f"Layanan tambahan {i}",
            summary="Untuk uji jumlah kueri.", category=category, output="Surat",
            delivery=Service.Delivery.VISIT_OFFICE, sla_working_days=3, life_events=[event])


@pytest.mark.parametrize("url", ["/layanan/", "/layanan/?q=surat", "/layanan/peristiwa/kematian/"])
def test_list_pages_query_count_does_not_grow_with_the_catalogue(client, catalogue, root, url):
    client.get(url)  # warm: the alert banner is cached for a minute (anrong.alerts), not a cost of this page
    with CaptureQueriesContext(connection) as before:
        text(client.get(url))
    _add_services(fresh(root), 5)
    with CaptureQueriesContext(connection) as after:
        text(client.get(url))
    assert len(after) == len(before)
    assert len(before) <= 6


def test_nothing_found_in_english_too(client, catalogue):
    client.post("/i18n/setlang/", {"language": "en", "next": "/layanan/"})
    assert "Try other words" in text(client.get("/layanan/", {"q": "zzzqqq"}))


def test_services_offered_online_say_so(client, catalogue):
    assert "Daring di Anrong" in text(client.get("/layanan/", {"agency": "DINSOS"}))
    page = text(client.get("/layanan/DKC-AKTA-LAHIR/"))
    assert "Layanan ini dapat diajukan secara daring." in page
    assert "Datang ke kantor dengan membawa persyaratan" not in page
    still_visit = text(client.get("/layanan/DKC-KK-BARU/"))
    assert "Datang ke kantor dengan membawa persyaratan di bawah ini." in still_visit
