from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "anrong.core"
    label = "core"
    verbose_name = _("Inti platform")

    def ready(self) -> None:
        from . import checks, modules, seed

        checks.refuse_to_work_without_secret_key()

        modules.register(
            modules.Module(
                slug="core",
                name=_("Wilayah Makassar"),
                order=0,
                api_router="anrong.core.api.router",
                seeder=seed.seed_regions,
            )
        )
