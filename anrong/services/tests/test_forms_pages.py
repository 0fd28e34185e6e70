"""The form builder of the staff console: who may open it, and every POST operation."""

from __future__ import annotations

import pytest
from django.urls import reverse

from anrong.accounts.testing import sign_in
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.services import actions, queries
from anrong.services.models import FormVersion, Service
from anrong.services.testing import SAMPLE_FIELDS, make_form

from .conftest import fresh

pytestmark = pytest.mark.django_db

CODE = "DKC-AKTA-LAHIR"
FORBIDDEN = ["citizen", "officer", "supervisor", "other_agency_officer", "other_agency_admin"]
ALLOWED = ["agency_admin", "sysadmin"]
NEW_FIELD = {"type": "text", "name": "nama_ayah", "label": "Nama ayah", "label_en": "Father's name",
             "required": "on", "accept": ["application/pdf"]}


@pytest.fixture
def service(catalogue):  # type: ignore[no-untyped-def]
    service = Service.objects.get(code=CODE)
    FormVersion.objects.filter(service=service).delete()
    return service


def url(name: str, *args: str) -> str:
    return reverse(f"services_forms:{name}", args=args)


def as_(client, personas, persona):  # type: ignore[no-untyped-def]
    if persona != "anonymous":
        sign_in(client, fresh(personas[persona]))
    return client


def state():  # type: ignore[no-untyped-def]
    return (list(FormVersion.objects.order_by("pk").values()), AuditEvent.objects.count(),
            OutboxEvent.objects.count())


def draft_names(service: Service) -> list[str]:
    draft = queries.form_draft(service)
    return [f["name"] for f in draft.fields] if draft else []


# --- Who may open the pages ---------------------------------------------------------------------

@pytest.mark.parametrize("page", ["list", "builder", "edit"])
def test_anonymous_is_sent_to_sign_in(client, service, page):
    make_form(service)
    args = {"list": (), "builder": (CODE,), "edit": (CODE, "nama_anak")}[page]
    response = client.get(url(page, *args))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]


@pytest.mark.parametrize("persona", FORBIDDEN + ALLOWED)
def test_builder_page_permission_matrix(client, personas, service, persona):
    make_form(service)
    as_(client, personas, persona)
    response = client.get(url("builder", CODE))
    if persona in ALLOWED:
        assert response.status_code == 200
        html = response.content.decode()
        assert "Nama anak" in html and 'name="nama_anak"' in html  # the list and the preview
        assert client.get(url("edit", CODE, "nama_anak")).status_code == 200
    else:
        assert response.status_code == 403
        assert client.get(url("edit", CODE, "nama_anak")).status_code == 403


@pytest.mark.parametrize("persona", ["citizen", "officer", "supervisor", "other_agency_officer"])
def test_service_list_is_refused_to_those_who_manage_no_agency(client, personas, service, persona):
    as_(client, personas, persona)
    assert client.get(url("list")).status_code == 403


