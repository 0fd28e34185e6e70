"""A service's current form through the public API: GET /api/v1/services/{code}/form."""

from __future__ import annotations

import jsonschema
import pytest

from anrong.services import actions
from anrong.services.formdef import clean_definition
from anrong.services.models import FormVersion, Service
from anrong.services.testing import SAMPLE_ANSWERS, SAMPLE_FIELDS, make_form

from .conftest import fresh

pytestmark = pytest.mark.django_db

CONDITIONAL = [
    {"name": "setuju", "type": "declaration", "label": "Setuju", "required": True},
    {"name": "hp", "type": "phone", "label": "Nomor HP", "label_en": "Mobile number",
     "required": True, "show_if": {"field": "setuju", "equals": True}},
    {"name": "berat", "type": "number", "label": "Berat", "min": 0.5, "max": 7},
]


@pytest.fixture
def service(catalogue):  # type: ignore[no-untyped-def]
    service = Service.objects.get(code="DKC-AKTA-LAHIR")
    FormVersion.objects.filter(service=service).delete()
    return service


def test_the_current_form_with_its_fields_and_answers_schema(client, service):
    make_form(service, [{"name": "lama", "type": "text", "label": "Versi lama"}])
    make_form(service, clean_definition(SAMPLE_FIELDS))
    response = client.get("/api/v1/services/DKC-AKTA-LAHIR/form")
    assert response.status_code == 200
    body = response.json()
    assert body["service"] == "DKC-AKTA-LAHIR" and body["version"] == 2
    assert body["fields"] == clean_definition(SAMPLE_FIELDS)  # as defined, no null keys added
    jsonschema.Draft202012Validator.check_schema(body["schema"])
    assert jsonschema.Draft202012Validator(body["schema"]).is_valid(SAMPLE_ANSWERS)


def test_values_keep_their_json_types(client, service):
    make_form(service, clean_definition(CONDITIONAL))
    fields = client.get("/api/v1/services/DKC-AKTA-LAHIR/form").json()["fields"]
    assert fields[1]["show_if"] == {"field": "setuju", "equals": True}
    assert (fields[2]["min"], fields[2]["max"]) == (0.5, 7)


def test_a_draft_is_not_public(client, personas, service):
    actions.save_form_draft(actor=fresh(personas["agency_admin"]), service=service,
                            fields=SAMPLE_FIELDS)
    response = client.get("/api/v1/services/DKC-AKTA-LAHIR/form")
    assert response.status_code == 404
    body = response.json()
    assert body["code"] == "not_found"
    assert body["message"] == ("Layanan ini belum dapat diajukan secara daring: belum ada "
                               "formulir yang terbit.")


def test_unknown_or_withdrawn_service_is_404(client, personas, service):
    assert client.get("/api/v1/services/TIDAK-ADA/form").json()["code"] == "not_found"
    make_form(service)
    actions.deactivate_service(actor=fresh(personas["agency_admin"]), service=service)
    assert client.get("/api/v1/services/DKC-AKTA-LAHIR/form").status_code == 404
