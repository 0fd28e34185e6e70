"""Documents: the public verification page behind an output document's QR code, and the private
download of an application's files (thin: parse, read through queries, render)."""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.files.uploadhandler import FileUploadHandler, SkipFile, StopUpload
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from anrong.core.audit import record_audit
from anrong.core.middleware import client_ip

from .. import documents, queries
from ..models import Application, Document

# The optional "does my PDF match?" check. Output PDFs are well under 1 MB; 10 MB is generous.
CHECK_MAX_BYTES = 10 * 1024 * 1024
# Hashing up to 10 MB per request is cheap but not free: at most this many checks per IP a window.
CHECK_LIMIT = 20
CHECK_WINDOW_SECONDS = 10 * 60

# Caching. A genuine page holds no personal data, but the shell shows the signed-in person's name
# (and the language switch a CSRF token), so it is `private`; and the document's standing can change
# (superseded by a newer issue), so a browser may keep it only a minute (re-opening a QR on a bad
# connection is fast, a change shows soon). An answer that a document is NOT recognised accuses
# it of being forged, and a file check is a one-off: those are never stored anywhere (no-store).
GENUINE_CACHE_CONTROL = "private, max-age=60"
NO_STORE = "no-store"


def _public(response: HttpResponse, cache_control: str) -> HttpResponse:
    response["Cache-Control"] = cache_control
    # Codes are in the URL: keep these pages out of search engines (also <meta name="robots">).
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _check_allowed(request: HttpRequest) -> bool:
    """A fixed window per client IP in the cache (shared between processes when Redis is set)."""
    key = f"anrong:verify-check:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, timeout=CHECK_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=CHECK_WINDOW_SECONDS)
        count = 1
    return count <= CHECK_LIMIT


class _HashingUploadHandler(FileUploadHandler):
    """Hashes the file sent as `berkas` while it arrives and keeps none of it (no memory copy, no
    temporary file); other files are skipped; more than `max_bytes` stops the upload."""

    def __init__(self, request: HttpRequest, max_bytes: int) -> None:
        super().__init__(request)
        self.max_bytes = max_bytes
        self.too_large = False
        self._digest: Any = None
        self._size = 0

    def handle_raw_input(self, input_data: Any, META: Any, content_length: int, boundary: Any,
                         encoding: str | None = None) -> Any:
        if content_length > self.max_bytes + 64 * 1024:  # the multipart framing is small
            self.too_large = True
            return QueryDict(), MultiValueDict()  # parse nothing
        return None

    def new_file(self, field_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, *args, **kwargs)
        if field_name != "berkas" or self._digest is not None:
            raise SkipFile
        self._digest, self._size = hashlib.sha256(), 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self._size += len(raw_data)
        if self._size > self.max_bytes:
            self.too_large = True
            raise StopUpload(connection_reset=False)
        self._digest.update(raw_data)
        return None

    def file_complete(self, file_size: int) -> dict[str, Any]:
        return {"sha256": self._digest.hexdigest(), "size": self._size}


