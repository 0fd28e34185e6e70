"""Writing the catalogue: the permission matrix, validation, audit, outbox and search text."""

import pytest
from django.db import IntegrityError, transaction

from anrong.agencies.models import Agency
from anrong.core.models import AuditEvent, OutboxEvent
from anrong.services import actions, permissions, queries
from anrong.services.errors import ServiceError, ServicePermissionError
from anrong.services.models import Category, LifeEvent, Service

from .conftest import fresh

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "citizen", "officer", "agency_admin", "other_agency_admin", "sysadmin"]
ALLOWED = {"agency_admin", "sysadmin"}


def new_service(actor, **overrides):  # type: ignore[no-untyped-def]
    fields = {
        "agency": Agency.objects.get(code="DISDUKCAPIL"), "code": "DKC-SURAT-LAIN",
        "name": "Surat keterangan penduduk non-permanen", "summary": "Pendataan penduduk sementara.",
        "category": Category.objects.get(code="kependudukan"), "output": "Surat keterangan",
        "delivery": Service.Delivery.VISIT_OFFICE, "sla_working_days": 2,
        "requirements": ["KTP-el daerah asal"],
    }
    return actions.create_service(actor=actor, **{**fields, **overrides})


def state():  # type: ignore[no-untyped-def]
    return (list(Service.objects.order_by("pk").values()), AuditEvent.objects.count(),
            OutboxEvent.objects.count())


@pytest.mark.parametrize("persona", PERSONAS)
def test_permission_matrix_can_manage_service(personas, persona):
    agency = Agency.objects.get(code="DISDUKCAPIL")
    assert permissions.can_manage_service(fresh(personas[persona]), agency) is (persona in ALLOWED)


@pytest.mark.parametrize("persona", PERSONAS)
def test_create_service_only_by_the_agency_admin_or_sysadmin(personas, persona):
    before = state()
    if persona in ALLOWED:
        service = new_service(fresh(personas[persona]))
        assert service.code in {row["code"] for row in queries.catalogue(q="non permanen")}
        assert OutboxEvent.objects.filter(type="service.created", aggregate_id=str(service.pk)).exists()
        assert AuditEvent.objects.filter(action="service.created", target_id=str(service.pk)).exists()
    else:
        with pytest.raises(ServicePermissionError):
            new_service(fresh(personas[persona]))
        assert state() == before


@pytest.mark.parametrize("persona", PERSONAS)
def test_update_and_deactivate_refused_to_others_change_nothing(personas, persona):
    service = Service.objects.get(code="DKC-AKTA-LAHIR")
    before = state()
    if persona in ALLOWED:
        actions.update_service(actor=fresh(personas[persona]), service=service, fee_rupiah=0,
                               summary="Mencatat kelahiran bayi dan menerbitkan akta.")
        assert "DKC-AKTA-LAHIR" in {r["code"] for r in queries.catalogue(q="bayi")}
        assert OutboxEvent.objects.filter(type="service.updated").count() == 1
        actions.deactivate_service(actor=fresh(personas[persona]), service=service)
        assert queries.service_by_code("DKC-AKTA-LAHIR") is None
        assert OutboxEvent.objects.filter(type="service.updated").count() == 2
        return
    with pytest.raises(ServicePermissionError):
        actions.update_service(actor=fresh(personas[persona]), service=service, name="Diubah")
    with pytest.raises(ServicePermissionError):
        actions.deactivate_service(actor=fresh(personas[persona]), service=service)
    assert state() == before


def test_national_system_service_needs_its_address(personas):
    admin = fresh(personas["agency_admin"])
    before = state()
    with pytest.raises(ServiceError, match="sistem nasional"):
        new_service(admin, delivery=Service.Delivery.NATIONAL_SYSTEM)
    assert state() == before
    service = new_service(admin, delivery=Service.Delivery.NATIONAL_SYSTEM,
                          external_url="https://siak.kemendagri.go.id")
    assert service.external_url == "https://siak.kemendagri.go.id"


def test_the_database_also_refuses_a_national_system_service_without_address(catalogue):
    with pytest.raises(IntegrityError), transaction.atomic():
        Service.objects.filter(code="DPMPTSP-NIB").update(external_url="")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"code": "akta baru"}, "Kode layanan"),
    ({"code": "DKC-AKTA-LAHIR"}, "sudah dipakai"),
    ({"name": "  "}, "wajib diisi"),
    ({"requirements": ["KTP-el", ""]}, "Persyaratan"),
    ({"delivery": "fax"}, "Cara layanan"),
    ({"external_url": "http://contoh.go.id"}, "https://"),
])
def test_invalid_services_are_refused_with_a_readable_message(personas, overrides, message):
    before = state()
    with pytest.raises(ServiceError, match=message):
        new_service(fresh(personas["sysadmin"]), **overrides)
    assert state() == before


def test_update_rejects_fields_that_are_not_editable(personas):
    service = Service.objects.get(code="DKC-KIA")
    with pytest.raises(ServiceError):
        actions.update_service(actor=fresh(personas["sysadmin"]), service=service, code="X")


def test_life_events_are_appended_in_order(personas):
    event = LifeEvent.objects.get(code="kelahiran-anak")
    service = new_service(fresh(personas["agency_admin"]), life_events=[event])
    steps = queries.life_event_by_code("kelahiran-anak").active_steps
    assert [s.service.code for s in steps][-1] == service.code
    actions.update_service(actor=fresh(personas["agency_admin"]), service=service, life_events=[])
    assert service.code not in [s.service.code for s in
                                queries.life_event_by_code("kelahiran-anak").active_steps]
