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


def services_for_form_builder(user: Any) -> list[dict[str, Any]]:
    """The services whose forms `user` may edit (those of the agencies they administer; every
    active agency's for a system administrator), each with its form's state, in one query:
    [{"code", "name", "agency_code", "agency_name", "delivery", "published": number | None,
      "draft": number | None}] ordered by agency then name."""
    from .. import permissions

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    # The one definition of who may manage an agency's services, asked per agency (the answers
    # come from the person's memberships, read once).
    agency_ids = [agency.pk for agency in Agency.objects.filter(is_active=True)
                  if permissions.can_manage_service(user, agency)]
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
