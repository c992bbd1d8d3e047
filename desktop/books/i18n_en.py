"""English catalog: Indonesian template -> English template (kept complete by a test)."""

from __future__ import annotations

EN: dict[str, str] = {
    "baris {row}": "row {row}",
    "kolom {field}": "field {field}",
    "Jumlah wajib diisi": "Amount is required",
    "Jumlah tidak boleh negatif: '{value}'": "Amount must not be negative: '{value}'",
    "Jumlah '{value}' punya lebih dari 2 angka desimal": "Amount '{value}' has more than 2 decimals",
    "Jumlah '{value}' bukan angka yang sah": "Amount '{value}' is not a valid number",
    "Jumlah harus lebih dari nol": "Amount must be more than zero",
    "Jumlah barang '{value}' harus angka tidak negatif dengan paling banyak 3 desimal": (
        "Quantity '{value}' must be a non-negative number with at most 3 decimals"
    ),
}
