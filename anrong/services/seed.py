"""The service catalogue of Makassar's agencies, as demo and starting data.

Compiled from public information (national laws and regulations, agencies' public service
standards and websites as generally published). Requirements, fees, time limits and legal bases
are plausible summaries, NOT verified service standards: each agency must confirm or correct its
entries in the console before the catalogue is presented as official. Where a fee depends on the
case (retribusi, pajak), `fee_note` says so instead of giving a number.

Civil-registry documents are free by law: UU 23/2006 tentang Administrasi Kependudukan as amended
by UU 24/2013, Pasal 79A. Idempotent: entries are matched by code, seeding twice changes nothing.

Services every kecamatan offers (surat keterangan domisili, surat keterangan usaha) have one
entry, held by the Sekretariat Daerah (Bagian Tata Pemerintahan), and say where to go.
"""

from __future__ import annotations

from django.db import transaction

from anrong.agencies.models import Agency

from .actions import search_text_of, search_title_of
from .models import Category, LifeEvent, LifeEventStep, Service

ADMINDUK = ("UU 23/2006 tentang Administrasi Kependudukan sebagaimana diubah dengan UU 24/2013 "
            "(Pasal 79A: tanpa biaya); Perpres 96/2018 tentang Persyaratan dan Tata Cara "
            "Pendaftaran Penduduk dan Pencatatan Sipil")
PERIZINAN = "PP 5/2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko"
NAKES = "UU 17/2023 tentang Kesehatan; PP 28/2024 tentang Peraturan Pelaksanaan UU 17/2023"
KTP, KK = "KTP-el", "Kartu Keluarga (KK)"

CATEGORIES = [
    ("kependudukan", "Kependudukan dan pencatatan sipil"), ("kesehatan", "Kesehatan"),
    ("perizinan", "Perizinan dan usaha"), ("sosial", "Sosial"), ("pendidikan", "Pendidikan"),
    ("lingkungan", "Lingkungan hidup"), ("ketenagakerjaan", "Ketenagakerjaan"),
    ("pajak-retribusi", "Pajak dan retribusi"), ("transportasi", "Transportasi"),
    ("lainnya", "Lainnya"),
]

LIFE_EVENTS = [
    ("kelahiran-anak", "Kelahiran anak",
     "Dokumen yang perlu diurus setelah anak lahir: akta kelahiran, Kartu Keluarga baru, "
     "dan Kartu Identitas Anak.", ["DKC-AKTA-LAHIR", "DKC-KK-UBAH", "DKC-KIA"]),
    ("pindah-datang", "Pindah datang ke Makassar",
     "Yang perlu diurus setelah Anda pindah ke Makassar dari kota lain.",
     ["DKC-PINDAH-DATANG", "DKC-KK-UBAH", "DKC-KTP-GANTI", "KEC-DOMISILI", "DISDIK-MUTASI"]),
    ("kematian", "Kematian anggota keluarga",
     "Mencatat kematian dan memperbarui Kartu Keluarga.", ["DKC-AKTA-MATI", "DKC-KK-UBAH"]),
    ("memulai-usaha", "Memulai usaha",
     "Izin dan surat yang biasanya diperlukan untuk membuka usaha di Makassar.",
     ["KEC-SKU", "DPMPTSP-NIB", "DLH-SPPL", "DPMPTSP-REKLAME"]),
    ("menikah", "Menikah",
     "Mencatat perkawinan dan membentuk Kartu Keluarga baru.",
     ["DKC-AKTA-KAWIN", "DKC-KK-BARU", "DKC-KTP-GANTI"]),
]

D, V, N = "online", "visit_office", "national_system"  # daring, visit, national system

