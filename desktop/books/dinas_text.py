"""English for the Dinas consent, profile and summary messages (registered on import)."""

from __future__ import annotations

from desktop.books.i18n import add_catalog

EN = {
    "Tingkat berbagi '{value}' harus salah satu dari: {choices}":
        "Sharing level '{value}' must be one of: {choices}",
    "Kolom profil Dinas '{value}' tidak dikenal": "Dinas profile field '{value}' is unknown",
    "Isian '{value}' tidak sah: {reason}": "Value '{value}' is not valid: {reason}",
    "Sertifikat '{value}' harus salah satu dari: {choices}":
        "Certificate '{value}' must be one of: {choices}",
    "Bahan baku '{value}' harus BAHAN:ASAL:PERSEN":
        "Raw material '{value}' must be MATERIAL:SOURCE:PERCENT",
    "Tidak dibagikan: Dinas tidak melihat apa pun dari usaha ini selain produk yang tayang di "
    "Mall.": "Not shared: the Dinas sees nothing of this business beyond its products shown "
             "on the Mall.",
    "Ringkasan: jumlah bulanan (omzet, laba, aset, tenaga kerja) ikut dalam angka gabungan "
    "Dinas, tanpa nama usaha.": "Summary: monthly totals (sales, profit, assets, workers) "
                                "enter the Dinas's combined figures, without the business's name.",
    "Profil: usaha tampil dengan nama, profil dan jumlah bulanannya di halaman Dinas.":
        "Profile: the business appears on the Dinas pages by name, with its profile and "
        "monthly totals.",
    "Persiapan (pembukuan)": "Preparatory (books kept)",
    "Kehadiran (tayang di Mall)": "Presence (listed on the Mall)",
    "Portal (melayani pembeli)": "Portal (serving buyers)",
    "Transaksi digital": "Digital transactions",
    "Mandiri": "Autonomy",
    "Tayangkan satu produk di Mall (Toko Online → Produk).":
        "Show one product on the Mall (Online Shop → Products).",
    "Jawab pesanan dan pertanyaan pembeli dari Mall.":
        "Answer buyers' orders and questions from the Mall.",
    "Terima pembayaran QRIS atau transfer dan catat transaksi setiap minggu.":
        "Take QRIS or transfer payments and record transactions every week.",
    "Jual tetap di dua saluran online atau lebih.":
        "Sell steadily on two or more online channels.",
    "Pertahankan penjualan online yang teratur.": "Keep your online sales regular.",
}
add_catalog(EN)
