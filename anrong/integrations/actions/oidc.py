"""Every write of single sign-on: agency apps registered in the console, and what a person
consents to share with them. Each action asks a permission first (nothing written on refusal),
runs in one transaction, and records an audit event and an outbox event.

The OAuth records themselves (applications, grants, tokens) are django-oauth-toolkit's; these
actions are the only code of ours that writes them."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import (
    AbstractApplication,
    get_access_token_model,
    get_application_model,
    get_grant_model,
    get_id_token_model,
    get_refresh_token_model,
)
from oauth2_provider.settings import oauth2_settings

from anrong.agencies.models import Agency
from anrong.core.audit import record_audit
from anrong.core.outbox import emit

from .. import permissions
from ..errors import IntegrationError, IntegrationPermissionError
from ..models import AgencyClient, Consent
from ..queries import oidc as queries

__all__ = ["IntegrationError", "IntegrationPermissionError", "clean_redirect_uris",
           "register_client", "update_client", "reset_client_secret", "delete_client",
           "give_consent", "withdraw_consent", "revoke_tokens", "anonymise_consents"]

CLIENT_TYPES = (AbstractApplication.CLIENT_CONFIDENTIAL, AbstractApplication.CLIENT_PUBLIC)
KNOWN_SCOPES = ("openid", "profile", "phone", "nik")


def _refuse() -> IntegrationPermissionError:
    return IntegrationPermissionError(_("Anda tidak berwenang melakukan tindakan ini."))


def _require_manager(actor: Any, agency: Agency) -> None:
    if not permissions.can_manage_integrations(actor, agency):
        raise _refuse()


# --- Redirect URIs ---------------------------------------------------------------------------


def clean_redirect_uris(value: str | list[str], *, field: str = "redirect_uris",
                        required: bool = True) -> list[str]:
    """Exact redirect URIs, one a line: an allowed scheme (https outside development), a host,
    no fragment, no wildcard. Raises IntegrationError naming the first bad line."""
    lines = value.split() if isinstance(value, str) else [v.strip() for v in value if v.strip()]
    if required and not lines:
        raise IntegrationError(_("Isi paling sedikit satu alamat."), field=field)
    allowed = [s.lower() for s in oauth2_settings.ALLOWED_REDIRECT_URI_SCHEMES]
    seen: list[str] = []
    for uri in lines:
        parts = urlsplit(uri)
        if parts.scheme.lower() not in allowed:
            raise IntegrationError(
                _("%(uri)s: alamat harus diawali %(schemes)s.")
                % {"uri": uri, "schemes": " atau ".join(f"{s}://" for s in allowed)}, field=field)
        if not parts.hostname:
            raise IntegrationError(_("%(uri)s: nama host tidak ada.") % {"uri": uri}, field=field)
        if parts.fragment or "#" in uri:
            raise IntegrationError(_("%(uri)s: alamat tidak boleh memuat bagian #.") % {"uri": uri},
                                   field=field)
        if "*" in uri:
            raise IntegrationError(
                _("%(uri)s: tanda * tidak diterima; daftarkan setiap alamat lengkap.")
                % {"uri": uri}, field=field)
        if uri not in seen:
            seen.append(uri)
    return seen


def _client_payload(agency_client: AgencyClient) -> dict[str, Any]:
    application = agency_client.application
    return {
        "agency": agency_client.agency.code,
        "client_id": application.client_id,
        "name": application.name,
        "client_type": application.client_type,
        "redirect_uris": application.redirect_uris.split(),
        "post_logout_redirect_uris": application.post_logout_redirect_uris.split(),
    }


def _clean_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise IntegrationError(_("Isi nama aplikasi."), field="name")
    if len(name) > 100:
        raise IntegrationError(_("Nama aplikasi paling panjang 100 huruf."), field="name")
    return name


# --- Agency apps (the staff console) -----------------------------------------------------------


@transaction.atomic
def register_client(
    *, actor: Any, agency: Agency, name: str, client_type: str, redirect_uris: str | list[str],
    post_logout_redirect_uris: str | list[str] = "", description: str = "",
) -> tuple[AgencyClient, str]:
    """Register an agency's app. Returns the app and, for a confidential app, its client secret:
    shown to the admin once, stored only as a hash."""
    _require_manager(actor, agency)
    name = _clean_name(name)
    if client_type not in CLIENT_TYPES:
        raise IntegrationError(_("Pilih jenis aplikasi."), field="client_type")
    uris = clean_redirect_uris(redirect_uris)
    logout_uris = clean_redirect_uris(post_logout_redirect_uris, field="post_logout_redirect_uris",
                                      required=False)
    secret = generate_client_secret() if client_type == AbstractApplication.CLIENT_CONFIDENTIAL else ""
    application = get_application_model().objects.create(
        name=name,
        client_type=client_type,
        authorization_grant_type=AbstractApplication.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(uris),
        post_logout_redirect_uris=" ".join(logout_uris),
        client_secret=secret,
        hash_client_secret=True,
        algorithm=AbstractApplication.RS256_ALGORITHM,
        skip_authorization=False,
    )
    agency_client = AgencyClient.objects.create(
        application=application, agency=agency, description=description.strip()[:300],
        created_by=actor,
    )
    payload = _client_payload(agency_client)
    record_audit(actor=actor, action="integrations.client_registered", target=agency_client,
                 details=payload)
    emit("integrations.client_registered", payload, aggregate=agency_client)
    return agency_client, secret


@transaction.atomic
def update_client(
    *, actor: Any, agency_client: AgencyClient, name: str, redirect_uris: str | list[str],
    post_logout_redirect_uris: str | list[str] = "", description: str = "",
) -> AgencyClient:
    """Change an app's name, description and exact redirect URIs (its type and id stay)."""
    _require_manager(actor, agency_client.agency)
    name = _clean_name(name)
    uris = clean_redirect_uris(redirect_uris)
    logout_uris = clean_redirect_uris(post_logout_redirect_uris, field="post_logout_redirect_uris",
                                      required=False)
    application = get_application_model().objects.select_for_update().get(
        pk=agency_client.application_id)
    before = _client_payload(agency_client)
    application.name = name
    application.redirect_uris = " ".join(uris)
    application.post_logout_redirect_uris = " ".join(logout_uris)
    application.save(update_fields=["name", "redirect_uris", "post_logout_redirect_uris",
                                    "updated"])
    agency_client.application = application
    agency_client.description = description.strip()[:300]
    agency_client.save(update_fields=["description", "updated_at"])
    payload = _client_payload(agency_client)
    record_audit(actor=actor, action="integrations.client_updated", target=agency_client,
                 details={"before": before, "after": payload})
    emit("integrations.client_updated", payload, aggregate=agency_client)
    return agency_client


@transaction.atomic
def reset_client_secret(*, actor: Any, agency_client: AgencyClient) -> str:
    """A new client secret for a confidential app; the old one stops working at once. Returns the
    new secret, to be shown once."""
    _require_manager(actor, agency_client.agency)
    application = get_application_model().objects.select_for_update().get(
        pk=agency_client.application_id)
    if application.client_type != AbstractApplication.CLIENT_CONFIDENTIAL:
        raise IntegrationError(_("Aplikasi publik tidak memakai rahasia klien."))
    secret = generate_client_secret()
    application.client_secret = secret
    application.hash_client_secret = True
    application.save(update_fields=["client_secret", "hash_client_secret", "updated"])
    agency_client.application = application
    payload = {**_client_payload(agency_client), "secret_reset": True}
    record_audit(actor=actor, action="integrations.client_updated", target=agency_client,
                 details=payload)
    emit("integrations.client_updated", payload, aggregate=agency_client)
    return secret


@transaction.atomic
def delete_client(*, actor: Any, agency_client: AgencyClient) -> None:
    """Remove an app: its codes, tokens and the consents given to it go with it, so nobody stays
    signed in to it through the city account."""
    _require_manager(actor, agency_client.agency)
    payload = _client_payload(agency_client)
    record_audit(actor=actor, action="integrations.client_deleted", target=agency_client,
                 details=payload)
    emit("integrations.client_deleted", payload, aggregate=agency_client)
    application = agency_client.application
    get_refresh_token_model().objects.filter(application=application).delete()
    get_access_token_model().objects.filter(application=application).delete()
    application.delete()  # cascades to grants, ID tokens, consents and the AgencyClient


