"""English for Beranda."""

from __future__ import annotations

EN = {
    "{word} {percent}% dari bulan lalu": "{word} {percent}% from last month",
    "belum ada transaksi bulan ini": "no transactions this month yet",
    "sama dengan bulan lalu": "same as last month",
    "{word} {percent}% dari tgl 1–{day} bulan lalu": "{word} {percent}% from days 1–{day} last month",
    "sama dengan tgl 1–{day} bulan lalu": "same as days 1–{day} last month",
    "naik": "up",
    "turun": "down",
    "Uang kas dan bank sekarang": "Cash and bank now",
    "Penjualan bulan ini": "Sales this month",
    "Biaya bulan ini": "Costs this month",
    "Laba bulan ini": "Profit this month",
    "Penjualan, biaya dan laba 12 bulan terakhir (juta rupiah)":
        "Sales, costs and profit over the last 12 months (million rupiah)",
    "Penjualan": "Sales",
    "Biaya": "Costs",
    "Laba": "Profit",
    "Stok menipis": "Low stock",
    "Piutang jatuh tempo minggu ini": "Receivables due this week",
    "{name}: tinggal {qty} {unit}": "{name}: {qty} {unit} left",
    "Semua stok cukup.": "All stock is sufficient.",
    " (lewat jatuh tempo)": " (overdue)",
    "Tidak ada yang jatuh tempo minggu ini.": "Nothing falls due this week.",
}
