"""English for the Laporan page: the report chooser, period, exports, print preview and nota."""

from __future__ import annotations

EN = {
    # the chooser
    "Pilih laporan": "Choose a report",
    "Laporan Posisi Keuangan": "Statement of Financial Position",
    "Harta usaha, utangnya, dan modal pemilik pada satu tanggal.":
        "What the business owns, what it owes, and the owner's equity on one date.",
    "Laba Rugi": "Profit and Loss",
    "Pendapatan dikurangi semua beban: untung atau rugi dalam satu periode.":
        "Income less all expenses: the profit or loss of a period.",
    "Arus Kas": "Cash Flow",
    "Uang yang masuk dan keluar dari kas dan bank, menurut asalnya.":
        "Money in and out of cash and bank, grouped by where it came from.",
    "Perubahan Ekuitas": "Changes in Equity",
    "Modal pemilik bertambah atau berkurang: setoran, laba, dan prive.":
        "How the owner's equity grew or shrank: capital paid in, profit, and drawings.",
    "Neraca Saldo": "Trial Balance",
    "Saldo setiap akun pada satu tanggal, untuk diperiksa bersama pendamping.":
        "Every account's balance on one date, to check together with your mentor.",
    "Buku Besar": "General Ledger",
    "Semua catatan satu akun, misalnya Kas, dengan saldo berjalan.":
        "Everything recorded on one account, such as Cash, with a running balance.",
    "Kartu Stok": "Stock Card",
    "Barang masuk dan keluar beserta harga pokoknya, atau daftar persediaan.":
        "Goods in and out with their cost, or the list of all stock.",
    "Umur Piutang": "Receivables Aging",
    "Siapa yang belum membayar usaha Anda, dan sudah berapa lama.":
        "Who has not paid your business yet, and for how long.",
    "Umur Utang": "Payables Aging",
    "Kepada siapa usaha Anda belum membayar, dan sudah berapa lama.":
        "Whom your business has not paid yet, and for how long.",
    "Perkiraan PPh Final": "Final Income Tax Estimate",
    "Perkiraan pajak 0,5% dari omzet setiap bulan (PP 55/2022).":
        "An estimate of the 0.5% tax on each month's turnover (PP 55/2022).",
    "Paket Laporan Keuangan": "Financial Statement Pack",
    "Sampul, empat laporan utama dan catatannya, untuk Dinas atau bank.":
        "Cover, the four main statements and their notes, for the Dinas or a bank.",
    "Nota Penjualan": "Sales Receipt",
    "Nota satu penjualan atau kuitansi pembayaran, A5 atau 58 mm.":
        "The receipt of one sale or payment received, A5 or 58 mm.",
    "Isi laporan dalam Bahasa Indonesia, seperti yang dicetak.":
        "The report itself is in Bahasa Indonesia, as it is printed.",
    # period and filters
    "Periode": "Period",
    "Per tanggal": "As of",
    "Bulan ini": "This month",
    "Bulan lalu": "Last month",
    "Tahun ini": "This year",
    "Tahun lalu": "Last year",
    "Pilih tanggal…": "Choose dates…",
    "Dari": "From",
    "Dari tanggal": "From date",
    "s.d.": "to",
    "Sampai tanggal": "To date",
    "Akun": "Account",
    "Barang": "Item",
    "Semua akun": "All accounts",
    "Semua barang (daftar persediaan)": "All items (stock list)",
    "Ketik kode atau nama akun…": "Type an account code or name…",
    "Ketik SKU atau nama barang…": "Type an item's SKU or name…",
    "Pilih akun dari daftar.": "Choose an account from the list.",
    "Pilih barang dari daftar.": "Choose an item from the list.",
    # showing
    "Tampilkan": "Show",
    "Pilihan berubah; klik Tampilkan untuk memperbarui.": "The choice changed; click Show to update.",
    "Tidak ada transaksi pada periode ini.": "There are no transactions in this period.",
    "{count} baris ditampilkan; gulir ke bawah untuk memuat berikutnya.":
        "{count} rows shown; scroll down to load more.",
    "Sampul dan catatan atas laporan keuangan ada di PDF: klik Simpan PDF atau Cetak.":
        "The cover and the notes to the statements are in the PDF: click Save PDF or Print.",
    # saving
    "Simpan PDF": "Save PDF",
    "Simpan Excel": "Save Excel",
    "PDF (*.pdf)": "PDF (*.pdf)",
    "Excel (*.xlsx)": "Excel (*.xlsx)",
    "{name} per {date}": "{name} as of {date}",
    "{name} {start} s.d. {end}": "{name} {start} to {end}",
    "Menyimpan PDF…": "Saving the PDF…",
    "Menyimpan Excel…": "Saving the Excel file…",
    "Batal": "Cancel",
    "Tersimpan: {name} di folder {folder}": "Saved: {name} in the folder {folder}",
    "{count} berkas tersimpan di folder {folder}": "{count} files saved in the folder {folder}",
    "Buka folder": "Open folder",
    "Tutup pemberitahuan": "Close the message",
    # printing
    "Cetak…": "Print…",
    "Menyiapkan cetakan…": "Preparing the printout…",
    "Halaman sebelumnya": "Previous page",
    "Halaman sebelumnya (Page Up)": "Previous page (Page Up)",
    "Halaman berikutnya": "Next page",
    "Halaman berikutnya (Page Down)": "Next page (Page Down)",
    "Halaman": "Page",
    "dari {count}": "of {count}",
    "Perkecil": "Zoom out",
    "Perkecil (Ctrl+-)": "Zoom out (Ctrl+-)",
    "Perbesar": "Zoom in",
    "Perbesar (Ctrl++)": "Zoom in (Ctrl++)",
    "Pas lebar": "Fit width",
    "Satu halaman": "Whole page",
    "Simpan PDF…": "Save PDF…",
    "Tutup": "Close",
    "Mencetak…": "Printing…",
    # nota
    "Nota {ref}": "Receipt {ref}",
    "Menyiapkan nota…": "Preparing the receipt…",
    "Pilih penjualan dari daftar, atau ketik nomor transaksinya; daftar menyaring sambil Anda "
    "mengetik.": "Choose a sale from the list, or type its transaction number; the list "
                 "narrows as you type.",
    "Pilih penjualan atau ketik nomor transaksinya.":
        "Choose a sale or type its transaction number.",
    "Tanggal": "Date",
    "No. transaksi": "Transaction no.",
    "Jenis": "Kind",
    "Pembeli": "Customer",
    "Jumlah": "Total",
    "Penjualan tunai": "Cash sale",
    "Penjualan kredit": "Credit sale",
    "Terima pembayaran": "Payment received",
    "{kind} (dibatalkan)": "{kind} (cancelled)",
    "misalnya PT-2026-000012": "for example PT-2026-000012",
    "Ukuran": "Size",
    "A5 (printer biasa)": "A5 (ordinary printer)",
    "58 mm (printer struk)": "58 mm (receipt printer)",
    "Lihat nota": "View receipt",
}
