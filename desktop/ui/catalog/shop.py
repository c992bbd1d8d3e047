"""English for Toko Online: orders from the mall and the product listings."""

from __future__ import annotations

EN = {
    "Toko Online": "Online shop",
    "Pesanan": "Orders",
    "Produk": "Products",
    "Semua pesanan": "All orders",
    "Bayar di tempat": "Cash on delivery",
    "{name} · {phone} · {method}": "{name} · {phone} · {method}",
    "Alamat: {address}": "Address: {address}",
    "Pesanan {code}: {status}.": "Order {code}: {status}.",
    "Pesanan dari Mall muncul di sini setelah sinkron.":
        "Orders from the Mall appear here after a sync.",
    "Dikirim dengan {courier}, resi {resi}": "Shipped with {courier}, tracking number {resi}",
    "Alasan: {reason}": "Reason: {reason}",
    "Alasan": "Reason",
    "Alasan (dibaca pembeli):": "Reason (the buyer reads it):",
    "Kirim": "Ship",
    "Nama kurir:": "Courier:",
    "Nomor resi:": "Tracking (resi) number:",
    "Total": "Total",
    "Terima juga": "Accept anyway",
    "Terima pesanan": "Accept the order",
    "Tolak…": "Reject…",
    "Sudah dibayar": "Paid",
    "Kirim…": "Ship…",
    "Selesai": "Done",
    "Batalkan…": "Cancel…",
    "Tambah produk": "Add a product",
    "Tayangkan / turunkan": "Show / take down",
    "Pilih foto…": "Choose photos…",
    "Pilih foto": "Choose photos",
    "Ajukan tayang di Mall": "Ask the Mall to show it",
    "Simpan produk": "Save the product",
    "Produk yang ditayangkan dikirim ke Mall saat sinkron, lalu diperiksa kurator Dinas "
    "sebelum tampil.":
        "Products to be shown are sent to the Mall at the next sync, then checked by the "
        "Dinas's curator before they appear.",
    "Judul": "Title",
    "Harga": "Price",
    "Berat": "Weight",
    "Kebijakan retur": "Return policy",
    "Foto (paling banyak 5)": "Photos (at most 5)",
    "Foto": "Photos",
    "Status di Mall": "Status at the Mall",
    "Dilihat / dipesan (30 hari)": "Views / orders (30 days)",
    "Foto {n}": "Photo {n}",
    "{title}: {state}.": "{title}: {state}.",
    "Produk {title} disimpan ({state}).": "Product {title} saved ({state}).",
    "Gambar (*.jpg *.jpeg *.png *.webp)": "Pictures (*.jpg *.jpeg *.png *.webp)",
}
