from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "anrong.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self) -> None:
        from anrong.core import modules

        from . import demo, queries
        from .actions.profile import ACCOUNTS_KEPT, anonymise_accounts_data

        modules.register(
            modules.Module(
                slug="accounts",
                name=_("Akun Saya"),
                icon="user",
                description=_("Profil, data pribadi Anda, dan penghapusan akun."),
                citizen_url="accounts:overview",
                order=900,
                api_router="anrong.accounts.api.router",
                event_types=("citizen.profile_completed", "citizen.profile_updated",
                             "account.anonymised"),
                personal_data=queries.personal_data,
                anonymise=anonymise_accounts_data,
                kept_on_deletion=ACCOUNTS_KEPT,
                seeder=demo.seed_demo_accounts,
                seed_after=("core", "agencies"),
            )
        )