def test_service_list_shows_the_agencys_services_with_their_form_state(client, personas, service):
    make_form(service)
    actions.save_form_draft(actor=fresh(personas["agency_admin"]), service=service, fields=[])
    as_(client, personas, "agency_admin")
    response = client.get(url("list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert url("builder", CODE) in html
    assert "Terbit versi 1" in html and "Draf versi 2" in html and "Belum ada formulir" in html
    assert "DISHUB" not in html  # another agency's services are not listed
    other = Client_for(personas, "other_agency_admin")
    assert url("builder", CODE) not in other.get(url("list")).content.decode()


def Client_for(personas, persona):  # type: ignore[no-untyped-def]
    from django.test import Client

    return sign_in(Client(), fresh(personas[persona]))


def test_the_staff_console_links_to_the_builder_for_those_who_may_use_it(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    assert url("list") in client.get("/kantor/").content.decode()
    officer = Client_for(personas, "officer")
    assert url("list") not in officer.get("/kantor/").content.decode()


def test_unknown_service_is_404(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    assert client.get(url("builder", "TIDAK-ADA")).status_code == 404


# --- The operations -----------------------------------------------------------------------------

def test_add_a_field_creates_the_draft(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    response = client.post(url("add", CODE), NEW_FIELD)
    assert response.status_code == 302
    draft = queries.form_draft(service)
    assert draft.number == 1
    assert draft.fields == [{"name": "nama_ayah", "type": "text", "label": "Nama ayah",
                             "label_en": "Father's name", "required": True, "max_length": 200}]
    page = client.get(response["Location"]).content.decode()
    assert "Isian Nama ayah ditambahkan ke draf." in page
    assert "Anda mengubah draf versi 1." in page


def test_the_first_change_copies_the_published_form_into_a_new_draft(client, personas, service):
    make_form(service)
    sign_in(client, fresh(personas["agency_admin"]))
    client.post(url("add", CODE), NEW_FIELD)
    draft = queries.form_draft(service)
    assert draft.number == 2
    assert [f["name"] for f in draft.fields] == [f["name"] for f in SAMPLE_FIELDS] + ["nama_ayah"]
    assert queries.current_form(service).number == 1  # published stays until the draft is


def test_add_a_choice_with_a_condition(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    client.post(url("add", CODE), {"type": "choice", "name": "alasan", "label": "Alasan",
                                   "choices": "hilang|Hilang|Lost\nrusak|Rusak\n\n"})
    response = client.post(url("add", CODE), {
        "type": "text", "name": "no_laporan", "label": "Nomor laporan polisi",
        "show_if_field": "alasan", "show_if_value": "hilang"})
    assert response.status_code == 302
    fields = queries.form_draft(service).fields
    assert fields[0]["choices"] == [{"value": "hilang", "label": "Hilang", "label_en": "Lost"},
                                    {"value": "rusak", "label": "Rusak"}]
    assert fields[1]["show_if"] == {"field": "alasan", "equals": "hilang"}


def test_add_number_date_and_file_fields(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    for data in ({"type": "number", "name": "berat", "label": "Berat (kg)", "min": "0,5",
                  "max": "7"},
                 {"type": "date", "name": "lahir", "label": "Tanggal lahir", "max": "today"},
                 {"type": "file", "name": "kk", "label": "Kartu Keluarga",
                  "accept": ["application/pdf", "image/jpeg"], "max_size_mb": "5"}):
        assert client.post(url("add", CODE), data).status_code == 302, data
    berat, lahir, kk = queries.form_draft(service).fields
    assert (berat["min"], berat["max"], berat["integer"]) == (0.5, 7, False)
    assert lahir["max"] == "today"
    assert (kk["accept"], kk["max_size_mb"]) == (["application/pdf", "image/jpeg"], 5)


def test_a_definition_error_is_shown_with_the_values_kept_and_nothing_saved(
        client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    before = state()
    response = client.post(url("add", CODE), {"type": "choice", "name": "Nama Anak",
                                              "label": "Jenis kelamin anak", "choices": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nama isian hanya huruf kecil" in html
    assert "Pilihan wajib diisi: paling sedikit satu pilihan." in html
    assert 'value="Jenis kelamin anak"' in html and 'value="Nama Anak"' in html
    assert state() == before


def test_edit_a_field_and_rename_it_keeping_conditions(client, personas, service):
    admin = fresh(personas["agency_admin"])
    actions.save_form_draft(actor=admin, service=service, fields=[
        {"name": "alasan", "type": "choice", "label": "Alasan",
         "choices": [{"value": "a", "label": "A"}, {"value": "b", "label": "B"}]},
        {"name": "ket", "type": "text", "label": "Keterangan",
         "show_if": {"field": "alasan", "equals": "b"}}])
    sign_in(client, admin)
    page = client.get(url("edit", CODE, "alasan")).content.decode()
    assert "a|A\nb|B</textarea>" in page
    response = client.post(url("edit", CODE, "alasan"), {
        "type": "choice", "name": "alasan_ubah", "label": "Alasan perubahan", "required": "on",
        "choices": "a|A\nb|B|Bee"})
    assert response.status_code == 302
    fields = queries.form_draft(service).fields
    assert fields[0]["name"] == "alasan_ubah" and fields[0]["required"] is True
    assert fields[1]["show_if"] == {"field": "alasan_ubah", "equals": "b"}


def test_edit_errors_are_shown_on_the_edit_page(client, personas, service):
    admin = fresh(personas["agency_admin"])
    actions.save_form_draft(actor=admin, service=service, fields=[
        {"name": "umur", "type": "number", "label": "Umur"}])
    sign_in(client, admin)
    before = state()
    response = client.post(url("edit", CODE, "umur"), {"type": "number", "name": "umur",
                                                       "label": "Umur", "min": "10", "max": "2"})
    assert response.status_code == 400
    assert "Batas bawah lebih besar dari batas atas." in response.content.decode()
    assert state() == before


def test_move_up_and_down(client, personas, service):
    make_form(service)
    sign_in(client, fresh(personas["agency_admin"]))
    assert client.post(url("move", CODE, "jenis_kelamin"), {"direction": "up"}).status_code == 302
    assert draft_names(service)[:3] == ["nama_anak", "jenis_kelamin", "tanggal_lahir"]
    client.post(url("move", CODE, "nama_anak"), {"direction": "down"})
    assert draft_names(service)[:3] == ["jenis_kelamin", "nama_anak", "tanggal_lahir"]
    client.post(url("move", CODE, "jenis_kelamin"), {"direction": "up"})  # already first
    assert draft_names(service)[0] == "jenis_kelamin"


def test_moving_a_field_below_one_that_depends_on_it_is_refused(client, personas, service):
    admin = fresh(personas["agency_admin"])
    actions.save_form_draft(actor=admin, service=service, fields=[
        {"name": "setuju", "type": "declaration", "label": "Setuju"},
        {"name": "hp", "type": "phone", "label": "HP", "show_if": {"field": "setuju",
                                                                     "equals": True}}])
    sign_in(client, admin)
    before = state()
    response = client.post(url("move", CODE, "setuju"), {"direction": "down"})
    assert response.status_code == 400
    assert "Isian ke-1 (hp): Syarat tampil harus merujuk isian di atasnya" in \
        response.content.decode()
    assert state() == before


def test_remove_a_field(client, personas, service):
    make_form(service)
    sign_in(client, fresh(personas["agency_admin"]))
    response = client.post(url("remove", CODE, "nik_ibu"))
    assert response.status_code == 302
    assert "nik_ibu" not in draft_names(service) and len(draft_names(service)) == 6


def test_operations_on_a_field_that_is_gone_say_so(client, personas, service):
    make_form(service)
    sign_in(client, fresh(personas["agency_admin"]))
    before = state()
    response = client.post(url("remove", CODE, "tidak_ada"), follow=True)
    assert "Isian itu tidak ada lagi di draf" in response.content.decode()
    assert state() == before


def test_publish_and_discard(client, personas, service):
    make_form(service)
    sign_in(client, fresh(personas["agency_admin"]))
    client.post(url("remove", CODE, "nik_ibu"))
    response = client.post(url("publish", CODE), follow=True)
    assert "Formulir versi 2 terbit." in response.content.decode()
    assert queries.current_form(service).number == 2
    assert queries.form_draft(service) is None
    client.post(url("remove", CODE, "kelurahan"))
    assert queries.form_draft(service).number == 3
    response = client.post(url("discard", CODE), follow=True)
    assert "Draf dibuang." in response.content.decode()
    assert queries.form_draft(service) is None and queries.current_form(service).number == 2


def test_publish_without_a_draft_explains(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    response = client.post(url("publish", CODE))
    assert response.status_code == 400
    assert "Belum ada draf formulir untuk diterbitkan." in response.content.decode()
    response = client.post(url("discard", CODE))
    assert response.status_code == 400


def test_gets_are_not_allowed_on_operations(client, personas, service):
    sign_in(client, fresh(personas["agency_admin"]))
    assert client.get(url("publish", CODE)).status_code == 405
    assert client.get(url("add", CODE)).status_code == 405


OPERATIONS = [("add", (), NEW_FIELD), ("edit", ("nama_anak",), {**NEW_FIELD, "name": "nama_anak"}),
              ("move", ("nama_anak",), {"direction": "down"}), ("remove", ("nama_anak",), {}),
              ("publish", (), {}), ("discard", (), {})]


@pytest.mark.parametrize("persona", ["anonymous", *FORBIDDEN])
@pytest.mark.parametrize(("operation", "args", "data"), OPERATIONS)
def test_forbidden_posts_change_nothing(client, personas, service, persona, operation, args, data):
    make_form(service)
    actions.save_form_draft(actor=fresh(personas["agency_admin"]), service=service,
                            fields=SAMPLE_FIELDS)
    as_(client, personas, persona)
    before = state()
    response = client.post(url(operation, CODE, *args), data)
    assert response.status_code == (302 if persona == "anonymous" else 403)
    assert state() == before


def test_pages_read_in_a_fixed_number_of_queries(client, personas, service,
                                                 django_assert_max_num_queries):
    from anrong.services.seed_forms import seed_forms

    seed_forms()  # ten services with forms, many fields each
    sign_in(client, fresh(personas["sysadmin"]))
    client.get(url("list"))  # warm the session and role caches
    with django_assert_max_num_queries(9):
        assert client.get(url("list")).status_code == 200  # every agency's services
    with django_assert_max_num_queries(10):
        assert client.get(url("builder", "DKC-AKTA-LAHIR")).status_code == 200
