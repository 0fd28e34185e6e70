"""How the city's OpenID Connect provider decides, on top of django-oauth-toolkit.

- Only applications an agency registered in the console (an `AgencyClient`) of an active agency
  can be used: at the authorization and token endpoints and for every bearer token.
- PKCE is required of public clients; confidential clients may use it. Only `S256` is accepted.
- Claims: `sub` is the account number (never the phone); `profile` gives the name and language;
  `phone` the verified E.164 number; `nik` the NIK from the citizen profile, and only while the
  person's active consent for that application names `nik`.
- A grant is only issued for scopes the person consented to (the consent screen in
  views/oidc.py records the consent first), so `nik` is never granted without it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oauth2_provider.models import AbstractApplication
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauthlib.oauth2.rfc6749 import errors
from oauthlib.oauth2.rfc6749.grant_types.authorization_code import code_challenge_method_s256
from oauthlib.openid import Server

from .queries import oidc as queries


class CityOIDCServer(Server):
    """oauthlib's OpenID Connect server, accepting only the S256 PKCE method: a request with
    `code_challenge_method=plain` (or none, which means plain) is refused before any screen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        s256_only = {"S256": code_challenge_method_s256}
        for grant in (self.auth_grant, self.openid_connect_auth.proxy_target,
                      self.openid_connect_hybrid.proxy_target):
            grant._code_challenge_methods = s256_only


class CityOAuth2Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "nik": "nik",
    }

    # --- Which applications may be used ---------------------------------------------------

    def _load_application(self, client_id: str, request: Any) -> Any:
        client = super()._load_application(client_id, request)
        if client is not None and not queries.client_is_usable(client):
            request.client = None
            return None
        return client

    def validate_bearer_token(self, token: str, scopes: list[str], request: Any) -> bool:
        if not super().validate_bearer_token(token, scopes, request):
            return False
        if not queries.client_is_usable(request.client):
            request.oauth2_error = OrderedDict(
                [("error", "invalid_token"), ("error_description", "The access token is invalid.")]
            )
            return False
        return True

    def is_pkce_required(self, client_id: str, request: Any) -> bool:
        client = self._load_application(client_id, request)
        return client is None or client.client_type != AbstractApplication.CLIENT_CONFIDENTIAL

    # --- A code used twice -----------------------------------------------------------------
    # RFC 6749 4.1.2: a code used more than once is refused, and the tokens issued for it
    # SHOULD be revoked. DOT deletes the code when it is exchanged; we remember for a while
    # whose code it was (in the shared cache) so a replay ends that person's tokens for the app.

    USED_CODE_SECONDS = 600

    @staticmethod
    def _used_code_key(code: str) -> str:
        return "oidc-used-code:" + hashlib.sha256(code.encode()).hexdigest()

    def invalidate_authorization_code(self, client_id: str, code: str, request: Any,
                                      *args: Any, **kwargs: Any) -> None:
        super().invalidate_authorization_code(client_id, code, request, *args, **kwargs)
        cache.set(self._used_code_key(code), (request.user.pk, request.client.pk),
                  self.USED_CODE_SECONDS)

    def validate_code(self, client_id: str, code: str, client: Any, request: Any,
                      *args: Any, **kwargs: Any) -> bool:
        if super().validate_code(client_id, code, client, request, *args, **kwargs):
            return True
        used = cache.get(self._used_code_key(code))
        if used is not None and client is not None and used[1] == client.pk:
            from .actions.oidc import revoke_tokens

            with transaction.atomic():
                revoke_tokens(user=used[0], application=client)
        return False

    # --- Consent ---------------------------------------------------------------------------

    def validate_silent_login(self, request: Any) -> bool:
        # The authorization view only reaches oauthlib for a signed-in person; an anonymous
        # prompt=none request is answered login_required before (DOT's handle_no_permission).
        return True

    def validate_silent_authorization(self, request: Any) -> bool:
        # Whether the person consented is decided by the authorization view, which knows who is
        # signed in (oauthlib's request does not at this point) and answers consent_required.
        return True

    def _create_authorization_code(self, request: Any, code: dict[str, Any], expires: Any = None):  # type: ignore[no-untyped-def]
        missing = set(request.scopes) - queries.consented_scopes(request.user, request.client)
        if missing:
            raise errors.AccessDeniedError(
                description="The person has not consented to: " + " ".join(sorted(missing)),
                request=request,
            )
        return super()._create_authorization_code(request, code, expires)

    # --- Claims ----------------------------------------------------------------------------

    def get_claim_dict(self, request: Any) -> dict[str, Any]:
        claims = super().get_claim_dict(request)
        claims["sub"] = queries.subject_of(request.user)
        return claims

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        return queries.claims_for(request.user, request.client)

    def get_discovery_claims(self, request: Any) -> list[str]:
        return ["sub", *queries.CLAIMS]


# The scope names as the consent screen and the account page explain them.
SCOPE_TEXT = {
    "openid": (_("Masuk dengan akun kota"), _("Nomor akun Anda di Anrong (bukan nomor HP).")),
    "profile": (_("Nama dan bahasa"), _("Nama lengkap Anda dan bahasa yang Anda pilih.")),
    "phone": (_("Nomor HP"), _("Nomor HP Anda dan apakah sudah terverifikasi.")),
    "nik": (_("NIK"), _("Nomor Induk Kependudukan (NIK) Anda, seperti di KTP.")),
}
