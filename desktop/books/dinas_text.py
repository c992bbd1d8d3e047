"""English for the Dinas consent, profile and summary messages (registered on import)."""

from __future__ import annotations

from desktop.books.i18n import add_catalog

EN = {
    "Tingkat berbagi '{value}' harus salah satu dari: {choices}":
        "Sharing level '{value}' must be one of: {choices}",
    "Kolom profil Dinas '{value}' tidak dikenal": "Dinas profile field '{value}' is unknown",
    "Isian '{value}' tidak sah: {reason}": "Value '{value}' is not valid: {reason}",
    "Sertifikat '{value}' harus salah satu dari: {choices}":
        "Certificate '{value}' must be one of: {choices}",
    "Bahan baku '{value}' harus BAHAN:ASAL:PERSEN":
        "Raw material '{value}' must be MATERIAL:SOURCE:PERCENT",
}
add_catalog(EN)
