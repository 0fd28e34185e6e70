from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "anrong.news"
    label = "news"
    verbose_name = _("Makaverse News")

    def ready(self) -> None:
        from anrong.core import modules

        modules.register(
            modules.Module(
                slug="news",
                name=_("Makaverse News"),
                icon="newspaper",
                description=_("Berita resmi Kota Makassar dan Cek Fakta: periksa pesan berantai "
                              "sebelum Anda sebarkan."),
                order=30,
            )
        )
