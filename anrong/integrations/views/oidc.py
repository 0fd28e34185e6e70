"""The provider's two pages a person sees: the consent screen (/o/authorize/) and the sign-out
confirmation (/o/logout/). The rest of /o/ (token, userinfo, discovery, JWKS) is
django-oauth-toolkit's as is.

Consent is asked once per app and scope: a later sign-in asking only for scopes already agreed
goes straight back to the app; `prompt=consent` always asks; `prompt=none` answers
`consent_required` instead of asking (or `login_required` when nobody is signed in)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from oauth2_provider.exceptions import OAuthToolkitError
from oauth2_provider.views import AuthorizationView, RPInitiatedLogoutView
from oauthlib.oauth2.rfc6749 import errors as oauth_errors
from oauthlib.openid.connect.core import exceptions as oidc_errors

from ..actions import oidc as actions
from ..oidc_validator import SCOPE_TEXT
from ..queries import oidc as queries


class AuthorizeView(AuthorizationView):
    template_name = "integrations/oidc/authorize.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        prompt = set(request.GET.get("prompt", "").split())
        if prompt & {"login", "create"}:
            return super().get(request, *args, **kwargs)
        try:
            scopes, credentials = self.validate_authorization_request(request)
        except OAuthToolkitError as error:
            return self.error_response(error, application=None)
        application = queries.application_by_client_id(credentials["client_id"])
        needed = queries.scopes_needing_consent(request.user, application, scopes)
        if "none" in prompt:
            if needed:
                error = OAuthToolkitError(
                    error=oidc_errors.ConsentRequired(state=credentials.get("state")),
                    redirect_uri=credentials["redirect_uri"],
                )
                return self.error_response(error, application)
            return self._approve(scopes, credentials, application)
        if not needed and "consent" not in prompt:
            return self._approve(scopes, credentials, application)
        return super().get(request, *args, **kwargs)

    def _approve(self, scopes: list[str], credentials: dict[str, Any],
                 application: Any) -> HttpResponse:
        """Every scope asked for is already consented to: back to the app without a screen."""
        if isinstance(credentials.get("ui_locales"), list):
            credentials["ui_locales"] = " ".join(credentials["ui_locales"])
        try:
            uri, _headers, _body, _status = self.create_authorization_response(
                request=self.request, scopes=" ".join(scopes), credentials=credentials,
                allow=True,
            )
        except OAuthToolkitError as error:
            return self.error_response(error, application)
        return self.redirect(uri, application)

    def form_valid(self, form: Any) -> HttpResponse:
        application = queries.application_by_client_id(form.cleaned_data["client_id"])
        if (form.cleaned_data.get("allow") and application is not None
                and application.redirect_uri_allowed(form.cleaned_data["redirect_uri"])):
            scopes = form.cleaned_data["scope"].split()
            with transaction.atomic():
                try:
                    actions.give_consent(user=self.request.user, application=application,
                                         scopes=scopes)
                except actions.IntegrationError:
                    error = OAuthToolkitError(
                        error=oauth_errors.InvalidScopeError(state=form.cleaned_data.get("state")),
                        redirect_uri=form.cleaned_data["redirect_uri"],
                    )
                    return self.error_response(error, application)
        return super().form_valid(form)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        application = context.get("application")
        if application is None or "error" in context:
            return context
        user = self.request.user
        agency_client = queries.agency_client_of(application)
        granted = queries.consented_scopes(user, application)
        has_nik = _has_nik(user)
        context.update(
            agency=agency_client.agency if agency_client else None,
            agency_client=agency_client,
            scope_rows=[
                {"name": scope, "title": SCOPE_TEXT.get(scope, (scope, ""))[0],
                 "text": SCOPE_TEXT.get(scope, (scope, ""))[1],
                 "already": scope in granted,
                 "unavailable": scope == "nik" and not has_nik}
                for scope in context.get("scopes", [])
            ],
        )
        return context


def _has_nik(user: Any) -> bool:
    from anrong.accounts import queries as account_queries

    profile = account_queries.profile_of(user)
    return bool(profile and profile.nik)


class LogoutView(RPInitiatedLogoutView):
    """RP-initiated logout: signs the person out of Anrong and ends the calling app's tokens for
    them (other apps keep theirs), then returns to the app's registered post-logout URI."""

    template_name = "integrations/oidc/logout_confirm.html"

    def do_logout(self, application: Any = None, post_logout_redirect_uri: str | None = None,
                  state: str | None = None, token_user: Any = None) -> HttpResponse:
        user = token_user or self.request.user
        if application is not None and getattr(user, "is_authenticated", False):
            with transaction.atomic():
                actions.revoke_tokens(user=user, application=application)
        return super().do_logout(application, post_logout_redirect_uri, state, token_user)
