"""What the Dinas may see: three choices in plain words, and the e-UMKM stage with its next step."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWidget

from desktop.books.book import Book
from desktop.books.dinas import LEVEL_TEXT, get_consent, set_consent
from desktop.books.dinas_summary import NEXT_STEP, STAGE_NAMES, current_stage
from desktop.books.i18n import tr
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button


class ConsentPart(QWidget):
    """The owner's choice of what the Dinas sees, saved with one button; the stage below it."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(tr("Yang boleh dilihat Dinas"))
        title.setStyleSheet("font-weight: bold; margin-top: 8px;")
        layout.addWidget(title)
        layout.addWidget(muted(tr(
            "Pilihan ini milik Anda dan bisa diubah kapan saja; Mall mengikutinya pada "
            "sinkronisasi berikutnya. Isi transaksi, nama pelanggan dan pembeli tidak pernah "
            "dilihat Dinas.")))
        self.group = QButtonGroup(self)
        self.choices: dict[str, QRadioButton] = {}
        for level, text in LEVEL_TEXT.items():
            button = QRadioButton(tr(text))
            button.setObjectName(f"consent-{level}")
            self.group.addButton(button)
            self.choices[level] = button
            layout.addWidget(button)
        self.save_button = primary_button(tr("Simpan pilihan"))
        self.save_button.setObjectName("consent-save")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(self.save_button)
        self.saved = muted("")
        self.saved.setObjectName("consent-saved")
        layout.addWidget(self.saved)
        self.stage = muted("")
        self.stage.setObjectName("consent-stage")
        layout.addWidget(self.stage)

    def refresh(self) -> None:
        """Load the consent and this month's stage."""
        today = dt.date.today()

        def load(book: Book) -> tuple[str, str]:
            return get_consent(book.conn), current_stage(book.conn, today=today)

        self.session.run(load, done=self._show)

    def _show(self, loaded: tuple[str, str]) -> None:
        level, stage = loaded
        self.choices[level].setChecked(True)
        self.stage.setText(tr("Tahap e-UMKM: {stage}. Langkah berikutnya: {step}",
                              stage=tr(STAGE_NAMES[stage]), step=tr(NEXT_STEP[stage])))

    def chosen(self) -> str:
        """The level whose button is checked."""
        return next(level for level, button in self.choices.items() if button.isChecked())

    def save(self) -> None:
        """Store the choice; it goes to the mall with the next sync."""
        level = self.chosen()
        self.session.run(lambda book: set_consent(book, level=level),
                         done=lambda _l: self.saved.setText(tr(
                             "Pilihan disimpan; Mall mengikutinya pada sinkronisasi berikutnya.")),
                         changes={"settings"})
