"""The attendance list as files: XLSX (openpyxl) and CSV, times in WITA. Cells that a
spreadsheet would run as a formula (a name starting with =, +, -, @) are written as text."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from anrong.core.workdays import to_wita

from .models import Meeting
from .queries import attendance_list

TIME_FORMAT = "%Y-%m-%d %H:%M"


def headers() -> list[str]:
    return [_("Nama"), _("Instansi"), _("Masuk pertama (WITA)"), _("Keluar terakhir (WITA)"),
            _("Menit hadir"), _("Masuk ulang")]


def _safe(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _rows(meeting: Meeting) -> list[list[Any]]:
    rows = []
    for row in attendance_list(meeting):
        last = row["last_leave"]
        rows.append([_safe(row["name"]), _safe(row["agency"]),
                     to_wita(row["first_join"]).replace(tzinfo=None),
                     to_wita(last).replace(tzinfo=None) if last else None,
                     row["minutes_present"], row["rejoins"]])
    return rows


def filename(meeting: Meeting, extension: str) -> str:
    return f"kehadiran-{meeting.code}.{extension}"


def attendance_xlsx(meeting: Meeting) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kehadiran")[:31]
    sheet.append([meeting.title])
    sheet["A1"].font = Font(bold=True)
    sheet.append([f"{meeting.code} · {to_wita(meeting.starts_at).strftime(TIME_FORMAT)} WITA"])
    sheet.append([])
    sheet.append(headers())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in _rows(meeting):
        sheet.append(row)
        for column in (3, 4):
            sheet.cell(row=sheet.max_row, column=column).number_format = "yyyy-mm-dd hh:mm"
    for letter, width in zip("ABCDEF", (32, 24, 20, 20, 12, 12), strict=True):
        sheet.column_dimensions[letter].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def attendance_csv(meeting: Meeting) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers())
    for row in _rows(meeting):
        writer.writerow([value.strftime(TIME_FORMAT) if hasattr(value, "strftime") else
                         ("" if value is None else value) for value in row])
    return out.getvalue()
