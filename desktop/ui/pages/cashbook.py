"""The Kas & Bank page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class CashbookPage(Page):
    """Kas & Bank."""

    key = "kas-bank"

    @classmethod
    def title(cls) -> str:
        return tr("Kas & Bank")
