"""The newsroom's page tree: one NewsIndexPage as the Wagtail site's root (served at /berita/)
with one FactCheckIndexPage under it. `ensure_newsroom()` makes it on first use, on migrate and
in the demo data, and replaces Wagtail's placeholder "Welcome" page.

Wagtail's migrations create its reference rows (the default locale, the root page, the root
collection); a database flushed since (Django's transactional tests flush every table) has none,
so they are made here again when missing."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from wagtail.models import Collection, Locale, Page, Site

from .models import FactCheckIndexPage, NewsIndexPage


@transaction.atomic
def ensure_newsroom() -> tuple[NewsIndexPage, FactCheckIndexPage]:
    _ensure_wagtail_reference_rows()
    news = NewsIndexPage.objects.first()
    if news is None:
        root = Page.get_first_root_node()
        news = NewsIndexPage(title="Makaverse News", slug="berita",
                             intro="Berita resmi Pemerintah Kota Makassar.")
        root.add_child(instance=news)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=news, is_default_site=True,
                            site_name="Makaverse News")
    elif site.root_page_id != news.pk:
        placeholder = site.root_page
        site.root_page = news
        site.site_name = "Makaverse News"
        site.save()
        if type(placeholder.specific) is Page and placeholder.depth == 2:
            placeholder.delete()  # Wagtail's "Welcome to your new Wagtail site!"
    checks = FactCheckIndexPage.objects.child_of(news).first()
    if checks is None:
        checks = FactCheckIndexPage(title="Cek Fakta", slug="cek-fakta",
                                    intro="Putusan tim cek fakta atas pesan yang beredar.")
        news.add_child(instance=checks)
    return news, checks


def _ensure_wagtail_reference_rows() -> None:
    if not Locale.objects.exists():
        Locale.objects.create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", draft_title="Root", live=True))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
