from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "anrong.alerts"
    label = "alerts"
    verbose_name = _("Peringatan darurat")

    def ready(self) -> None:
        from anrong.core import modules

        from . import privacy, seed

        modules.register(
            modules.Module(
                slug="alerts",
                name=_("Peringatan darurat"),
                icon="alert",
                description=_("Peringatan banjir, cuaca ekstrem, kebakaran, gempa dan kesehatan "
                              "dari BPBD dan Diskominfo; terima notifikasi untuk kecamatan Anda."),
                citizen_url="alerts:home",
                staff_url="alerts_console:home",
                order=15,
                api_router="anrong.alerts.api.router",
                event_types=("alert.issued", "alert.updated", "alert.cancelled"),
                seeder=seed.seed_alerts,
                seed_after=("core", "agencies", "accounts"),
                personal_data=privacy.personal_data,
                anonymise=privacy.anonymise,
            )
        )
