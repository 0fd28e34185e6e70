"""Readers' pages under /berita/, mounted before Wagtail's page tree (which serves the articles
at /berita/<slug>/). The list itself is a Django view rather than the NewsIndexPage's own
serve: it paginates and filters with `queries.articles` and stays fast at 50,000 articles."""

from django.urls import path

from .views import articles

app_name = "news"
urlpatterns = [
    path("", articles.index, name="index"),
    path("kategori/<slug:slug>/", articles.category, name="category"),
    path("tag/<slug:slug>/", articles.tag, name="tag"),
    path("cari/", articles.search, name="search"),
    path("rss/", articles.LatestArticlesRss(), name="rss"),
    path("atom/", articles.LatestArticlesAtom(), name="atom"),
    path("kategori/<slug:slug>/rss/", articles.LatestArticlesRss(), name="category_rss"),
    path("kategori/<slug:slug>/atom/", articles.LatestArticlesAtom(), name="category_atom"),
]

# Slugs an article may not take: they are these pages.
RESERVED_SLUGS = frozenset({"kategori", "tag", "cari", "rss", "atom"})
