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
    # Pengaturan > Printer kasir
    "Tidak dicetak": "Not printed",
    "Printer thermal lewat jaringan (LAN/Wi-Fi)": "Thermal printer on the network (LAN/Wi-Fi)",
    "Printer thermal USB atau serial": "USB or serial thermal printer",
    "Printer sistem (Windows/macOS/Linux)": "System printer (Windows/macOS/Linux)",
    "Alamat IP dan port, misalnya 192.168.1.50:9100":
        "IP address and port, for example 192.168.1.50:9100",
    "Berkas perangkat, misalnya /dev/usb/lp0 (Linux) atau COM3 (Windows)":
        "Device file, for example /dev/usb/lp0 (Linux) or COM3 (Windows)",
    "Nota tidak dicetak otomatis; alamat tidak perlu diisi":
        "Notas are not printed automatically; no address needed",
    "Nota dikirim ke printer bawaan komputer ini sebagai halaman":
        "The nota goes to this computer's default printer as a page",
    "Printer kasir": "Till printer",
    "Nota dari layar Kasir langsung dicetak ke printer ini setelah Bayar. Pengaturan ini hanya "
    "untuk komputer ini.":
        "Notas from the Till screen print on this printer right after Pay. This setting is for "
        "this computer only.",
    "Printer": "Printer",
    "Alamat": "Address",
    "Kertas": "Paper",
    "Printer kasir disimpan.": "Till printer saved.",
}
