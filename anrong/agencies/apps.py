from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    name = "anrong.agencies"
    label = "agencies"
    verbose_name = _("OPD")

    def ready(self) -> None:
        from anrong.core import modules

        from . import seed

        modules.register(
            modules.Module(
                slug="agencies",
                name=_("Perangkat daerah"),
                description=_("Daftar OPD, kantor dan unit kerja Pemerintah Kota Makassar."),
                staff_url="agencies:home",
                order=5,
                api_router="anrong.agencies.api.router",
                event_types=(
                    "agency.created", "agency.updated", "agency.office_added",
                    "agency.office_updated", "agency.unit_added", "agency.member_added",
                    "agency.member_role_changed", "agency.membership_ended",
                    "accounts.platform_role_granted", "accounts.platform_role_revoked",
                ),
                seeder=seed.seed_agencies,
                seed_after=("core",),
            )
        )