# code, agency, category, name, summary, requirements, fee, legal basis, SLA (working days),
# output, delivery, extra fields
SERVICES: list[tuple] = [
    ("DKC-KK-BARU", "DISDUKCAPIL", "kependudukan", "Kartu Keluarga (KK) baru",
     "Membuat KK untuk keluarga baru, misalnya setelah menikah.",
     ["Surat pengantar RT/RW dan kelurahan", "Buku nikah atau akta perkawinan",
      "KK lama masing-masing (asli)", "Surat keterangan pindah bila dari daerah lain"],
     0, ADMINDUK, 1, "Kartu Keluarga baru (cetak atau elektronik dengan TTE)", V, {}),
    ("DKC-KK-UBAH", "DISDUKCAPIL", "kependudukan", "Perubahan Kartu Keluarga",
     "Menambah atau mengurangi anggota keluarga, atau mengubah data di KK.",
     ["KK asli", "Akta kelahiran (untuk menambah anak)", "Akta kematian (untuk mengurangi anggota)",
      "Surat keterangan pindah (untuk anggota yang pindah)", "Dokumen pendukung perubahan data"],
     0, ADMINDUK, 1, "Kartu Keluarga yang diperbarui", D, {}),
    ("DKC-AKTA-LAHIR", "DISDUKCAPIL", "kependudukan", "Akta kelahiran",
     "Mencatat kelahiran anak dan menerbitkan akta kelahiran.",
     ["Surat keterangan lahir dari rumah sakit, puskesmas atau bidan", "KK orang tua",
      "KTP-el orang tua", "Buku nikah atau akta perkawinan orang tua",
      "KTP-el dua orang saksi kelahiran"],
     0, ADMINDUK, 1, "Kutipan akta kelahiran", D,
     {"description": "Segera laporkan kelahiran, paling lambat 60 hari setelah anak lahir."}),
    ("DKC-AKTA-MATI", "DISDUKCAPIL", "kependudukan", "Akta kematian",
     "Mencatat kematian penduduk dan menerbitkan akta kematian.",
     ["Surat keterangan kematian dari rumah sakit, puskesmas atau kelurahan",
      "KK dan KTP-el almarhum", "KTP-el pelapor", "KTP-el dua orang saksi"],
     0, ADMINDUK, 1, "Kutipan akta kematian dan KK yang diperbarui", D,
     {"description": "Laporkan kematian paling lambat 30 hari setelah meninggal."}),
    ("DKC-PINDAH-KELUAR", "DISDUKCAPIL", "kependudukan", "Surat keterangan pindah keluar (SKPWNI)",
     "Surat pindah untuk penduduk Makassar yang pindah ke kabupaten/kota lain.",
     ["KK asli", "KTP-el", "Alamat tujuan pindah yang lengkap"],
     0, ADMINDUK, 1, "Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI)", V, {}),
    ("DKC-PINDAH-DATANG", "DISDUKCAPIL", "kependudukan", "Pindah datang ke Makassar",
     "Mencatat kedatangan penduduk dari kota lain dan menerbitkan KK Makassar.",
     ["Surat keterangan pindah (SKPWNI) dari daerah asal", "KTP-el",
      "Surat pengantar RT/RW dan kelurahan tempat tinggal baru"],
     0, ADMINDUK, 1, "KK dan KTP-el dengan alamat Makassar", D, {}),
    ("DKC-KTP-BARU", "DISDUKCAPIL", "kependudukan", "KTP-el baru (perekaman)",
     "Perekaman dan pencetakan KTP-el untuk penduduk yang berumur 17 tahun atau sudah menikah.",
     ["KK", "Datang sendiri untuk foto, sidik jari dan iris mata"],
     0, ADMINDUK, 1, "KTP elektronik (KTP-el)", V, {}),
    ("DKC-KTP-GANTI", "DISDUKCAPIL", "kependudukan", "KTP-el hilang, rusak atau perubahan data",
     "Mencetak ulang KTP-el yang hilang, rusak, atau datanya berubah (misalnya pindah alamat).",
     ["KK", "Surat keterangan hilang dari kepolisian (bila hilang)", "KTP-el yang rusak (bila rusak)",
      "Dokumen perubahan data (bila ada)"],
     0, ADMINDUK, 1, "KTP-el pengganti", D, {}),
    ("DKC-KIA", "DISDUKCAPIL", "kependudukan", "Kartu Identitas Anak (KIA)",
     "Kartu identitas untuk anak di bawah 17 tahun.",
     ["Akta kelahiran anak", "KK orang tua", "KTP-el orang tua",
      "Pas foto anak berwarna 2x3 (untuk umur 5 tahun ke atas)"],
     0, f"{ADMINDUK}; Permendagri 2/2016 tentang Kartu Identitas Anak", 1,
     "Kartu Identitas Anak (KIA)", D, {}),
    ("DKC-LEGALISIR", "DISDUKCAPIL", "kependudukan", "Legalisir dokumen kependudukan",
     "Pengesahan fotokopi KK, akta kelahiran, akta kematian atau dokumen lain dari Disdukcapil.",
     ["Dokumen asli", "Fotokopi yang akan dilegalisir"],
     0, ADMINDUK, 1, "Fotokopi dokumen yang telah dilegalisir", V, {}),
    ("DKC-AKTA-KAWIN", "DISDUKCAPIL", "kependudukan", "Akta perkawinan (non-Muslim)",
     "Mencatat perkawinan bagi pasangan non-Muslim. Pasangan Muslim mencatat di KUA.",
     ["Surat keterangan perkawinan dari pemuka agama", "KK dan KTP-el kedua mempelai",
      "Akta kelahiran kedua mempelai", "Pas foto berdampingan 4x6", "KTP-el dua orang saksi"],
     0, ADMINDUK, 1, "Kutipan akta perkawinan", V, {}),
    ("DPMPTSP-PBG", "DPMPTSP", "perizinan", "Persetujuan Bangunan Gedung (PBG)",
     "Izin membangun, mengubah atau merawat bangunan gedung, diajukan lewat SIMBG.",
     ["Data pemohon dan bukti kepemilikan atau hak atas tanah", "Gambar rencana arsitektur",
      "Gambar dan perhitungan struktur (sesuai kompleksitas bangunan)",
      "Dokumen lingkungan bila diwajibkan"],
     0, "PP 16/2021 tentang Peraturan Pelaksanaan UU 28/2002 tentang Bangunan Gedung", 28,
     "Persetujuan Bangunan Gedung (PBG)", N,
     {"external_url": "https://simbg.pu.go.id",
      "fee_note": "Retribusi PBG dihitung menurut luas, fungsi dan kompleksitas bangunan."}),
    ("DPMPTSP-SIP-DOKTER", "DPMPTSP", "perizinan", "Surat Izin Praktik (SIP) dokter",
     "Izin praktik untuk dokter dan dokter gigi di fasilitas kesehatan di Makassar.",
     ["STR yang masih berlaku", "Surat keterangan dari fasilitas kesehatan tempat praktik",
      "Rekomendasi organisasi profesi (IDI atau PDGI)", "KTP-el", "Pas foto 4x6"],
     0, NAKES, 5, "Surat Izin Praktik (SIP) dokter", V, {}),
    ("DPMPTSP-SIP-PERAWAT", "DPMPTSP", "perizinan", "Surat Izin Praktik (SIP) perawat",
     "Izin praktik untuk perawat di fasilitas kesehatan atau praktik mandiri.",
     ["STR yang masih berlaku", "Surat keterangan dari fasilitas kesehatan tempat praktik",
      "Rekomendasi PPNI", "KTP-el", "Pas foto 4x6"],
     0, NAKES, 5, "Surat Izin Praktik (SIP) perawat", V, {}),
    ("DPMPTSP-SIP-BIDAN", "DPMPTSP", "perizinan", "Surat Izin Praktik (SIP) bidan",
     "Izin praktik untuk bidan di fasilitas kesehatan atau praktik mandiri.",
     ["STR yang masih berlaku", "Surat keterangan dari fasilitas kesehatan tempat praktik",
      "Rekomendasi IBI", "KTP-el", "Pas foto 4x6"],
     0, NAKES, 5, "Surat Izin Praktik (SIP) bidan", V, {}),
    ("DPMPTSP-NIB", "DPMPTSP", "perizinan", "Nomor Induk Berusaha (NIB)",
     "Identitas usaha yang juga berlaku sebagai izin dasar; diajukan sendiri lewat OSS.",
     ["NIK (KTP-el)", "NPWP bila ada", "Alamat dan bidang usaha (KBLI)"],
     0, PERIZINAN, 1, "Nomor Induk Berusaha (NIB)", N, {"external_url": "https://oss.go.id"}),
    ("DPMPTSP-REKLAME", "DPMPTSP", "perizinan", "Izin penyelenggaraan reklame",
     "Izin memasang papan nama, baliho, spanduk atau reklame lain.",
     ["KTP-el pemohon", "NIB atau identitas usaha", "Desain dan ukuran reklame",
      "Foto dan denah lokasi", "Surat persetujuan pemilik lahan atau bangunan"],
     0, "UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah; "
        "Perda Kota Makassar tentang Pajak Daerah dan Retribusi Daerah", 5,
     "Izin reklame dan ketetapan pajak reklame", V,
     {"fee_note": "Pajak reklame dihitung menurut jenis, ukuran, lokasi dan lama pemasangan."}),
    ("DINKES-SK-SEHAT", "DINKES", "kesehatan", "Surat keterangan sehat",
     "Pemeriksaan kesehatan dan surat keterangan sehat di puskesmas terdekat.",
     ["KTP-el atau KIA", "Datang ke puskesmas untuk diperiksa"],
     0, "UU 17/2023 tentang Kesehatan; Permenkes 43/2019 tentang Pusat Kesehatan Masyarakat", 1,
     "Surat keterangan sehat dari dokter puskesmas", D,
     {"fee_note": "Sesuai tarif pelayanan puskesmas menurut Perda Kota Makassar.",
      "description": "Daftar di Anrong dan pilih tanggal periksa; pemeriksaan tetap dilakukan "
                     "dokter di puskesmas, bukan di kantor Dinas Kesehatan."}),
    ("DINSOS-DTKS", "DINSOS", "sosial", "Pendaftaran Data Terpadu Kesejahteraan Sosial (DTKS)",
     "Mendaftar agar dapat dipertimbangkan menerima bantuan sosial (PKH, sembako, PBI-JK).",
     ["KK", "KTP-el", "Surat pengantar RT/RW dan kelurahan"],
     0, "UU 13/2011 tentang Penanganan Fakir Miskin; Permensos 3/2021 tentang Pengelolaan Data "
        "Terpadu Kesejahteraan Sosial", 14, "Data keluarga tercatat untuk diverifikasi dan divalidasi", D,
     {"description": "Pendaftaran tidak menjamin bantuan: data diverifikasi melalui musyawarah "
                     "kelurahan dan ditetapkan Kementerian Sosial."}),
    ("DINSOS-SKTM", "DINSOS", "sosial", "Rekomendasi keterangan tidak mampu",
     "Rekomendasi Dinas Sosial untuk keringanan biaya kesehatan atau pendidikan.",
     ["Surat keterangan tidak mampu dari kelurahan", "KK", "KTP-el",
      "Surat rujukan atau keterangan dari rumah sakit atau sekolah (bila ada)"],
     0, "UU 11/2009 tentang Kesejahteraan Sosial", 3, "Surat rekomendasi Dinas Sosial", V, {}),
    ("KEC-DOMISILI", "SETDA", "lainnya", "Surat keterangan domisili",
     "Keterangan tempat tinggal, diurus di kelurahan dan kecamatan tempat Anda tinggal.",
     ["Surat pengantar RT/RW", "KTP-el", "KK"],
     0, "UU 23/2014 tentang Pemerintahan Daerah; PP 17/2018 tentang Kecamatan", 1,
     "Surat keterangan domisili", D,
     {"description": "Ajukan di Anrong; kelurahan dan kecamatan tempat tinggal Anda memeriksa "
                     "data dan menerbitkan suratnya."}),
    ("KEC-SKU", "SETDA", "perizinan", "Surat keterangan usaha",
     "Keterangan bahwa Anda menjalankan usaha di wilayah kelurahan, misalnya untuk kredit usaha.",
     ["Surat pengantar RT/RW", "KTP-el", "KK", "Foto tempat usaha"],
     0, "UU 23/2014 tentang Pemerintahan Daerah; PP 17/2018 tentang Kecamatan", 1,
     "Surat keterangan usaha", V,
     {"description": "Diurus di kantor kelurahan dan kecamatan tempat usaha Anda."}),
    ("DISDIK-MUTASI", "DISDIK", "pendidikan", "Rekomendasi pindah sekolah (mutasi siswa)",
     "Surat rekomendasi untuk siswa SD dan SMP yang pindah sekolah ke atau dari Makassar.",
     ["Surat keterangan pindah dari sekolah asal", "Surat keterangan diterima dari sekolah tujuan",
      "Rapor", "KK"],
     0, "Permendikbud 1/2021 tentang Penerimaan Peserta Didik Baru", 3,
     "Surat rekomendasi pindah sekolah", D, {}),
    ("DLH-SPPL", "DLH", "lingkungan", "Surat Pernyataan Kesanggupan Pengelolaan Lingkungan (SPPL)",
     "Pernyataan kesanggupan mengelola lingkungan untuk usaha berdampak kecil, melalui OSS.",
     ["NIB", "Uraian kegiatan usaha dan lokasinya"],
     0, "PP 22/2021 tentang Penyelenggaraan Perlindungan dan Pengelolaan Lingkungan Hidup", 1,
     "SPPL yang terdaftar", N, {"external_url": "https://oss.go.id"}),
    ("DISNAKER-AK1", "DISNAKER", "ketenagakerjaan", "Kartu tanda pencari kerja (kartu kuning AK/I)",
     "Kartu pencari kerja yang sering diminta saat melamar pekerjaan.",
     ["KTP-el", "Ijazah terakhir", "Pas foto 3x4"],
     0, "Permenaker 39/2016 tentang Penempatan Tenaga Kerja", 1, "Kartu AK/I (kartu kuning)", V, {}),
    ("DISHUB-UJI-KIR", "DISHUB", "transportasi", "Uji berkala kendaraan bermotor (uji KIR)",
     "Pengujian laik jalan untuk mobil barang, bus dan kendaraan umum setiap 6 bulan.",
     ["STNK", "Buku uji atau kartu uji lama", "KTP-el pemilik"],
     0, "UU 22/2009 tentang Lalu Lintas dan Angkutan Jalan; PP 55/2012 tentang Kendaraan", 1,
     "Kartu uji berkala dan tanda lulus uji", V,
     {"fee_note": "Retribusi pengujian kendaraan menurut Perda Kota Makassar."}),
    ("BAPENDA-SPPT", "BAPENDA", "pajak-retribusi", "Salinan SPPT PBB-P2",
     "Salinan Surat Pemberitahuan Pajak Terutang PBB untuk tanah dan bangunan.",
     ["KTP-el wajib pajak", "Nomor objek pajak (NOP) atau SPPT tahun lalu",
      "Surat kuasa bila diwakilkan"],
     0, "UU 1/2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah", 3,
     "Salinan SPPT PBB-P2", V, {}),
]


