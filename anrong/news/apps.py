from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "anrong.news"
    label = "news"
    verbose_name = _("Makaverse News")

    def ready(self) -> None:
        from anrong.core import modules

        from . import seed, signals  # noqa: F401 (signals connects Wagtail's page events)

        modules.register(
            modules.Module(
                slug="news",
                name=_("Makaverse News"),
                icon="news",
                description=_("Berita resmi Kota Makassar dan Cek Fakta: periksa pesan berantai "
                              "sebelum Anda sebarkan."),
                order=30,
                api_router="anrong.news.api.router",
                api_routers=(("cek-fakta", "anrong.news.api_factcheck.router"),),
                seeder=seed.seed_news,
                seed_after=("core", "agencies", "accounts"),
            )
        )
