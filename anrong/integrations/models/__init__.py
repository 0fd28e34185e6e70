"""Integrasi's data: agency apps that sign in with the city account (OpenID Connect), the
citizen's consent to share their NIK, agency API keys, and webhook endpoints with their
deliveries. One module per concern; everything is re-exported here."""

from .keys import ApiKey
from .oidc import AgencyClient, Consent
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = ["AgencyClient", "ApiKey", "Consent", "WebhookAttempt", "WebhookDelivery",
           "WebhookEndpoint"]