def _sha256_of_upload(request: HttpRequest) -> tuple[str | None, str]:
    """(hex digest, "") of the file sent as `berkas`, or (None, message) when there is none or it
    is too large."""
    handler = _HashingUploadHandler(request, CHECK_MAX_BYTES)
    request.upload_handlers = [handler]
    upload = request.FILES.get("berkas")
    if handler.too_large:
        return None, _("Berkas terlalu besar. Paling besar %(limit)s MB.") % {
            "limit": CHECK_MAX_BYTES // (1024 * 1024)}
    if upload is None:
        return None, _("Pilih berkas PDF yang ingin diperiksa.")
    if upload["size"] == 0:
        return None, _("Berkas kosong. Pilih berkas PDF yang Anda terima.")
    return upload["sha256"], ""


def _standing(document: Document) -> dict[str, Any]:
    """Whether the document still stands: valid, superseded by a newer issue, or (should the
    application have moved on) the application's status. Nothing personal."""
    application = document.application
    newest = queries.output_document(application)
    if document.replaced_at is not None or (newest is not None and newest.pk != document.pk):
        return {"valid": False, "label": _("Sudah diganti"),
                "explanation": _("Dokumen ini sudah diganti dengan terbitan yang lebih baru. "
                                 "Mintalah dokumen terbaru kepada pemiliknya.")}
    if application.status == Application.Status.COMPLETED:
        return {"valid": True, "label": _("Berlaku"), "explanation": ""}
    return {"valid": False, "label": application.get_status_display(),
            "explanation": _("Permohonan yang menghasilkan dokumen ini sedang ditinjau ulang. "
                             "Tanyakan kepada OPD penerbit sebelum menerima dokumen ini.")}


@require_safe
def verify_lookup(request: HttpRequest) -> HttpResponse:
    """/verifikasi/: type the code printed under the QR."""
    typed = request.GET.get("kode", "").strip()[:64]
    error = ""
    if typed:
        code = documents.normalise_code(typed)
        if code is not None:
            return redirect("services_documents:verify", code=code)
        error = _("Kode verifikasi terdiri atas 24 huruf dan angka, misalnya "
                  "7Q4M9X-H3KD2P-WZ8RTB-5NFG6C. Periksa kembali kodenya.")
    response = render(request, "services/documents/verify_lookup.html",
                      {"typed": typed, "error": error}, status=400 if error else 200)
    return _public(response, NO_STORE if typed else GENUINE_CACHE_CONTROL)


# No CSRF token: the file check changes nothing and stores nothing, and its answer goes only to the
# browser that sent the file. Exempting it also keeps the upload out of the CSRF middleware, which
# would parse the whole body before the view could hash it in passing and cap its size.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """/verifikasi/<code>/: is this document genuine? Shows what the agency issued (title,
    agency, number, date, standing, fingerprint) and nothing about the person it was issued to.
    A POSTed PDF is compared with the issued file by SHA-256."""
    canonical = documents.normalise_code(code)
    if canonical is not None and canonical != code:
        return redirect("services_documents:verify", code=canonical)
    document = queries.document_by_verification_code(canonical or "")
    if document is None:
        response = render(request, "services/documents/verify_unknown.html",
                          {"typed": code[:64]}, status=404)
        return _public(response, NO_STORE)

    check: dict[str, Any] | None = None
    if request.method == "POST":
        if not _check_allowed(request):
            return _public(render(request, "429.html", status=429), NO_STORE)
        digest, error = _sha256_of_upload(request)
        check = {"error": error} if digest is None else {
            "matches": hmac.compare_digest(digest, document.sha256), "sha256": digest}

    application = document.application
    response = render(request, "services/documents/verify.html", {
        "document": document,
        "title": application.service.output,
        "agency_name": application.agency.name,
        "number": application.tracking_no,
        "issued_at": document.created_at,
        "standing": _standing(document),
        "fingerprint": documents.short_fingerprint(document.sha256),
        "check": check,
        "max_mb": CHECK_MAX_BYTES // (1024 * 1024),
    }, status=400 if check and check.get("error") else 200)
    return _public(response, GENUINE_CACHE_CONTROL if check is None else NO_STORE)


@require_GET
@login_required
def download(request: HttpRequest, document_id: int) -> HttpResponse:
    """An application's file for someone who may see the application; 404 for everyone else (as
    for a document that does not exist: nothing is revealed). Staff views are audited."""
    document = queries.document_for(request.user, document_id)
    if document is None:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    if document.application.citizen_id != request.user.pk:
        record_audit(actor=request.user, action="application.document_viewed",
                     target=document.application,
                     details={"document_id": document.pk, "kind": document.kind})
    response = FileResponse(handle, as_attachment=True,
                            filename=documents.download_filename(document),
                            content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
