"""What an agency API key may do: every scope, defined here and nowhere else.

A scope names a kind of access ("applications:act"); API endpoints state the scope they need
(`anrong.core.api_auth.key_or_person`), the console lists these as checkboxes, and a key holds a
subset. A module that adds key-callable endpoints adds its scope here in one line (Lapor:
`"complaints:read": _("Membaca pengaduan untuk OPD ini")`)."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCOPES: dict[str, Promise] = {
    "catalogue:read": _("Membaca katalog layanan"),
    "applications:read": _("Membaca antrean dan permohonan OPD ini"),
    "applications:act": _("Memproses permohonan OPD ini (ambil, verifikasi, minta perbaikan, "
                          "setujui, tolak), sama seperti di konsol"),
    "complaints:read": _("Membaca pengaduan (Lapor) untuk OPD ini, termasuk yang tidak publik"),
    "complaints:write": _("Mengirim pengaduan warga lewat Open311 (POST requests)"),
}


def choices() -> list[tuple[str, Promise]]:
    return list(SCOPES.items())


def label(scope: str) -> str:
    return str(SCOPES.get(scope, scope))


def unknown(scopes: list[str]) -> list[str]:
    return [scope for scope in scopes if scope not in SCOPES]