# --- Consent (the person) ----------------------------------------------------------------------


def _consent_payload(consent: Consent) -> dict[str, Any]:
    return {
        "agency": queries._agency_code(consent.application),
        "client_id": consent.application.client_id,
        "sub": queries.subject_of(consent.user),
        "scopes": list(consent.scopes),
    }


@transaction.atomic
def give_consent(*, user: Any, application: Any, scopes: list[str]) -> Consent:
    """The person agrees that `application` may know what `scopes` give. Adds to an active consent
    (scopes already agreed to stay); the consent screen is the only caller."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        raise _refuse()
    if not queries.client_is_usable(application):
        raise IntegrationError(_("Aplikasi ini tidak dapat dipakai."))
    unknown = [s for s in scopes if s not in KNOWN_SCOPES]
    if unknown or not scopes:
        raise IntegrationError(_("Izin yang diminta tidak dikenal."))
    consent = (Consent.objects.select_for_update()
               .filter(user=user, application=application, withdrawn_at__isnull=True).first())
    if consent is None:
        consent = Consent.objects.create(user=user, application=application,
                                         scopes=[s for s in KNOWN_SCOPES if s in scopes])
        added = list(consent.scopes)
    else:
        added = [s for s in scopes if s not in consent.scopes]
        if not added:
            return consent
        consent.scopes = [s for s in KNOWN_SCOPES if s in set(consent.scopes) | set(scopes)]
        consent.save(update_fields=["scopes", "updated_at"])
    payload = {**_consent_payload(consent), "added": added}
    record_audit(actor=user, action="integrations.consent_given", target=consent, details=payload)
    emit("integrations.consent_given", payload, aggregate=consent)
    return consent


def revoke_tokens(*, user: Any, application: Any) -> int:
    """End `application`'s access for `user`: refresh tokens revoked, access tokens deleted, so
    userinfo stops answering and refreshing fails. Runs inside the caller's action."""
    count = 0
    for refresh_token in get_refresh_token_model().objects.filter(
            user=user, application=application, revoked__isnull=True):
        refresh_token.revoke()
        count += 1
    deleted, _ = get_access_token_model().objects.filter(user=user,
                                                          application=application).delete()
    return count + deleted


@transaction.atomic
def withdraw_consent(*, user: Any, consent: Consent) -> Consent:
    """The person withdraws their consent: the app loses its tokens for them at once, and the
    next sign-in asks again."""
    consent = Consent.objects.select_for_update().select_related("application").get(pk=consent.pk)
    if not getattr(user, "is_authenticated", False) or consent.user_id != user.pk:
        raise _refuse()
    if consent.withdrawn_at is not None:
        raise IntegrationError(_("Izin ini sudah dicabut."))
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at", "updated_at"])
    revoked = revoke_tokens(user=user, application=consent.application)
    payload = _consent_payload(consent)
    record_audit(actor=user, action="integrations.consent_withdrawn", target=consent,
                 details={**payload, "tokens_revoked": revoked})
    emit("integrations.consent_withdrawn", payload, aggregate=consent)
    return consent


def anonymise_consents(user: Any) -> list[str]:
    """The module's part of an account deletion (its `anonymise` hook): consents and every token
    of the person's apps are removed. Runs inside accounts.actions.anonymise_account."""
    get_refresh_token_model().objects.filter(user=user).delete()
    get_access_token_model().objects.filter(user=user).delete()
    get_id_token_model().objects.filter(user=user).delete()
    get_grant_model().objects.filter(user=user).delete()
    Consent.objects.filter(user=user).delete()
    return []
