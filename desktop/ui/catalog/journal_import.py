"""English for Pengaturan > Impor jurnal."""

from __future__ import annotations

EN = {
    "Impor jurnal (CSV)": "Import a journal (CSV)",
    "Untuk pendamping: memasukkan catatan lama dari Excel. Kolomnya date, ref, account, debit, "
    "credit, memo; satu baris satu ayat jurnal, baris dengan ref yang sama menjadi satu "
    "transaksi. Boleh dipisah koma, atau titik koma dengan desimal koma seperti Excel "
    "berbahasa Indonesia.":
        "For the mentor: bring in old records from Excel. The columns are date, ref, account, "
        "debit, credit, memo; one row is one posting line, rows sharing a ref form one "
        "transaction. Comma-separated, or semicolon-separated with decimal commas as "
        "Indonesian Excel writes them.",
    "Semua baris diperiksa dulu: jika satu baris salah, tidak ada yang diimpor dan baris itu "
    "disebutkan.":
        "Every row is checked first: if one row is wrong, nothing is imported and that row is "
        "named.",
    "Lewati nomor ref yang sudah ada di buku (impor ulang aman)":
        "Skip refs already in the books (importing again is safe)",
    "Pilih berkas CSV dan impor…": "Choose a CSV file and import…",
    "Pilih jurnal CSV": "Choose a journal CSV",
    "Berkas CSV (*.csv);;Semua berkas (*)": "CSV files (*.csv);;All files (*)",
    "Mengimpor jurnal…": "Importing the journal…",
    "Selesai: {entries} transaksi ({lines} baris) diimpor, {skipped} dilewati karena sudah ada.":
        "Done: {entries} transactions ({lines} rows) imported, {skipped} skipped as already "
        "there.",
    "Impor dibatalkan; tidak ada yang diubah.": "Import cancelled; nothing was changed.",
    "Tidak ada yang diimpor. {reason}": "Nothing was imported. {reason}",
}
