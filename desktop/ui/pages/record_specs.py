"""Which fields each form asks for, in the owner's words (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.books.i18n import N_


@dataclass(frozen=True)
class FormSpec:
    """One button on Catat Transaksi: its title, a plain explanation and its fields in order."""

    kind: str
    title: str
    hint: str
    fields: tuple[str, ...]
    vias: tuple[str, ...] = ("kas", "qris", "bank")
    accounts: tuple[str, ...] = ()  # account groups offered, e.g. ("52", "53")
    party_role: str = ""  # "pelanggan", "pemasok" or "" (any)
    party_required: bool = False


SPECS: tuple[FormSpec, ...] = (
    FormSpec("penjualan-tunai", N_("Penjualan tunai"),
             N_("Barang terjual dan langsung dibayar (tunai, QRIS atau transfer)"),
             ("item", "qty", "amount", "lines", "via", "party", "date", "memo"),
             party_role="pelanggan"),
    FormSpec("penjualan-kredit", N_("Penjualan kredit"),
             N_("Barang terjual, pelanggan membayar nanti"),
             ("party", "item", "qty", "amount", "lines", "due", "date", "memo"), vias=(),
             party_role="pelanggan", party_required=True),
    FormSpec("terima-piutang", N_("Terima pembayaran piutang"),
             N_("Pelanggan membayar utangnya kepada usaha"),
             ("party", "amount", "via", "date", "memo"), vias=("kas", "qris", "bank", "uang-muka"),
             party_role="pelanggan", party_required=True),
    FormSpec("uang-muka-pelanggan", N_("Terima uang muka (DP)"),
             N_("Pelanggan membayar dulu untuk pesanan yang belum diserahkan"),
             ("party", "amount", "via", "date", "memo"), party_role="pelanggan",
             party_required=True),
    FormSpec("pembelian-persediaan", N_("Beli barang / bahan"),
             N_("Membeli barang dagangan atau bahan baku, tunai atau utang"),
             ("item", "qty", "amount", "lines", "via", "party", "due", "date", "memo"),
             vias=("kas", "bank", "qris", "utang"), party_role="pemasok"),
    FormSpec("bayar-utang", N_("Bayar utang"), N_("Membayar utang kepada pemasok"),
             ("party", "amount", "via", "date", "memo"), vias=("kas", "qris", "bank", "uang-muka"),
             party_role="pemasok", party_required=True),
    FormSpec("uang-muka-pembelian", N_("Bayar uang muka ke pemasok"),
             N_("Membayar dulu sebelum barang dari pemasok datang"),
             ("party", "amount", "via", "date", "memo"), party_role="pemasok",
             party_required=True),
    FormSpec("beban", N_("Bayar biaya"), N_("Listrik, upah, sewa, ongkos kirim dan lainnya"),
             ("account", "amount", "via", "date", "memo"), accounts=("52", "53", "54")),
    FormSpec("pendapatan-lain", N_("Pendapatan lain"), N_("Uang masuk di luar penjualan"),
             ("amount", "via", "account", "date", "memo"), accounts=("42",)),
    FormSpec("setoran-modal", N_("Tambah modal"), N_("Pemilik menambah uang ke usaha"),
             ("amount", "via", "date", "memo")),
    FormSpec("prive", N_("Ambil untuk pribadi"),
             N_("Pemilik mengambil uang usaha untuk keperluan rumah"),
             ("amount", "via", "date", "memo")),
    FormSpec("pinjaman", N_("Terima pinjaman"), N_("Pinjaman dari bank, koperasi atau keluarga"),
             ("amount", "account", "via", "party", "date", "memo"), accounts=("22",)),
    FormSpec("bayar-pinjaman", N_("Bayar angsuran"), N_("Membayar cicilan pokok dan bunga pinjaman"),
             ("account", "amount", "interest", "via", "date", "memo"), accounts=("22",)),
    FormSpec("pembelian-aset", N_("Beli peralatan"),
             N_("Membeli alat, mesin atau kendaraan untuk usaha"),
             ("name", "account", "amount", "via", "party", "life_months", "date", "memo"),
             vias=("kas", "bank", "utang"), accounts=("15",), party_role="pemasok"),
    FormSpec("pelepasan-aset", N_("Jual / buang peralatan"),
             N_("Peralatan dijual atau dibuang; isi harga jual (kosongkan bila dibuang)"),
             ("name", "amount", "via", "date", "memo")),
    FormSpec("pph-final", N_("Catat PPh Final bulan ini"),
             N_("Pajak 0,5% dari omzet bulan ini dicatat sebagai utang pajak"),
             ("amount", "date", "memo"), vias=()),
    FormSpec("setor-pajak", N_("Setor pajak"), N_("Membayar PPh Final ke kas negara"),
             ("amount", "via", "date", "memo"), vias=("kas", "bank", "qris")),
    FormSpec("retur-penjualan", N_("Barang dikembalikan pelanggan"),
             N_("Pelanggan mengembalikan barang dari nota penjualan; stok bertambah lagi"),
             ("of", "item", "qty", "amount", "via", "date", "memo"),
             vias=("nota", "kas", "qris", "bank")),
    FormSpec("retur-pembelian", N_("Barang dikembalikan ke pemasok"),
             N_("Barang dari nota pembelian dikembalikan ke pemasok; stok berkurang"),
             ("of", "item", "qty", "amount", "via", "date", "memo"),
             vias=("nota", "kas", "qris", "bank")),
    FormSpec("penyesuaian-stok", N_("Hitung stok"),
             N_("Jumlah barang hasil hitungan berbeda dengan catatan"),
             ("item", "qty", "date", "memo"), vias=()),
    FormSpec("produksi", N_("Produksi"), N_("Bahan baku diolah menjadi barang jadi"),
             ("item", "qty", "materials", "date", "memo"), vias=()),
    FormSpec("pindah-dana", N_("Pindah uang"),
             N_("Setor tunai ke bank, tarik tunai, atau cairkan saldo QRIS"),
             ("amount", "via", "into", "date", "memo")),
)

BY_KIND = {spec.kind: spec for spec in SPECS}

FIELD_LABELS = {
    "item": N_("Barang"), "qty": N_("Jumlah barang"), "amount": N_("Jumlah uang (Rp)"),
    "via": N_("Dibayar dengan"), "party": N_("Nama pelanggan / pemasok"), "date": N_("Tanggal"),
    "memo": N_("Keterangan"), "due": N_("Jatuh tempo"), "account": N_("Jenis"),
    "interest": N_("Bunga (Rp)"), "name": N_("Nama aset"), "life_months": N_("Umur pakai (bulan)"),
    "materials": N_("Bahan yang dipakai"), "into": N_("Pindah ke"),
    "of": N_("Nota asal"),
    "lines": N_("Barang lain di nota"),
}
VIA_LABELS = {"kas": N_("Tunai"), "qris": N_("QRIS"), "bank": N_("Transfer bank"),
              "utang": N_("Utang (bayar nanti)"), "uang-muka": N_("Dari uang muka"),
              "nota": N_("Seperti nota asal")}
# The books name fields after the CLI options; map them to the form's fields.
ERROR_FIELDS = {"life-months": "life_months", "material": "materials", "sku": "item",
                "residual": "amount", "line": "lines", "discount": "lines", "channel": "lines"}
