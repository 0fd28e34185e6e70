"""Starting forms for the services Makassar offers online ("Daring di Anrong"), so that a citizen
can apply on the first day. They follow the agencies' published requirements (Disdukcapil's
F-2.01 biodata and registration forms, Permendagri 109/2019 and 9/2016 for civil registration;
Permensos 3/2021 for DTKS) but, like the catalogue, are plausible starting points that each agency
must review in the form builder before they are presented as official.

Written only where the service has no form yet (no version at all), so seeding again never
overwrites what an agency admin has built. Every form ends with a declaration.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from .formdef import clean_definition
from .models import FormVersion, Service

PDF_OR_PHOTO = ["application/pdf", "image/jpeg", "image/png"]
PHOTO = ["image/jpeg", "image/png"]


def _field(type_: str, name: str, label: str, label_en: str, *, required: bool = True,
           help: str = "", help_en: str = "", **extra: Any) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": type_, "label": label, "label_en": label_en,
                             "required": required, **extra}
    if help:
        field["help"] = help
    if help_en:
        field["help_en"] = help_en
    return field


def text(name: str, label: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return _field("text", name, label, label_en, **kw)


def textarea(name: str, label: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return _field("textarea", name, label, label_en, **kw)


def number(name: str, label: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return _field("number", name, label, label_en, **kw)


def date(name: str, label: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return _field("date", name, label, label_en, **kw)


def nik(name: str, label: str, label_en: str, **kw: Any) -> dict[str, Any]:
    return _field("nik", name, label, label_en, **kw)


def choice(name: str, label: str, label_en: str, options: list[tuple[str, str, str]],
           **kw: Any) -> dict[str, Any]:
    return _field("choice", name, label, label_en, choices=_choices(options), **kw)


def multichoice(name: str, label: str, label_en: str, options: list[tuple[str, str, str]],
                **kw: Any) -> dict[str, Any]:
    return _field("multichoice", name, label, label_en, choices=_choices(options), **kw)


def upload(name: str, label: str, label_en: str, *, accept: list[str] = PDF_OR_PHOTO,
           max_size_mb: int = 2, **kw: Any) -> dict[str, Any]:
    return _field("file", name, label, label_en, accept=accept, max_size_mb=max_size_mb, **kw)


def when(field: str, equals: Any) -> dict[str, Any]:
    return {"show_if": {"field": field, "equals": equals}}


def _choices(options: list[tuple[str, str, str]]) -> list[dict[str, str]]:
    return [{"value": value, "label": label, "label_en": label_en}
            for value, label, label_en in options]


def kelurahan(label: str = "Kelurahan tempat tinggal",
              label_en: str = "Kelurahan where you live") -> dict[str, Any]:
    return _field("kelurahan", "kelurahan", label, label_en)


def phone() -> dict[str, Any]:
    return _field("phone", "nomor_hp", "Nomor HP yang dapat dihubungi",
                  "Mobile number we can reach you on",
                  help="Petugas menghubungi nomor ini bila ada yang perlu dilengkapi.",
                  help_en="Officers call this number if something needs to be completed.")


ADMINDUK_WARNING = {
    "help": "Memberikan keterangan palsu dalam dokumen kependudukan dapat dipidana (UU 23/2006 "
            "Pasal 93).",
    "help_en": "Giving false information in population documents is a criminal offence "
               "(Law 23/2006, Article 93).",
}


def declaration(extra: str = "", extra_en: str = "", *, civil_registry: bool = False
                ) -> dict[str, Any]:
    return _field(
        "declaration", "pernyataan",
        ("Saya menyatakan data dan dokumen yang saya sampaikan benar dan dapat "
         "dipertanggungjawabkan" + (f"; {extra}" if extra else "") + "."),
        ("I declare that the data and documents I submit are true and that I am accountable "
         "for them" + (f"; {extra_en}" if extra_en else "") + "."),
        **(ADMINDUK_WARNING if civil_registry else {}))


SEX = [("L", "Laki-laki", "Male"), ("P", "Perempuan", "Female")]
PICKUP = [("disdukcapil", "Kantor Disdukcapil Kota Makassar", "Disdukcapil office of Makassar"),
          ("kecamatan", "Kantor kecamatan tempat tinggal", "Office of my kecamatan")]
ADDRESS = textarea("alamat", "Alamat lengkap", "Full address", max_length=300,
                   help="Nama jalan, nomor rumah, RT/RW.", help_en="Street, house number, RT/RW.")


FORMS: dict[str, list[dict[str, Any]]] = {
    "DKC-AKTA-LAHIR": [
        text("nama_anak", "Nama lengkap anak", "Child's full name", max_length=100,
             help="Tulis persis seperti yang akan tercantum di akta kelahiran.",
             help_en="Write it exactly as it should appear on the birth certificate."),
        choice("jenis_kelamin", "Jenis kelamin anak", "Child's sex", SEX),
        date("tanggal_lahir", "Tanggal lahir", "Date of birth", max="today",
             help="Laporkan paling lambat 60 hari setelah anak lahir.",
             help_en="Report the birth within 60 days."),
        text("jam_lahir", "Jam lahir", "Time of birth", max_length=5, required=False,
             help="Misalnya 14.30 (WITA).", help_en="For example 14.30 (WITA)."),
        choice("tempat_lahir_jenis", "Tempat kelahiran", "Place of birth", [
            ("rumah_sakit", "Rumah sakit", "Hospital"), ("puskesmas", "Puskesmas", "Puskesmas"),
            ("klinik", "Klinik atau praktik bidan", "Clinic or midwife's practice"),
            ("rumah", "Rumah", "Home"), ("lainnya", "Lainnya", "Other")]),
        text("nama_tempat_lahir", "Nama tempat lahir", "Name of the place of birth",
             max_length=150,
             help="Nama rumah sakit, puskesmas atau klinik, misalnya RSIA Pertiwi; untuk "
                  "kelahiran di rumah, tulis alamatnya.",
             help_en="Name of the hospital, puskesmas or clinic, for example RSIA Pertiwi; for a "
                     "birth at home, write the address."),
        text("kota_lahir", "Kota atau kabupaten tempat lahir", "City or regency of birth",
             max_length=100, help="Misalnya Kota Makassar.", help_en="For example Kota Makassar."),
        choice("jenis_kelahiran", "Jenis kelahiran", "Type of birth", [
            ("tunggal", "Tunggal", "Single"), ("kembar_2", "Kembar dua", "Twins"),
            ("kembar_3", "Kembar tiga atau lebih", "Triplets or more")]),
        number("anak_ke", "Anak ke-", "Birth order", integer=True, min=1, max=20,
               help="Urutan kelahiran dari ibu yang sama, misalnya 2.",
               help_en="Order of birth to the same mother, for example 2."),
        choice("penolong", "Penolong kelahiran", "Birth attended by", [
            ("dokter", "Dokter", "Doctor"), ("bidan", "Bidan atau perawat", "Midwife or nurse"),
            ("dukun", "Dukun", "Traditional birth attendant"), ("lainnya", "Lainnya", "Other")]),
        number("berat_lahir", "Berat lahir (kg)", "Birth weight (kg)", min=0.3, max=7,
               required=False, help="Lihat surat keterangan lahir, misalnya 3,2.",
               help_en="See the birth letter, for example 3.2."),
        nik("nik_ibu", "NIK ibu", "Mother's NIK"),
        choice("status_perkawinan_ortu", "Status perkawinan orang tua",
               "Parents' marriage status", [
                   ("tercatat", "Menikah dan tercatat (ada buku nikah atau akta perkawinan)",
                    "Married and registered (marriage book or certificate)"),
                   ("belum_tercatat", "Menikah tetapi belum tercatat",
                    "Married but not registered"),
                   ("tidak_menikah", "Anak dari seorang ibu", "Child of a mother only")]),
        nik("nik_ayah", "NIK ayah", "Father's NIK", required=False,
            help="Kosongkan untuk anak dari seorang ibu.",
            help_en="Leave empty for the child of a mother only."),
        kelurahan("Kelurahan tempat tinggal orang tua", "Kelurahan where the parents live"),
        ADDRESS,
        phone(),
        upload("surat_lahir", "Surat keterangan lahir dari bidan, puskesmas atau rumah sakit",
               "Birth letter from the midwife, puskesmas or hospital"),
        upload("buku_nikah", "Buku nikah atau akta perkawinan orang tua",
               "Parents' marriage book or marriage certificate",
               **when("status_perkawinan_ortu", "tercatat")),
        upload("sptjm", "SPTJM kebenaran sebagai pasangan suami istri",
               "Statement of full responsibility (SPTJM) as husband and wife",
               help="Formulir SPTJM tersedia di kantor kelurahan dan Disdukcapil; ditandatangani "
                    "kedua orang tua dan dua saksi.",
               help_en="The SPTJM form is available at the kelurahan and Disdukcapil; signed by "
                       "both parents and two witnesses.",
               **when("status_perkawinan_ortu", "belum_tercatat")),
        upload("kartu_keluarga", "Kartu Keluarga orang tua", "Parents' family card (KK)",
               required=False, help="Tidak wajib; mempercepat pemeriksaan.",
               help_en="Optional; speeds up the check."),
        declaration(civil_registry=True),
    ],
    "DKC-AKTA-MATI": [
        nik("nik_almarhum", "NIK almarhum/almarhumah", "NIK of the deceased"),
        text("nama_almarhum", "Nama lengkap almarhum/almarhumah", "Full name of the deceased",
             max_length=100),
        date("tanggal_meninggal", "Tanggal meninggal", "Date of death", max="today",
             help="Laporkan paling lambat 30 hari setelah meninggal.",
             help_en="Report the death within 30 days."),
        text("jam_meninggal", "Jam meninggal", "Time of death", max_length=5, required=False,
             help="Misalnya 04.15 (WITA).", help_en="For example 04.15 (WITA)."),
        choice("tempat_meninggal", "Tempat meninggal", "Place of death", [
            ("rumah_sakit", "Rumah sakit atau puskesmas", "Hospital or puskesmas"),
            ("rumah", "Rumah", "Home"), ("lainnya", "Tempat lain", "Elsewhere")]),
        choice("sebab_kematian", "Sebab kematian", "Cause of death", [
            ("sakit", "Sakit biasa atau tua", "Illness or old age"),
            ("wabah", "Wabah penyakit", "Epidemic"), ("kecelakaan", "Kecelakaan", "Accident"),
            ("kriminalitas", "Kriminalitas", "Crime"), ("lainnya", "Lainnya", "Other")]),
        choice("yang_menerangkan", "Yang menerangkan kematian", "Death certified by", [
            ("dokter", "Dokter atau tenaga kesehatan", "Doctor or health worker"),
            ("kepolisian", "Kepolisian", "Police"),
            ("kelurahan", "Lurah atau kepala lingkungan", "Lurah or neighbourhood head")]),
        choice("hubungan_pelapor", "Hubungan Anda dengan almarhum/almarhumah",
               "Your relationship to the deceased", [
                   ("suami_istri", "Suami atau istri", "Husband or wife"),
                   ("anak", "Anak", "Child"), ("orang_tua", "Orang tua", "Parent"),
                   ("saudara", "Saudara", "Sibling"), ("lainnya", "Lainnya", "Other")]),
        kelurahan("Kelurahan tempat tinggal almarhum/almarhumah",
                  "Kelurahan where the deceased lived"),
        phone(),
        upload("surat_kematian", "Surat keterangan kematian dari rumah sakit, puskesmas atau "
                                 "kelurahan", "Death letter from the hospital, puskesmas or "
                                              "kelurahan"),
        upload("surat_kepolisian", "Surat keterangan dari kepolisian", "Police statement",
               **when("sebab_kematian", "kriminalitas")),
        upload("kk_almarhum", "Kartu Keluarga almarhum/almarhumah", "Family card of the deceased"),
        declaration("KTP-el almarhum/almarhumah akan saya serahkan bila diminta",
                    "I will hand over the deceased's KTP-el if asked", civil_registry=True),
    ],
    "DKC-KK-UBAH": [
        nik("nik_kepala", "NIK kepala keluarga", "NIK of the head of the family"),
        choice("alasan", "Perubahan apa yang Anda ajukan?", "What change are you asking for?", [
            ("kelahiran", "Menambah anggota: anak lahir", "Add a member: a child was born"),
            ("numpang", "Menambah anggota: ikut/numpang KK", "Add a member joining the family"),
            ("kematian", "Mengurangi anggota: meninggal", "Remove a member: death"),
            ("pindah", "Mengurangi anggota: pindah", "Remove a member who moved"),
            ("data", "Mengubah data anggota", "Change a member's details")]),
        text("nomor_akta_lahir", "Nomor akta kelahiran anak", "Child's birth certificate number",
             max_length=40, **when("alasan", "kelahiran")),
        upload("akta_lahir", "Akta kelahiran anak", "Child's birth certificate",
               **when("alasan", "kelahiran")),
        nik("nik_anggota_baru", "NIK anggota yang ditambahkan", "NIK of the member to add",
            **when("alasan", "numpang")),
        upload("surat_pindah", "Surat keterangan pindah (bila dari luar Makassar)",
               "Moving letter (if coming from outside Makassar)", required=False,
               **when("alasan", "numpang")),
        nik("nik_meninggal", "NIK anggota yang meninggal", "NIK of the member who died",
            **when("alasan", "kematian")),
        upload("akta_kematian", "Akta kematian", "Death certificate", **when("alasan", "kematian")),
        nik("nik_pindah", "NIK anggota yang pindah", "NIK of the member who moved",
            **when("alasan", "pindah")),
        textarea("alamat_tujuan", "Alamat tujuan pindah", "Address moved to", max_length=300,
                 **when("alasan", "pindah")),
        nik("nik_diubah", "NIK anggota yang datanya diubah", "NIK of the member whose details "
                                                              "change", **when("alasan", "data")),
        multichoice("data_diubah", "Data yang diubah", "Details to change", [
            ("pendidikan", "Pendidikan", "Education"), ("pekerjaan", "Pekerjaan", "Occupation"),
            ("status_kawin", "Status perkawinan", "Marital status"),
            ("agama", "Agama", "Religion"), ("nama", "Nama", "Name"),
            ("golongan_darah", "Golongan darah", "Blood type")], **when("alasan", "data")),
        upload("dokumen_pendukung", "Dokumen pendukung perubahan data",
               "Document supporting the change",
               help="Misalnya ijazah, buku nikah, akta cerai atau penetapan pengadilan.",
               help_en="For example a diploma, marriage book, divorce certificate or court order.",
               **when("alasan", "data")),
        kelurahan(),
        phone(),
        upload("kk_lama", "Kartu Keluarga yang sekarang", "Current family card (KK)"),
        declaration(civil_registry=True),
    ],
    "DKC-KIA": [
        nik("nik_anak", "NIK anak", "Child's NIK", help="Ada di Kartu Keluarga.",
            help_en="It is on the family card."),
        text("nama_anak", "Nama lengkap anak", "Child's full name", max_length=100),
        choice("kelompok_umur", "Umur anak", "Child's age", [
            ("bawah_5", "Belum 5 tahun", "Under 5"),
            ("5_17", "5 tahun sampai belum 17 tahun", "5 to under 17")]),
        upload("pas_foto", "Pas foto anak berwarna ukuran 2x3", "Child's colour photo (2x3)",
               accept=PHOTO, **when("kelompok_umur", "5_17")),
        choice("hubungan", "Anda adalah", "You are the child's", [
            ("ayah", "Ayah", "Father"), ("ibu", "Ibu", "Mother"), ("wali", "Wali", "Guardian")]),
        nik("nik_pemohon", "NIK Anda", "Your NIK"),
        kelurahan(),
        phone(),
        upload("akta_lahir", "Akta kelahiran anak", "Child's birth certificate"),
        upload("kartu_keluarga", "Kartu Keluarga", "Family card (KK)"),
        choice("tempat_ambil", "Ambil KIA di", "Collect the KIA at", PICKUP),
        declaration(civil_registry=True),
    ],
    "DKC-PINDAH-DATANG": [
        nik("nik_pemohon", "NIK Anda", "Your NIK"),
        text("nomor_skpwni", "Nomor Surat Keterangan Pindah (SKPWNI)",
             "Number of the moving letter (SKPWNI)", max_length=50),
        text("daerah_asal", "Kabupaten/kota asal", "Regency/city you come from", max_length=100,
             help="Misalnya Kabupaten Gowa.", help_en="For example Kabupaten Gowa."),
        date("tanggal_datang", "Tanggal mulai tinggal di Makassar", "Date you started living "
                                                                    "in Makassar", max="today"),
        choice("alasan_pindah", "Alasan pindah", "Reason for moving", [
            ("pekerjaan", "Pekerjaan", "Work"), ("pendidikan", "Pendidikan", "Education"),
            ("keluarga", "Keluarga", "Family"), ("perumahan", "Perumahan", "Housing"),
            ("kesehatan", "Kesehatan", "Health"), ("lainnya", "Lainnya", "Other")]),
        choice("status_kk", "Status Kartu Keluarga di Makassar", "Family card in Makassar", [
            ("kk_baru", "Membuat KK baru", "Make a new family card"),
            ("numpang", "Menumpang di KK yang sudah ada di Makassar",
             "Join a family card already in Makassar")]),
        nik("nik_kepala_tujuan", "NIK kepala keluarga yang ditumpangi",
            "NIK of the head of the family you join", **when("status_kk", "numpang")),
        number("jumlah_pindah", "Jumlah orang yang pindah", "Number of people moving",
               integer=True, min=1, max=20),
        kelurahan("Kelurahan tujuan di Makassar", "Kelurahan you moved to in Makassar"),
        ADDRESS,
        phone(),
        upload("skpwni", "Surat Keterangan Pindah (SKPWNI) dari daerah asal",
               "Moving letter (SKPWNI) from your previous regency/city"),
        upload("pengantar_rt", "Surat pengantar RT/RW tempat tinggal baru",
               "Cover letter from the RT/RW of your new home"),
        choice("tempat_ambil", "Ambil KK dan KTP-el di", "Collect the KK and KTP-el at", PICKUP),
        declaration(civil_registry=True),
    ],
    "DKC-KTP-GANTI": [
        nik("nik", "NIK Anda", "Your NIK"),
        choice("alasan", "Alasan penggantian", "Reason for the replacement", [
            ("hilang", "Hilang", "Lost"), ("rusak", "Rusak", "Damaged"),
            ("ubah_data", "Perubahan data", "Change of details")]),
        upload("surat_hilang", "Surat keterangan hilang dari kepolisian",
               "Police report of the loss", **when("alasan", "hilang")),
        upload("foto_ktp_rusak", "Foto KTP-el yang rusak", "Photo of the damaged KTP-el",
               accept=PHOTO, help="KTP-el yang rusak diserahkan saat mengambil yang baru.",
               help_en="Hand in the damaged KTP-el when you collect the new one.",
               **when("alasan", "rusak")),
        multichoice("data_diubah", "Data yang berubah", "Details that changed", [
            ("alamat", "Alamat", "Address"), ("status_kawin", "Status perkawinan",
                                              "Marital status"),
            ("pekerjaan", "Pekerjaan", "Occupation"), ("agama", "Agama", "Religion"),
            ("nama", "Nama", "Name")], **when("alasan", "ubah_data")),
        upload("dokumen_perubahan", "Dokumen perubahan data", "Document of the change",
               help="Misalnya KK terbaru, buku nikah atau penetapan pengadilan.",
               help_en="For example the latest family card, marriage book or court order.",
               **when("alasan", "ubah_data")),
        upload("kartu_keluarga", "Kartu Keluarga", "Family card (KK)"),
        kelurahan(),
        phone(),
        choice("tempat_ambil", "Ambil KTP-el di", "Collect the KTP-el at", PICKUP),
        declaration(civil_registry=True),
    ],
    "KEC-DOMISILI": [
        nik("nik", "NIK Anda", "Your NIK"),
        text("nama", "Nama lengkap", "Full name", max_length=100),
        kelurahan(),
        ADDRESS,
        text("rt_rw", "RT/RW", "RT/RW", max_length=10, help="Misalnya 003/005.",
             help_en="For example 003/005."),
        number("lama_tinggal", "Lama tinggal di alamat ini (tahun)", "Years at this address",
               integer=True, min=0, max=100, help="Tulis 0 bila belum setahun.",
               help_en="Write 0 if less than a year."),
        choice("status_tempat_tinggal", "Status tempat tinggal", "Your home is", [
            ("milik", "Milik sendiri atau keluarga", "Owned by me or my family"),
            ("sewa", "Sewa atau kos", "Rented"), ("menumpang", "Menumpang", "Lodging with "
                                                                            "others"),
            ("dinas", "Rumah dinas", "Official housing")]),
        choice("keperluan", "Keperluan surat", "What the letter is for", [
            ("bank", "Bank atau kredit", "Bank or credit"),
            ("sekolah", "Pendaftaran sekolah atau kuliah", "School or university enrolment"),
            ("pekerjaan", "Melamar pekerjaan", "Job application"),
            ("bansos", "Bantuan sosial", "Social assistance"), ("lainnya", "Lainnya", "Other")]),
        text("keperluan_lain", "Tuliskan keperluannya", "Describe what it is for",
             max_length=150, **when("keperluan", "lainnya")),
        phone(),
        upload("pengantar_rt", "Surat pengantar RT/RW", "Cover letter from the RT/RW"),
        upload("ktp", "Foto KTP-el", "Photo of your KTP-el"),
        declaration(),
    ],
    "DINKES-SK-SEHAT": [
        nik("nik", "NIK Anda", "Your NIK"),
        text("nama", "Nama lengkap", "Full name", max_length=100),
        choice("keperluan", "Keperluan surat", "What the certificate is for", [
            ("pekerjaan", "Melamar pekerjaan", "Job application"),
            ("sekolah", "Pendaftaran sekolah atau kuliah", "School or university enrolment"),
            ("asn", "Seleksi CPNS atau PPPK", "Civil service selection"),
            ("lainnya", "Lainnya", "Other")]),
        text("keperluan_lain", "Tuliskan keperluannya", "Describe what it is for",
             max_length=150, **when("keperluan", "lainnya")),
        multichoice("pemeriksaan_tambahan", "Pemeriksaan tambahan yang diminta",
                    "Extra checks requested", [
                        ("buta_warna", "Tes buta warna", "Colour-blindness test"),
                        ("golongan_darah", "Golongan darah", "Blood type")], required=False),
        text("puskesmas", "Puskesmas tempat diperiksa", "Puskesmas for the examination",
             max_length=100, help="Puskesmas di kecamatan Anda, misalnya Puskesmas Kassi-Kassi.",
             help_en="A puskesmas in your kecamatan, for example Puskesmas Kassi-Kassi."),
        date("tanggal_periksa", "Tanggal Anda ingin diperiksa", "Date you would like to be "
                                                                "examined", min="today",
             help="Datang pada tanggal ini membawa KTP-el; dokter memeriksa Anda di puskesmas.",
             help_en="Come on this date with your KTP-el; a doctor examines you at the "
                     "puskesmas."),
        textarea("riwayat_penyakit", "Penyakit yang pernah atau sedang diderita",
                 "Illnesses you have or had", max_length=500, required=False),
        kelurahan(),
        phone(),
        upload("ktp", "Foto KTP-el atau KIA", "Photo of your KTP-el or KIA"),
        declaration(),
    ],
    "DINSOS-DTKS": [
        nik("nik_kepala", "NIK kepala keluarga", "NIK of the head of the family"),
        text("nama_kepala", "Nama kepala keluarga", "Name of the head of the family",
             max_length=100),
        number("jumlah_anggota", "Jumlah anggota keluarga", "Number of family members",
               integer=True, min=1, max=20),
        kelurahan(),
        ADDRESS,
        text("rt_rw", "RT/RW", "RT/RW", max_length=10, help="Misalnya 003/005.",
             help_en="For example 003/005."),
        choice("pekerjaan_kepala", "Pekerjaan kepala keluarga", "Occupation of the head of the "
                                                                "family", [
            ("tidak_bekerja", "Tidak bekerja", "Not working"),
            ("buruh_harian", "Buruh harian lepas", "Day labourer"),
            ("nelayan", "Nelayan", "Fisher"), ("pedagang", "Pedagang kecil", "Small trader"),
            ("pengemudi", "Pengemudi ojek, becak atau angkot", "Ojek, becak or angkot driver"),
            ("art", "Asisten rumah tangga", "Domestic worker"), ("lainnya", "Lainnya", "Other")]),
        number("penghasilan", "Penghasilan seluruh keluarga per bulan (Rp)",
               "Whole family's income per month (Rp)", integer=True, min=0, max=100_000_000,
               help="Perkiraan, tanpa titik; misalnya 1500000.",
               help_en="An estimate, without separators; for example 1500000."),
        choice("status_rumah", "Status rumah", "Your home is", [
            ("milik", "Milik sendiri", "Owned"), ("sewa", "Sewa atau kontrak", "Rented"),
            ("menumpang", "Menumpang", "Lodging with others")]),
        choice("lantai", "Lantai rumah sebagian besar", "Most of the floor is", [
            ("tanah", "Tanah, papan atau bambu", "Earth, boards or bamboo"),
            ("semen", "Semen atau plester", "Cement"), ("keramik", "Keramik atau ubin", "Tiles")]),
        choice("sumber_air", "Sumber air minum", "Drinking water from", [
            ("pdam", "PDAM", "PDAM (piped)"), ("sumur", "Sumur", "Well"),
            ("isi_ulang", "Air isi ulang atau membeli", "Refill or bought"),
            ("lainnya", "Lainnya", "Other")]),
        multichoice("anggota_khusus", "Dalam keluarga ada", "The family includes", [
            ("disabilitas", "Penyandang disabilitas", "A person with a disability"),
            ("lansia", "Lanjut usia (60 tahun ke atas)", "An older person (60 or over)"),
            ("ibu_hamil", "Ibu hamil", "A pregnant woman"), ("balita", "Balita", "A child under 5"),
            ("anak_sekolah", "Anak usia sekolah", "A school-age child")], required=False),
        multichoice("bantuan_sekarang", "Bantuan yang sudah diterima", "Assistance already "
                                                                       "received", [
            ("pkh", "PKH", "PKH"), ("sembako", "Sembako/BPNT", "Sembako/BPNT"),
            ("pbi", "PBI-JK (BPJS Kesehatan gratis)", "PBI-JK (free BPJS health cover)")],
            required=False),
        phone(),
        upload("kartu_keluarga", "Kartu Keluarga", "Family card (KK)"),
        upload("foto_rumah", "Foto rumah tampak depan", "Photo of the front of the house",
               accept=PHOTO, max_size_mb=5),
        upload("pengantar", "Surat pengantar RT/RW dan kelurahan",
               "Cover letter from the RT/RW and kelurahan"),
        declaration("saya bersedia didatangi petugas untuk verifikasi dan mengerti bahwa "
                    "pendaftaran tidak menjamin bantuan",
                    "I agree to a visit by officers to verify it and understand that registering "
                    "does not guarantee assistance"),
    ],
    "DISDIK-MUTASI": [
        text("nama_siswa", "Nama lengkap siswa", "Pupil's full name", max_length=100),
        nik("nik_siswa", "NIK siswa", "Pupil's NIK"),
        text("nisn", "NISN", "NISN (national pupil number)", max_length=10,
             help="10 angka, ada di rapor atau di situs NISN Kemendikdasmen.",
             help_en="10 digits, on the report card or the NISN website."),
        choice("jenjang", "Jenjang", "Level", [("sd", "SD", "Primary (SD)"),
                                               ("smp", "SMP", "Junior secondary (SMP)")]),
        number("kelas", "Kelas", "Grade", integer=True, min=1, max=9),
        choice("arah", "Jenis pindah sekolah", "Kind of transfer", [
            ("masuk", "Pindah masuk ke sekolah di Makassar", "Into a school in Makassar"),
            ("keluar", "Pindah keluar dari Makassar", "Out of Makassar"),
            ("dalam_kota", "Pindah antarsekolah di Makassar", "Between schools in Makassar")]),
        text("sekolah_asal", "Sekolah asal", "Current school", max_length=150),
        text("kota_asal", "Kabupaten/kota sekolah asal", "Regency/city of the current school",
             max_length=100, **when("arah", "masuk")),
        text("sekolah_tujuan", "Sekolah tujuan", "New school", max_length=150),
        text("kota_tujuan", "Kabupaten/kota sekolah tujuan", "Regency/city of the new school",
             max_length=100, **when("arah", "keluar")),
        choice("alasan", "Alasan pindah", "Reason for the transfer", [
            ("ikut_orang_tua", "Ikut orang tua pindah tempat tinggal atau tugas",
             "Parents moved home or were posted elsewhere"),
            ("lainnya", "Lainnya", "Other")]),
        textarea("alasan_lain", "Jelaskan alasannya", "Explain the reason", max_length=500,
                 **when("alasan", "lainnya")),
        text("nama_orang_tua", "Nama orang tua atau wali", "Parent's or guardian's name",
             max_length=100),
        nik("nik_orang_tua", "NIK orang tua atau wali", "Parent's or guardian's NIK"),
        kelurahan("Kelurahan tempat tinggal di Makassar", "Kelurahan where you live in Makassar"),
        phone(),
        upload("surat_pindah", "Surat keterangan pindah dari sekolah asal",
               "Transfer letter from the current school"),
        upload("surat_diterima", "Surat keterangan diterima dari sekolah tujuan",
               "Acceptance letter from the new school"),
        upload("rapor", "Rapor semester terakhir", "Latest report card",
               accept=["application/pdf"], max_size_mb=5),
        upload("kartu_keluarga", "Kartu Keluarga", "Family card (KK)"),
        declaration(),
    ],
}


@transaction.atomic
def seed_forms(**_: object) -> int:
    """Publish version 1 of each form whose service has no form yet. Returns how many."""
    services = Service.objects.in_bulk(list(FORMS), field_name="code")
    has_form = set(FormVersion.objects.filter(service__code__in=FORMS)
                   .values_list("service__code", flat=True))
    created = 0
    for code, fields in FORMS.items():
        if code in has_form or code not in services:
            continue
        FormVersion.objects.create(service=services[code], number=1,
                                   status=FormVersion.Status.PUBLISHED,
                                   fields=clean_definition(fields), published_at=timezone.now())
        created += 1
    return created
