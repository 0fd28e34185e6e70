"""The deploy check for the ID-token signing key, and the deploy checks of the provider itself."""

from __future__ import annotations

from django.core import checks

from ..checks import oidc_signing_key_is_configured


def test_the_key_check_warns_only_when_no_key_is_configured(settings):  # type: ignore[no-untyped-def]
    settings.OIDC_KEY_CONFIGURED = False
    warnings = oidc_signing_key_is_configured(None)
    assert [w.id for w in warnings] == ["integrations.W001"]
    assert warnings[0].level == checks.WARNING
    settings.OIDC_KEY_CONFIGURED = True
    assert oidc_signing_key_is_configured(None) == []


def test_the_provider_follows_the_oauth_security_bcp(settings):  # type: ignore[no-untyped-def]
    """django-oauth-toolkit's RFC 9700 deploy checks find nothing to say, except, in development
    and tests only, that http redirect URIs are allowed."""
    from oauth2_provider.checks import validate_bcp_configuration

    ids = [message.id for message in validate_bcp_configuration(None)]
    assert ids in ([], ["oauth2_provider.W008"])
