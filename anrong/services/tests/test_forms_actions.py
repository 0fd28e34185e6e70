"""Writing a service's form: draft, publish, discard; the permission matrix; audit and outbox."""

from __future__ import annotations

import copy

import pytest

from anrong.core.models import AuditEvent, OutboxEvent
from anrong.services import actions, queries
from anrong.services.errors import ServiceError, ServicePermissionError
from anrong.services.formdef import FormDefinitionError
from anrong.services.models import FormVersion, Service
from anrong.services.testing import SAMPLE_FIELDS, make_form

from .conftest import fresh

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "citizen", "other_citizen", "officer", "supervisor", "agency_admin",
            "other_agency_officer", "other_agency_admin", "sysadmin"]
ALLOWED = {"agency_admin", "sysadmin"}
FIELDS = [{"name": "nama", "type": "text", "label": "Nama lengkap", "required": True}]


@pytest.fixture
def service(catalogue):  # type: ignore[no-untyped-def]
    # A DISDUKCAPIL service with no form yet (whatever the seed gives others).
    service = Service.objects.get(code="DKC-AKTA-LAHIR")
    FormVersion.objects.filter(service=service).delete()
    return service


def state():  # type: ignore[no-untyped-def]
    return (list(FormVersion.objects.order_by("pk").values()), AuditEvent.objects.count(),
            OutboxEvent.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
def test_save_form_draft_permission_matrix(personas, service, persona):
    actor = fresh(personas[persona])
    before = state()
    if persona not in ALLOWED:
        with pytest.raises(ServicePermissionError):
            actions.save_form_draft(actor=actor, service=service, fields=FIELDS)
        assert state() == before
        return
    draft = actions.save_form_draft(actor=actor, service=service, fields=FIELDS)
    assert (draft.number, draft.status, draft.created_by) == (1, "draft", actor)
    assert draft.fields == [{**FIELDS[0], "max_length": 200}]
    audit = AuditEvent.objects.get(action="service.form_draft_saved")
    assert audit.actor == actor and audit.target_id == str(draft.pk)
    assert audit.details == {"service": "DKC-AKTA-LAHIR", "version": 1, "fields": ["nama"],
                             "created": True}


@pytest.mark.parametrize("persona", PERSONAS)
def test_publish_form_permission_matrix(personas, service, persona):
    actions.save_form_draft(actor=fresh(personas["agency_admin"]), service=service, fields=FIELDS)
    actor = fresh(personas[persona])
    before = state()
    if persona not in ALLOWED:
        with pytest.raises(ServicePermissionError):
            actions.publish_form(actor=actor, service=service)
        assert state() == before
        assert queries.current_form(service) is None
        return
    published = actions.publish_form(actor=actor, service=service)
    assert published.status == "published" and published.published_at is not None
    assert queries.current_form(service) == published
    assert queries.form_draft(service) is None
    event = OutboxEvent.objects.get(type="service.form_published")
    assert event.aggregate_id == str(published.pk)
    assert event.payload["service"] == "DKC-AKTA-LAHIR" and event.payload["version"] == 1
    assert AuditEvent.objects.filter(action="service.form_published", actor=actor).count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_discard_form_draft_permission_matrix(personas, service, persona):
    actions.save_form_draft(actor=fresh(personas["agency_admin"]), service=service, fields=FIELDS)
    actor = fresh(personas[persona])
    before = state()
    if persona not in ALLOWED:
        with pytest.raises(ServicePermissionError):
            actions.discard_form_draft(actor=actor, service=service)
        assert state() == before
        return
    actions.discard_form_draft(actor=actor, service=service)
    assert queries.form_draft(service) is None
    assert AuditEvent.objects.filter(action="service.form_draft_discarded", actor=actor).exists()


def test_an_other_agencys_admin_cannot_touch_this_agencys_form(personas, service):
    # The matrix above covers it too; here the DISHUB admin does manage DISHUB's own service.
    dishub_service = Service.objects.filter(agency__code="DISHUB").first()
    draft = actions.save_form_draft(actor=fresh(personas["other_agency_admin"]),
                                    service=dishub_service, fields=FIELDS)
    assert draft.service == dishub_service


def test_saving_again_updates_the_one_draft(personas, service):
    admin = fresh(personas["agency_admin"])
    first = actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    second = actions.save_form_draft(actor=admin, service=service, fields=SAMPLE_FIELDS)
    assert first.pk == second.pk and second.number == 1
    assert FormVersion.objects.filter(service=service).count() == 1
    assert [f["name"] for f in FormVersion.objects.get(pk=first.pk).fields] == [
        f["name"] for f in SAMPLE_FIELDS]
    assert AuditEvent.objects.filter(action="service.form_draft_saved").count() == 2
    assert AuditEvent.objects.filter(action="service.form_draft_saved").order_by("id").last().details[
        "created"] is False


def test_a_new_draft_is_numbered_after_the_highest_version(personas, service):
    make_form(service)
    make_form(service)
    admin = fresh(personas["agency_admin"])
    draft = actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    assert draft.number == 3
    published = actions.publish_form(actor=admin, service=service)
    assert queries.current_form(service) == published
    assert [v.number for v in queries.form_versions(service)] == [3, 2, 1]
    # The older versions are untouched: applications filed with them still read them.
    assert FormVersion.objects.get(service=service, number=1).fields == SAMPLE_FIELDS


def test_an_invalid_definition_is_refused_and_nothing_is_written(personas, service):
    admin = fresh(personas["agency_admin"])
    before = state()
    with pytest.raises(FormDefinitionError) as caught:
        actions.save_form_draft(actor=admin, service=service,
                                fields=[*FIELDS, {"name": "nama", "type": "text", "label": "X"}])
    assert caught.value.errors[0]["index"] == 1
    assert state() == before


def test_publish_needs_a_draft_with_fields(personas, service):
    admin = fresh(personas["agency_admin"])
    with pytest.raises(ServiceError, match="Belum ada draf formulir"):
        actions.publish_form(actor=admin, service=service)
    actions.save_form_draft(actor=admin, service=service, fields=[])
    before = state()
    with pytest.raises(ServiceError, match="belum punya isian"):
        actions.publish_form(actor=admin, service=service)
    assert state() == before


def test_publish_checks_the_draft_again(personas, service):
    admin = fresh(personas["agency_admin"])
    draft = actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    broken = copy.deepcopy(FIELDS) + [{"name": "x", "type": "choice", "label": "X"}]
    FormVersion.objects.filter(pk=draft.pk).update(fields=broken)  # e.g. written before a rule
    with pytest.raises(FormDefinitionError):
        actions.publish_form(actor=admin, service=service)
    assert FormVersion.objects.get(pk=draft.pk).status == "draft"


def test_discard_without_a_draft_says_so_and_keeps_the_published_form(personas, service):
    admin = fresh(personas["agency_admin"])
    published = make_form(service)
    with pytest.raises(ServiceError, match="Tidak ada draf"):
        actions.discard_form_draft(actor=admin, service=service)
    actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    actions.discard_form_draft(actor=admin, service=service)
    assert queries.current_form(service) == published
    assert list(queries.form_versions(service)) == [published]


def test_the_builder_lists_the_services_a_person_may_edit(personas, service):
    admin = fresh(personas["agency_admin"])
    make_form(service)
    actions.save_form_draft(actor=admin, service=service, fields=FIELDS)
    rows = queries.services_for_form_builder(admin)
    assert {r["agency_code"] for r in rows} == {"DISDUKCAPIL"}
    row = next(r for r in rows if r["code"] == "DKC-AKTA-LAHIR")
    assert (row["published"], row["draft"]) == (1, 2)
    everyone = queries.services_for_form_builder(fresh(personas["sysadmin"]))
    assert len(everyone) == Service.objects.filter(is_active=True).count()
    for persona in ("anonymous", "citizen", "officer", "supervisor"):
        assert queries.services_for_form_builder(fresh(personas[persona])) == []
