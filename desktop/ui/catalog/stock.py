"""English for the Persediaan page: item list, item form, kartu stok and stock count."""

from __future__ import annotations

EN = {
    "Persediaan": "Stock",
    "{count} barang, nilai persediaan {value}.": "Items: {count}. Stock value: {value}.",
    "{low} barang stoknya menipis (baris merah).": "Running low: {low} (red rows).",
    "Cari nama atau kode barang…": "Search by name or item code…",
    "Tambah barang": "Add item",
    "Ubah": "Edit",
    "Kartu stok": "Stock card",
    "Hitung stok": "Stock count",
    "Kode": "Code",
    "Nama barang": "Item name",
    "Satuan": "Unit",
    "Stok": "Stock",
    "Stok min.": "Min. stock",
    "Harga pokok/unit": "Cost/unit",
    "Nilai stok": "Stock value",
    "Harga jual": "Sell price",
    "Stok menipis: {qty} {unit}, minimum {min}": "Running low: {qty} {unit}, minimum {min}",
    # item form
    "misalnya bks, kg, liter, pcs": "e.g. bks, kg, liter, pcs",
    "Harga jual (Rp)": "Sell price (Rp)",
    "Harga per satuan; boleh kosong untuk bahan baku.":
        "Price per unit; may be left empty for raw materials.",
    "Kategori": "Category",
    "Jenis persediaan": "Kind of stock",
    "Barang jadi (untuk dijual)": "Finished goods (for sale)",
    "Bahan baku": "Raw materials",
    "Stok minimum": "Minimum stock",
    "Barang ditandai merah bila stoknya sama atau di bawah angka ini.":
        "The item is marked red when its stock is at or below this number.",
    "Simpan": "Save",
    "Batal": "Cancel",
    "Kembali": "Back",
    "Ubah barang {sku}": "Edit item {sku}",
    "Perubahan {name} disimpan.": "Changes to {name} saved.",
    "Barang {name} ditambahkan.": "Item {name} added.",
    # kartu stok
    "Kartu stok: {name} ({sku})": "Stock card: {name} ({sku})",
    "Dari": "From",
    "sampai": "to",
    "Tanggal": "Date",
    "Ref": "Ref",
    "Keterangan": "Description",
    "Masuk": "In",
    "Keluar": "Out",
    "Saldo": "Balance",
    "Nilai saldo": "Balance value",
    "Saldo awal": "Opening balance",
    "Saldo akhir": "Closing balance",
    "Tanggal akhir lebih awal dari tanggal awal.": "The end date is before the start date.",
    "{count} mutasi. Satuan: {unit}. Harga pokok dihitung rata-rata bergerak.":
        "Movements: {count}. Unit: {unit}. Cost is the moving average.",
    "Tidak ada mutasi barang ini pada periode tersebut.":
        "This item did not move in that period.",
    # stock count
    "Hitung stok: {name}": "Stock count: {name}",
    "Hitung barang yang benar-benar ada, lalu isi jumlahnya. Lumbung mencatat selisihnya "
    "dengan stok di buku.":
        "Count what is really there and type the number. Lumbung records the difference "
        "from the stock in the books.",
    "Stok di buku": "Stock in the books",
    "{qty} {unit}, nilai {value}": "{qty} {unit}, worth {value}",
    "Jumlah hasil hitung": "Counted quantity",
    "Tanggal hitung": "Date of the count",
    "Catatan": "Note",
    "misalnya: rusak, kedaluwarsa, salah hitung": "e.g. damaged, expired, miscounted",
    "Nilai selisih (Rp)": "Value of the difference (Rp)",
    "Simpan penyesuaian": "Save the adjustment",
    "Sama dengan stok di buku; tidak ada selisih yang perlu dicatat.":
        "Same as the stock in the books; there is no difference to record.",
    "Kurang {qty} {unit} dari buku, senilai {value}. Nilai itu dicatat sebagai harga pokok "
    "(beban). Setelah disimpan: {counted} {unit}, nilai {after}.":
        "{qty} {unit} fewer than in the books, worth {value}. That value is recorded as cost "
        "of goods (an expense). After saving: {counted} {unit}, worth {after}.",
    "Lebih {qty} {unit} dari buku. Harga pokoknya belum diketahui; isi nilai selisihnya di "
    "bawah.":
        "{qty} {unit} more than in the books. Its cost is not known yet; type the value of "
        "the difference below.",
    "Lebih {qty} {unit} dari buku, senilai {value} (harga pokok rata-rata). Setelah disimpan: "
    "{counted} {unit}, nilai {after}.":
        "{qty} {unit} more than in the books, worth {value} (average cost). After saving: "
        "{counted} {unit}, worth {after}.",
    "Hasil hitung stok {name} dicatat ({ref}).": "Stock count of {name} recorded ({ref}).",
    # label sheet for goods without a barcode (issue 13)
    "Cetak label barcode": "Print barcode labels",
    "Lembar label Code128 (PDF, A4) untuk barang yang belum punya barcode":
        "A sheet of Code128 labels (PDF, A4) for goods that have no barcode yet",
    "Semua barang aktif sudah punya barcode; tidak ada label untuk dicetak.":
        "Every active item already has a barcode; there are no labels to print.",
    "Label barcode": "Barcode labels",
    "Label {count} barang disimpan di {file}. Cetak di kertas label A4 (24 per lembar).":
        "Labels for {count} items saved in {file}. Print them on A4 label paper (24 a sheet).",
}
