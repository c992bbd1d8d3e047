"""English for the Kasir page and the nota lines of Catat Transaksi."""

from __future__ import annotations

EN: dict[str, str] = {
    "Transfer": "Transfer",
    "Kasir": "Till",
    "Tercatat {ref}: {total}": "Recorded {ref}: {total}",
    "Kode barang / barcode": "Item code / barcode",
    "Bayar (F12)": "Pay (F12)",
    "Ketik atau pindai kode barang lalu Enter. Tombol + dan - mengubah jumlah. F12 untuk Bayar.":
        "Type or scan an item code, then Enter. The + and - keys change the quantity. F12 pays.",
    "Subtotal": "Subtotal",
    "Uang diterima": "Money received",
    "Kembalian {amount}": "Change {amount}",
    "kembalian {amount}": "change {amount}",
    "Uang kurang": "Not enough money",
    "Barang lain di nota": "More items on the nota",
    "Toko (langsung)": "Shop (in person)",
    "WhatsApp": "WhatsApp",
    "Instagram / Facebook": "Instagram / Facebook",
    "Shopee": "Shopee",
    "Tokopedia": "Tokopedia",
    "harga": "price",
    "potongan": "discount",
    "Hapus baris ini": "Remove this line",
    "+ Barang lain di nota ini": "+ Another item on this nota",
    "Potongan nota (Rp)": "Nota discount (Rp)",
    "Saluran penjualan": "Sales channel",
    "Barcode": "Barcode",
    "Tutup kasir: uang di laci": "Close the till: cash in the drawer",
    "alasan bila ada selisih": "reason if there is a difference",
    "Tutup kasir": "Close the till",
    "Kas menurut catatan {expected}, dihitung {counted}":
        "Cash in the books {expected}, counted {counted}",
    "selisih {amount} dicatat ({ref})": "difference {amount} recorded ({ref})",
    "Simpan printer": "Save printer",
    "Nota {ref} tercatat tetapi tidak tercetak: {reason}":
        "Nota {ref} was recorded but not printed: {reason}",
    "Penjualan per Saluran": "Sales per Channel",
    "Omzet, jumlah nota dan laba kotor per saluran: toko, WhatsApp, Shopee…":
        "Turnover, number of notas and gross margin per channel: shop, WhatsApp, Shopee…",
    "pindai barcode di kemasan (boleh kosong)": "scan the barcode on the pack (may be empty)",
}
