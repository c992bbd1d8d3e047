"""Panduan: a short illustrated guide per task, and a one-page PDF of each to print."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QVBoxLayout, QWidget

from desktop.books.guides import GUIDES, Guide, screenshot, write_guide_pdf
from desktop.books.i18n import current_lang, tr
from desktop.ui.pages.base import Page
from desktop.ui.pages.reports_export import ask_save_path, documents_folder
from desktop.ui.pages.settings_common import inform
from desktop.ui.session import Session
from desktop.ui.widgets.common import heading, primary_button

SCREENSHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


class GuidePage(Page):
    """Lists the tasks; shows the chosen one's screenshot and steps; saves it as one PDF page."""

    key = "panduan"

    @classmethod
    def title(cls) -> str:
        return tr("Panduan")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("guides")
        self.list.setMaximumWidth(300)
        for guide in GUIDES:
            self.list.addItem(tr(guide.title))
        row.addWidget(self.list)
        side = QVBoxLayout()
        self.name = heading("")
        self.picture = QLabel()
        self.picture.setObjectName("guide-picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.steps = QLabel()
        self.steps.setObjectName("guide-steps")
        self.steps.setTextFormat(Qt.TextFormat.PlainText)
        self.steps.setWordWrap(True)
        self.pdf_button = primary_button(tr("Simpan PDF untuk dicetak (1 halaman)"))
        self.pdf_button.setObjectName("guide-pdf")
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        for widget in (self.name, self.picture, self.steps):
            side.addWidget(widget)
        side.addWidget(self.pdf_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addStretch()
        row.addLayout(side, 1)
        self.layout_.addLayout(row, 1)
        self.list.currentRowChanged.connect(self.show_guide)
        self.list.setCurrentRow(0)

    def guide(self) -> Guide:
        """The guide on screen."""
        return GUIDES[max(self.list.currentRow(), 0)]

    def show_guide(self, row: int) -> None:
        """Show one guide: its screenshot (when made) and its numbered steps."""
        guide = GUIDES[max(row, 0)]
        self.name.setText(tr(guide.title))
        image = screenshot(guide, SCREENSHOTS, lang=current_lang())
        if image is not None:
            self.picture.setPixmap(QPixmap(str(image)).scaledToWidth(
                560, Qt.TransformationMode.SmoothTransformation))
        else:
            self.picture.clear()
        self.steps.setText("\n".join(f"{n}. {tr(step)}"
                                     for n, step in enumerate(guide.steps, start=1)))

    def save_pdf(self, path: Path | None = None) -> None:
        """Write the guide on one A4 page (asks where, unless given)."""
        guide = self.guide()
        path = path or ask_save_path(self, "pdf", documents_folder(), f"Panduan - {tr(guide.title)}")
        if path is None:
            return
        image = screenshot(guide, SCREENSHOTS, lang=current_lang())
        self.session.run_plain(lambda: write_guide_pdf(guide, path, image=image),
                               done=lambda written: inform(self, tr("Panduan disimpan: {path}",
                                                                    path=written)))
