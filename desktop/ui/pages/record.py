"""The Catat Transaksi page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class RecordPage(Page):
    """Catat Transaksi."""

    key = "catat"

    @classmethod
    def title(cls) -> str:
        return tr("Catat Transaksi")
