"""The starting forms of the services Makassar offers online."""

from __future__ import annotations

import jsonschema
import pytest

from anrong.agencies.seed import seed_agencies
from anrong.services import queries
from anrong.services.formdef import clean_definition, json_schema, validate_answers
from anrong.services.models import FormVersion, Service
from anrong.services.seed import seed_catalogue, seed_services
from anrong.services.seed_forms import FORMS, seed_forms
from anrong.services.testing import make_form

pytestmark = pytest.mark.django_db

ONLINE = {"DKC-AKTA-LAHIR", "DKC-AKTA-MATI", "DKC-KK-UBAH", "DKC-KIA", "DKC-PINDAH-DATANG",
          "DKC-KTP-GANTI", "KEC-DOMISILI", "DINKES-SK-SEHAT", "DINSOS-DTKS", "DISDIK-MUTASI"}


@pytest.fixture
def seeded(db):  # type: ignore[no-untyped-def]
    seed_agencies()
    seed_catalogue()


def test_the_services_with_a_form_are_the_ones_offered_online(seeded):
    assert set(FORMS) == ONLINE
    assert set(Service.objects.filter(delivery="online").values_list("code", flat=True)) == ONLINE
    for code in ONLINE:
        form = queries.current_form(Service.objects.get(code=code))
        assert form is not None and form.number == 1 and form.status == "published", code


@pytest.mark.parametrize("code", sorted(ONLINE))
def test_every_seeded_form_is_a_clean_definition_ending_with_a_declaration(seeded, code):
    fields = queries.current_form(Service.objects.get(code=code)).fields
    assert clean_definition(fields) == fields
    assert fields[-1]["type"] == "declaration" and fields[-1]["required"] is True
    assert any(f["type"] == "kelurahan" for f in fields)  # where the application belongs
    assert all(f.get("label_en") for f in fields)  # English-speaking residents read it too
    jsonschema.Draft202012Validator.check_schema(json_schema(fields))


def test_seeding_twice_changes_nothing(seeded):
    before = list(FormVersion.objects.order_by("pk").values())
    assert seed_forms() == 0
    seed_catalogue()
    assert list(FormVersion.objects.order_by("pk").values()) == before


def test_an_agencys_own_form_is_never_overwritten(db):
    seed_agencies()
    seed_services()
    service = Service.objects.get(code="DKC-KIA")
    own = make_form(service, [{"name": "nama", "type": "text", "label": "Nama", "required": True}])
    assert seed_forms() == len(ONLINE) - 1
    assert list(FormVersion.objects.filter(service=service)) == [own]


def test_a_birth_registration_filled_in_by_a_married_couple(seeded):
    fields = queries.current_form(Service.objects.get(code="DKC-AKTA-LAHIR")).fields
    answers = {
        "nama_anak": "Andi Muhammad Fajar", "jenis_kelamin": "L", "tanggal_lahir": "2025-11-02",
        "jam_lahir": "14.30", "tempat_lahir_jenis": "rumah_sakit",
        "nama_tempat_lahir": "RSIA Pertiwi", "kota_lahir": "Kota Makassar",
        "jenis_kelahiran": "tunggal", "anak_ke": "2", "penolong": "bidan", "berat_lahir": "3,2",
        "nik_ibu": "7371015508920002", "status_perkawinan_ortu": "tercatat",
        "nik_ayah": "7371011508900001", "kelurahan": "73.71.01.1002",
        "alamat": "Jl. Cendrawasih No. 12, RT 003/RW 002", "nomor_hp": "0812 3456 7890",
        "pernyataan": "true", "sptjm": "ignored because hidden"}
    cleaned, errors = validate_answers(fields, answers)
    assert set(errors) == {"surat_lahir", "buku_nikah", "sptjm"}
    assert errors["buku_nikah"] == "Unggah buku nikah atau akta perkawinan orang tua."
    cleaned, errors = validate_answers(
        fields, {k: v for k, v in answers.items() if k != "sptjm"},
        files={"surat_lahir", "buku_nikah"})
    assert errors == {}
    assert cleaned["anak_ke"] == 2 and cleaned["berat_lahir"] == 3.2
    assert cleaned["nomor_hp"] == "+6281234567890"
    assert jsonschema.Draft202012Validator(json_schema(fields)).is_valid(cleaned)


def test_a_family_card_change_asks_only_what_the_reason_needs(seeded):
    fields = queries.current_form(Service.objects.get(code="DKC-KK-UBAH")).fields
    base = {"nik_kepala": "7371011508900001", "kelurahan": "73.71.01.1002",
            "nomor_hp": "081234567890", "pernyataan": True}
    _, errors = validate_answers(fields, {**base, "alasan": "kematian"}, files={"kk_lama"})
    assert set(errors) == {"nik_meninggal", "akta_kematian"}
    _, errors = validate_answers(fields, {**base, "alasan": "data"}, files={"kk_lama"})
    assert set(errors) == {"nik_diubah", "data_diubah", "dokumen_pendukung"}
