"""Makassar's agencies as demo data: the 50 city agencies and 37 puskesmas from the fixtures
shipped in this app, each with an office on the map and, for the main agencies, a few units.
Idempotent: seeding twice changes nothing.

Locations: puskesmas use the Kemenkes facility coordinates (2019). The city hall (Balai Kota
Makassar, Jl. Ahmad Yani No. 2) houses the Sekretariat Daerah. For the other agencies we do not
have verified addresses, so their office is placed at a representative point inside their
kecamatan (kecamatan offices) or at the city hall, and the address says plainly that the
location is approximate. Staff correct them in the console (`actions.update_office`).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from shapely.geometry import shape

from anrong.core.models import Region
from anrong.core.queries import boundary_of, region_at

from .models import Agency, Office, Unit

FIXTURES = Path(__file__).resolve().parent / "fixtures"

CITY_HALL = (Decimal("-5.133800"), Decimal("119.411700"))
CITY_HALL_ADDRESS = "Balai Kota Makassar, Jl. Ahmad Yani No. 2, Makassar"
HOUSED_AT_CITY_HALL = {"SETDA"}

# Readable codes, as the agencies are commonly abbreviated in Makassar. Every row of the
# agency fixture except the kecamatan (KEC-<NAME>) must be listed here.
CODES: dict[str, tuple[str, str]] = {
    "Sekretariat Daerah Kota Makassar": ("SETDA", "Setda"),
    "Sekretariat DPRD Kota Makassar": ("SETWAN", "Sekretariat DPRD"),
    "Inspektorat Daerah Kota Makassar": ("INSPEKTORAT", "Inspektorat"),
    "Dinas Komunikasi dan Informatika Kota Makassar": ("DISKOMINFO", "Diskominfo"),
    "Dinas Pendidikan Kota Makassar": ("DISDIK", "Disdik"),
    "Dinas Kesehatan Kota Makassar": ("DINKES", "Dinkes"),
    "Dinas Pekerjaan Umum Kota Makassar": ("DPU", "Dinas PU"),
    "Dinas Perumahan dan Kawasan Permukiman Kota Makassar": ("DISPERKIM", "Disperkim"),
    "Dinas Sosial Kota Makassar": ("DINSOS", "Dinsos"),
    "Dinas Ketenagakerjaan Kota Makassar": ("DISNAKER", "Disnaker"),
    "Dinas Pemberdayaan Perempuan dan Perlindungan Anak Kota Makassar": ("DP3A", "DP3A"),
    "Dinas Ketahanan Pangan Kota Makassar": ("DKP", "Dinas Ketahanan Pangan"),
    "Dinas Lingkungan Hidup Kota Makassar": ("DLH", "DLH"),
    "Dinas Kependudukan dan Pencatatan Sipil Kota Makassar": ("DISDUKCAPIL", "Disdukcapil"),
    "Dinas Pengendalian Penduduk dan Keluarga Berencana Kota Makassar": ("DPPKB", "DPPKB"),
    "Dinas Perhubungan Kota Makassar": ("DISHUB", "Dishub"),
    "Dinas Koperasi dan Usaha Kecil Menengah Kota Makassar": ("DISKOPUKM", "Dinas Koperasi dan UKM"),
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Makassar": ("DPMPTSP", "DPMPTSP"),
    "Dinas Pemuda dan Olahraga Kota Makassar": ("DISPORA", "Dispora"),
    "Dinas Perpustakaan Kota Makassar": ("DISPUSTAKA", "Dinas Perpustakaan"),
    "Dinas Kebudayaan Kota Makassar": ("DISBUD", "Disbud"),
    "Dinas Pariwisata Kota Makassar": ("DISPAR", "Dispar"),
    "Dinas Perikanan dan Pertanian Kota Makassar": ("DP2", "Dinas Perikanan dan Pertanian"),
    "Dinas Perdagangan Kota Makassar": ("DISDAG", "Disdag"),
    "Dinas Perindustrian Kota Makassar": ("DISPERIN", "Disperin"),
    "Badan Perencanaan Pembangunan Daerah Kota Makassar": ("BAPPEDA", "Bappeda"),
    "Badan Keuangan dan Aset Daerah Kota Makassar": ("BKAD", "BKAD"),
    "Badan Pendapatan Daerah Kota Makassar": ("BAPENDA", "Bapenda"),
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Daerah Kota Makassar": (
        "BKPSDMD", "BKPSDMD"),
    "Badan Kesatuan Bangsa dan Politik Kota Makassar": ("KESBANGPOL", "Kesbangpol"),
    "Badan Penanggulangan Bencana Daerah Kota Makassar": ("BPBD", "BPBD"),
    "Satuan Polisi Pamong Praja Kota Makassar": ("SATPOLPP", "Satpol PP"),
    "Rumah Sakit Umum Daerah Daya Kota Makassar": ("RSUD-DAYA", "RSUD Daya"),
    "Dinas Pemadam Kebakaran Kota Makassar": ("DAMKAR", "Damkar"),
    "Badan Penelitian dan Pengembangan Daerah Kota Makassar": ("BALITBANGDA", "Balitbangda"),
}

KINDS = {"satpol_pp": Agency.Kind.SATPOL}

UNITS: dict[str, tuple[str, ...]] = {
    "DISDUKCAPIL": (
        "Sekretariat",
        "Bidang Pelayanan Pendaftaran Penduduk",
        "Bidang Pelayanan Pencatatan Sipil",
        "Bidang Pengelolaan Informasi Administrasi Kependudukan dan Pemanfaatan Data",
    ),
    "DINKES": (
        "Sekretariat",
        "Bidang Kesehatan Masyarakat",
        "Bidang Pencegahan dan Pengendalian Penyakit",
        "Bidang Pelayanan Kesehatan",
        "Bidang Sumber Daya Kesehatan",
    ),
    "DISKOMINFO": (
        "Sekretariat",
        "Bidang Informasi dan Komunikasi Publik",
        "Bidang Aplikasi Informatika",
        "Bidang Persandian dan Statistik",
    ),
    "DPMPTSP": (
        "Sekretariat",
        "Bidang Pelayanan Perizinan dan Non Perizinan",
        "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
        "Bidang Promosi dan Pengendalian Penanaman Modal",
    ),
    "BKPSDMD": (
        "Sekretariat",
        "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
        "Bidang Pengembangan Kompetensi Aparatur",
    ),
    "DISKOPUKM": ("Sekretariat", "Bidang Usaha Mikro", "Bidang Koperasi"),
    "SATPOLPP": ("Sekretariat", "Bidang Penegakan Perda", "Bidang Ketertiban Umum"),
}

# A Kemenkes coordinate that falls outside every kelurahan polygon is moved to a point inside
# the kelurahan the address names, and the address says so.
PUSKESMAS_CORRECTIONS = {
    # 2019 coordinate lies about 1 km north of Pulau Barrang Lompo, in the sea.
    "P7371080103": "73.71.15.1002",
}


def _rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _point_inside(region: Region) -> tuple[Decimal, Decimal]:
    point = shape(boundary_of(region)).representative_point()
    return _coord(point.y), _coord(point.x)


def _coord(value: float) -> Decimal:
    return Decimal(str(round(value, 6)))


def _office(agency: Agency, *, name: str, address: str, lat: Decimal, lng: Decimal) -> Office:
    office, _ = Office.objects.update_or_create(
        agency=agency, name=name,
        defaults={"address": address, "lat": lat, "lng": lng, "is_main": True,
                  "kelurahan": region_at(float(lat), float(lng))},
    )
    return office


def _seed_city_agencies(kecamatan: dict[str, Region]) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for row in _rows("makassar_agencies.csv"):
        name, kind = row["name"].strip(), KINDS.get(row["kind"], row["kind"])
        region = None
        if kind == Agency.Kind.KECAMATAN:
            place = name.removeprefix("Kecamatan ").removesuffix(" Kota Makassar")
            region = kecamatan[place]
            code, short_name = f"KEC-{slugify(place).upper()}", f"Kecamatan {place}"
        else:
            code, short_name = CODES[name]
        agency, _ = Agency.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short_name, "kind": kind, "region": region},
        )
        agencies[code] = agency
        if region is not None:
            lat, lng = _point_inside(region)
            address = (f"Lokasi perkiraan: sebuah titik di wilayah Kecamatan {region.name}. "
                       "Alamat kantor camat belum diverifikasi.")
        elif code in HOUSED_AT_CITY_HALL:
            (lat, lng), address = CITY_HALL, CITY_HALL_ADDRESS
        else:
            (lat, lng) = CITY_HALL
            address = ("Lokasi perkiraan: titik Balai Kota Makassar (Jl. Ahmad Yani No. 2). "
                       "Alamat kantor belum diverifikasi.")
        _office(agency, name=f"Kantor {short_name}", address=address, lat=lat, lng=lng)
    return agencies


def _seed_puskesmas(dinkes: Agency) -> int:
    count = 0
    for row in _rows("makassar_puskesmas.csv"):
        name = row["name"].strip()
        agency, _ = Agency.objects.update_or_create(
            code=f"PKM-{slugify(name.removeprefix('Puskesmas ')).upper()}",
            defaults={"name": name, "short_name": name, "kind": Agency.Kind.PUSKESMAS,
                      "parent": dinkes, "facility_code": row["kemenkes_code"]},
        )
        lat, lng, address = _coord(float(row["lat"])), _coord(float(row["lng"])), row["address"]
        corrected = PUSKESMAS_CORRECTIONS.get(row["kemenkes_code"])
        if corrected:
            lat, lng = _point_inside(Region.objects.get(code=corrected))
            address += " (titik lokasi perkiraan di pulau; koordinat Kemenkes 2019 jatuh di laut)"
        _office(agency, name=name, address=address, lat=lat, lng=lng)
        count += 1
    return count


@transaction.atomic
def seed_agencies(**_: object) -> str:
    kecamatan = {r.name: r for r in Region.objects.filter(level=Region.Level.KECAMATAN,
                                                          parent_id="73.71")}
    agencies = _seed_city_agencies(kecamatan)
    puskesmas = _seed_puskesmas(agencies["DINKES"])
    for code, names in UNITS.items():
        for unit_name in names:
            Unit.objects.get_or_create(agency=agencies[code], name=unit_name)
    return f"{len(agencies)} OPD, {puskesmas} puskesmas"
