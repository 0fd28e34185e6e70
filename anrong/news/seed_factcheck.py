"""Cek Fakta demo data for `make run` (DEBUG only, like the demo accounts): hoaxes forwarded by
the demo citizens through the same actions as real ones (one of them three times, worded
differently, so the queue shows a count), one verdict published by the demo editor (so
"Cek dulu" finds something), one claim dismissed."""

from __future__ import annotations

from typing import Any

DEMO_PHONES = ("+6281200000001", "+6281200000002", "+6281200000003")
BANSOS = (
    "*PENTING* Diteruskan!! Pemkot Makassar membagikan bantuan tunai Rp5 juta utk setiap warga "
    "yg punya KTP Makassar. Daftar di https://www.bantuan-makassar.xyz/daftar sebelum tgl 30. "
    "Sebarkan!!",
    "Info dari grup sebelah: pemkot makassar bagikan bantuan tunai 5 juta untuk setiap warga "
    "yang punya ktp makassar, daftar di bantuan-makassar.xyz sebelum tanggal 30",
    "Bantuan tunai Rp 5.000.000 dari Pemkot Makassar utk semua pemilik KTP Makassar!! daftar "
    "di bantuan-makassar.xyz sebelum tgl 30 ya",
)
PDAM = ("Air PDAM Makassar tercemar bakteri berbahaya, jangan diminum selama seminggu. "
        "Sebarkan ke keluarga!")
RAZIA = ("Besok ada razia kendaraan besar-besaran di Jl. Urip Sumoharjo, STNK mati langsung "
         "disita")
AJAKAN = "Ayo ramaikan lomba perahu di Pantai Losari hari Minggu!"


def seed_factcheck(**_: Any) -> str:
    from django.contrib.auth import get_user_model

    from anrong.accounts.actions.identity import register_citizen_by_phone
    from anrong.accounts.demo import DEMO_DOMAIN, demo_accounts_allowed

    from . import actions, permissions
    from .models import Claim, Verdict
    from .pages import ensure_newsroom

    if not demo_accounts_allowed():
        return "demo fact-checks skipped (DEBUG is off)"
    if Claim.objects.exists():
        return "demo fact-checks already there"
    ensure_newsroom()
    User = get_user_model()
    citizens = [User.objects.filter(phone=p).first() or register_citizen_by_phone(phone=p)
                for p in DEMO_PHONES]
    for citizen, text in zip(citizens, BANSOS, strict=True):
        actions.submit_claim(submitter=citizen, text=text)
    actions.submit_claim(submitter=citizens[1], text=PDAM)
    actions.submit_claim(submitter=citizens[2], text=PDAM.replace("Sebarkan ke keluarga!", ""))
    actions.submit_claim(submitter=citizens[0], text=RAZIA)
    actions.submit_claim(submitter=citizens[2], text=AJAKAN)
    editor = User.objects.filter(email=f"redaksi@{DEMO_DOMAIN}").first()
    if editor is None or not permissions.is_fact_checker(editor):
        return "demo claims sent (no demo editor to judge them)"
    bansos = Claim.objects.get(fingerprint__isnull=False, text=BANSOS[0].strip())
    actions.write_verdict(
        actor=editor, claim=bansos, title="Hoaks: Pemkot Makassar bagikan bantuan tunai Rp5 juta",
        verdict=Verdict.SALAH,
        summary="Pemkot Makassar tidak punya program bantuan tunai Rp5 juta; situs pendaftarannya "
                "palsu dan meminta data pribadi.",
        explanation="Dinas Sosial Kota Makassar memastikan tidak ada program bantuan tunai Rp5 "
                    "juta untuk pemilik KTP Makassar.\n\nSitus bantuan-makassar.xyz bukan milik "
                    "Pemkot: situs resmi berakhiran makassarkota.go.id. Jangan isi NIK atau nomor "
                    "HP Anda di situs itu.",
        sources=[("Dinas Sosial Kota Makassar", "https://makassarkota.go.id/")],
        appearance_text="Pesan berantai WhatsApp",
        appearance_url="https://bantuan-makassar.xyz/daftar")
    ajakan = Claim.objects.get(text=AJAKAN)
    actions.dismiss_claim(actor=editor, claim=ajakan,
                          reason="Ajakan acara, bukan klaim fakta yang perlu diperiksa.")
    return f"{Claim.objects.count()} demo claims, one verdict published"
