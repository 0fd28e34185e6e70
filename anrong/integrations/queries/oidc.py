"""Reads about single sign-on: which apps may be used, what a person consented to, the claims an
app receives, the apps connected to a person's account and the apps an agency registered."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from oauth2_provider.models import get_application_model

from anrong.accounts import queries as account_queries
from anrong.agencies.models import Agency

from ..models import AgencyClient, Consent

# The claims the provider can give, besides `sub` (see claims_for).
CLAIMS = ("name", "locale", "phone_number", "phone_number_verified", "nik")


def agency_client_of(application: Any) -> AgencyClient | None:
    try:
        return application.agency_client
    except AgencyClient.DoesNotExist:
        return None


def client_is_usable(application: Any) -> bool:
    """An application may be used only if an agency registered it and that agency is active."""
    if application is None:
        return False
    agency_client = agency_client_of(application)
    return agency_client is not None and agency_client.agency.is_active


def active_consent(user: Any, application: Any) -> Consent | None:
    if not getattr(user, "is_authenticated", False) or application is None:
        return None
    return Consent.objects.filter(user=user, application=application,
                                  withdrawn_at__isnull=True).first()


def consented_scopes(user: Any, application: Any) -> set[str]:
    consent = active_consent(user, application)
    return set(consent.scopes) if consent is not None else set()


def scopes_needing_consent(user: Any, application: Any, scopes: list[str]) -> list[str]:
    """The requested scopes the person has not (yet, or any more) consented to."""
    granted = consented_scopes(user, application)
    return [scope for scope in scopes if scope not in granted]


def subject_of(user: Any) -> str:
    """The `sub` claim: the account number, stable for the life of the account. Never the phone
    or NIK, which a person may change or an app must not see without consent."""
    return str(user.pk)


def claims_for(user: Any, application: Any) -> dict[str, Any]:
    """Every claim the provider can give about `user` to `application`. DOT keeps those whose
    scope the token carries; `nik` is only here while the active consent names it."""
    profile = account_queries.profile_of(user)
    claims: dict[str, Any] = {
        "name": (profile.full_name if profile and profile.full_name else user.display_name)
        or None,
        "locale": user.language,
    }
    if user.phone:
        claims["phone_number"] = user.phone
        claims["phone_number_verified"] = bool(user.phone_verified)
    if profile is not None and profile.nik and "nik" in consented_scopes(user, application):
        claims["nik"] = profile.nik
    return {key: value for key, value in claims.items() if value is not None}


def connected_apps_of(user: Any) -> QuerySet[Consent]:
    """The person's active consents, with the app and its agency (the account page)."""
    return (Consent.objects.filter(user=user, withdrawn_at__isnull=True)
            .select_related("application__agency_client__agency")
            .order_by("-granted_at"))


def clients_of(agency: Agency) -> QuerySet[AgencyClient]:
    return (AgencyClient.objects.filter(agency=agency).select_related("application")
            .order_by("application__name", "pk"))


def client_of(agency: Agency, client_id: str) -> AgencyClient | None:
    return (AgencyClient.objects.filter(agency=agency, application__client_id=client_id)
            .select_related("application", "agency").first())


def application_by_client_id(client_id: str) -> Any:
    return (get_application_model().objects.filter(client_id=client_id)
            .select_related("agency_client__agency").first())


def personal_data(user: Any) -> dict[str, Any]:
    """What single sign-on holds about `user` (their part of the personal-data export)."""
    return {
        "consents": [
            {
                "application": consent.application.name,
                "agency": _agency_code(consent.application),
                "scopes": list(consent.scopes),
                "granted_at": consent.granted_at,
                "updated_at": consent.updated_at,
                "withdrawn_at": consent.withdrawn_at,
            }
            for consent in Consent.objects.filter(user=user)
            .select_related("application__agency_client__agency").order_by("granted_at", "pk")
        ],
    }


def _agency_code(application: Any) -> str:
    agency_client = agency_client_of(application)
    return agency_client.agency.code if agency_client is not None else ""
