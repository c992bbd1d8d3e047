"""PIN: change the PIN that opens these books, or make a new recovery code (PIN checked first)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from desktop.books.errors import AuthError, InputError
from desktop.books.i18n import tr
from desktop.books.unlock import change_pin, new_recovery_code
from desktop.ui.pages.settings_common import FieldErrors, Section, field_text, left, new_form
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.pinpad import pin_field
from desktop.ui.widgets.recovery import show_recovery_code


class PinSection(Section):
    """Old PIN, new PIN twice; a wrong old PIN counts towards the temporary lock like at login."""

    key = "pin"

    @classmethod
    def title(cls) -> str:
        return tr("PIN")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.body.addWidget(muted(tr("PIN dipakai setiap kali membuka buku usaha ini, dan "
                                     "buku di komputer ini terkunci dengannya. Jangan beri tahu "
                                     "orang lain. Bila PIN lupa, hanya kode pemulihan yang bisa "
                                     "membuka buku.")))
        form = new_form()
        self.old = _pin_field("pin-old")
        self.new = _pin_field("pin-new")
        self.again = _pin_field("pin-again")
        self.errors.row(form, tr("PIN sekarang"), "pin", self.old)
        self.errors.row(form, tr("PIN baru"), "new-pin", self.new, tr("4 sampai 12 angka."))
        self.errors.row(form, tr("Ulangi PIN baru"), "again", self.again)
        self.button = primary_button(tr("Ganti PIN"))
        self.button.setObjectName("pin-change")
        self.button.clicked.connect(self.change)
        self.again.returnPressed.connect(self.change)
        form.addRow("", left(self.button))
        self.body.addLayout(form)
        self.body.addWidget(muted(tr("Kode pemulihan hilang? Isi PIN sekarang, lalu buat kode "
                                     "baru; kode yang lama tidak berlaku lagi.")))
        self.recovery = QPushButton(tr("Buat kode pemulihan baru"))
        self.recovery.setObjectName("pin-recovery")
        self.recovery.clicked.connect(self.make_recovery_code)
        self.body.addLayout(left(self.recovery))
        self.body.addStretch()

    def change(self) -> None:
        """Check the two new PINs match, then ask the books to change the PIN."""
        old, new = self.old.text(), self.new.text()
        self.errors.clear()
        self.say("")
        if new != self.again.text():
            self.errors.show(InputError("Kedua PIN tidak sama; ketik ulang", field="again"))
            return
        self.session.run(lambda book: change_pin(book, old_pin=old, new_pin=new),
                         done=self._changed, failed=self._failed)

    def make_recovery_code(self) -> None:
        """Check the PIN typed in "PIN sekarang", then show a new recovery code once."""
        pin = self.old.text()
        self.errors.clear()
        self.say("")
        self.session.run(lambda book: new_recovery_code(book, pin=pin),
                         done=self._new_code, failed=self._failed)

    def _new_code(self, code: str) -> None:
        self.old.clear()
        name = self.session.business.name if self.session.business else ""
        show_recovery_code(self, code, name)
        self.say(tr("Kode pemulihan baru sudah dibuat; kode yang lama tidak berlaku lagi."))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, AuthError):  # the books check the old PIN and name no field
            self.errors.clear()
            self.errors.labels["pin"].show_message(field_text(exc))
            self.old.clear()
            self.old.setFocus()
        else:
            self.errors.show(exc)

    def _changed(self, code: str) -> None:
        """The books were locked again under a new key: show its new recovery code once."""
        for field in (self.old, self.new, self.again):
            field.clear()
        name = self.session.business.name if self.session.business else ""
        show_recovery_code(self, code, name)
        self.say(tr("PIN sudah diganti dan buku dikunci ulang. Pakai PIN baru saat membuka "
                    "buku ini lagi; kode pemulihan yang lama tidak berlaku lagi."))



def _pin_field(name: str) -> QLineEdit:
    field = pin_field(name)
    field.setMaximumWidth(240)
    return field
