"""English for the Dinas consent (Pengaturan → Mall) and Profil untuk Dinas."""

from __future__ import annotations

from desktop.books.dinas_text import EN as BOOKS_EN

EN = {
    **BOOKS_EN,
    "Desa sendiri": "Own village",
    "Kabupaten ini": "This regency",
    "Luar kabupaten": "Outside the regency",
    "(belum diisi)": "(not filled in)",
    "Desa sekitar": "Nearby villages",
    "Seluruh Indonesia": "All of Indonesia",
    "Ekspor": "Export",
    "Perempuan": "Woman",
    "Laki-laki": "Man",
    "Halal": "Halal",
    "HKI / merek": "IPR / trademark",
    "Pekerja dibayar, perempuan": "Paid workers, women",
    "Pekerja dibayar, laki-laki": "Paid workers, men",
    "Keluarga yang membantu, perempuan": "Family helping, women",
    "Keluarga yang membantu, laki-laki": "Family helping, men",
    "Profil untuk Dinas": "Profile for the Dinas",
    "Modal sendiri (Rp)": "Own capital (Rp)",
    "Modal pinjaman (Rp)": "Borrowed capital (Rp)",
    "Tahun berdiri": "Year founded",
    "Misalnya 2019.": "For example 2019.",
    "bungkus, kg, lembar…": "packs, kg, sheets…",
    "Kapasitas produksi per bulan": "Production capacity per month",
    "Wilayah pemasaran": "Marketing area",
    "Pemilik": "Owner",
    "Untuk program pemberdayaan perempuan.": "For women's empowerment programs.",
    "Umur pemilik": "Owner's age",
    "Nama pendamping": "Mentor's name",
    "Simpan profil Dinas": "Save Dinas profile",
    "Nama bahan": "Material",
    "Bahan baku {n}": "Raw material {n}",
    "tanpa tanggal": "no date",
    "Dinas melihat profil ini hanya bila Anda memilih \"Profil\" di Pengaturan → Mall.":
        "The Dinas sees this profile only if you choose \"Profile\" in Settings → Mall.",
    "Tenaga kerja": "Workers",
    "Modal dan kapasitas": "Capital and capacity",
    "Bahan baku dan pemasaran": "Raw materials and marketing",
    "Sertifikat": "Certificates",
    "Pemilik dan pendamping": "Owner and mentor",
    "berlaku sampai": "valid until",
    "Profil untuk Dinas sudah disimpan.": "The profile for the Dinas is saved.",
    "Yang boleh dilihat Dinas": "What the Dinas may see",
    "Simpan pilihan": "Save choice",
    "Tahap e-UMKM: {stage}. Langkah berikutnya: {step}": "e-UMKM stage: {stage}. Next step: {step}",
    "Pilihan ini milik Anda dan bisa diubah kapan saja; Mall mengikutinya pada sinkronisasi "
    "berikutnya. Isi transaksi, nama pelanggan dan pembeli tidak pernah dilihat Dinas.":
        "This choice is yours and can be changed any time; the Mall follows it at the next "
        "sync. The Dinas never sees your transactions or the names of customers and buyers.",
    "Pilihan disimpan; Mall mengikutinya pada sinkronisasi berikutnya.":
        "Choice saved; the Mall follows it at the next sync.",
}
