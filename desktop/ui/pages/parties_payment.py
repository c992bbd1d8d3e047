"""Catat pembayaran: a customer pays (terima-piutang) or the business pays a supplier (bayar-utang)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.books.dates import today
from desktop.books.errors import ConfirmationRequired
from desktop.books.fmt import rupiah
from desktop.books.forms import TxInput, post_tx
from desktop.books.i18n import N_, tr
from desktop.books.ledger import Posted
from desktop.books.reports.aging import PartyAging
from desktop.ui.errors import show_error
from desktop.ui.pages.stock_fields import (
    FieldErrors,
    Panel,
    buttons_row,
    date_of,
    form_layout,
    set_date,
    submit_on_enter,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import primary_button
from desktop.ui.widgets.dates import date_edit
from desktop.ui.widgets.money import MoneyEdit

VIA = (("kas", N_("Kas (uang tunai)")), ("bank", N_("Bank (transfer)")), ("qris", N_("QRIS")))
FORM_OF = {"piutang": "terima-piutang", "utang": "bayar-utang"}


class PaymentPanel(Panel):
    """Amount prefilled with what is owed; paying more than that asks for a confirmation first."""

    saved = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = "piutang"
        self.party: PartyAging | None = None
        self.errors = FieldErrors()
        self.owed = QLabel()
        self.owed.setObjectName("owed")
        self.amount = MoneyEdit()
        self.amount.setObjectName("amount")
        self.via = QComboBox()
        for key, label in VIA:
            self.via.addItem(tr(label), key)
        self.day = date_edit(today())
        self.memo = QLineEdit()
        self.memo.setMaxLength(200)
        self.memo.setPlaceholderText(tr("boleh dikosongkan"))
        holder, form = form_layout()
        self.owed_label = QLabel()
        form.addRow(self.owed_label, self.owed)
        form.addRow(tr("Jumlah dibayar (Rp)"), self.errors.wrap("amount", self.amount))
        self.via_label = QLabel()
        form.addRow(self.via_label, self.errors.wrap("via", self.via))
        form.addRow(tr("Tanggal"), self.errors.wrap("date", self.day))
        form.addRow(tr("Catatan"), self.memo)
        self.box.addWidget(holder)
        self.confirm_box = QFrame()
        self.confirm_box.setProperty("card", True)
        self.confirm_box.setObjectName("confirm")
        self.confirm_box.setMaximumWidth(holder.maximumWidth())
        confirm_row = QHBoxLayout(self.confirm_box)
        self.confirm_text = QLabel()
        self.confirm_text.setProperty("error", True)
        self.confirm_text.setWordWrap(True)
        self.confirm_button = QPushButton(tr("Ya, tetap catat"))
        self.confirm_button.setObjectName("confirm-yes")
        self.confirm_button.clicked.connect(lambda: self.save(confirm=True))
        confirm_row.addWidget(self.confirm_text, 1)
        confirm_row.addWidget(self.confirm_button)
        self.confirm_box.hide()
        self.box.addWidget(self.confirm_box)
        self.save_button = primary_button(tr("Simpan pembayaran"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(lambda: self.save())
        cancel = QPushButton(tr("Batal"))
        cancel.clicked.connect(self.closed.emit)
        self.box.addLayout(buttons_row(self.save_button, cancel))
        self.back_last(cancel)
        self.box.addStretch()
        self.amount.textEdited.connect(lambda _text: self.confirm_box.hide())
        submit_on_enter(lambda: self.save(), self.amount, self.memo)

    def start_for(self, kind: str, party: PartyAging) -> None:
        """Record a payment by (piutang) or to (utang) this party."""
        self.kind, self.party = kind, party
        if kind == "piutang":
            self.title.setText(tr("Terima pembayaran dari {name}", name=party.party))
            self.owed_label.setText(tr("Sisa piutang"))
            self.via_label.setText(tr("Diterima lewat"))
        else:
            self.title.setText(tr("Bayar utang kepada {name}", name=party.party))
            self.owed_label.setText(tr("Sisa utang"))
            self.via_label.setText(tr("Dibayar lewat"))
        self.owed.setText(rupiah(party.total))
        self.amount.set_amount(party.total)
        self.via.setCurrentIndex(0)
        set_date(self.day, today())
        self.memo.clear()
        self.errors.clear()
        self.confirm_box.hide()
        self.amount.setFocus()
        self.amount.selectAll()

    def save(self, *, confirm: bool = False) -> None:
        """Post the payment; `confirm` accepts paying more than is owed."""
        if self.party is None:
            return
        self.errors.clear()
        name = self.party.party
        tx = TxInput(type=FORM_OF[self.kind], date=date_of(self.day),
                     amount=self.amount.amount_text(), via=str(self.via.currentData()),
                     party=name, memo=self.memo.text().strip(), confirm=confirm)

        def done(posted: Posted) -> None:
            self.confirm_box.hide()
            message = tr("Pembayaran {amount} ({name}) dicatat: {ref}.", amount=rupiah(posted.amount),
                         name=name, ref=posted.ref)
            self.saved.emit(" ".join([message, *posted.warnings]))

        self.session.run(lambda book: post_tx(book, tx), done=done, failed=self._failed,
                         changes={"entries", "parties"})

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ConfirmationRequired) and self.party is not None:
            owed = self.party.total
            self.confirm_text.setText(tr(
                "Rp{amount} lebih besar dari sisa {owed}. Kelebihannya dicatat sebagai lebih "
                "bayar. Tetap catat?", amount=self.amount.text(), owed=rupiah(owed)))
            self.confirm_box.show()
            self.confirm_button.setFocus()
            return
        if not self.errors.show(exc):
            show_error(self, exc)
