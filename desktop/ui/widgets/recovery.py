"""The recovery code: shown once to write down (or print), and used when the PIN is forgotten."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import InputError, UserFacingError
from desktop.books.i18n import tr
from desktop.books.store.registry import BusinessRef
from desktop.books.unlock import reset_pin
from desktop.ui.errors import field_text, show_error
from desktop.ui.widgets.common import ErrorLabel, heading, muted, plain, primary_button
from desktop.ui.widgets.pinpad import pin_field

Run = Callable[..., None]


class RecoveryCodeDialog(QDialog):
    """Shows a new recovery code; closes only after "Sudah saya catat" is ticked."""

    def __init__(self, code: str, business: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code, self.business = code, business
        self.setWindowTitle(tr("Kode pemulihan"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("Kode pemulihan {name}", name=business)))
        layout.addWidget(muted(tr(
            "Buku ini terkunci dengan PIN. Bila PIN lupa, hanya kode ini yang bisa membukanya. "
            "Tulis di kertas atau cetak, lalu simpan di tempat aman, jauh dari komputer ini. "
            "Kode ini tidak akan ditampilkan lagi.")))
        self.code_label = plain(QLabel(code))
        self.code_label.setObjectName("recovery-code")
        font = QFont("monospace")
        font.setPointSize(20)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.code_label)
        self.noted = QCheckBox(tr("Sudah saya catat"))
        self.noted.setObjectName("recovery-noted")
        layout.addWidget(self.noted)
        buttons = QHBoxLayout()
        self.print_button = QPushButton(tr("Cetak (PDF)"))
        self.print_button.setObjectName("recovery-print")
        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.done_button = primary_button(tr("Selesai"))
        self.done_button.setObjectName("recovery-done")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.accept)
        self.noted.toggled.connect(self.done_button.setEnabled)
        buttons.addWidget(self.print_button)
        buttons.addStretch()
        buttons.addWidget(self.done_button)
        layout.addLayout(buttons)

    def reject(self) -> None:
        """Escape or the close box do nothing until the code is noted."""
        if self.noted.isChecked():
            super().reject()

    def print_pdf(self, path: Path | None = None) -> Path | None:
        """Write a one-page PDF with the code, to print and keep."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("Simpan kode pemulihan"), f"kode-pemulihan-{self.business}.pdf", "PDF (*.pdf)")
            if not chosen:
                return None
            path = Path(chosen)
        writer = QPdfWriter(str(path))
        writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        document = QTextDocument()
        document.setPlainText(tr(
            "Kode pemulihan buku Lumbung\n\nUsaha: {name}\n\n{code}\n\n"
            "Kode ini membuka buku bila PIN lupa (menu \"Lupa PIN?\" di layar PIN). "
            "Simpan di tempat aman; siapa pun yang memegang kode ini dan berkas buku bisa "
            "membacanya.", name=self.business, code=self.code))
        document.setDefaultFont(QFont("sans", 14))
        document.print_(writer)
        return path


class ForgotPinDialog(QDialog):
    """Recovery code plus a new PIN twice; emits `reset(ref, pin)` after the books accept it."""

    reset_done = Signal(object, str)

    def __init__(self, data_dir: Path, ref: BusinessRef, run: Run,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir, self.ref, self.run = data_dir, ref, run
        self.setWindowTitle(tr("Lupa PIN?"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(tr("PIN baru untuk {name}", name=ref.name)))
        layout.addWidget(muted(tr(
            "Ketik kode pemulihan yang dicatat saat usaha dibuat, lalu PIN baru. "
            "Buku dan kode pemulihan tetap sama.")))
        form = QFormLayout()
        self.code = QLineEdit()
        self.code.setObjectName("forgot-code")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX")
        self.new = pin_field("forgot-pin")
        self.again = pin_field("forgot-again")
        form.addRow(tr("Kode pemulihan"), self.code)
        form.addRow(tr("PIN baru"), self.new)
        form.addRow(tr("Ulangi PIN baru"), self.again)
        layout.addLayout(form)
        self.error = ErrorLabel()
        self.error.setObjectName("forgot-error")
        layout.addWidget(self.error)
        self.ok = primary_button(tr("Pasang PIN baru"))
        self.ok.setObjectName("forgot-ok")
        self.ok.clicked.connect(self.submit)
        self.again.returnPressed.connect(self.submit)
        layout.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignRight)

    def submit(self) -> None:
        """Check the two PINs match, then ask the books to take the new PIN."""
        code, pin = self.code.text(), self.new.text()
        if pin != self.again.text():
            self._refused(InputError("Kedua PIN tidak sama; ketik ulang", field="again"))
            return
        self.error.show_message("")
        self.ok.setEnabled(False)
        self.run(lambda: reset_pin(self.data_dir, self.ref.id, recovery_code=code, new_pin=pin),
                 done=lambda ref: self._done(ref, pin), failed=self._refused)

    def _done(self, ref: BusinessRef, pin: str) -> None:
        self.ok.setEnabled(True)
        self.reset_done.emit(ref, pin)
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        if isinstance(exc, UserFacingError):
            self.error.show_message(field_text(exc))
        else:
            show_error(self, exc)


def show_recovery_code(parent: QWidget, code: str, business: str) -> RecoveryCodeDialog:
    """Open the recovery-code dialog over `parent` (window-modal, so the code is noted first)."""
    dialog = RecoveryCodeDialog(code, business, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog

