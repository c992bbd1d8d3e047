"""The Beranda page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class HomePage(Page):
    """Beranda."""

    key = "beranda"

    @classmethod
    def title(cls) -> str:
        return tr("Beranda")
