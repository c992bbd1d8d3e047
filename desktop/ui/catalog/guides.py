"""English for Panduan: the task guides and the first-time hints of the forms."""

from __future__ import annotations

EN = {
    "Petunjuk: isi kolom dari atas ke bawah, lalu tekan Enter untuk menyimpan. Esc untuk kembali.":
        "Tip: fill in the fields from top to bottom, then press Enter to save. Esc goes back.",
    "Petunjuk: ketik nama barang dan jumlahnya; harga terisi sendiri. Tekan Enter untuk "
    "menyimpan, Esc untuk kembali.":
        "Tip: type the item's name and quantity; the price fills itself in. Press Enter to save, "
        "Esc to go back.",
    "Petunjuk: barang yang belum ada bisa ditambah di sini dengan + Barang baru.":
        "Tip: an item that does not exist yet can be added here with + New item.",
    "Petunjuk: pilih jenis biaya, isi jumlah uangnya, lalu tekan Enter.":
        "Tip: choose the kind of expense, fill in the amount, then press Enter.",
    "Mencatat penjualan": "Recording a sale",
    "Mencatat pembelian": "Recording a purchase",
    "Membayar utang": "Paying a debt",
    "Mencetak laporan": "Printing a report",
    "Cadangan ke flash disk": "Backing up to a flash disk",
    "Menghubungkan ke Mall": "Linking to the Mall",
    "Panduan Lumbung": "Lumbung guide",
    "Klik Catat Transaksi di kiri, lalu Penjualan tunai.":
        "Click Record on the left, then Cash sale.",
    "Ketik nama barang, lalu jumlahnya. Harganya terisi sendiri.":
        "Type the item's name, then the quantity. The price fills itself in.",
    "Pilih Tunai, QRIS atau Transfer bank.": "Choose Cash, QRIS or Bank transfer.",
    "Tekan Enter untuk menyimpan. Baris hijau di atas menyebut apa yang tercatat.":
        "Press Enter to save. The green line at the top says what was recorded.",
    "Klik Catat Transaksi, lalu Beli barang / bahan.": "Click Record, then Buy goods / materials.",
    "Ketik nama barang. Barang baru? Klik + Barang baru dan isi satuannya.":
        "Type the item's name. A new item? Click + New item and fill in its unit.",
    "Isi jumlah barang dan uang yang dibayar.": "Fill in the quantity and the money paid.",
    "Bila belum dibayar, pilih Utang dan isi nama pemasok. Tekan Enter.":
        "If not paid yet, choose On credit and fill in the supplier. Press Enter.",
    "Klik Catat Transaksi, lalu Bayar utang.": "Click Record, then Pay a debt.",
    "Pilih pemasok. Sisa utangnya terisi sebagai jumlah.":
        "Choose the supplier. What is still owed fills in as the amount.",
    "Ubah jumlahnya bila hanya membayar sebagian, lalu tekan Enter.":
        "Change the amount when paying only part, then press Enter.",
    "Sisa utang terlihat di halaman Utang Piutang.": "What is still owed shows on Debts.",
    "Klik Laporan di kiri.": "Click Reports on the left.",
    "Pilih laporan, misalnya Laba Rugi, dan periodenya, misalnya Bulan ini.":
        "Choose a report, e.g. Profit and Loss, and its period, e.g. This month.",
    "Klik Simpan PDF, atau Cetak untuk langsung mencetak.":
        "Click Save PDF, or Print to print it at once.",
    "Colokkan flash disk.": "Plug in the flash disk.",
    "Klik Pengaturan, lalu Cadangan.": "Click Settings, then Backup.",
    "Klik Buat cadangan dan pilih flash disk itu.": "Click Make a backup and choose that flash disk.",
    "Simpan flash disk di tempat lain dari komputer.": "Keep the flash disk away from the computer.",
    "Klik Pengaturan, lalu Mall.": "Click Settings, then Mall.",
    "Isi alamat Mall, nama pengguna dan sandi dari Dinas.":
        "Fill in the Mall's address, and the user name and password from the Dinas.",
    "Klik Hubungkan. Setelah itu, kirim perubahan dengan Sinkronkan.":
        "Click Connect. After that, send changes with Sync.",
}
