"""English for the messages of notas of several lines, channels and barcodes (issue 13)."""

from __future__ import annotations

EN: dict[str, str] = {
    "Nota butuh paling sedikit satu baris": "A nota needs at least one line",
    "Pakai --line untuk setiap barang, atau --item saja; tidak keduanya":
        "Use --line for every item, or --item alone; not both",
    "Total nota harus lebih dari nol, bukan {value}":
        "The nota's total must be more than zero, not {value}",
    "Saluran penjualan hanya untuk penjualan": "A sales channel is only for sales",
    "Jumlah {value} tidak sama dengan total nota {total}: {parts}, dikurangi potongan "
    "{discount}":
        "Amount {value} does not equal the nota's total {total}: {parts}, less discount "
        "{discount}",
    "Baris '{value}' bukan barang; pembelian persediaan hanya untuk barang yang dicatat "
    "stoknya":
        "Line '{value}' is not an item; a stock purchase is only for items whose stock is kept",
    "Baris '{value}' harus ditulis SKU:JUMLAH[@HARGA][-POTONGAN]":
        "Line '{value}' must be written SKU:QTY[@PRICE][-DISCOUNT]",
    "Nota paling banyak {limit} baris, bukan {value}":
        "A nota has at most {limit} lines, not {value}",
    "Potongan nota {value} lebih besar dari jumlah baris {total}":
        "The nota discount {value} is more than the lines' sum {total}",
    "Potongan {value} lebih besar dari harga baris {total}":
        "Discount {value} is more than the line's amount {total}",
    "Saluran '{value}' tidak dikenal; pilih: {choices}":
        "Channel '{value}' is unknown; choose: {choices}",
    "Transaksi '{value}' bukan penjualan atau pembelian persediaan":
        "Transaction '{value}' is not a sale or a stock purchase",
    "Baris jasa '{value}' harus ditulis *NAMA:JUMLAH@HARGA":
        "Service line '{value}' must be written *NAME:QTY@PRICE",
    "Harga {name} belum diisi; tulis SKU:JUMLAH@HARGA":
        "The price of {name} is missing; write SKU:QTY@PRICE",
    "Barcode '{value}' hanya boleh huruf, angka dan . _ / + - (maks. 40)":
        "Barcode '{value}' may only hold letters, digits and . _ / + - (max. 40)",
    "Barcode '{value}' sudah dipakai barang {sku}": "Barcode '{value}' is already item {sku}'s",
    "Barcode '{value}' dipakai dua barang ({skus}); ubah salah satunya":
        "Barcode '{value}' is used by two items ({skus}); change one of them",
    # the kasir (desktop/books/kasir.py)
    "Ketik atau pindai kode barang": "Type or scan an item code",
    "Uang diterima {value} kurang dari total {total}":
        "Money received {value} is less than the total {total}",
    "Belum ada barang di keranjang": "There is nothing in the cart yet",
    "Harga jual {name} belum diisi; isi dulu di Persediaan":
        "{name} has no selling price yet; fill it in under Stock first",
    # ESC/POS printing (desktop/books/escpos.py)
    "Ukuran kertas '{value}' tidak dikenal; pilih: {choices}":
        "Paper size '{value}' is unknown; choose: {choices}",
    "Printer '{value}' tidak bisa dipakai: {reason}": "Printer '{value}' cannot be used: {reason}",
    "Uang di laci berbeda {value} dari catatan; tulis alasannya":
        "The cash drawer differs by {value} from the books; write the reason",
    # QRIS (desktop/books/qris.py)
    "Kode QR '{value}' bukan QRIS: susunan data rusak di posisi {at}":
        "The QR code '{value}' is not a QRIS: the data is broken at position {at}",
    "Kode QR '{value}' bukan QRIS: kolom {tag} terpotong":
        "The QR code '{value}' is not a QRIS: field {tag} is cut short",
    "Kode QR '{value}' bukan QRIS: tidak diawali 000201 (format EMVCo)":
        "The QR code '{value}' is not a QRIS: it does not start with 000201 (EMVCo format)",
    "Kode QR '{value}' bukan QRIS: lebih dari {limit} huruf":
        "The QR code '{value}' is not a QRIS: more than {limit} characters",
    "Kode QR '{value}' bukan QRIS: tidak ada kode pemeriksa (tag 63) di akhir":
        "The QR code '{value}' is not a QRIS: no check code (tag 63) at the end",
    "Kode QR '{value}' bukan QRIS: kode pemeriksa (CRC) tidak cocok; gambar mungkin rusak":
        "The QR code '{value}' is not a QRIS: the check code (CRC) does not match; the image "
        "may be damaged",
    "Kode QR '{value}' bukan QRIS: nama merchant (tag 59) kosong":
        "The QR code '{value}' is not a QRIS: the merchant name (tag 59) is empty",
    "Kode QR '{value}' bukan QRIS: kota merchant (tag 60) kosong":
        "The QR code '{value}' is not a QRIS: the merchant city (tag 60) is empty",
    "QRIS ini dinamis (sekali pakai, untuk satu nominal). Unggah QRIS statis dari bank atau "
    "PJP Anda":
        "This QRIS is dynamic (one use, for one amount). Upload the static QRIS from your bank "
        "or payment provider",
    "Berkas gambar QRIS '{value}' tidak ada": "The QRIS image file '{value}' does not exist",
    "Gambar QRIS '{value}' terlalu besar (maks. 10 MB)":
        "The QRIS image '{value}' is too large (max. 10 MB)",
    "Berkas '{value}' tidak bisa dibaca sebagai gambar": "The file '{value}' cannot be read as "
        "an image",
    "Tidak ada kode QR yang terbaca di gambar '{value}'. Pakai foto atau tangkapan layar QRIS "
    "yang tajam dan utuh":
        "No QR code could be read in the image '{value}'. Use a sharp, whole photo or "
        "screenshot of the QRIS",
    "QRIS ini atas nama {merchant}, {city}. Periksa bahwa nama ini benar usaha Anda sebelum "
    "disimpan":
        "This QRIS is in the name of {merchant}, {city}. Check that this is really your "
        "business before it is saved",
    "Jenis printer '{value}' tidak dikenal; pilih: {choices}":
        "Printer kind '{value}' is unknown; choose: {choices}",
    "Isi alamat printer (misalnya 192.168.1.50:9100, /dev/usb/lp0 atau COM3)":
        "Enter the printer's address (for example 192.168.1.50:9100, /dev/usb/lp0 or COM3)",
}
