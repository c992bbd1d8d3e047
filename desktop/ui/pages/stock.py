"""The Persediaan page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class StockPage(Page):
    """Persediaan."""

    key = "persediaan"

    @classmethod
    def title(cls) -> str:
        return tr("Persediaan")
