from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("api/auth/", include("anrong.accounts.identity_urls")),
    path("akun/aplikasi/", include("anrong.integrations.urls_account")),
    path("akun/", include("allauth.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("", include("anrong.core.urls")),
    path("", include("anrong.accounts.urls")),
    path("kantor/", include("anrong.agencies.urls")),
    path("kantor/permohonan/", include("anrong.services.urls_console")),
    path("layanan/permohonan/", include("anrong.services.urls_applications")),
    path("", include("anrong.services.urls_documents")),  # before layanan/<code>/ patterns
    path("kantor/layanan/", include("anrong.services.urls_forms")),
    path("kantor/integrasi/", include("anrong.integrations.urls")),
    path("o/", include("anrong.integrations.urls_oidc")),
    path("layanan/", include("anrong.services.urls")),
    path("lapor/", include("anrong.reports.urls")),
    path("kantor/lapor/", include("anrong.reports.urls_console")),
    path("open311/v2/", include("anrong.reports.open311.urls")),
    path("rapat/", include("anrong.meetings.urls_room")),
    path("rapat/", include("anrong.meetings.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("dokumen/", include(wagtaildocs_urls)),
    path("cek-fakta/", include("anrong.news.urls_factcheck")),
    path("kantor/cek-fakta/", include("anrong.news.urls_factcheck_console")),
    path("peringatan/", include("anrong.alerts.urls")),
    path("alerts/", include("anrong.alerts.urls_cap")),
    path("kantor/peringatan/", include("anrong.alerts.urls_console")),
    path("berita/", include("anrong.news.urls")),  # feeds and search, before the page tree
    path("berita/", include(wagtail_urls)),  # the newsroom's pages (anrong.news.pages)
]

if settings.BENCH_ENDPOINTS:
    from django.http import HttpResponse

    def bare(request):  # type: ignore[no-untyped-def]
        """The baseline: a Django view through the same middleware, no database, no template."""
        return HttpResponse(b"ok", content_type="text/plain")

    urlpatterns.append(path("_bench/bare", bare))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.STORAGES["default"]["OPTIONS"]["location"])

__all__ = ["urlpatterns", "i18n_patterns"]
handler404 = "anrong.core.views.not_found"
