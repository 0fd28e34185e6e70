"""What a citizen can report, and who answers for it. Each category has one responsible agency
(the one that fixes it) and, for Open311 clients, the attributes its form asks for.

The mapping follows how Makassar divides the work: roads and drains are Dinas PU's, street
lights Dishub's (penerangan jalan umum), rubbish and fallen trees DLH's (pertamanan), public
facilities Disperkim's, complaints about a public service the Inspektorat's, and what fits
nowhere goes to Diskominfo's operators, who pass it on."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    JALAN_RUSAK = "jalan_rusak", _("Jalan rusak")
    LAMPU_JALAN = "lampu_jalan", _("Lampu jalan")
    SAMPAH = "sampah", _("Sampah")
    DRAINASE_BANJIR = "drainase_banjir", _("Drainase/banjir")
    POHON_TUMBANG = "pohon_tumbang", _("Pohon tumbang")
    FASILITAS_UMUM = "fasilitas_umum", _("Fasilitas umum")
    PELAYANAN_PUBLIK = "pelayanan_publik", _("Pelayanan publik")
    LAINNYA = "lainnya", _("Lainnya")


@dataclass(frozen=True)
class Attribute:
    """One extra question of a category (Open311 service definition attribute)."""

    code: str
    description: Promise
    datatype: str = "string"  # Open311: string, number, datetime, text, singlevaluelist, multivaluelist
    required: bool = False
    values: tuple[tuple[str, Promise], ...] = ()


@dataclass(frozen=True)
class CategoryInfo:
    agency_code: str
    description: Promise
    keywords: tuple[str, ...] = ()
    attributes: tuple[Attribute, ...] = field(default_factory=tuple)


SIZE = (("kecil", _("Kecil (kurang dari 1 meter)")), ("sedang", _("Sedang (1–5 meter)")),
        ("besar", _("Besar (lebih dari 5 meter)")))

CATEGORIES: dict[str, CategoryInfo] = {
    Category.JALAN_RUSAK: CategoryInfo(
        "DPU", _("Jalan berlubang, retak atau amblas."), ("jalan", "lubang", "aspal"),
        (Attribute("ukuran", _("Seberapa besar kerusakannya?"), "singlevaluelist", False, SIZE),)),
    Category.LAMPU_JALAN: CategoryInfo(
        "DISHUB", _("Lampu penerangan jalan umum mati, berkedip atau tiangnya rusak."),
        ("lampu", "pju", "penerangan"),
        (Attribute("nomor_tiang", _("Nomor tiang lampu, bila terlihat")),)),
    Category.SAMPAH: CategoryInfo(
        "DLH", _("Sampah menumpuk, tidak diangkut, atau dibuang sembarangan."),
        ("sampah", "kebersihan")),
    Category.DRAINASE_BANJIR: CategoryInfo(
        "DPU", _("Saluran tersumbat, genangan atau banjir."), ("banjir", "got", "selokan"),
        (Attribute("kedalaman_cm", _("Perkiraan kedalaman genangan (cm)"), "number"),)),
    Category.POHON_TUMBANG: CategoryInfo(
        "DLH", _("Pohon tumbang atau dahan yang membahayakan."), ("pohon", "dahan"),
        (Attribute("menghalangi_jalan", _("Apakah menghalangi jalan?"), "singlevaluelist", False,
                   (("ya", _("Ya")), ("tidak", _("Tidak")))),)),
    Category.FASILITAS_UMUM: CategoryInfo(
        "DISPERKIM", _("Taman, trotoar, halte, toilet umum atau fasilitas kota lain yang rusak."),
        ("taman", "trotoar", "fasilitas")),
    Category.PELAYANAN_PUBLIK: CategoryInfo(
        "INSPEKTORAT", _("Pelayanan kantor pemerintah kota yang lambat, dipersulit atau "
                         "dipungut biaya tidak resmi."), ("pungli", "pelayanan")),
    Category.LAINNYA: CategoryInfo(
        "DISKOMINFO", _("Masalah lain di kota; operator meneruskannya ke OPD yang tepat."), ()),
}


def info(category: str) -> CategoryInfo:
    return CATEGORIES[category]


def attribute(category: str, code: str) -> Attribute | None:
    return next((a for a in CATEGORIES[category].attributes if a.code == code), None)
