"""English for Kas & Bank: the cash book's filters, columns, detail and cancelling an entry."""

from __future__ import annotations

EN = {
    # filters
    "Dari": "From",
    "Sampai": "To",
    "Jenis": "Kind",
    "Akun": "Account",
    "Pihak": "Party",
    "Cari": "Search",
    "Semua jenis": "All kinds",
    "Semua akun": "All accounts",
    "Semua pihak": "All parties",
    "Cari ref, keterangan atau nama…": "Search ref, description or name…",
    "Hapus saringan": "Clear filters",
    "{count} transaksi": "{count} transactions",
    "Tidak ada transaksi yang cocok. Ubah tanggal atau hapus saringan.":
        "No transactions match. Change the dates or clear the filters.",
    # columns
    "Tanggal": "Date",
    "Ref": "Ref",
    "Keterangan": "Description",
    "Masuk": "In",
    "Keluar": "Out",
    "Status": "Status",
    # forms and status
    "Penjualan tunai": "Cash sale",
    "Penjualan kredit": "Credit sale",
    "Bayar utang": "Pay a supplier",
    "Pendapatan lain": "Other income",
    "Terima pinjaman": "Loan received",
    "Produksi": "Production",
    "Penyusutan": "Depreciation",
    "Pelepasan aset": "Asset disposal",
    "Uang muka pelanggan": "Customer deposit",
    "Uang muka pembelian": "Supplier deposit",
    "PPh Final": "PPh Final",
    "Koreksi periode lalu": "Prior-period correction",
    "Koreksi periode lalu (lewat saldo laba, bukan laba tahun ini)":
        "Prior-period correction (through retained earnings, not this year's profit)",
    "Jurnal umum": "General journal",
    "Saldo awal": "Opening balance",
    "Pembatalan": "Cancellation",
    "Aktif": "Active",
    "Dibatalkan": "Cancelled",
    # detail
    "Debit": "Debit",
    "Kredit": "Credit",
    "Pilih transaksi di tabel untuk melihat rinciannya.":
        "Choose a transaction in the table to see its details.",
    "Dibatalkan oleh {ref}. Alasan: {reason}": "Cancelled by {ref}. Reason: {reason}",
    "Membatalkan {ref}. Alasan: {reason}": "Cancels {ref}. Reason: {reason}",
    # cancelling
    "Batalkan transaksi": "Cancel transaction",
    "Mencatat transaksi pembalik; yang asli tetap tersimpan":
        "Records a reversing transaction; the original is kept",
    "Transaksi {ref} ({kind}, {summary}) akan dibatalkan dengan mencatat transaksi pembalik. "
    "Transaksi aslinya tetap tersimpan dan ditandai dibatalkan.":
        "Transaction {ref} ({kind}, {summary}) will be cancelled by recording a reversing "
        "transaction. The original is kept and marked cancelled.",
    "Alasan pembatalan": "Reason for cancelling",
    "Misalnya: salah ketik jumlah": "For example: the amount was mistyped",
    "Tanggal pembatalan": "Date of the cancellation",
    "Biasanya sama dengan tanggal transaksi aslinya.":
        "Usually the same date as the original transaction.",
    "{ref} dibatalkan; pembatalannya tercatat sebagai {by}.":
        "{ref} was cancelled; the cancellation is recorded as {by}.",
}
