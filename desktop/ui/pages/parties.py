"""The Utang Piutang page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class PartiesPage(Page):
    """Utang Piutang."""

    key = "utang-piutang"

    @classmethod
    def title(cls) -> str:
        return tr("Utang Piutang")
