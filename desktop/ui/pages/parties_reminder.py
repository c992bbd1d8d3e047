"""Pengingat WhatsApp: a ready-to-send reminder for a customer, copied or opened in WhatsApp."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from desktop.books.dates import today
from desktop.books.fmt import rupiah
from desktop.books.i18n import tr
from desktop.books.reminder import Reminder, reminder_for, whatsapp_link
from desktop.ui.pages.stock_fields import FORM_WIDTH, FieldErrors, Panel, buttons_row, form_layout
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button


def open_url(url: QUrl) -> bool:
    """Hand a link to the PC's browser or WhatsApp app (replaced in tests)."""
    return QDesktopServices.openUrl(url)


class ReminderPanel(Panel):
    """Shows the reminder text (editable), copies it, or opens it in WhatsApp for the number."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.reminder: Reminder | None = None
        self.box.addWidget(muted(tr(
            "Pesan untuk pelanggan ditulis dalam Bahasa Indonesia. Anda boleh mengubahnya "
            "sebelum dikirim.")))
        self.phone = QLineEdit()
        self.phone.setObjectName("phone")
        self.phone.setMaxLength(24)
        self.phone.setPlaceholderText(tr("misalnya 0812 3456 7890"))
        self.owed = QLabel()
        holder, form = form_layout()
        form.addRow(tr("Sisa piutang"), self.owed)
        form.addRow(tr("Nomor WhatsApp"), FieldErrors().wrap("phone", self.phone, muted(
            tr("Kosongkan bila ingin memilih kontaknya sendiri di WhatsApp."))))
        self.box.addWidget(holder)
        self.text = QPlainTextEdit()
        self.text.setObjectName("message")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumWidth(FORM_WIDTH)
        self.box.addWidget(self.text, 1)
        self.copy_button = primary_button(tr("Salin teks"))
        self.copy_button.setObjectName("copy")
        self.open_button = QPushButton(tr("Buka WhatsApp"))
        self.open_button.setObjectName("open")
        self.box.addLayout(buttons_row(self.copy_button, self.open_button))
        self.back_last(self.open_button)
        self.status = muted("")
        self.status.setObjectName("status")
        self.box.addWidget(self.status)
        self.copy_button.clicked.connect(self.copy)
        self.open_button.clicked.connect(self.open_whatsapp)
        self.opened: str = ""  # the last link handed to WhatsApp

    def start_for(self, party: str) -> None:
        """Build the reminder for one customer as of today."""
        self.title.setText(tr("Pengingat WhatsApp untuk {name}", name=party))
        self.text.clear()
        self.status.setText("")
        self.session.run(lambda book: reminder_for(book.conn, party=party, as_of=today()),
                         done=self._show)

    def _show(self, reminder: Reminder) -> None:
        self.reminder = reminder
        self.owed.setText(tr("{total} dari {count} tagihan", total=rupiah(reminder.total),
                             count=len(reminder.items)))
        self.phone.setText(reminder.phone)
        self.text.setPlainText(reminder.text)
        self.copy_button.setFocus()

    def link(self) -> str:
        """The wa.me link for the number and the text as they are now on screen."""
        return whatsapp_link(self.phone.text(), self.text.toPlainText())

    def copy(self) -> None:
        """Put the text on the clipboard, to paste into WhatsApp on the PC or the phone."""
        clipboard = QApplication.clipboard()
        clipboard.setText(self.text.toPlainText())
        self.status.setText(tr("Teks sudah disalin. Buka WhatsApp, lalu tempel dengan Ctrl+V."))

    def open_whatsapp(self) -> None:
        """Open WhatsApp (app or web) with the text ready for the customer's number."""
        self.opened = self.link()
        if open_url(QUrl.fromEncoded(self.opened.encode("ascii"))):
            self.status.setText(tr("WhatsApp dibuka. Periksa pesannya, lalu tekan Kirim."))
        else:
            self.status.setText(tr("WhatsApp tidak bisa dibuka dari komputer ini. Salin teksnya "
                                   "dan kirim dari ponsel."))
