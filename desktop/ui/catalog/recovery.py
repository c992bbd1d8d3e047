"""English for the recovery code: shown once, printed, used when the PIN is forgotten."""

from __future__ import annotations

EN = {
    "Lupa PIN?": "Forgot the PIN?",
    "Kode pemulihan": "Recovery code",
    "Kode pemulihan {name}": "Recovery code for {name}",
    "Buku ini terkunci dengan PIN. Bila PIN lupa, hanya kode ini yang bisa membukanya. Tulis di "
    "kertas atau cetak, lalu simpan di tempat aman, jauh dari komputer ini. Kode ini tidak akan "
    "ditampilkan lagi.":
        "These books are locked with the PIN. If the PIN is forgotten, only this code opens "
        "them. Write it on paper or print it, and keep it somewhere safe, away from this PC. "
        "The code will not be shown again.",
    "Sudah saya catat": "I have written it down",
    "Cetak (PDF)": "Print (PDF)",
    "Simpan kode pemulihan": "Save the recovery code",
    "Kode pemulihan buku Lumbung\n\nUsaha: {name}\n\n{code}\n\nKode ini membuka buku bila PIN "
    "lupa (menu \"Lupa PIN?\" di layar PIN). Simpan di tempat aman; siapa pun yang memegang kode "
    "ini dan berkas buku bisa membacanya.":
        "Lumbung books recovery code\n\nBusiness: {name}\n\n{code}\n\nThis code opens the books "
        "if the PIN is forgotten (\"Forgot the PIN?\" on the PIN screen). Keep it safe; anyone "
        "holding this code and the books file can read them.",
    "PIN baru untuk {name}": "New PIN for {name}",
    "Ketik kode pemulihan yang dicatat saat usaha dibuat, lalu PIN baru. Buku dan kode "
    "pemulihan tetap sama.":
        "Type the recovery code written down when the business was made, then a new PIN. The "
        "books and the recovery code stay the same.",
    "Pasang PIN baru": "Set the new PIN",
    "Buat kode pemulihan baru": "Make a new recovery code",
    "Kode pemulihan hilang? Isi PIN sekarang, lalu buat kode baru; kode yang lama tidak berlaku "
    "lagi.":
        "Lost the recovery code? Enter the current PIN, then make a new code; the old one "
        "stops working.",
    "Kode pemulihan baru sudah dibuat; kode yang lama tidak berlaku lagi.":
        "A new recovery code was made; the old one no longer works.",
}
