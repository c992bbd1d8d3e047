"""Pengaturan: profile, chart, PIN, display, backups, the mall, import and tutup buku."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QStackedWidget, QWidget

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page
from desktop.ui.pages.settings_accounts import AccountsSection
from desktop.ui.pages.settings_backup import BackupSection
from desktop.ui.pages.settings_common import Section
from desktop.ui.pages.settings_dinas import DinasProfileSection
from desktop.ui.pages.settings_display import DisplaySection
from desktop.ui.pages.settings_import import ImportSection
from desktop.ui.pages.settings_mall import MallSection
from desktop.ui.pages.settings_opening import OpeningDueSection
from desktop.ui.pages.settings_period import PeriodSection
from desktop.ui.pages.settings_pin import PinSection
from desktop.ui.pages.settings_printer import PrinterSection
from desktop.ui.pages.settings_profile import ProfileSection
from desktop.ui.pages.settings_qris import QrisSection
from desktop.ui.session import Session

SECTIONS: tuple[type[Section], ...] = (ProfileSection, DinasProfileSection, AccountsSection,
                                       PinSection, DisplaySection, BackupSection, MallSection,
                                       ImportSection, PeriodSection, OpeningDueSection,
                                       QrisSection, PrinterSection)
NAV_STYLE = """
QListWidget#settings-nav { background: white; border: 1px solid #dde3d9; border-radius: 6px; }
QListWidget#settings-nav::item { padding: 10px 12px; }
QListWidget#settings-nav::item:selected { background: #e8f5e9; color: #1b5e20;
    font-weight: bold; }
"""


class SettingsPage(Page):
    """A list of sections on the left (arrow keys move through it), the chosen one on the right."""

    key = "pengaturan"
    depends = frozenset({"profile", "accounts", "period", "settings"})

    @classmethod
    def title(cls) -> str:
        return tr("Pengaturan")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.nav = QListWidget()
        self.nav.setObjectName("settings-nav")
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        self.sections: dict[str, Section] = {}
        for section_class in SECTIONS:
            section = section_class(session)
            self.sections[section.key] = section
            self.stack.addWidget(section)
            self.nav.addItem(section.title())
        self.nav.setFixedWidth(max(self.nav.sizeHintForColumn(0) + 28, 170))
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.layout_.addLayout(row, 1)
        self.setTabOrder(self.nav, self.stack)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, not only Space

    def refresh(self) -> None:
        """Load every section (each is one small read)."""
        super().refresh()
        for section in self.sections.values():
            section.refresh()

    def show_section(self, key: str) -> Section:
        """Bring a section to the front."""
        section = self.sections[key]
        self.nav.setCurrentRow(list(self.sections).index(key))
        return section
