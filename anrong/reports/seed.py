"""Demo reports for `make run` (DEBUG only, like the demo accounts): thirteen reports around the
city, filed and worked through the same actions as real ones, so the map, the list and the
agencies' queues are not empty."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from shapely.geometry import shape

from anrong.core.models import Region

DEMO_PHONES = ("+6281200000001", "+6281200000002", "+6281200000003")
# (category, kelurahan code, description, how far the agency took it)
PLAN = [
    ("lampu_jalan", "73.71.04.1005", "Tiga lampu jalan di Jl. Ahmad Yani mati sejak Senin malam.",
     "in_progress"),
    ("jalan_rusak", "73.71.13.1007", "Lubang besar di tengah jalan, sudah dua motor jatuh.",
     "verified"),
    ("sampah", "73.71.09.1008", "Sampah di pinggir kanal belum diangkut seminggu.", "resolved"),
    ("drainase_banjir", "73.71.01.1002", "Got tersumbat, air meluap ke jalan setiap hujan.",
     "received"),
    ("pohon_tumbang", "73.71.06.1003", "Dahan besar patah menggantung di atas trotoar.",
     "resolved_confirmed"),
    ("fasilitas_umum", "73.71.03.1001", "Bangku taman patah dan lampu taman mati.", "received"),
    ("lampu_jalan", "73.71.11.1001", "Lampu jalan berkedip terus di depan sekolah.", "received"),
    ("jalan_rusak", "73.71.10.1002", "Aspal amblas di dekat jembatan.", "in_progress"),
    ("sampah", "73.71.07.1004", "Orang membuang sampah di lahan kosong tiap malam.", "verified"),
    ("sampah", "73.71.04.1002", "Sampah menumpuk di halaman rumah kosong di belakang pasar.",
     "rejected"),
    ("pelayanan_publik", "73.71.05.1003", "Antrean di kantor kelurahan tidak tertib dan lama.",
     "received"),
    ("drainase_banjir", "73.71.12.1003", "Genangan setinggi lutut setelah hujan dua jam.",
     "received"),
    ("lainnya", "73.71.02.1001", "Papan nama jalan hilang di persimpangan.", "received"),
]


def _point(code: str) -> tuple[float, float] | None:
    region = Region.objects.filter(code=code).select_related("boundary").first()
    if region is None or not hasattr(region, "boundary"):
        return None
    point = shape(region.boundary.geometry).representative_point()
    return round(point.y, 6), round(point.x, 6)


def _staff_of(agency: Any) -> Any:
    membership = agency.memberships.filter(is_active=True, user__is_active=True).first()
    return membership.user if membership else None


def seed_reports(**_: object) -> str:
    from anrong.accounts.actions.identity import register_citizen_by_phone
    from anrong.accounts.demo import demo_accounts_allowed

    from . import actions
    from .models import Report

    if not demo_accounts_allowed():
        return "demo reports skipped (DEBUG is off)"
    if Report.objects.exists():
        return "demo reports already there"
    User = get_user_model()
    reporters = []
    for phone in DEMO_PHONES:
        user = User.objects.filter(phone=phone).first() or register_citizen_by_phone(phone=phone)
        reporters.append(user)
    filed = 0
    for n, (category, code, description, stage) in enumerate(PLAN):
        point = _point(code)
        if point is None:
            continue
        reporter = reporters[n % len(reporters)]
        report = actions.submit_report(reporter=reporter, category=category,
                                       description=description, lat=point[0], lng=point[1],
                                       is_public=True)
        filed += 1
        officer = _staff_of(report.agency)
        if officer is None or stage == "received":
            continue
        if stage == "rejected":
            actions.reject(actor=officer, report=report,
                           reason="Lokasinya lahan pribadi: pemiliknya yang wajib membersihkan. "
                                  "Kelurahan sudah menegur pemiliknya.")
            continue
        report = actions.verify(actor=officer, report=report)
        if stage == "verified":
            continue
        report = actions.start_work(actor=officer, report=report,
                                    note="Petugas dijadwalkan ke lokasi.")
        if stage == "in_progress":
            continue
        report = actions.resolve(actor=officer, report=report, note="Sudah diperbaiki petugas.")
        if stage == "resolved_confirmed":
            actions.confirm(actor=reporter, report=report)
    return f"{filed} demo reports filed"
