"""English for the Utang Piutang page: aging tabs, payments and the WhatsApp reminder."""

from __future__ import annotations

EN = {
    "Utang Piutang": "Payables & Receivables",
    "Piutang (pelanggan berutang)": "Receivables (customers owe)",
    "Utang (usaha berutang)": "Payables (the business owes)",
    "Pelanggan": "Customer",
    "Pemasok": "Supplier",
    "Belum jatuh tempo": "Not yet due",
    "1–30 hari": "1–30 days",
    "31–60 hari": "31–60 days",
    "61–90 hari": "61–90 days",
    "> 90 hari": "> 90 days",
    "Lebih bayar": "Overpaid",
    "Jumlah": "Total",
    "Tidak ada piutang yang belum lunas.": "No unpaid receivables.",
    "Tidak ada utang yang belum lunas.": "No unpaid payables.",
    "Per {date}: pelanggan masih berutang {total}; {overdue} sudah lewat jatuh tempo.":
        "As of {date}: customers still owe {total}; {overdue} is past due.",
    "Per {date}: usaha masih berutang {total} kepada pemasok; {overdue} sudah lewat jatuh "
    "tempo.":
        "As of {date}: the business still owes suppliers {total}; {overdue} is past due.",
    "Pilih satu nama di atas untuk melihat tagihannya.": "Choose a name above to see its bills.",
    "Tagihan {name} yang belum lunas: {count}": "Unpaid bills of {name}: {count}",
    "Catat pembayaran": "Record a payment",
    "Pengingat WhatsApp": "WhatsApp reminder",
    "Ref": "Ref",
    "Tanggal": "Date",
    "Jatuh tempo": "Due date",
    "Jumlah tagihan": "Billed",
    "Sisa": "Open",
    "Terlambat": "Overdue",
    "{days} hari": "{days} days",
    "1 hari": "1 day",
    "belum": "not yet",
    # payment
    "Terima pembayaran dari {name}": "Receive a payment from {name}",
    "Bayar utang kepada {name}": "Pay {name}",
    "Sisa piutang": "Still owed to you",
    "Sisa utang": "Still owed by you",
    "Jumlah dibayar (Rp)": "Amount paid (Rp)",
    "Diterima lewat": "Received by",
    "Dibayar lewat": "Paid by",
    "Kas (uang tunai)": "Cash",
    "Bank (transfer)": "Bank (transfer)",
    "QRIS": "QRIS",
    "Catatan": "Note",
    "boleh dikosongkan": "may be left empty",
    "Simpan pembayaran": "Save the payment",
    "Batal": "Cancel",
    "Ya, tetap catat": "Yes, record it",
    "Rp{amount} lebih besar dari sisa {owed}. Kelebihannya dicatat sebagai lebih bayar. "
    "Tetap catat?":
        "Rp{amount} is more than the {owed} still open. The extra is recorded as an "
        "overpayment. Record it anyway?",
    "Pembayaran {amount} ({name}) dicatat: {ref}.": "Payment of {amount} ({name}) recorded: {ref}.",
    # reminder
    "Pengingat WhatsApp untuk {name}": "WhatsApp reminder for {name}",
    "Pesan untuk pelanggan ditulis dalam Bahasa Indonesia. Anda boleh mengubahnya sebelum "
    "dikirim.":
        "The message for the customer is written in Indonesian. You may change it before "
        "sending.",
    "{total} dari {count} tagihan": "{total}; unpaid bills: {count}",
    "Nomor WhatsApp": "WhatsApp number",
    "misalnya 0812 3456 7890": "e.g. 0812 3456 7890",
    "Kosongkan bila ingin memilih kontaknya sendiri di WhatsApp.":
        "Leave empty to pick the contact yourself in WhatsApp.",
    "Salin teks": "Copy text",
    "Buka WhatsApp": "Open WhatsApp",
    "Teks sudah disalin. Buka WhatsApp, lalu tempel dengan Ctrl+V.":
        "The text is copied. Open WhatsApp and paste it with Ctrl+V.",
    "WhatsApp dibuka. Periksa pesannya, lalu tekan Kirim.":
        "WhatsApp is open. Check the message, then press Send.",
    "WhatsApp tidak bisa dibuka dari komputer ini. Salin teksnya dan kirim dari ponsel.":
        "WhatsApp could not be opened from this computer. Copy the text and send it from "
        "your phone.",
}
