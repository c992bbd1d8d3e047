"""English catalog: Indonesian template -> English template (kept complete by a test)."""

from __future__ import annotations

EN: dict[str, str] = {
    # where a message points
    "baris {row}": "row {row}",
    "kolom {field}": "field {field}",
    # money, quantities and dates
    "Jumlah wajib diisi": "Amount is required",
    "Jumlah uang wajib diisi": "An amount of money is required",
    "Jumlah tidak boleh negatif: '{value}'": "Amount must not be negative: '{value}'",
    "Jumlah '{value}' punya lebih dari 2 angka desimal":
        "Amount '{value}' has more than 2 decimals",
    "Jumlah '{value}' bukan angka yang sah": "Amount '{value}' is not a valid number",
    "Jumlah harus lebih dari nol": "Amount must be more than zero",
    "Jumlah barang '{value}' harus angka tidak negatif dengan paling banyak 3 desimal":
        "Quantity '{value}' must be a non-negative number with at most 3 decimals",
    "Tanggal '{value}' tidak dikenali; tulis TTTT-BB-HH, misalnya 2026-12-31":
        "Date '{value}' not recognised; write YYYY-MM-DD, e.g. 2026-12-31",
    "Tanggal '{value}' tidak ada di kalender": "Date '{value}' does not exist in the calendar",
    "Bulan '{value}' harus ditulis TTTT-BB, misalnya 2026-10":
        "Month '{value}' must be written YYYY-MM, e.g. 2026-10",
    "Tanggal awal {value} sesudah tanggal akhir {end}":
        "Start date {value} is after end date {end}",
    # accounts
    "Kelompok akun '{value}' tidak dikenal; pakai kode dua angka seperti 52 ({choices})":
        "Account group '{value}' is unknown; use a two-digit code such as 52 ({choices})",
    "Kode akun '{value}' tidak dikenal": "Account code '{value}' is unknown",
    "Kode akun harus 4 angka, bukan '{value}'": "An account code has 4 digits, not '{value}'",
    "Kode akun '{value}' harus diawali {group} agar masuk kelompok {name}":
        "Account code '{value}' must start with {group} to belong to group {name}",
    "Nama akun wajib diisi": "Account name is required",
    "Kode akun '{value}' sudah dipakai": "Account code '{value}' is already taken",
    "Akun bawaan '{value}' tidak bisa dihapus; nonaktifkan saja":
        "Built-in account '{value}' cannot be deleted; deactivate it instead",
    "Akun '{value}' sudah dipakai dan tidak bisa dihapus; nonaktifkan saja":
        "Account '{value}' has been used and cannot be deleted; deactivate it instead",
    "Akun {value} sudah dinonaktifkan": "Account {value} has been deactivated",
    # assets
    "Akun aset tetap '{value}' harus akun 15xx (bukan 1509)":
        "Fixed-asset account '{value}' must be a 15xx account (not 1509)",
    "Nama aset wajib diisi": "Asset name is required",
    "Nama aset wajib diisi, misalnya 'Mesin pengiris'":
        "Asset name is required, e.g. 'Slicing machine'",
    "Umur manfaat '{value}' bulan tidak masuk akal (0 sampai 600)":
        "A useful life of '{value}' months is not plausible (0 to 600)",
    "Umur manfaat '{value}' harus angka bulan": "Useful life '{value}' must be a number of months",
    "Nilai sisa {value} lebih besar dari harga perolehan":
        "Residual value {value} is larger than the cost",
    "Tidak ada aset yang perlu disusutkan untuk bulan {value}":
        "No asset needs depreciation for {value}",
    "Penyusutan bulan {value} sudah dicatat": "Depreciation for {value} has already been posted",
    # backup and store
    "Berkas '{value}' rusak atau bukan cadangan buku Lumbung":
        "File '{value}' is damaged or not a Lumbung backup",
    "'{value}' adalah folder; tulis nama berkas cadangan":
        "'{value}' is a folder; give a file name for the backup",
    "Berkas cadangan '{value}' tidak ada": "Backup file '{value}' does not exist",
    "Folder cadangan '{value}' tidak ada": "The backup folder '{value}' does not exist",
    "PIN tidak cocok dengan PIN di berkas cadangan": "The PIN does not match the backup's PIN",
    "Tidak bisa menulis cadangan ke '{value}': {reason}":
        "Cannot write the backup to '{value}': {reason}",
    "Cadangan '{value}' dibuat oleh versi Lumbung yang lebih baru; perbarui Lumbung":
        "Backup '{value}' was made by a newer Lumbung; update Lumbung",
    "Berkas buku untuk '{value}' hilang: {file}": "The books file of '{value}' is missing: {file}",
    "Berkas '{value}' berisi buku usaha lain": "File '{value}' holds another business's books",
    "Berkas '{value}' bukan buku Lumbung atau rusak":
        "File '{value}' is not Lumbung books or is damaged",
    "Buku '{value}' dibuat oleh versi Lumbung yang lebih baru (skema {file}); "
    "versi ini hanya mengenal skema {known}. Perbarui Lumbung dulu.":
        "Books '{value}' were made by a newer Lumbung (schema {file}); this version knows "
        "schema {known} at most. Update Lumbung first.",
    "Buku ini sedang dipakai proses lain yang sedang menulis; coba lagi sebentar lagi":
        "These books are being written by another program; try again in a moment",
    # business and profile
    "Kolom profil '{value}' tidak dikenal": "Profile field '{value}' is unknown",
    "Nama usaha wajib diisi": "Business name is required",
    "Jenis usaha '{value}' harus salah satu dari: {choices}":
        "Business type '{value}' must be one of: {choices}",
    "Jenis wajib pajak '{value}' harus salah satu dari: {choices}":
        "Taxpayer type '{value}' must be one of: {choices}",
    "{label} harus {lengths} angka, bukan '{value}'": "{label} must have {lengths} digits, not '{value}'",
    "Pilih usaha dengan --business (id atau slug)": "Choose a business with --business (id or slug)",
    "Pilih usaha dengan --business (id atau slug) atau LUMBUNG_BUSINESS":
        "Choose a business with --business (id or slug) or LUMBUNG_BUSINESS",
    "Usaha '{value}' tidak ada di komputer ini": "Business '{value}' is not on this computer",
    "Berkas logo '{value}' tidak ada": "Logo file '{value}' does not exist",
    "Berkas logo '{value}' terlalu besar (maks. 5 MB)": "Logo file '{value}' is too large (max. 5 MB)",
    "Logo '{value}' tidak bisa dibaca sebagai gambar": "Logo '{value}' cannot be read as an image",
    "Logo '{value}' harus gambar PNG atau JPEG": "Logo '{value}' must be a PNG or JPEG image",
    "Nomor sertifikat halal '{value}' harus diawali ID lalu 10 sampai 20 angka":
        "Halal certificate number '{value}' must be ID followed by 10 to 20 digits",
    "Nomor sertifikat SNI '{value}' hanya boleh huruf, angka, titik, garis miring dan tanda "
    "hubung (maks. 60)":
        "SNI certificate number '{value}' may only hold letters, digits, dots, slashes and "
        "dashes (max. 60)",
    "Jawaban wajib diisi": "Write an answer",
    "Jawaban paling panjang {limit} huruf ({value} huruf diisi)":
        "An answer may be at most {limit} characters ({value} given)",
    "Pertanyaan '{value}' tidak ada": "There is no question '{value}'",
    "Awalan '{value}' cocok dengan lebih dari satu pertanyaan; tulis lebih panjang":
        "'{value}' starts more than one question id; type more of it",
    "Petunjuk pembayaran paling panjang {limit} huruf ({value} huruf diisi)":
        "Payment instructions may be at most {limit} characters ({value} given)",
    # PIN
    "PIN harus 4 sampai 12 angka": "A PIN has 4 to 12 digits",
    "Buku ini belum punya PIN": "These books have no PIN",
    "PIN salah. Sisa {left} kali percobaan sebelum dikunci sementara.":
        "Wrong PIN. {left} tries left before a temporary lock.",
    "Tunggu {wait} detik sebelum mencoba PIN lagi": "Wait {wait} seconds before trying the PIN again",
    "PIN salah. Usaha ini dikunci {minutes} menit karena {count} kali PIN salah.":
        "Wrong PIN. This business is locked for {minutes} minutes after {count} wrong PINs.",
    "Usaha ini dikunci sementara karena {count} kali PIN salah. Coba lagi dalam {wait} detik.":
        "This business is temporarily locked after {count} wrong PINs. Try again in {wait} "
        "seconds.",
    # forms
    "Cara bayar '{value}' tidak dikenal; pilih: {choices}":
        "Payment method '{value}' is unknown; choose: {choices}",
    "Jenis transaksi '{value}' tidak dikenal; pilih salah satu: {choices}":
        "Transaction type '{value}' is unknown; choose one of: {choices}",
    "Akun '{value}' tidak bisa dipakai untuk {form}; pilih akun kelompok {groups}":
        "Account '{value}' cannot be used for {form}; choose an account of group {groups}",
    "Nama pihak wajib diisi untuk {form}": "A party name is required for {form}",
    "Jatuh tempo {value} lebih awal dari tanggal transaksi":
        "Due date {value} is before the transaction date",
    "Pembayaran {value} lebih besar dari {what} {who} yang tersisa {balance}.":
        "Payment {value} is larger than the remaining {what} of {who}, {balance}.",
    "Jumlah barang harus lebih dari nol": "Quantity must be more than zero",
    "Jumlah barang diisi tetapi barangnya belum dipilih":
        "A quantity was given but no item was chosen",
    "Barang wajib diisi": "An item is required",
    "Isi jumlah hasil hitung stok": "Give the counted quantity",
    "Stok {name} sudah {value} {unit}; tidak ada selisih":
        "Stock of {name} is already {value} {unit}; there is no difference",
    "Nilai selisih stok {name} belum diketahui; isi nilainya":
        "The value of the stock difference of {name} is unknown; give it",
    "Produksi butuh barang jadi dan bahan yang dipakai":
        "Production needs a finished item and the materials used",
    "Jumlah hasil produksi harus lebih dari nol": "The quantity produced must be more than zero",
    "Bahan yang dipakai belum punya harga pokok; catat pembeliannya dulu":
        "The materials used have no cost yet; record their purchase first",
    "Tujuan pindah dana '{value}' harus kas, bank atau qris dan berbeda dari asalnya":
        "Transfer destination '{value}' must be kas, bank or qris and differ from the source",
    "Saldo {name} menjadi minus {amount}; mungkin ada uang masuk yang belum dicatat.":
        "The {name} balance goes below zero by {amount}; money received may not be recorded yet.",
    # sanity: questions asked before unusual input is posted
    "Apakah benar {amount}? Jumlah ini jauh lebih besar dari biasanya (di atas {bound}).":
        "Is {amount} right? It is far more than usual (above {bound}).",
    "Tanggal {day} belum tiba (hari ini {today}). Apakah tanggalnya benar?":
        "The date {day} has not come yet (today is {today}). Is the date right?",
    "Tanggal {day} sudah lebih dari setahun yang lalu. Apakah tanggalnya benar?":
        "The date {day} is more than a year ago. Is the date right?",
    "{questions}": "{questions}",
    "Keterangan jurnal wajib diisi": "A journal memo is required",
    # journal CSV
    "Judul kolom harus {expected}, bukan '{value}'": "The header must be {expected}, not '{value}'",
    "Baris punya {count} kolom, seharusnya {expected}":
        "The row has {count} columns instead of {expected}",
    "Nomor ref wajib diisi": "A ref is required",
    "Tepat satu dari debit atau kredit harus lebih dari nol":
        "Exactly one of debit or credit must be more than zero",
    "Nomor ref '{value}' terlalu panjang (maks. 40)": "Ref '{value}' is too long (max. 40)",
    "Ref '{value}' sudah ada di buku; pakai --skip-existing untuk melewati yang sudah diimpor":
        "Ref '{value}' is already in the books; use --skip-existing to skip what was imported",
    "Berkas '{value}' tidak bisa dibuka: {reason}": "File '{value}' cannot be opened: {reason}",
    "Berkas bukan teks UTF-8": "The file is not UTF-8 text",
    "Tanggal {value} berbeda dengan tanggal ref {ref} di baris {first} ({date}); "
    "satu ref harus satu tanggal":
        "Date {value} differs from the date of ref {ref} on row {first} ({date}); "
        "one ref has one date",
    "Tanggal {value} ada di periode yang sudah ditutup (sampai {closed})":
        "Date {value} is in a closed period (up to {closed})",
    "Ref {value} tidak seimbang: debit {debit}, kredit {credit} ({lines} baris, mulai baris "
    "{first})":
        "Ref {value} does not balance: debit {debit}, credit {credit} ({lines} rows, from row "
        "{first})",
    "CSV rusak: {reason}": "Damaged CSV: {reason}",
    # ledger
    "Periode sudah ditutup sampai {closed}; tanggal '{value}' lebih awal":
        "The period is already closed up to {closed}; '{value}' is earlier",
    "Jurnal butuh paling sedikit dua baris (debit dan kredit)":
        "An entry needs at least two lines (debit and credit)",
    "Jurnal tidak seimbang: debit {debit} tidak sama dengan kredit {credit}":
        "The entry does not balance: debit {debit} is not equal to credit {credit}",
    "Transaksi dengan nomor '{value}' tidak ada": "There is no transaction '{value}'",
    "Transaksi '{value}' adalah penyesuaian HPP yang dihitung otomatis dari tanggal transaksi "
    "stok; batalkan transaksi stoknya, bukan penyesuaiannya.": "Transaction '{value}' is a COGS "
    "adjustment worked out from the dates of the stock entries; cancel the stock entry, not "
    "the adjustment.",
    "Alasan pembatalan wajib diisi": "A reason for the cancellation is required",
    "Transaksi '{value}' adalah pembatalan; pembatalan tidak bisa dibatalkan lagi. "
    "Catat transaksi yang benar sebagai transaksi baru.":
        "Transaction '{value}' is a cancellation; a cancellation cannot be cancelled. "
        "Record the right transaction as a new one.",
    "Transaksi '{value}' sudah dibatalkan oleh {by}": "Transaction '{value}' was already "
        "cancelled by {by}",
    "Setiap baris harus punya tepat satu dari debit atau kredit yang lebih dari nol":
        "Every line needs exactly one of debit or credit above zero",
    # saldo awal
    "Saldo awal akun {code} tidak boleh negatif: {value}":
        "The opening balance of account {code} must not be negative: {value}",
    "Saldo awal tidak seimbang: aset dan liabilitas + modal berselisih {value}; "
    "hapus saldo Modal (3101) agar dihitung otomatis":
        "The opening balance does not balance: assets and liabilities + capital differ by "
        "{value}; leave out Modal (3101) to have it computed",
    "Saldo awal sudah dicatat ({value}); batalkan dulu jika ingin mengulang":
        "The opening balance is already posted ({value}); cancel it first to redo it",
    "Saldo awal hanya untuk akun neraca, bukan '{value}'":
        "Opening balances are for balance-sheet accounts, not '{value}'",
    "Tulis aset sebagai NAMA;AKUN;HARGA;TANGGAL_BELI;UMUR_BULAN[;AKUMULASI], bukan '{value}'":
        "Write an asset as NAME;ACCOUNT;COST;PURCHASE_DATE;LIFE_MONTHS[;ACCUMULATED], "
        "not '{value}'",
    "Tulis stok sebagai SKU=JUMLAH@HARGA_POKOK, bukan '{value}'":
        "Write stock as SKU=QTY@UNIT_COST, not '{value}'",
    # parties
    "Pihak '{value}' belum tercatat": "Party '{value}' is not recorded yet",
    "Nama pelanggan atau pemasok wajib diisi": "A customer or supplier name is required",
    "Nama '{value}' terlalu panjang (paling banyak 120 huruf)":
        "Name '{value}' is too long (120 characters at most)",
    # stock
    "SKU '{value}' hanya boleh huruf, angka, titik, garis dan garis bawah (maks. 40)":
        "SKU '{value}' may only hold letters, digits, dots, dashes and underscores (max. 40)",
    "Nama barang wajib diisi": "Item name is required",
    "Satuan barang wajib diisi (misalnya bks, kg, liter)":
        "Item unit is required (e.g. bks, kg, liter)",
    "Akun persediaan '{value}' harus akun 13xx yang ada":
        "Inventory account '{value}' must be an existing 13xx account",
    "SKU '{value}' sudah dipakai barang lain": "SKU '{value}' is used by another item",
    "Barang '{value}' tidak ada di daftar barang": "There is no item '{value}' in the item list",
    "Stok {name} tinggal {have} {unit}, lebih sedikit dari {want} {unit}. Transaksi tetap "
    "dicatat dengan harga pokok rata-rata terakhir; catat pembelian yang belum masuk.":
        "Only {have} {unit} of {name} left, less than {want} {unit}. The sale is recorded at "
        "the last average cost; record any purchase not entered yet.",
    "Harga pokok {name} belum diketahui (belum pernah ada pembelian); HPP dicatat nol.":
        "The cost of {name} is unknown (never purchased); cost of sales recorded as zero.",
    # printing
    "'{value}' adalah folder; tulis nama berkas PDF": "'{value}' is a folder; give a PDF file name",
    "Nota hanya untuk penjualan atau penerimaan pembayaran; '{value}' adalah {kind}":
        "A receipt is only for a sale or a payment received; '{value}' is {kind}",
    # reports and CLI
    "Tidak bisa menulis '{value}': {reason}": "Cannot write '{value}': {reason}",
    "Laporan '{value}' tidak dikenal; pilih: {choices}": "Report '{value}' is unknown; choose: {choices}",
    "Tulis {field} sebagai KODE{sep}NILAI, bukan '{value}'":
        "Write {field} as KEY{sep}VALUE, not '{value}'",
    "Peringatan: {text}": "Warning: {text}",
    "Jika memang benar, ulangi dengan --confirm.": "If that is right, repeat with --confirm.",
    "Terjadi kesalahan yang tidak terduga. Rinciannya dicatat di {log}":
        "An unexpected error happened. Details are in {log}",
    "Wajib diisi: {value}": "Required: {value}",
    "Pilihan '{value}' untuk {arg} tidak dikenal; pilih salah satu: {choices}":
        "Choice '{value}' for {arg} is unknown; choose one of: {choices}",
    "Nilai '{value}' untuk {arg} harus angka": "Value '{value}' for {arg} must be a number",
    "{arg} butuh nilai": "{arg} needs a value",
    "Opsi tidak dikenal: {value}": "Unknown option: {value}",
    "Usaha '{value}' sudah ada di PC ini": "Business '{value}' is already on this PC",
    "Nama pengguna atau kata sandi salah": "Wrong user name or password",
    "Mall menolak: {reason}": "The Mall refused: {reason}",
    "Server Mall di {value} sedang bermasalah; coba lagi nanti":
        "The Mall server at {value} is having trouble; try again later",
    "Tidak bisa menghubungi Mall di {value}. Periksa alamatnya dan sambungan internet":
        "Cannot reach the Mall at {value}. Check the address and the internet connection",
    # shop: listings and photos
    "Makanan olahan": "Processed food",
    "Kain & tenun": "Cloth & weaving",
    "Kerajinan": "Crafts",
    "Minuman": "Drinks",
    "Pertanian": "Farm produce",
    "Lainnya": "Other",
    "Draf": "Draft",
    "Menunggu kurasi": "Awaiting curation",
    "Tayang": "Live",
    "Ditolak": "Rejected",
    "Kategori '{value}' tidak dikenal; pilih salah satu: {choices}":
        "Category '{value}' is unknown; choose one of: {choices}",
    "Berat '{value}' gram tidak masuk akal": "A weight of '{value}' grams makes no sense",
    "Barang '{value}' sudah punya produk di toko": "Item '{value}' already has a shop product",
    "Kolom produk '{value}' tidak dikenal": "Product field '{value}' is unknown",
    "Belum ada produk toko untuk SKU '{value}'": "There is no shop product for SKU '{value}' yet",
    "Paling banyak {limit} foto per produk ({value} dipilih)":
        "At most {limit} photos per product ({value} chosen)",
    "Harga harus lebih dari nol": "The price must be more than zero",
    "Sertifikat '{value}' tidak dikenal (halal, pirt, sni)":
        "Certificate '{value}' is unknown (halal, pirt, sni)",
    "Judul produk wajib diisi": "The product title is required",
    "{name} terlalu panjang ({length} huruf; maks. {limit})":
        "{name} is too long ({length} characters; at most {limit})",
    "Tanggal '{value}' harus berbentuk TTTT-BB-HH": "Date '{value}' must look like YYYY-MM-DD",
    "Berkas foto '{value}' tidak ada": "Photo file '{value}' does not exist",
    "Berkas foto '{value}' terlalu besar (maks. 15 MB)":
        "Photo file '{value}' is too large (at most 15 MB)",
    "Foto '{value}' tidak bisa dibaca sebagai gambar": "Photo '{value}' cannot be read as a picture",
    "Foto '{value}' harus JPEG, PNG atau WebP": "Photo '{value}' must be JPEG, PNG or WebP",
    "Foto '{value}' berukuran {width}×{height} piksel; sisi terpendek minimal 200 dan "
    "terpanjang maksimal 12000":
        "Photo '{value}' is {width}×{height} pixels; the short side must be at least 200 and "
        "the long side at most 12000",
    # shop: orders
    "Baru": "New",
    "Diterima": "Accepted",
    "Dibayar": "Paid",
    "Dikirim": "Shipped",
    "Pesanan '{value}' tidak ada": "Order '{value}' does not exist",
    "Status '{value}' tidak dikenal; pilih salah satu: {choices}":
        "Status '{value}' is unknown; choose one of: {choices}",
    "Pesanan {value} berstatus {status}; tidak bisa menjadi {to}":
        "Order {value} is {status}; it cannot become {to}",
    "Stok {sku} kurang {short} untuk pesanan {value}; terima juga atau tolak pesanan ini":
        "Stock of {sku} is {short} short for order {value}; accept it anyway or reject it",
    "Stok kurang untuk pesanan {value} ({lines}); terima juga atau tolak pesanan ini":
        "Stock is short for order {value} ({lines}); accept it anyway or reject it",
    "Alasan menolak wajib diisi": "A reason for rejecting is required",
    "Nomor HP '{value}' tidak sah; contoh: 0812 3456 7890":
        "Phone number '{value}' is not valid; for example 0812 3456 7890",
    "Pesanan {value} sudah dibayar": "Order {value} is already paid",
    "Nama kurir wajib diisi": "The courier's name is required",
    "Nomor resi wajib diisi": "The tracking (resi) number is required",
    "Pesanan {value} belum dibayar; kirim setelah dibayar, atau pilih bayar di tempat":
        "Order {value} is not paid yet; ship it once paid, or choose cash on delivery",
    "Pesanan {value} belum dibayar; catat pembayarannya dulu":
        "Order {value} is not paid yet; record the payment first",
    "Pesanan {value} belum diterima, jadi belum ada notanya":
        "Order {value} is not accepted yet, so it has no nota",
    "Label hanya untuk pesanan yang sudah diterima; pesanan {value} berstatus {status}":
        "Labels are only for accepted orders; order {value} is {status}",
    # issue 12: assets, reversals and corrections
    "Penyusutan bulan {value} belum bisa dicatat karena bulan itu belum berjalan":
        "Depreciation for {value} cannot be posted yet: that month has not started",
    "Aset '{value}' tidak ada di daftar aset tetap pada tanggal itu":
        "Asset '{value}' is not in the fixed-asset register on that date",
    "Ada beberapa aset bernama '{value}'; pakai nomor aset dari daftar aset":
        "Several assets are named '{value}'; use the asset number from the asset list",
    "Aset '{value}' sudah disusutkan untuk bulan pelepasan atau sesudahnya ({refs}); batalkan "
    "penyusutan itu dulu":
        "Asset '{value}' is already depreciated for the month of disposal or later ({refs}); "
        "cancel that depreciation first",
    "Akun {value} hanya lewat formulir aset: pelepasan aset untuk menjual atau membuang, "
    "penyusutan untuk akumulasi penyusutan":
        "Account {value} is used only through the asset forms: asset disposal to sell or "
        "scrap, depreciation for accumulated depreciation",
    "Pilihan koreksi '{value}' tidak dikenal; pilih: {choices}":
        "Correction choice '{value}' is unknown; choose: {choices}",
    "Transaksi '{value}' tidak ada di periode yang sudah ditutup; batalkan biasa saja":
        "Transaction '{value}' is not in a closed period; cancel it the ordinary way",
    "Transaksi '{value}' ada di periode yang sudah ditutup (sampai {closed}); pilih koreksi "
    "periode lalu (lewat saldo laba) atau koreksi di periode berjalan":
        "Transaction '{value}' is in a closed period (up to {closed}); choose a prior-period "
        "correction (through retained earnings) or a correction in the current period",
    "Tanggal pembatalan {value} lebih awal dari transaksi aslinya ({original})":
        "Cancellation date {value} is earlier than the original transaction ({original})",
    "Aset '{value}' sudah disusutkan atau dilepas ({refs}); batalkan transaksi itu dulu "
    "(mulai dari yang terakhir), lalu batalkan {ref}":
        "Asset '{value}' has been depreciated or disposed of ({refs}); cancel those first "
        "(latest first), then cancel {ref}",
    "Uang muka {value} tidak cukup atau melebihi tagihan: uang muka tersisa {held}, tagihan "
    "{owed}":
        "Deposit {value} is not enough or exceeds the bill: deposit left {held}, bill {owed}",
    "Tidak ada PPh Final untuk bulan {value}; isi jumlahnya bila memang ada":
        "No PPh Final for {value}; enter the amount if there is one",
    # returns (retur-penjualan, retur-pembelian)
    "Stok {name} pada {day} hanya {held} {unit}; tidak bisa mengembalikan {value} {unit}":
        "Stock of {name} on {day} is only {held} {unit}; cannot send back {value} {unit}",
    "Pilih nota asal yang barangnya diretur": "Choose the original nota of the returned goods",
    "Nota '{value}' bukan {what}; {form} hanya untuk nota {what}":
        "Nota '{value}' is not a {what}; {form} is only for {what} notas",
    "Nota '{value}' sudah dibatalkan oleh {by}; tidak ada yang bisa diretur":
        "Nota '{value}' was cancelled by {by}; there is nothing to return",
    "Tanggal retur {value} lebih awal dari nota aslinya ({original})":
        "Return date {value} is before the original nota ({original})",
    "Nota '{value}' tidak mencatat barang; batalkan notanya bila salah":
        "Nota '{value}' records no goods; cancel the nota if it is wrong",
    "Pilih barang yang diretur dari nota '{value}': {choices}":
        "Choose the returned item of nota '{value}': {choices}",
    "Barang '{value}' tidak ada di nota {ref}; pilih: {choices}":
        "Item '{value}' is not on nota {ref}; choose: {choices}",
    "Jumlah retur {value} {unit} melebihi yang tersisa di nota {ref}: {left} {unit} "
    "(dari {total} {unit})":
        "Return quantity {value} {unit} exceeds what is left on nota {ref}: {left} {unit} "
        "(of {total} {unit})",
    "Cara pengembalian '{value}' tidak dikenal; pilih: {choices}":
        "Refund method '{value}' not recognised; choose: {choices}",
    "Nota '{value}' tidak punya nama {who}; kembalikan uangnya (tunai, bank atau QRIS)":
        "Nota '{value}' has no {who} name; give the money back (cash, bank or QRIS)",
    "Nota '{value}' sudah punya retur ({refs}); batalkan returnya dulu, lalu batalkan nota ini":
        "Nota '{value}' has returns ({refs}); cancel the returns first, then this nota",
    "Jatuh tempo untuk '{value}' diisi, tetapi pihak itu tidak punya piutang atau utang di "
    "saldo awal":
        "A due date was given for '{value}', but that party has no opening receivable or "
        "payable",
    "Nota {ref} berisi beberapa barang; isi jumlah uang yang dikembalikan untuk {value}":
        "Nota {ref} holds several items; enter the money given back for {value}",
    # Books encrypted at rest (store/keyfile.py, store/encrypt.py, unlock.py)
    "Salinan terenkripsi '{value}' tidak sama dengan aslinya":
        "The encrypted copy '{value}' differs from the original",
    "Kode pemulihan harus {count} huruf/angka seperti di kertas catatan":
        "The recovery code has {count} letters/digits, as on the paper you wrote it on",
    "Kode pemulihan salah": "Wrong recovery code",
    "Berkas kunci '{value}' hilang; buku terenkripsi tidak bisa dibuka tanpanya (pulihkan dari "
    "cadangan)":
        "Key file '{value}' is missing; encrypted books cannot be opened without it (restore "
        "from a backup)",
    "Berkas kunci '{value}' rusak": "Key file '{value}' is damaged",
    "Buku '{value}' belum terenkripsi; buka sekali dengan PIN-nya dulu":
        "The books '{value}' are not encrypted yet; open them once with their PIN first",
    "Tulis PIN baru dengan --pin-stdin (atau --pin)": "Give the new PIN with --pin-stdin (or --pin)",
    "Tulis PIN baru dengan --pin-stdin atau --new-pin": "Give the new PIN with --pin-stdin or --new-pin",
    # PIN change rekeys (store/rekey.py, unlock.py, cli/cmd_business.py)
    "PIN ini tidak membuka buku lagi: PIN-nya baru saja diganti (atau buku dipulihkan dari "
    "cadangan). Masukkan PIN yang baru.":
        "This PIN no longer opens the books: the PIN was just changed (or the books were "
        "restored from a backup). Enter the new PIN.",
    "Berkas kunci '{value}' berubah sejak buku dibuka (dipulihkan di jendela lain?); tutup dan "
    "buka lagi bukunya":
        "Key file '{value}' changed since the books were opened (restored in another "
        "window?); close the books and open them again",
    "PIN belum diganti: buku ini sedang dipakai proses lain; tutup dulu lalu coba lagi":
        "The PIN was not changed: another program is using these books; close it and try "
        "again",
    "PIN belum diganti: {reason}": "The PIN was not changed: {reason}",
    "Tulis PIN baru dengan --new-pin-stdin (atau --new-pin)":
        "Give the new PIN with --new-pin-stdin (or --new-pin)",
    # produksi: a materials line filled in part is refused, never dropped
    "Bahan baris {number}: jumlah {value} diisi tetapi bahannya belum dipilih":
        "Material line {number}: quantity {value} is filled in but no material is chosen",
    "Bahan '{value}': isi jumlah yang dipakai": "Material '{value}': enter the quantity used",
}

# Issue 13 (notas of several lines, channels, barcodes) keeps its messages in its own module.
from desktop.books.i18n_nota import EN as _NOTA  # noqa: E402

EN.update(_NOTA)
