"""Reads of services' forms: the current (newest published) version, the draft, the history, and
the form builder's list of the services a person may edit."""

from __future__ import annotations

from typing import Any

from django.db.models import Max, Q, QuerySet

from anrong.agencies.models import Agency

from ..models import FormVersion, Service


def current_form(service: Service) -> FormVersion | None:
    """The form citizens fill in now: the service's newest published version, or None."""
    return (FormVersion.objects.filter(service=service, status=FormVersion.Status.PUBLISHED)
            .order_by("-number").first())


def form_draft(service: Service) -> FormVersion | None:
    return FormVersion.objects.filter(service=service, status=FormVersion.Status.DRAFT).first()


def form_versions(service: Service) -> QuerySet[FormVersion]:
    """Every version, newest first (the draft, when there is one, has the highest number)."""
    return FormVersion.objects.filter(service=service).select_related("created_by").order_by(
        "-number")


def service_for_form_builder(code: str) -> Service | None:
    """The service (active or not) with its agency, for the form builder's pages."""
    return Service.objects.select_related("agency").filter(code=code).first()


def form_builder_agencies(user: Any) -> list[Agency]:
    """The active agencies whose services' forms `user` may edit: those they administer, or
    every one for a system administrator (the one definition: can_manage_service)."""
    from .. import permissions

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    return [agency for agency in Agency.objects.filter(is_active=True).order_by("name")
            if permissions.can_manage_service(user, agency)]


def services_for_form_builder(user: Any) -> list[dict[str, Any]]:
    """The services whose forms `user` may edit (those of the agencies they administer; every
    active agency's for a system administrator), each with its form's state, in one query:
    [{"code", "name", "agency_code", "agency_name", "delivery", "published": number | None,
      "draft": number | None}] ordered by agency then name."""
    agency_ids = [agency.pk for agency in form_builder_agencies(user)]
    rows = Service.objects.filter(is_active=True, agency_id__in=agency_ids).annotate(
        published=Max("form_versions__number",
                      filter=Q(form_versions__status=FormVersion.Status.PUBLISHED)),
        draft=Max("form_versions__number",
                  filter=Q(form_versions__status=FormVersion.Status.DRAFT)),
    ).order_by("agency__name", "name").values(
        "code", "name", "delivery", "published", "draft", "agency__code", "agency__name",
        "agency__short_name")
    return [{"code": r["code"], "name": r["name"], "delivery": r["delivery"],
             "published": r["published"], "draft": r["draft"], "agency_code": r["agency__code"],
             "agency_name": r["agency__short_name"] or r["agency__name"]} for r in rows]
