"""The Pengaturan page (being built)."""

from __future__ import annotations

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page


class SettingsPage(Page):
    """Pengaturan."""

    key = "pengaturan"

    @classmethod
    def title(cls) -> str:
        return tr("Pengaturan")
