"""QRIS: the owner uploads the static QRIS image from their bank or PJP, checks the merchant
name read from it, and saves it for the kasir screen and the nota."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from desktop.books.i18n import tr
from desktop.books.qris import Qris, get_qris, read_qris_image, save_qris
from desktop.ui.pages.settings_common import FieldErrors, Section, left, strong
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.qris import show_qris

PREVIEW = 220


class QrisSection(Section):
    """The saved QRIS (picture, merchant, city); a new image is shown and confirmed first."""

    key = "qris"

    @classmethod
    def title(cls) -> str:
        return tr("QRIS")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.pending: Qris | None = None
        self.body.addWidget(muted(tr("Unggah gambar QRIS statis yang diberikan bank atau PJP "
                                     "Anda. QRIS tampil besar di layar Kasir saat pembeli "
                                     "membayar dengan QRIS, dan dicetak di notanya.")))
        self.merchant = strong()
        self.merchant.setObjectName("qris-merchant")
        self.body.addWidget(self.merchant)
        self.picture = QLabel()
        self.picture.setObjectName("qris-preview")
        self.picture.setFixedSize(PREVIEW + 8, PREVIEW + 8)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setStyleSheet("border: 1px solid #c9d1c4; background: white;")
        self.body.addLayout(left(self.picture))
        self.choose_button = QPushButton(tr("Pilih gambar QRIS…"))
        self.choose_button.setObjectName("qris-choose")
        self.choose_button.clicked.connect(lambda: self.choose())
        self.save_button = primary_button(tr("Ya, simpan QRIS ini"))
        self.save_button.setObjectName("qris-save")
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(tr("Batal"))
        self.cancel_button.setObjectName("qris-cancel")
        self.cancel_button.clicked.connect(self.refresh)
        self.remove_button = QPushButton(tr("Hapus QRIS"))
        self.remove_button.setObjectName("qris-remove")
        self.remove_button.clicked.connect(self.remove)
        self.body.addLayout(left(self.choose_button, self.save_button, self.cancel_button,
                                 self.remove_button))
        self.body.addWidget(self.errors.add("qris", self.choose_button))
        self.body.addStretch()

    def refresh(self) -> None:
        """Show the saved QRIS."""
        self.session.run(lambda book: get_qris(book.conn), done=self._show_saved)

    def _show_saved(self, qris: Qris | None) -> None:
        self.pending = None
        self.errors.clear()
        if qris is None:
            self.merchant.setText(tr("Belum ada QRIS"))
        else:
            self.merchant.setText(tr("QRIS atas nama {merchant}, {city}", merchant=qris.merchant,
                                     city=qris.city))
        show_qris(self.picture, qris.payload if qris else None, PREVIEW)
        self.save_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.remove_button.setEnabled(qris is not None)

    def choose(self, path: str | None = None) -> None:
        """Read an image and show the merchant in it; nothing is saved yet."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Pilih gambar QRIS"), "",
                                                  tr("Gambar (*.png *.jpg *.jpeg)"))
            if not path:
                return
        self.errors.clear()
        self.say("")
        chosen = Path(path)
        self.session.run(lambda _book: read_qris_image(chosen), done=self._read,
                         failed=self.errors.show)

    def _read(self, qris: Qris) -> None:
        self.pending = qris
        self.merchant.setText(tr("QRIS ini atas nama {merchant}, {city}. Benar usaha Anda?",
                                 merchant=qris.merchant, city=qris.city))
        show_qris(self.picture, qris.payload, PREVIEW)
        self.save_button.setVisible(True)
        self.cancel_button.setVisible(True)
        self.save_button.setFocus()

    def save(self) -> None:
        """Keep the QRIS the owner has just confirmed."""
        if self.pending is None:
            return
        payload = self.pending.payload
        self.session.run(lambda book: save_qris(book, payload), done=self._saved,
                         failed=self.errors.show, changes={"settings"})

    def remove(self) -> None:
        """Forget the saved QRIS."""
        self.session.run(lambda book: save_qris(book, None), done=self._saved,
                         failed=self.errors.show, changes={"settings"})

    def _saved(self, qris: Qris | None) -> None:
        self._show_saved(qris)
        self.say(tr("QRIS disimpan.") if qris else tr("QRIS dihapus."))
