"""Reads of agencies, offices, units and memberships, shared by the console, the API and other
apps. Each list is built with a fixed number of queries, whatever its length."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, Prefetch, Q, QuerySet

from .models import Agency, Membership, Office, Unit


def agency_list(*, kind: str | None = None, q: str | None = None,
                include_inactive: bool = False) -> QuerySet[Agency]:
    agencies = Agency.objects.select_related("parent", "region").order_by("kind", "name")
    if not include_inactive:
        agencies = agencies.filter(is_active=True)
    if kind:
        agencies = agencies.filter(kind=kind)
    if q:
        q = q.strip()
        agencies = agencies.filter(
            Q(name__icontains=q) | Q(short_name__icontains=q) | Q(code__icontains=q)
        )
    return agencies


def agency_rows(*, kind: str | None = None, q: str | None = None) -> list[dict[str, Any]]:
    """The public agency list as plain rows (one query, no model instances): the API serves it
    at ~3x the speed of serialising instances (bench/http_baseline.py)."""
    return list(
        agency_list(kind=kind, q=q).values(
            "code", "name", "short_name", "kind", parent_code=F("parent__code"), region_code=F("region_id")
        )
    )


def agency_with_places(code: str, *, include_inactive: bool = False) -> Agency | None:
    """One agency by code with its offices (and their kelurahan) and units, in three queries."""
    agencies = Agency.objects.select_related("parent", "region").prefetch_related(
        Prefetch("offices", queryset=Office.objects.select_related("kelurahan__parent")),
        Prefetch("units", queryset=Unit.objects.order_by("name")),
    )
    if not include_inactive:
        agencies = agencies.filter(is_active=True)
    return agencies.filter(code=code.upper()).first()


def memberships_of(user: Any) -> QuerySet[Membership]:
    """The active agency memberships of a staff member, for the console landing page."""
    return (
        Membership.objects.filter(user=user, is_active=True, agency__is_active=True)
        .select_related("agency", "unit")
        .order_by("agency__name")
    )


def members_of(agency: Agency) -> QuerySet[Membership]:
    """Everyone who works or worked for the agency, active first."""
    return (
        Membership.objects.filter(agency=agency)
        .select_related("user", "unit")
        .order_by("-is_active", "role", "user__email")
    )


def member(agency: Agency, membership_id: int) -> Membership | None:
    return (
        Membership.objects.select_related("agency", "user", "unit")
        .filter(agency=agency, pk=membership_id)
        .first()
    )


def unit_of(agency: Agency, unit_id: int | None) -> Unit | None:
    if not unit_id:
        return None
    return Unit.objects.filter(agency=agency, pk=unit_id).first()


def user_by_email(email: str) -> Any:
    """An existing account by email (accounts has no query module of its own yet)."""
    return get_user_model().objects.filter(email__iexact=email.strip()).first()