@transaction.atomic
def seed_services(**_: object) -> str:
    categories = {}
    for order, (code, name) in enumerate(CATEGORIES, start=1):
        categories[code], _created = Category.objects.update_or_create(
            code=code, defaults={"name": name, "order": order})
    agencies = Agency.objects.in_bulk([row[1] for row in SERVICES], field_name="code")
    services: dict[str, Service] = {}
    for (code, agency, category, name, summary, requirements, fee, legal, sla, output, delivery,
         extra) in SERVICES:
        service, _created = Service.objects.update_or_create(
            code=code,
            defaults={"agency": agencies[agency], "category": categories[category], "name": name,
                      "summary": summary, "requirements": requirements, "fee_rupiah": fee,
                      "legal_basis": legal, "sla_working_days": sla, "output": output,
                      "delivery": delivery, "description": extra.get("description", ""),
                      "external_url": extra.get("external_url", ""),
                      "fee_note": extra.get("fee_note", ""), "is_active": True},
        )
        text, title = search_text_of(service), search_title_of(service)
        if (service.search_text, service.search_title) != (text, title):
            Service.objects.filter(pk=service.pk).update(search_text=text, search_title=title)
        services[code] = service
    for order, (code, name, description, steps) in enumerate(LIFE_EVENTS, start=1):
        event, _created = LifeEvent.objects.update_or_create(
            code=code, defaults={"name": name, "description": description, "order": order})
        for step, service_code in enumerate(steps, start=1):
            LifeEventStep.objects.update_or_create(
                life_event=event, service=services[service_code], defaults={"step": step})
    return f"{len(services)} layanan, {len(LIFE_EVENTS)} peristiwa hidup"


def seed_catalogue(**kwargs: object) -> str:
    """The module's seeder: the catalogue, then starting forms for the services offered online
    (only where a service has no form yet; see seed_forms). Tests that want the catalogue without
    forms call seed_services alone."""
    from .demo import seed_demo_applications
    from .seed_forms import seed_forms

    summary = seed_services(**kwargs)
    return f"{summary}, {seed_forms()} formulir baru, {seed_demo_applications()}"
