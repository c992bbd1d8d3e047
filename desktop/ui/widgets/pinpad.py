"""A large PIN pad: digits as buttons (or typed), masked entry, and the books' answer shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import UserFacingError
from desktop.books.i18n import N_, tr
from desktop.books.pin import PIN_MAX_DIGITS
from desktop.ui.errors import field_text
from desktop.ui.widgets.common import ErrorLabel

FORGOT_HELP = N_("Tidak ada yang bisa melihat PIN Anda, juga pendamping. Gunakan kode "
                 "pemulihan yang Anda tulis atau cetak saat usaha ini dibuat. Tidak punya kode "
                 "itu? Minta bantuan pendamping Anda.")


def pin_field(name: str) -> QLineEdit:
    """A masked field that takes only the digits of a PIN (changing or resetting one)."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX_DIGITS)
    field.setValidator(QRegularExpressionValidator(r"[0-9]*"))
    return field


class PinPad(QWidget):
    """Emits `entered(pin)` on OK or Enter; `show_error` explains a refusal under the pad.

    "Lupa PIN?" under the pad shows plain help and emits `forgot()`: the place where a
    recovery-code reset hangs (connect to it; the help stays).
    """

    entered = Signal(str)
    forgot = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.prompt = QLabel(tr("Masukkan PIN"))
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)  # "PIN untuk <a long business name>" is never cut
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setMaxLength(PIN_MAX_DIGITS)
        self.field.setObjectName("pin")
        self.field.returnPressed.connect(self._submit)
        self.error = ErrorLabel()
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid = QGridLayout()
        for number in range(1, 10):
            grid.addWidget(self._digit(str(number)), (number - 1) // 3, (number - 1) % 3)
        back = QPushButton("⌫")
        back.setAccessibleName(tr("Hapus satu angka"))
        back.clicked.connect(self.field.backspace)
        ok = QPushButton(tr("Buka"))
        ok.setProperty("primary", True)
        ok.clicked.connect(self._submit)
        grid.addWidget(back, 3, 0)
        grid.addWidget(self._digit("0"), 3, 1)
        grid.addWidget(ok, 3, 2)
        for button in self.findChildren(QPushButton):
            button.setMinimumSize(72, 56)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for widget in (self.prompt, self.field, self.error):
            layout.addWidget(widget)
        layout.addLayout(grid)
        self.forgot_button = QPushButton(tr("Lupa PIN?"))  # below the pad: nothing above moves
        self.forgot_button.setObjectName("forgot-pin")
        self.forgot_button.setFlat(True)
        self.forgot_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot_button.clicked.connect(self.show_forgot_help)
        self.forgot_help = QLabel(tr(FORGOT_HELP))
        self.forgot_help.setObjectName("forgot-pin-help")
        self.forgot_help.setTextFormat(Qt.TextFormat.PlainText)
        self.forgot_help.setWordWrap(True)
        self.forgot_help.setProperty("muted", True)
        policy = self.forgot_help.sizePolicy()
        policy.setRetainSizeWhenHidden(True)  # its room is kept: the pad never jumps
        self.forgot_help.setSizePolicy(policy)
        self.forgot_help.hide()
        layout.addWidget(self.forgot_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.forgot_help)

    def show_forgot_help(self) -> None:
        """Explain what to do without the PIN, and let a reset (if any) take over."""
        self.forgot_help.show()
        self.forgot.emit()

    def _digit(self, text: str) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda: self.field.insert(text))
        return button

    def _submit(self) -> None:
        pin = self.field.text()
        if pin:
            self.entered.emit(pin)

    def show_error(self, text: str) -> None:
        """Say why the PIN was refused and clear the field for the next try."""
        self._stop_countdown()
        self.error.show_message(text)
        self.field.clear()
        self.field.setFocus()

    def count_down(self, exc: UserFacingError) -> None:
        """A lockout message whose "{wait} detik" goes down each second, then clears."""
        self.show_error(field_text(exc))
        wait = exc.params.get("wait")
        if not isinstance(wait, int) or wait <= 0:
            return
        self._left, self._lockout = wait, exc
        timer = QTimer(self)
        timer.timeout.connect(self._tick)
        timer.start(1000)
        self._timer = timer

    _timer: QTimer | None = None
    _lockout: UserFacingError | None = None
    _left = 0

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0 or self._lockout is None:
            self._stop_countdown()
            self.error.show_message(tr("Silakan coba lagi."))
            return
        params = {**self._lockout.params, "wait": self._left}
        self.error.show_message(tr(self._lockout.template, **params))

    def _stop_countdown(self) -> None:
        timer = self._timer
        if timer is not None:
            timer.stop()
            self._timer = None
        self._lockout = None

    def reset(self) -> None:
        """Empty the field and the message."""
        self.field.clear()
        self.error.show_message("")
        self.field.setFocus()
