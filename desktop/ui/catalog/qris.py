"""English for the QRIS section of Pengaturan and the QRIS on the Kasir screen."""

from __future__ import annotations

EN = {
    "QRIS": "QRIS",
    "Unggah gambar QRIS statis yang diberikan bank atau PJP Anda. QRIS tampil besar di layar "
    "Kasir saat pembeli membayar dengan QRIS, dan dicetak di notanya.":
        "Upload the static QRIS image your bank or payment provider gave you. It shows large "
        "on the Till screen when a customer pays by QRIS, and is printed on their nota.",
    "Pilih gambar QRIS…": "Choose QRIS image…",
    "Ya, simpan QRIS ini": "Yes, save this QRIS",
    "Hapus QRIS": "Remove QRIS",
    "Belum ada QRIS": "No QRIS yet",
    "QRIS atas nama {merchant}, {city}": "QRIS in the name of {merchant}, {city}",
    "Pilih gambar QRIS": "Choose QRIS image",
    "Gambar (*.png *.jpg *.jpeg)": "Images (*.png *.jpg *.jpeg)",
    "QRIS ini atas nama {merchant}, {city}. Benar usaha Anda?":
        "This QRIS is in the name of {merchant}, {city}. Is this your business?",
    "QRIS disimpan.": "QRIS saved.",
    "QRIS dihapus.": "QRIS removed.",
    "Belum ada QRIS; unggah di Pengaturan > QRIS": "No QRIS yet; upload it in Settings > QRIS",
}
