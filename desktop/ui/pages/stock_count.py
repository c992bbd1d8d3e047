"""Hitung stok: the counted quantity replaces the book quantity; the gap and its value show first."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desktop.books.dates import today
from desktop.books.fmt import quantity, rupiah
from desktop.books.forms import TxInput, post_tx
from desktop.books.i18n import tr
from desktop.books.ledger import Posted
from desktop.books.money import parse_qty
from desktop.books.stock import CountPreview, Item, StockLevel, preview_count
from desktop.ui.errors import show_error
from desktop.ui.pages.stock_fields import (
    FieldErrors,
    Panel,
    buttons_row,
    date_of,
    form_layout,
    qty_text,
    set_date,
    submit_on_enter,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import banner, muted, primary_button
from desktop.ui.widgets.dates import date_edit
from desktop.ui.widgets.money import MoneyEdit


def preview_text(preview: CountPreview) -> str:
    """The difference in plain words, before anything is saved."""
    item, diff = preview.item, preview.diff
    after = rupiah(preview.book.value + preview.value)
    if diff == 0:
        return tr("Sama dengan stok di buku; tidak ada selisih yang perlu dicatat.")
    if diff < 0:
        return tr("Kurang {qty} {unit} dari buku, senilai {value}. Nilai itu dicatat sebagai "
                  "harga pokok (beban). Setelah disimpan: {counted} {unit}, nilai {after}.",
                  qty=quantity(-diff), unit=item.unit, value=rupiah(-preview.value),
                  counted=quantity(preview.counted), after=after)
    if preview.value == 0:
        return tr("Lebih {qty} {unit} dari buku. Harga pokoknya belum diketahui; isi nilai "
                  "selisihnya di bawah.", qty=quantity(diff), unit=item.unit)
    return tr("Lebih {qty} {unit} dari buku, senilai {value} (harga pokok rata-rata). "
              "Setelah disimpan: {counted} {unit}, nilai {after}.",
              qty=quantity(diff), unit=item.unit, value=rupiah(preview.value),
              counted=quantity(preview.counted), after=after)


class CountPanel(Panel):
    """Takes the counted quantity, shows the difference and its value, then posts the count."""

    saved = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.item: Item | None = None
        self.preview: CountPreview | None = None
        self.errors = FieldErrors()
        self.box.addWidget(muted(tr("Hitung barang yang benar-benar ada, lalu isi jumlahnya. "
                                    "Lumbung mencatat selisihnya dengan stok di buku.")))
        self.on_book = QLabel()
        self.on_book.setObjectName("on-book")
        self.counted = QLineEdit()
        self.counted.setMaxLength(14)
        self.counted.setObjectName("counted")
        self.unit = QLabel()
        counted_row = QWidget()
        row = QHBoxLayout(counted_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.counted, 1)
        row.addWidget(self.unit)
        self.day = date_edit(today())
        self.memo = QLineEdit()
        self.memo.setMaxLength(200)
        self.memo.setPlaceholderText(tr("misalnya: rusak, kedaluwarsa, salah hitung"))
        self.amount = MoneyEdit()
        self.amount_row = self.errors.wrap("amount", self.amount)
        self.result = banner("difference", lines=3)
        holder, form = form_layout()
        form.addRow(tr("Stok di buku"), self.on_book)
        form.addRow(tr("Jumlah hasil hitung"), self.errors.wrap("qty", counted_row))
        form.addRow(tr("Tanggal hitung"), self.errors.wrap("date", self.day))
        form.addRow(tr("Catatan"), self.memo)
        form.addRow(tr("Nilai selisih (Rp)"), self.amount_row)
        self.form = form
        self.box.addWidget(holder)
        self.box.addWidget(self.result)
        self.save_button = primary_button(tr("Simpan penyesuaian"))
        self.save_button.setObjectName("save")
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton(tr("Batal"))
        cancel.clicked.connect(self.closed.emit)
        self.box.addLayout(buttons_row(self.save_button, cancel))
        self.back_last(cancel)
        self.box.addStretch()
        self.counted.textChanged.connect(self.check)
        submit_on_enter(self.save, self.counted, self.memo, self.amount)

    def start_for(self, item: Item, level: StockLevel) -> None:
        """Count one item (its stock as the books have it is shown for comparison)."""
        self.item = item
        self.title.setText(tr("Hitung stok: {name}", name=item.name))
        self.on_book.setText(tr("{qty} {unit}, nilai {value}", qty=quantity(level.qty),
                                unit=item.unit, value=rupiah(level.value)))
        self.unit.setText(item.unit)
        self.counted.clear()
        self.memo.clear()
        self.amount.clear()
        set_date(self.day, today())
        self.errors.clear()
        self._show_amount(False)
        self.result.hide()
        self.save_button.setEnabled(False)
        self.counted.setFocus()

    def _show_amount(self, visible: bool) -> None:
        self.form.setRowVisible(self.amount_row, visible)

    def check(self) -> None:
        """Work out the difference for what is typed so far (nothing is saved)."""
        self.errors.clear()
        text = qty_text(self.counted.text())
        if self.item is None or not text:
            self.preview = None
            self.result.hide()
            self.save_button.setEnabled(False)
            return
        sku = self.item.sku

        def shown(preview: CountPreview) -> None:
            if qty_text(self.counted.text()) == text:
                self._show_preview(preview)

        def refused(exc: BaseException) -> None:
            self.save_button.setEnabled(False)
            self.result.hide()
            if not self.errors.show(exc):
                show_error(self, exc)

        self.session.run(lambda book: preview_count(book.conn, sku=sku,
                                                    counted=parse_qty(text)),
                         done=shown, failed=refused)

    def _show_preview(self, preview: CountPreview) -> None:
        self.preview = preview
        self.result.setText(preview_text(preview))
        self.result.show()
        self._show_amount(preview.diff > 0 and preview.value == 0)
        self.save_button.setEnabled(preview.diff != 0)

    def save(self) -> None:
        """Post the count as a penyesuaian-stok entry."""
        if self.item is None or not self.save_button.isEnabled():
            return
        self.errors.clear()
        amount = self.amount.amount_text() if self.form.isRowVisible(self.amount_row) else ""
        tx = TxInput(type="penyesuaian-stok", date=date_of(self.day), item=self.item.sku,
                     qty=qty_text(self.counted.text()), memo=self.memo.text().strip(),
                     amount=amount or None)
        item = self.item

        def done(posted: Posted) -> None:
            message = tr("Hasil hitung stok {name} dicatat ({ref}).", name=item.name,
                         ref=posted.ref)
            self.saved.emit(" ".join([message, *posted.warnings]))

        self.session.run(lambda book: post_tx(book, tx), done=done, failed=self._failed,
                         changes={"entries", "stock"})

    def _failed(self, exc: BaseException) -> None:
        if getattr(exc, "field", None) == "amount":
            self._show_amount(True)
        if not self.errors.show(exc):
            show_error(self, exc)
