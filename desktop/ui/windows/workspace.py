"""The open business: a sidebar of pages, the business's name, and the lock button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page
from desktop.ui.session import Session
from desktop.ui.widgets.sync_indicator import SyncIndicator


class Workspace(QWidget):
    """Builds every page for the open business and shows one at a time."""

    lock_requested = Signal()
    switch_requested = Signal()

    def __init__(self, session: Session, pages: list[type[Page]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspace")
        self.session = session
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        sidebar = QWidget()
        sidebar.setObjectName("sidebar")
        sidebar.setFixedWidth(220)
        side = QVBoxLayout(sidebar)
        side.setContentsMargins(0, 0, 0, 8)
        self.brand = QLabel(session.business.name if session.business else "")
        self.brand.setObjectName("brand")
        self.brand.setTextFormat(Qt.TextFormat.PlainText)
        self.brand.setWordWrap(True)
        side.addWidget(self.brand)
        session.renamed.connect(lambda ref: self.brand.setText(ref.name))
        self.stack = QStackedWidget()
        self.group = QButtonGroup(self)
        self.pages: dict[str, Page] = {}
        self.buttons: dict[str, QPushButton] = {}
        for number, page_class in enumerate(pages, start=1):
            page = page_class(session)
            self.pages[page.key] = page
            self.stack.addWidget(page)
            button = QPushButton(page.title().replace("&", "&&"))  # "&" is not a shortcut
            button.setCheckable(True)
            button.setObjectName(f"nav-{page.key}")
            button.setToolTip(f"Ctrl+{number % 10}" if number <= 10 else "")
            button.clicked.connect(lambda _c=False, key=page.key: self.show_page(key))
            self.group.addButton(button)
            self.buttons[page.key] = button
            side.addWidget(button)
            if number <= 10:  # Ctrl+1 … Ctrl+9, then Ctrl+0 for the tenth page
                QShortcut(QKeySequence(f"Ctrl+{number % 10}"), self,
                          lambda key=page.key: self.show_page(key))
            session.changed.connect(page.on_changed)
        side.addStretch()
        if session.sync is not None:
            self.sync = SyncIndicator(session.sync)
            self.sync.wants_settings.connect(self.show_mall)
            holder = QVBoxLayout()
            holder.setContentsMargins(10, 0, 10, 8)
            holder.addWidget(self.sync)
            side.addLayout(holder)
        for text, signal, name in ((tr("Kunci"), self.lock_requested, "lock"),
                                   (tr("Ganti usaha"), self.switch_requested, "switch")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(signal.emit)
            side.addWidget(button)
        layout.addWidget(sidebar)
        layout.addWidget(self.stack, 1)
        if pages:
            self.show_page(pages[0].key)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape that no form used goes back to Beranda."""
        if event.key() == Qt.Key.Key_Escape and self.pages:
            home = next(iter(self.pages))
            if self.current().key != home:
                self.show_page(home).setFocus()
                event.accept()
                return
        super().keyPressEvent(event)

    def show_page(self, key: str) -> Page:
        """Bring a page to the front, loading its data if it is stale."""
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.buttons[key].setChecked(True)
        if page.stale:
            page.refresh()
        return page

    def show_mall(self) -> None:
        """Pengaturan → Mall, where the link is made and refusals are listed."""
        page = self.show_page("pengaturan")
        show_section = getattr(page, "show_section", None)
        if show_section is not None:
            show_section("mall")

    def current(self) -> Page:
        """The page on screen."""
        widget = self.stack.currentWidget()
        assert isinstance(widget, Page)
        return widget
