"""English for the window shell: welcome, chooser, PIN pad, wizard, sidebar, errors."""

from __future__ import annotations

EN = {
    "Belum berhasil": "Not done yet",
    "Ketik untuk mencari…": "Type to search…",
    "Masukkan PIN": "Enter the PIN",
    "Hapus satu angka": "Delete one digit",
    "Buka": "Open",
    "PIN untuk {name}": "PIN for {name}",
    "Pilih usaha Anda": "Choose your business",
    "Klik kartu usaha, lalu masukkan PIN-nya.": "Click the business's card, then enter its PIN.",
    "Buat usaha baru": "Create a new business",
    "Coba data contoh": "Try the sample data",
    "Coba dengan data contoh": "Try with sample data",
    "Pulihkan dari cadangan": "Restore from a backup",
    "Selamat datang di Lumbung": "Welcome to Lumbung",
    "Pembukuan usaha yang tetap jalan tanpa internet. Pilih salah satu untuk mulai:":
        "Bookkeeping that keeps working without internet. Choose one to start:",
    "Isi nama usaha, alamat, PIN dan uang kas awal.":
        "Fill in the business name, address, PIN and opening cash.",
    "Keripik Pisang Bu Made, tiga bulan transaksi. PIN: 1234.":
        "Keripik Pisang Bu Made, three months of transactions. PIN: 1234.",
    "Buka kembali buku dari berkas cadangan.": "Open books again from a backup file.",
    "Kunci": "Lock",
    "Ganti usaha": "Switch business",
    "Pilih berkas cadangan": "Choose a backup file",
    "PIN cadangan": "Backup PIN",
    "PIN usaha di berkas cadangan itu:": "The business's PIN in that backup file:",
    "Lanjut": "Next",
    "Kembali": "Back",
    "Selesai": "Finish",
    "Batal": "Cancel",
    "Nama usaha": "Business name",
    "Nama yang tertulis di nota dan laporan.": "The name printed on receipts and reports.",
    "Nama pemilik": "Owner's name",
    "Jenis usaha": "Type of business",
    "Dagang (jual beli barang)": "Trade (buying and selling goods)",
    "Produksi (membuat barang)": "Production (making goods)",
    "Jasa": "Services",
    "Alamat": "Address",
    "Alamat dipakai di sampul laporan dan nota. Boleh dikosongkan.":
        "The address is printed on report covers and receipts. It may be left empty.",
    "Jalan / banjar": "Street / banjar",
    "Desa": "Village (desa)",
    "Kecamatan": "District (kecamatan)",
    "Kabupaten": "Regency (kabupaten)",
    "Telepon / WhatsApp": "Phone / WhatsApp",
    "PIN": "PIN",
    "4 sampai 12 angka. PIN dipakai setiap kali membuka buku ini; simpan baik-baik.":
        "4 to 12 digits. The PIN opens these books every time; keep it safe.",
    "Ulangi PIN": "Repeat the PIN",
    "Kedua PIN tidak sama; ketik ulang": "The two PINs differ; type them again",
    "Uang kas awal": "Opening cash",
    "Berapa uang tunai usaha saat ini? Boleh 0; saldo lain bisa dicatat nanti.":
        "How much cash does the business hold now? 0 is fine; other balances can come later.",
    "Kas awal (Rp)": "Opening cash (Rp)",
    "Beranda": "Home",
    "Catat Transaksi": "Record",
    "Kas & Bank": "Cash & Bank",
    "Persediaan": "Stock",
    "Utang Piutang": "Money owed",
    "Laporan": "Reports",
    "Pengaturan": "Settings",
    # before Qt starts (platform_check.py)
    "Lumbung tidak menemukan layar untuk membuka jendela (DISPLAY kosong); "
    "jalankan dari desktop, atau pakai QT_QPA_PLATFORM=offscreen untuk uji.":
        "Lumbung found no screen to open its window on (DISPLAY is empty); run it from a "
        "desktop, or use QT_QPA_PLATFORM=offscreen for tests.",
    "Lumbung tidak bisa membuka jendela karena pustaka layar Qt belum terpasang "
    "({names}); pasang dengan: sudo apt-get install {packages}":
        "Lumbung cannot open its window because Qt's screen libraries are not installed "
        "({names}); install them with: sudo apt-get install {packages}",
    "Lumbung tidak bisa membuka jendela karena pustaka layar Qt belum terpasang "
    "({names}); pasang pustaka itu dengan pengelola paket sistem Anda.":
        "Lumbung cannot open its window because Qt's screen libraries are not installed "
        "({names}); install them with your system's package manager.",
}
