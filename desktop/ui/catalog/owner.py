"""English for what keeps a new owner safe: questions before saving, refused keys, new items."""

from __future__ import annotations

EN = {
    # one field-error path: field labels instead of internal names
    "Nama": "Name",
    "PIN": "PIN",
    "Alasan": "Reason",
    "Kode barang": "Item code",
    "Jumlah uang": "Amount",
    "Harga": "Price",
    "Nomor HP/WA": "Phone/WhatsApp number",
    "Email": "Email",
    "Nomor transaksi": "Transaction number",
    "Berkas": "File",
    # cancelling a transaction
    "Batalkan transaksi ini? {what}\nTransaksinya tetap terlihat sebagai dibatalkan.":
        "Cancel this transaction? {what}\nIt stays visible, marked as cancelled.",
    "Ya, batalkan": "Yes, cancel it",
    "Jangan": "No",
    "Alasan pembatalan wajib diisi.": "A reason for cancelling is required.",
    # the forms
    "Kembali (Esc)": "Back (Esc)",
    "+ Barang baru": "+ New item",
    "Barang ini belum ada. Lengkapi di bawah lalu tekan Tambah barang.":
        "This item does not exist yet. Fill in below, then press Add item.",
    "Ya, benar — simpan": "Yes, that is right — save",
    "Tidak, perbaiki": "No, let me fix it",
    "Tanda minus tidak dipakai di sini: tulis jumlahnya saja. Untuk uang keluar, pilih "
    "transaksi yang sesuai, misalnya Bayar biaya.":
        "A minus sign is not used here: type the amount only. For money going out, choose "
        "the matching transaction, e.g. Pay an expense.",
    "Di sini hanya angka yang bisa diketik.": "Only numbers can be typed here.",
    "Jumlah barang hanya angka, misalnya 3 atau 2,5.": "A quantity is a number, e.g. 3 or 2.5.",
    # an item added on the spot
    "Barang baru: isi satuannya, lalu tekan Tambah barang. Kodenya dibuat sendiri dari nama.":
        "New item: fill in its unit, then press Add item. Its code is made from the name.",
    "Harga jual (Rp, boleh kosong)": "Selling price (Rp, optional)",
    "Jenis barang": "Kind of item",
    "Barang untuk dijual": "Goods for sale",
    "Silakan coba lagi.": "Please try again.",
    "Panduan": "Guide",
    "Simpan PDF untuk dicetak (1 halaman)": "Save a PDF to print (1 page)",
    "Panduan disimpan: {path}": "Guide saved: {path}",
    "dibuat sendiri dari nama bila kosong": "made from the name when left empty",
    "Kode barang (boleh kosong)": "Item code (optional)",
    "Menerapkan tampilan…": "Applying the display…",
    "Tampilkan kode akun dan debit/kredit (untuk pendamping)":
        "Show account codes and debit/credit (for a mentor)",
    # the PIN pad's help when the PIN is forgotten
    "Lupa PIN?": "Forgot the PIN?",
    "Tidak ada yang bisa melihat PIN Anda, juga pendamping. Gunakan kode pemulihan yang Anda "
    "tulis atau cetak saat usaha ini dibuat. Tidak punya kode itu? Minta bantuan pendamping Anda.":
        "Nobody can see your PIN, not even a mentor. Use the recovery code you wrote down or "
        "printed when this business was made. No code? Ask your mentor for help.",
    "+ Bahan baru": "+ New material",
}
