"""The Laporan page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class ReportsPage(Page):
    """Laporan."""

    key = "laporan"

    @classmethod
    def title(cls) -> str:
        return tr("Laporan")
