"""System checks of single sign-on (run by `manage.py check --deploy`)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def oidc_signing_key_is_configured(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    """Without OIDC_RSA_PRIVATE_KEY(_FILE) each machine makes its own key in var/: ID tokens
    signed on one node would not verify against another node's JWKS, and a lost var/ signs
    everyone out of every agency app."""
    if getattr(settings, "OIDC_KEY_CONFIGURED", False):
        return []
    return [Warning(
        "The OpenID Connect signing key is not configured: this machine made its own in "
        "var/oidc-rsa.pem.",
        hint="Set OIDC_RSA_PRIVATE_KEY or OIDC_RSA_PRIVATE_KEY_FILE to the same RSA key on "
             "every node (see docs/deploy.md, 'Sign-in key for agency apps').",
        id="integrations.W001",
    )]
