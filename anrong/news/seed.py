"""Makaverse News demo data: the page tree, articles, and Cek Fakta's claims and verdicts."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from .pages import ensure_newsroom

# (title, category, kecamatan name or "", tags, lead, paragraphs)
DEMO_ARTICLES = [
    ("Puskesmas Kassi-Kassi kini buka 24 jam", "kesehatan", "Rappocini", ("puskesmas", "layanan malam"),
     "Warga Rappocini dan sekitarnya dapat berobat kapan saja mulai pekan ini.",
     ("Layanan gawat darurat, persalinan dan rawat jalan tersedia sepanjang malam.",
      "Dinas Kesehatan menambah enam dokter dan dua belas perawat untuk jadwal malam.")),
    ("Perbaikan Jalan Perintis Kemerdekaan dimulai", "infrastruktur", "Tamalanrea", ("jalan",),
     "Dinas PU menambal lubang sepanjang dua kilometer; lalu lintas dialihkan sebagian.",
     ("Pekerjaan dilakukan malam hari, pukul 22.00 sampai 05.00 WITA, selama dua minggu.",)),
    ("Festival Kuliner Pantai Losari digelar akhir pekan", "budaya", "Ujung Pandang", ("losari", "kuliner"),
     "Coto, konro dan pisang epe dari 120 pedagang UMKM hadir di anjungan Losari.",
     ("Festival dibuka Sabtu pukul 16.00 WITA dan gratis untuk umum.",)),
    ("Pendaftaran sekolah negeri dibuka secara daring", "pendidikan", "", ("ppdb", "sekolah"),
     "Orang tua mendaftarkan anak lewat aplikasi; kuota zonasi diumumkan Senin.",
     ("Siapkan kartu keluarga dan akta kelahiran anak dalam bentuk foto.",)),
    ("Harga beras di pasar tradisional stabil", "ekonomi", "Wajo", ("pasar", "harga"),
     "Pemantauan Dinas Perdagangan di Pasar Terong dan Pasar Butung menunjukkan harga tetap.",
     ("Stok beras cukup sampai akhir tahun, kata kepala dinas.",)),
    ("PSM Makassar menang di kandang", "olahraga", "", ("psm",),
     "Tim Juku Eja menang 2-1 dan naik ke papan atas klasemen.",
     ("Pertandingan berikutnya digelar di Parepare pekan depan.",)),
    ("Wali Kota lantik camat dan lurah baru", "pemerintahan", "", ("pelantikan",),
     "Dua puluh pejabat kewilayahan dilantik di Balai Kota.",
     ("Para pejabat diminta segera menyapa warga dan menindaklanjuti laporan Lapor.",)),
]


def _demo_user(local: str) -> Any:
    from anrong.accounts.demo import DEMO_DOMAIN

    return get_user_model().objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def seed_articles() -> int:
    from anrong.core.models import Region

    from .models import ArticlePage

    if ArticlePage.objects.exists():
        return 0
    news, _checks = ensure_newsroom()
    editor = _demo_user("redaksi")
    now = timezone.now()
    for n, (title, category, kecamatan, tags, lead, paragraphs) in enumerate(DEMO_ARTICLES):
        article = ArticlePage(
            title=title, lead=lead, category=category,
            kecamatan=Region.objects.filter(level="kecamatan", name=kecamatan).first() if kecamatan else None,
            body=[("paragraph", f"<p>{p}</p>") for p in paragraphs], live=False)
        news.add_child(instance=article)
        article.tags.add(*tags)
        article.save_revision(user=editor).publish(user=editor)
        published = now - dt.timedelta(hours=5 * n + 1)
        ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published,
                                                         last_published_at=published)
    return len(DEMO_ARTICLES)


def seed_news(**kwargs: Any) -> str:
    ensure_newsroom()
    from anrong.accounts.demo import demo_accounts_allowed

    from . import actions

    actions.ensure_newsroom_groups()
    done = ["the newsroom's page tree, groups and workflow"]
    if demo_accounts_allowed():
        editor, reporter = _demo_user("redaksi"), _demo_user("petugas.dinkes")
        if editor is not None:
            from django.contrib.auth.models import Group

            editor.groups.add(Group.objects.get(name="Editor"))  # the first editor: nobody to add them
            if reporter is not None and not reporter.groups.exists():
                actions.add_to_newsroom(actor=editor, user=reporter, role="reporter")
        done.append(f"{seed_articles()} demo articles")
    if importlib.util.find_spec("anrong.news.seed_factcheck") is not None:
        from . import seed_factcheck  # type: ignore[attr-defined]  # Cek Fakta's demo data

        done.append(seed_factcheck.seed_factcheck(**kwargs))
    return "; ".join(str(d) for d in done)
