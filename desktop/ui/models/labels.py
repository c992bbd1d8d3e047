"""Owner-facing names of the forms (entry kinds) and of an entry's status."""

from __future__ import annotations

from desktop.books.i18n import N_, tr
from desktop.ui.pages.record_specs import SPECS

# One source of names: a form is called on its list row what its tile on Catat Transaksi says.
KIND_LABELS: dict[str, str] = {
    **{spec.kind: spec.title for spec in SPECS},
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
