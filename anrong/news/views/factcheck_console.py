"""The fact-checkers' console, at /kantor/cek-fakta/: the queue (the same claim sent many times
is one row with its count, most sent first), one claim with its submissions, and the two steps:
dismiss with a reason, or write the verdict (published at once, or a draft opened in Wagtail's
editor). Thin: parse, ask permissions and queries, call one action, render."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from .. import actions, permissions, queries
from ..errors import NewsError
from ..models import Claim, Verdict

PAGE_SIZE = 25
TAB_LABELS = {"menunggu": gettext_lazy("Menunggu putusan"),
              "terbit": gettext_lazy("Putusan terbit"), "diabaikan": gettext_lazy("Diabaikan")}


def _fact_checkers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_view_claim_queue(request.user):
            return render(request, "agencies/forbidden.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _claim_or_404(public_id: Any) -> Claim:
    claim = queries.claim_by_public_id(public_id)
    if claim is None:
        raise Http404
    return claim


@_fact_checkers
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "menunggu")
    if tab not in queries.QUEUE_TABS:
        tab = "menunggu"
    paginator = Paginator(queries.claim_queue(tab), PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except (EmptyPage, ValueError, TypeError):
        page = paginator.page(1)
    tabs = [{"slug": slug, "label": str(label), "current": slug == tab,
             "href": f"?tab={slug}"} for slug, label in TAB_LABELS.items()]
    return render(request, "news/factcheck/console/queue.html", {
        "tab": tab, "tabs": tabs, "page": page, "claims": list(page.object_list),
    })


def _detail(request: HttpRequest, claim: Claim, *, errors: dict[str, str] | None = None,
            message: str = "", values: dict[str, str] | None = None,
            status: int = 200) -> HttpResponse:
    return render(request, "news/factcheck/console/claim.html", {
        "claim": claim,
        "submissions": list(queries.claim_submissions(claim)),
        "can_work": permissions.can_work_claim(request.user, claim),
        "verdicts": Verdict.choices,
        "errors": errors or {}, "message": message, "values": values or {},
    }, status=status)


@_fact_checkers
@require_safe
def claim(request: HttpRequest, public_id: str) -> HttpResponse:
    return _detail(request, _claim_or_404(public_id))


@_fact_checkers
@require_POST
def dismiss(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _claim_or_404(public_id)
    try:
        actions.dismiss_claim(actor=request.user, claim=found,
                              reason=request.POST.get("reason", ""),
                              version=request.POST.get("version"))
    except NewsError as exc:
        return _detail(request, found, errors=getattr(exc, "errors", {}), message=str(exc),
                       values=dict(request.POST.items()), status=400)
    messages.success(request, _("Klaim diabaikan."))
    return redirect("factcheck_console:claim", public_id=found.public_id)


@_fact_checkers
@require_POST
def verdict(request: HttpRequest, public_id: str) -> HttpResponse:
    found = _claim_or_404(public_id)
    publish = request.POST.get("then") != "draft"
    try:
        page = actions.write_verdict(
            actor=request.user, claim=found, title=request.POST.get("title", ""),
            verdict=request.POST.get("verdict", ""), summary=request.POST.get("summary", ""),
            explanation=request.POST.get("explanation", ""),
            sources=request.POST.get("sources", ""),
            appearance_text=request.POST.get("appearance_text", ""),
            appearance_url=request.POST.get("appearance_url", ""), publish=publish,
            version=request.POST.get("version"))
    except NewsError as exc:
        return _detail(request, found, errors=getattr(exc, "errors", {}), message=str(exc),
                       values=dict(request.POST.items()), status=400)
    if not publish:
        messages.success(request, _("Draf putusan tersimpan. Lengkapi lalu terbitkan di CMS."))
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    messages.success(request, _("Putusan terbit. Semua pengirim klaim ini sudah dikabari."))
    return redirect("factcheck_console:claim", public_id=found.public_id)
