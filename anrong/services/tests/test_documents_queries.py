"""Reads of documents: by verification code, for a person, current uploads, the output."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from anrong.services import queries
from anrong.services.models import Application, Document, Service
from anrong.services.testing import make_application

from .document_helpers import make_document, remove_written_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_removed_afterwards():  # type: ignore[no-untyped-def]
    yield
    remove_written_files()

CODE = "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C"


@pytest.fixture
def application(personas):  # type: ignore[no-untyped-def]
    return make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                            citizen=personas["citizen"], status=Application.Status.COMPLETED)


def test_a_verification_code_finds_its_output_with_service_and_agency_in_one_query(
        application, django_assert_num_queries):
    output = make_document(application, kind=Document.Kind.OUTPUT, verification_code=CODE)
    with django_assert_num_queries(1):
        found = queries.document_by_verification_code(CODE)
        assert found == output
        assert found.application.service.output and found.application.agency.name


def test_only_outputs_are_found_by_code(application):
    make_document(application, field_name="surat_lahir", verification_code=CODE)
    assert queries.document_by_verification_code(CODE) is None
    assert queries.document_by_verification_code("") is None
    assert queries.document_by_verification_code("7Q4M9X-H3KD2P-WZ8RTB-5NFG6D") is None


def test_a_document_is_given_only_to_those_who_may_see_it(application, personas):
    document = make_document(application, field_name="surat_lahir")
    assert queries.document_for(personas["citizen"], document.pk) == document
    assert queries.document_for(personas["officer"], document.pk) == document
    for persona in ("anonymous", "other_citizen", "other_agency_officer", "sysadmin"):
        assert queries.document_for(personas[persona], document.pk) is None
    assert queries.document_for(personas["citizen"], document.pk + 1000) is None


def test_current_uploads_leave_out_replaced_ones_and_outputs(application):
    make_document(application, field_name="surat_lahir", replaced_at=timezone.now())
    current = make_document(application, field_name="surat_lahir")
    photo = make_document(application, field_name="foto")
    make_document(application, kind=Document.Kind.OUTPUT, verification_code=CODE)
    assert queries.current_uploads(application) == {"surat_lahir": current, "foto": photo}


def test_the_output_document_is_the_newest(application, personas):
    assert queries.output_document(application) is None
    first = make_document(application, kind=Document.Kind.OUTPUT, verification_code=CODE)
    newer = make_document(application, kind=Document.Kind.OUTPUT,
                             verification_code="7Q4M9X-H3KD2P-WZ8RTB-5NFG6D")
    Document.objects.filter(pk=first.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    make_document(application, field_name="surat_lahir")  # newest row, but an upload
    assert queries.output_document(application) == newer
    other = make_application(service=application.service, citizen=personas["other_citizen"])
    assert queries.output_document(other) is None
