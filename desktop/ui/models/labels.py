"""Owner-facing names of the forms (entry kinds) and of an entry's status."""

from __future__ import annotations

from desktop.books.i18n import N_, tr

# In the order an owner meets them: the everyday forms first, the bookkeeper's last.
KIND_LABELS: dict[str, str] = {
    "penjualan-tunai": N_("Penjualan tunai"),
    "penjualan-kredit": N_("Penjualan kredit"),
    "terima-piutang": N_("Terima piutang"),
    "pembelian-persediaan": N_("Pembelian persediaan"),
    "bayar-utang": N_("Bayar utang"),
    "beban": N_("Beban"),
    "pendapatan-lain": N_("Pendapatan lain"),
    "setoran-modal": N_("Setoran modal"),
    "prive": N_("Prive"),
    "pinjaman": N_("Terima pinjaman"),
    "bayar-pinjaman": N_("Bayar pinjaman"),
    "pembelian-aset": N_("Pembelian aset"),
    "penyesuaian-stok": N_("Penyesuaian stok"),
    "produksi": N_("Produksi"),
    "pindah-dana": N_("Pindah dana"),
    "penyusutan": N_("Penyusutan"),
    "pelepasan-aset": N_("Pelepasan aset"),
    "uang-muka-pelanggan": N_("Uang muka pelanggan"),
    "uang-muka-pembelian": N_("Uang muka pembelian"),
    "pph-final": N_("PPh Final"),
    "setor-pajak": N_("Setor pajak"),
    "koreksi-periode-lalu": N_("Koreksi periode lalu"),
    "jurnal-umum": N_("Jurnal umum"),
    "saldo-awal": N_("Saldo awal"),
    "pembatalan": N_("Pembatalan"),
}

STATUS_LABELS: dict[str, str] = {
    "aktif": N_("Aktif"),
    "dibatalkan": N_("Dibatalkan"),
    "pembatalan": N_("Pembatalan"),
}


def kind_label(kind: str) -> str:
    """A form's name in the current language (unknown kinds are shown as stored)."""
    template = KIND_LABELS.get(kind)
    return tr(template) if template else kind


def status_label(status: str) -> str:
    """aktif / dibatalkan / pembatalan in the current language."""
    template = STATUS_LABELS.get(status)
    return tr(template) if template else status
