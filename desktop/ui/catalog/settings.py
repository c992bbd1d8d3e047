"""English for Pengaturan: profile, chart of accounts, PIN, display, backups and tutup buku."""

from __future__ import annotations

EN = {
    # profile
    "Profil usaha": "Business profile",
    "Identitas": "Identity",
    "Kontak": "Contact",
    "Izin dan sertifikat": "Permits and certificates",
    "Kategori produk": "Product category",
    "Misalnya makanan ringan, kerajinan, minuman.": "For example snacks, crafts, drinks.",
    "Provinsi": "Province (provinsi)",
    "Email": "Email",
    "NIB": "NIB",
    "13 angka (Nomor Induk Berusaha dari OSS).":
        "13 digits (the business identification number from OSS).",
    "NPWP": "NPWP",
    "15 atau 16 angka; titik dan tanda hubung boleh.":
        "15 or 16 digits; dots and dashes are fine.",
    "P-IRT": "P-IRT",
    "15 angka (Sertifikat Produksi Pangan Industri Rumah Tangga).":
        "15 digits (the home-industry food production certificate).",
    "Sertifikat halal": "Halal certificate",
    "Diawali ID lalu 10 sampai 20 angka.": "ID followed by 10 to 20 digits.",
    "Sertifikat SNI": "SNI certificate",
    "Huruf, angka, titik, garis miring, tanda hubung.":
        "Letters, digits, dots, slashes and dashes.",
    "Jenis wajib pajak": "Taxpayer type",
    "Menentukan batas bebas PPh Final Rp500 juta setahun.":
        "Decides the Rp500 million a year that is free of final income tax.",
    "Orang pribadi": "Individual",
    "Badan usaha (CV, PT, koperasi)": "Entity (CV, PT, cooperative)",
    "Logo": "Logo",
    "Pilih logo…": "Choose a logo…",
    "Pilih logo": "Choose a logo",
    "Hapus logo": "Remove the logo",
    "Gambar PNG atau JPEG, paling besar 5 MB.": "A PNG or JPEG picture, at most 5 MB.",
    "Gambar (*.png *.jpg *.jpeg)": "Pictures (*.png *.jpg *.jpeg)",
    "Belum ada logo": "No logo yet",
    "Simpan profil": "Save the profile",
    "Profil dipakai di sampul laporan, di nota, dan di halaman toko di Mall.":
        "The profile is printed on report covers and receipts, and shown on the mall shop page.",
    "Cara bayar di Mall": "How mall buyers pay",
    "Misalnya: BRI 1234-01-000123-50-1 a.n. Ni Luh Sari.":
        "For example: BRI 1234-01-000123-50-1 in the name of Ni Luh Sari.",
    "Misalnya: QRIS dikirim lewat WhatsApp setelah pesanan diterima.":
        "For example: the QRIS code is sent by WhatsApp once the order is accepted.",
    "Misalnya: hanya untuk Kecamatan Abang.": "For example: only within Kecamatan Abang.",
    "Profil usaha sudah disimpan.": "The business profile is saved.",
    "Logo sudah disimpan.": "The logo is saved.",
    "Logo sudah dihapus.": "The logo is removed.",
    # chart of accounts
    "Bagan akun": "Chart of accounts",
    "Kas dan setara kas": "Cash and cash equivalents",
    "Piutang": "Receivables",
    "Aset lancar lain": "Other current assets",
    "Aset tetap": "Fixed assets",
    "Liabilitas jangka pendek": "Current liabilities",
    "Liabilitas jangka panjang": "Long-term liabilities",
    "Modal": "Capital",
    "Saldo laba": "Retained earnings",
    "Pendapatan usaha": "Operating revenue",
    "Pendapatan lain": "Other income",
    "Harga pokok penjualan": "Cost of goods sold",
    "Beban usaha": "Operating expenses",
    "Beban lain-lain": "Other expenses",
    "Beban pajak penghasilan": "Income tax expense",
    "Kode": "Code",
    "Nama akun": "Account name",
    "Kelompok": "Group",
    "Status": "Status",
    "Aktif": "Active",
    "Nonaktif": "Inactive",
    "Akun terpilih": "Chosen account",
    "Nama": "Name",
    "Ganti nama": "Rename",
    "Nonaktifkan": "Deactivate",
    "Aktifkan lagi": "Activate again",
    "Hapus": "Delete",
    "Tambah akun": "Add account",
    "Akun {code} {name} sudah ditambahkan.": "Account {code} {name} is added.",
    "Akun {name} sudah ditambahkan.": "Account {name} is added.",
    "Akun {code} sekarang bernama {name}.": "Account {code} is now called {name}.",
    "Akun {code} dinonaktifkan; riwayatnya tetap ada.":
        "Account {code} is deactivated; its history stays.",
    "Akun {code} aktif lagi.": "Account {code} is active again.",
    "Hapus akun {code} {name}? Hanya akun yang belum pernah dipakai yang bisa dihapus.":
        "Delete account {code} {name}? Only an account that was never used can be deleted.",
    "Ya, hapus akun": "Yes, delete the account",
    "Pilih akun di tabel untuk mengganti nama, menonaktifkan atau menghapusnya. Akun yang "
    "sudah dipakai tidak bisa dihapus, tetapi bisa dinonaktifkan.":
        "Choose an account in the table to rename, deactivate or delete it. An account that "
        "was used cannot be deleted, but it can be deactivated.",
    "Akun {code} sudah dihapus.": "Account {code} is deleted.",
    # PIN
    "PIN dipakai setiap kali membuka buku usaha ini, dan buku di komputer ini terkunci "
    "dengannya. Jangan beri tahu orang lain. Bila PIN lupa, hanya kode pemulihan yang bisa "
    "membuka buku.":
        "The PIN opens these books every time, and the books on this PC are locked with it. "
        "Do not tell anyone. If the PIN is forgotten, only the recovery code opens the books.",
    "PIN sekarang": "Current PIN",
    "PIN baru": "New PIN",
    "4 sampai 12 angka.": "4 to 12 digits.",
    "Ulangi PIN baru": "Repeat the new PIN",
    "Ganti PIN": "Change the PIN",
    "PIN sudah diganti dan buku dikunci ulang. Pakai PIN baru saat membuka buku ini lagi; kode "
    "pemulihan yang lama tidak berlaku lagi.":
        "The PIN is changed and the books are locked again. Use the new PIN when you open "
        "these books again; the old recovery code no longer works.",
    # display
    "Tampilan": "Display",
    "Pilihan ini berlaku untuk semua usaha di komputer ini.":
        "These choices apply to every business on this computer.",
    "Bahasa": "Language",
    "Ukuran huruf": "Text size",
    "Normal": "Normal",
    "Besar": "Large",
    "Kunci otomatis setelah": "Lock automatically after",
    " menit": " minutes",
    "Tidak pernah": "Never",
    "Buku dikunci bila komputer tidak disentuh selama itu, lalu perlu PIN lagi. 0 berarti "
    "tidak pernah dikunci otomatis.":
        "The books lock when the computer is not touched for that long, and then need the "
        "PIN again. 0 means never lock automatically.",
    "Terapkan": "Apply",
    "Tampilan sudah diterapkan.": "The display settings are applied.",
    # backups
    "Cadangan": "Backups",
    "Cadangan terakhir: {when}": "Last backup: {when}",
    "Cadangan terakhir: belum pernah": "Last backup: never",
    "Buat cadangan sekarang": "Back up now",
    "Buat cadangan sekarang…": "Back up now…",
    "Simpan salinan seluruh buku ke satu berkas, misalnya di flashdisk, dan simpan di tempat "
    "lain dari komputer ini.":
        "Save a copy of all the books into one file, for example on a flash drive, and keep "
        "it somewhere other than this computer.",
    "Simpan cadangan": "Save the backup",
    "Membuat cadangan…": "Making the backup…",
    "Cadangan tersimpan di {path} ({entries} transaksi) dan sudah diperiksa utuh.":
        "The backup is saved in {path} ({entries} transactions) and checked to be intact.",
    "Cadangan otomatis": "Automatic backups",
    "Setiap kali buku dikunci atau ditutup, Lumbung menyimpan cadangan ke folder ini "
    "(misalnya flashdisk). {keep} cadangan terbaru disimpan; yang lebih lama dihapus.":
        "Each time the books are locked or closed, Lumbung saves a backup into this folder "
        "(for example a flash drive). The newest {keep} backups are kept; older ones are "
        "deleted.",
    "Folder: {folder}": "Folder: {folder}",
    "Belum ada folder cadangan otomatis.": "No folder for automatic backups yet.",
    "Folder itu tidak ditemukan sekarang (flashdisk belum dicolok?). Cadangan otomatis "
    "dilewati sampai folder itu ada lagi.":
        "That folder cannot be found now (is the flash drive plugged in?). Automatic backups "
        "are skipped until the folder is there again.",
    "Pilih folder…": "Choose a folder…",
    "Pilih folder cadangan otomatis": "Choose the folder for automatic backups",
    "Berhenti memakai folder ini": "Stop using this folder",
    "Cadangan otomatis akan disimpan di {folder}.": "Automatic backups will be saved in {folder}.",
    "Cadangan otomatis ke folder dihentikan.": "Automatic backups into the folder are stopped.",
    "Mengganti isi buku dengan isi berkas cadangan. Buku yang sekarang selalu disimpan dulu "
    "sebagai salinan pengaman.":
        "Replaces the books with the contents of a backup file. The current books are always "
        "kept first as a safety copy.",
    "Berkas cadangan": "Backup file",
    "Pilih berkas…": "Choose a file…",
    "PIN di berkas itu": "PIN in that file",
    "Pulihkan…": "Restore…",
    "Pilih berkas cadangan dulu": "Choose a backup file first",
    "Berkas ini berisi buku {name} dengan {entries} transaksi. Isi buku yang terbuka sekarang "
    "akan diganti dengan isi berkas itu. Buku yang sekarang tetap disimpan dulu sebagai "
    "salinan pengaman. Lumbung menutup buku ini, memulihkan, lalu membukanya lagi dengan PIN "
    "dari berkas itu.":
        "This file holds the books of {name} with {entries} transactions. The open books will "
        "be replaced with that file's contents. The current books are kept first as a safety "
        "copy. Lumbung closes these books, restores, and opens them again with the PIN from "
        "that file.",
    "Berkas ini berisi buku usaha lain: {name} dengan {entries} transaksi. Usaha itu akan "
    "muncul di daftar usaha. Bila usaha itu sudah ada di komputer ini, bukunya yang sekarang "
    "disimpan dulu sebagai salinan pengaman.":
        "This file holds another business's books: {name} with {entries} transactions. That "
        "business will appear in the list of businesses. If it is already on this computer, "
        "its current books are kept first as a safety copy.",
    "Ya, pulihkan": "Yes, restore",
    "Memulihkan buku…": "Restoring the books…",
    "Buku sudah dipulihkan dari cadangan. Buku sebelumnya disimpan sebagai salinan pengaman "
    "di folder cadangan Lumbung.":
        "The books are restored from the backup. The previous books are kept as a safety "
        "copy in Lumbung's backup folder.",
    "Buku {name} sudah dipulihkan. Pilih usaha itu lewat Ganti usaha.":
        "The books of {name} are restored. Choose that business through Switch business.",
    # tutup buku
    "Tutup buku": "Close the books",
    "Tutup buku mengunci semua transaksi sampai tanggal yang dipilih, misalnya setelah "
    "laporan bulanan atau tahunan selesai. Transaksi pada tanggal itu atau sebelumnya tidak "
    "bisa dicatat atau dibatalkan lagi, dan tutup buku tidak bisa dibuka kembali.":
        "Closing the books locks every transaction up to the chosen date, for example once "
        "the monthly or yearly report is done. Transactions on or before that date can no "
        "longer be recorded or cancelled, and a closing cannot be undone.",
    "Tutup sampai tanggal": "Close up to",
    "Tutup buku…": "Close the books…",
    "Tutup buku sampai {date}? Setelah itu transaksi bertanggal {date} atau sebelumnya tidak "
    "bisa dicatat atau dibatalkan lagi.":
        "Close the books up to {date}? Afterwards, transactions dated {date} or earlier can "
        "no longer be recorded or cancelled.",
    "Ya, tutup buku": "Yes, close the books",
    "Buku sudah ditutup sampai {date}.": "The books are closed up to {date}.",
    "Buku belum pernah ditutup.": "The books have never been closed.",
    # saldo awal due dates (settings_opening.py)
    "Jatuh tempo saldo awal": "Opening balance due dates",
    "Saldo awal belum punya piutang atau utang per pihak.":
        "The opening balance has no receivable or payable per party.",
    "Simpan jatuh tempo": "Save due dates",
    "Piutang dan utang yang sudah ada saat mulai memakai Lumbung dianggap jatuh tempo pada "
    "tanggal saldo awal. Isi tanggal jatuh temponya yang sebenarnya agar umur piutang dan utang "
    "tidak langsung terlihat terlambat.":
        "Receivables and payables that existed when Lumbung was started are taken as due on "
        "the opening date. Enter their real due dates so the aging does not show them overdue "
        "at once.",
    "Jatuh tempo saldo awal disimpan.": "Opening balance due dates saved.",
    "piutang": "receivable",
    "utang": "payable",
}
