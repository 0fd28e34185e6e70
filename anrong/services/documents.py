"""Output documents (issue "Layanan" item 4): the PDF an agency issues when it approves an
application, with a QR code pointing to the public verification page, and the pieces around it.

Pure functions only: nothing here stores a Document (that is the approve action's business).

Rendering never touches the network or the disk: WeasyPrint gets a URL fetcher that serves
`data:` URLs and refuses everything else (an answer cannot smuggle in a tracker image or read
/etc/passwd through a `file:` URL; autoescaping already stops markup, this stops what slips by).
Fonts come from the system (fontconfig), the QR code is a `data:` PNG.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from typing import Any

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from anrong.core.formatting import tanggal
from anrong.core.uploads import KNOWN_TYPES

# The tracking numbers' alphabet (no 0/O, 1/I/L, U): a code can be read out and typed by hand.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 4
CODE_GROUP_LENGTH = 6
# 24 characters of 30: log2(30) * 24 ≈ 117.8 bits. Enough that nobody finds a valid code by trying.
CODE_PATTERN = re.compile(
    rf"^[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}}(-[{CODE_ALPHABET}]{{{CODE_GROUP_LENGTH}}})"
    rf"{{{CODE_GROUPS - 1}}}$")

TEMPLATE = "services/documents/output.html"


def new_verification_code() -> str:
    """A fresh code for an output document's QR, like `7Q4M9X-H3KD2P-WZ8RTB-5NFG6C`
    (27 characters; Document.verification_code holds 32)."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
              for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalise_code(value: str) -> str | None:
    """A code as someone typed it (lower case, spaces, without or with other dashes) in its stored
    form, or None when it cannot be one of ours."""
    compact = re.sub(r"[\s\-_.]", "", (value or "").upper())
    if len(compact) != CODE_GROUPS * CODE_GROUP_LENGTH:
        return None
    code = "-".join(compact[i:i + CODE_GROUP_LENGTH]
                    for i in range(0, len(compact), CODE_GROUP_LENGTH))
    return code if CODE_PATTERN.match(code) else None


def verification_url(code: str) -> str:
    """The absolute address of the public verification page for `code` (printed and in the QR)."""
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("services_documents:verify", args=[code])


def short_fingerprint(sha256: str) -> str:
    """The first 16 hex digits of a SHA-256 in groups of four: enough to compare by eye."""
    head = (sha256 or "")[:16].upper()
    return " ".join(head[i:i + 4] for i in range(0, len(head), 4))


class OfflineFetcher(URLFetcher):
    """Serves `data:` URLs; refuses (and remembers) every other URL, so a render never fetches."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not url.lower().startswith("data:"):
            self.refused.append(url)
            raise ValueError(f"Anrong renders offline; refused {url[:100]!r}")
        return super().fetch(url, headers)


def html_to_pdf(html: str, *, fetcher: OfflineFetcher | None = None) -> bytes:
    """PDF bytes from a complete HTML document, with no network or file access."""
    return HTML(string=html, base_url=None, url_fetcher=fetcher or OfflineFetcher()).write_pdf()


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a PNG data URI, one pixel a module with the 4-module quiet zone;
    the stylesheet scales it up without smoothing. Error correction M survives a creased print."""
    return segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=4)


def _answer_rows(application: Any) -> list[dict[str, Any]]:
    """The answers as {label, value} rows, in form order and in Indonesian (an official letter)."""
    from django.utils import translation

    from .formdef import display_answers

    with translation.override("id"):
        return [{"label": row["label"], "value": str(row["value"])}
                for row in display_answers(application.form_version.fields, application.answers)]


def render_output_html(application: Any, *, verification_code: str, issued_at: dt.datetime,
                       officer: Any) -> str:
    """The HTML the PDF is made from (kept apart so the page can be checked on its own)."""
    url = verification_url(verification_code)
    profile = getattr(application.citizen, "citizen_profile", None)
    with translation.override("id"):  # an official document of the city: Indonesian
        return render_to_string(TEMPLATE, {
            "application": application,
            "service": application.service,
            "agency": application.agency,
            "citizen_name": profile.full_name if profile else "",
            "answers": _answer_rows(application),
            "issued_on": tanggal(issued_at, lang="id"),
            "officer_name": (officer.get_full_name() or str(officer)) if officer else "",
            "verification_code": verification_code,
            "verification_url": url,
            "qr": qr_data_uri(url),
        })


def render_output_pdf(application: Any, *, verification_code: str, issued_at: dt.datetime,
                      officer: Any) -> bytes:
    """The output document of an approved application, as PDF bytes (A4)."""
    return html_to_pdf(render_output_html(application, verification_code=verification_code,
                                          issued_at=issued_at, officer=officer))


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")


def download_filename(document: Any) -> str:
    """The name a browser saves a document under: `<tracking no>.pdf` for an output; for an
    upload, the citizen's own file name reduced to plain characters (no path, no control or
    quoting characters), with the extension its real type calls for."""
    application = document.application
    extensions = KNOWN_TYPES.get(document.content_type, ("", (".bin",)))[1]
    if document.kind == "output":
        return f"{application.tracking_no}{extensions[0]}"
    name = unicodedata.normalize("NFKD", (document.original_name or "").replace("\\", "/"))
    name = name.rsplit("/", 1)[-1].encode("ascii", "ignore").decode()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._-")[:80]
    if not stem:
        stem = f"{application.tracking_no}-{document.field_name or 'berkas'}"
    suffix = f".{ext.lower()}" if f".{ext.lower()}" in extensions else extensions[0]
    return f"{stem}{suffix}"
