"""Cek Fakta's citizen pages, at /cek-fakta/: "Cek dulu" (paste a forwarded message, see the
matching fact-checks at once), send a message to the fact-checkers, my submissions, and a
submission's screenshot for its sender. The verdicts themselves are Wagtail pages under
/berita/cek-fakta/. Thin: parse, ask permissions and queries, call one action, render."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from anrong.core.middleware import client_ip

from .. import actions, queries
from ..errors import NewsError, TooManySubmissions

CHECK_TEXT_MAX = 4000
LATEST = 10


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """/cek-fakta/?pesan=…: "Cek dulu" and the latest verdicts."""
    pasted = request.GET.get("pesan", "")[:CHECK_TEXT_MAX].strip()
    matches = queries.fact_checks_matching(pasted) if pasted else []
    return render(request, "news/factcheck/home.html", {
        "pasted": pasted,
        "checked": bool(pasted),
        "matches": matches,
        "latest": list(queries.published_fact_checks()[:LATEST]),
    })


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def send(request: HttpRequest) -> HttpResponse:
    """/cek-fakta/kirim/: the message (text, link, screenshot) goes to the fact-checkers' queue."""
    values = {"text": request.GET.get("pesan", "")[:CHECK_TEXT_MAX], "link": "",
              "idempotency_key": uuid.uuid4().hex}
    errors: dict[str, str] = {}
    message, status = "", 200
    if request.method == "POST":
        values = {"text": request.POST.get("text", ""), "link": request.POST.get("link", ""),
                  "idempotency_key": request.POST.get("idempotency_key", "")[:64]}
        try:
            actions.submit_claim(submitter=request.user, text=values["text"], link=values["link"],
                                 screenshot=request.FILES.get("screenshot"),
                                 sender_ip=client_ip(request),
                                 idempotency_key=values["idempotency_key"])
        except NewsError as exc:
            message = str(exc)
            errors = dict(getattr(exc, "errors", {}) or {})
            status = 429 if isinstance(exc, TooManySubmissions) else (
                403 if not errors else 400)
        else:
            messages.success(request, _("Pesan Anda terkirim ke tim Cek Fakta. Kami kabari begitu "
                                        "putusannya terbit."))
            return redirect("factcheck:mine")
    return render(request, "news/factcheck/send.html", {
        "values": values, "errors": errors, "message": message,
        "text_max": actions.CLAIM_TEXT_MAX,
    }, status=status)


@login_required
@require_safe
def mine(request: HttpRequest) -> HttpResponse:
    """/cek-fakta/saya/: what I sent, and the verdict when there is one."""
    return render(request, "news/factcheck/mine.html", {
        "submissions": list(queries.my_submissions(request.user)[:100]),
    })


@login_required
@require_safe
def screenshot(request: HttpRequest, pk: int) -> FileResponse:
    """A submission's screenshot: its sender and fact-checkers only (404 for anyone else)."""
    found = queries.submission_for(request.user, pk)
    if found is None or not found.screenshot:
        raise Http404
    try:
        handle = found.screenshot.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = found.screenshot.name.lower()
    content_type = ("image/png" if name.endswith(".png") else
                    "image/webp" if name.endswith(".webp") else "image/jpeg")
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
