"""Lapor's part of a person's data rights (UU 27/2022): what it holds about them, and what
happens to it when their account is deleted."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import Report, ReportFollower

KEPT = (_("Laporan yang pernah Anda kirim tetap ada tanpa nama dan kontak Anda: isinya tentang "
          "masalah di tempat umum yang sedang atau sudah ditangani OPD."),)


def personal_data(user: Any) -> dict[str, Any]:
    reports = Report.objects.filter(reporter=user).order_by("created_at")
    return {
        "reports": [
            {"tracking_no": r.tracking_no, "category": r.category, "description": r.description,
             "address": r.address, "lat": r.lat, "lng": r.lng, "is_public": r.is_public,
             "status": r.status, "created_at": r.created_at.isoformat()}
            for r in reports
        ],
        "following": list(ReportFollower.objects.filter(user=user)
                          .values_list("report__tracking_no", flat=True)),
    }


def anonymise(user: Any) -> list[str]:
    """Inside the account deletion's transaction: the person's reports lose who made them, and
    they stop following anything."""
    ReportFollower.objects.filter(user=user).delete()
    count = Report.objects.filter(reporter=user).update(reporter=None)
    return [str(KEPT[0])] if count else []
