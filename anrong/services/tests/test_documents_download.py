"""The private download of an application's files: who may fetch them (a matrix over the
personas, for an upload and an output), what the response says, and the audit of staff views."""

from __future__ import annotations

import pytest

from anrong.accounts.testing import sign_in
from anrong.core.models import AuditEvent
from anrong.services.models import Application, Document, Service
from anrong.services.testing import make_application

from .document_helpers import PDF_BYTES, make_document, png_bytes, remove_written_files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files_removed_afterwards():  # type: ignore[no-untyped-def]
    yield
    remove_written_files()

# Who gets the file (200) for a submitted application of DISDUKCAPIL; everyone else a 404, as for
# a document that does not exist. Platform roles see no agency's casework (least privilege).
ALLOWED = {"citizen", "officer", "other_officer", "supervisor", "agency_admin"}
SIGNED_IN = ["citizen", "other_citizen", "officer", "other_officer", "supervisor", "agency_admin",
             "other_agency_officer", "other_agency_admin", "sysadmin"]


@pytest.fixture
def application(personas):  # type: ignore[no-untyped-def]
    return make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                            citizen=personas["citizen"], status=Application.Status.IN_PROCESS,
                            assignee=personas["officer"])


@pytest.fixture
def upload(application, personas):  # type: ignore[no-untyped-def]
    return make_document(application, field_name="surat_lahir", content=png_bytes(),
                            content_type="image/png", original_name='Surat "lahir" RS.png',
                            uploaded_by=personas["citizen"])


@pytest.fixture
def output(application, personas):  # type: ignore[no-untyped-def]
    return make_document(application, kind=Document.Kind.OUTPUT,
                            verification_code="7Q4M9X-H3KD2P-WZ8RTB-5NFG6C",
                            uploaded_by=personas["officer"])


def url(document: Document) -> str:
    return f"/layanan/dokumen/{document.pk}/"


def body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("kind", ["upload", "output"])
@pytest.mark.parametrize("persona", SIGNED_IN)
def test_who_may_download(client, personas, request, kind, persona):  # type: ignore[no-untyped-def]
    document = request.getfixturevalue(kind)
    sign_in(client, personas[persona])
    audits_before = AuditEvent.objects.filter(action="application.document_viewed").count()
    response = client.get(url(document))
    if persona in ALLOWED:
        assert response.status_code == 200
        content = body(response)
        with document.file.open("rb") as stored:
            assert content == stored.read() and len(content) == document.size
    else:
        assert response.status_code == 404
        audits_after = AuditEvent.objects.filter(action="application.document_viewed").count()
        assert audits_after == audits_before  # a refusal records no view


@pytest.mark.parametrize("kind", ["upload", "output"])
def test_anonymous_people_are_sent_to_sign_in(client, request, kind):  # type: ignore[no-untyped-def]
    document = request.getfixturevalue(kind)
    response = client.get(url(document))
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
    assert not AuditEvent.objects.filter(action="application.document_viewed").exists()


def test_a_missing_document_is_the_same_404(client, personas, output):
    sign_in(client, personas["officer"])
    assert client.get(f"/layanan/dokumen/{output.pk + 1000}/").status_code == 404


def test_an_upload_is_sent_as_an_attachment_with_a_safe_name(client, personas, upload):
    sign_in(client, personas["citizen"])
    response = client.get(url(upload))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="Surat _lahir_ RS.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    body(response)


def test_an_output_is_named_after_the_tracking_number(client, personas, output, application):
    sign_in(client, personas["citizen"])
    response = client.get(url(output))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{application.tracking_no}.pdf"'
    assert body(response) == PDF_BYTES


def test_the_owner_downloading_is_not_audited(client, personas, upload, output):
    sign_in(client, personas["citizen"])
    for document in (upload, output):
        assert client.get(url(document)).status_code == 200
    assert not AuditEvent.objects.filter(action="application.document_viewed").exists()


@pytest.mark.parametrize("persona", ["officer", "supervisor"])
def test_every_staff_download_is_audited(client, personas, upload, output, application, persona):
    sign_in(client, personas[persona])
    for document in (upload, output, upload):
        assert client.get(url(document)).status_code == 200
    events = list(AuditEvent.objects.filter(action="application.document_viewed").order_by("id"))
    assert [(e.actor_id, e.target_type, e.target_id, e.details) for e in events] == [
        (personas[persona].pk, "services.application", str(application.pk),
         {"document_id": document.pk, "kind": document.kind})
        for document in (upload, output, upload)]


def test_a_drafts_files_are_the_citizens_alone(client, personas):
    draft = make_application(service=Service.objects.get(code="DKC-AKTA-LAHIR"),
                             citizen=personas["citizen"], status=Application.Status.DRAFT)
    document = make_document(draft, field_name="surat_lahir", original_name="surat.pdf")
    sign_in(client, personas["citizen"])
    assert client.get(url(document)).status_code == 200
    for persona in ("officer", "supervisor", "agency_admin"):
        client.logout()
        sign_in(client, personas[persona])
        assert client.get(url(document)).status_code == 404
    assert not AuditEvent.objects.filter(action="application.document_viewed").exists()


def test_a_file_gone_from_storage_is_a_404_not_a_crash(client, personas, upload):
    upload.file.storage.delete(upload.file.name)
    sign_in(client, personas["officer"])
    assert client.get(url(upload)).status_code == 404
    assert not AuditEvent.objects.filter(action="application.document_viewed").exists()


def test_downloads_are_get_only(client, personas, upload):
    sign_in(client, personas["citizen"])
    assert client.post(url(upload)).status_code == 405
