from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntegrationsConfig(AppConfig):
    name = "anrong.integrations"
    label = "integrations"
    verbose_name = _("Integrasi")

    def ready(self) -> None:
        from anrong.core import api_auth, modules, outbox

        from . import (
            checks,  # noqa: F401 (registers the system checks)
            delivery,
        )
        from .actions.oidc import anonymise_consents
        from .api_auth import check_key
        from .queries import oidc as oidc_queries

        api_auth.register_key_checker(check_key)

        modules.register(
            modules.Module(
                slug="integrations",
                name=_("Integrasi sistem OPD"),
                description=_("Masuk dengan akun kota (OpenID Connect), kunci API dan webhook "
                              "untuk sistem milik OPD."),
                staff_url="integrations:home",
                order=90,
                event_types=(
                    "integrations.client_registered", "integrations.client_updated",
                    "integrations.client_deleted", "integrations.consent_given",
                    "integrations.consent_withdrawn", "integrations.api_key_issued",
                    "integrations.api_key_rotated", "integrations.api_key_revoked",
                    "integrations.endpoint_created", "integrations.endpoint_updated",
                    "integrations.endpoint_enabled", "integrations.endpoint_disabled",
                    "integrations.endpoint_deleted", "integrations.endpoint_secret_rotated",
                    "integrations.delivery_replayed",
                ),
                # The person's consents to agency apps (their tokens go with them on deletion).
                personal_data=oidc_queries.personal_data,
                anonymise=anonymise_consents,
            )
        )
        outbox.register_batch_consumer("", delivery.fan_out)
        outbox.register_after_publish(delivery.deliver_now)
