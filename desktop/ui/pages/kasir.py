"""Kasir: ring up a customer at the counter by code or scanner, take the money, next customer.

A USB scanner types the code and Enter, so the code field takes both. `+` and `-` change the
selected line's quantity. F12 (or Enter in "uang diterima") is Bayar: the sale is posted and
the screen is empty and ready again. The cart and the payment rules are desktop.books.kasir's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.errors import UserFacingError
from desktop.books.fmt import quantity, rupiah
from desktop.books.i18n import N_, tr
from desktop.books.kasir import (
    Cart,
    CartLine,
    Paid,
    change_due,
    find_code,
    pay_cart,
    print_nota,
    printer_kind,
    printer_setting,
)
from desktop.books.kasir_close import TillClosed, close_till
from desktop.books.money import parse_amount
from desktop.books.qris import Qris, get_qris
from desktop.books.stock import Item
from desktop.ui.errors import field_text, show_error
from desktop.ui.pages.base import Page
from desktop.ui.pages.kasir_print import print_on_system
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, muted, primary_button
from desktop.ui.widgets.money import MoneyEdit
from desktop.ui.widgets.qris import show_qris

METHOD_LABELS = (("tunai", N_("Tunai")), ("qris", N_("QRIS")), ("transfer", N_("Transfer")))
CHANGES = {"entries", "stock"}
QRIS_SIZE = 320  # large enough for a customer's phone across the counter
TOTAL_STYLE = "font-size: 26pt; font-weight: bold;"


class KasirPage(Page):
    """The counter: code field, cart table with +/-, big total, payment and Bayar."""

    key = "kasir"
    depends = frozenset({"stock", "settings"})

    @classmethod
    def title(cls) -> str:
        return tr("Kasir")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.cart = Cart()
        self.printer_target = ""
        self.layout_.addWidget(muted(tr("Ketik atau pindai kode barang lalu Enter. Tombol + dan "
                                        "- mengubah jumlah. F12 untuk Bayar.")))
        self.code = QLineEdit()
        self.code.setObjectName("kasir-code")
        self.code.setPlaceholderText(tr("Kode barang / barcode"))
        self.code.returnPressed.connect(self.scan)
        self.code.installEventFilter(self)
        self.layout_.addWidget(self.code)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("kasir-cart")
        self.table.setHorizontalHeaderLabels([tr("Barang"), tr("Jumlah"), tr("Harga"),
                                              tr("Subtotal")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name, never cut
        self.table.installEventFilter(self)
        cart = QHBoxLayout()
        cart.addWidget(self.table, 1)
        cart.addLayout(self._qris_column())
        self.layout_.addLayout(cart, 1)
        buttons = QHBoxLayout()
        for text, delta, name in (("+", 1, "kasir-plus"), ("−", -1, "kasir-minus")):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, d=delta: self.change_qty(d))
            buttons.addWidget(button)
        buttons.addStretch()
        self.total = QLabel()
        self.total.setObjectName("kasir-total")
        self.total.setStyleSheet(TOTAL_STYLE)  # the theme's font size would win over setFont
        buttons.addWidget(self.total)
        self.layout_.addLayout(buttons)
        self.layout_.addLayout(self._payment_row())
        self.error = ErrorLabel()
        self.error.setObjectName("kasir-error")
        self.layout_.addWidget(self.error)
        self.done = QLabel()
        self.done.setObjectName("kasir-done")
        self.done.setTextFormat(Qt.TextFormat.PlainText)
        self.layout_.addWidget(self.done)
        self.layout_.addLayout(self._close_row())
        self._show()

    def _qris_column(self) -> QVBoxLayout:
        """The QRIS beside the cart (the cart stays in sight), with whose name it pays to."""
        self.qris: Qris | None = None
        column = QVBoxLayout()
        self.qris_picture = QLabel()
        self.qris_picture.setObjectName("kasir-qris")
        self.qris_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qris_picture.setTextFormat(Qt.TextFormat.PlainText)
        self.qris_picture.setWordWrap(True)
        self.qris_picture.setMaximumWidth(QRIS_SIZE + 16)
        self.qris_picture.setVisible(False)
        self.qris_name = muted("")
        self.qris_name.setObjectName("kasir-qris-name")
        self.qris_name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qris_name.setMaximumWidth(QRIS_SIZE + 16)
        self.qris_name.setVisible(False)
        column.addWidget(self.qris_picture)
        column.addWidget(self.qris_name)
        column.addStretch()
        return column

    def _payment_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.methods = QButtonGroup(self)
        for index, (key, label) in enumerate(METHOD_LABELS):
            radio = QRadioButton(tr(label))
            radio.setObjectName(f"kasir-{key}")
            radio.setProperty("key", key)
            radio.setChecked(index == 0)
            radio.toggled.connect(lambda _on: self._show_change())
            self.methods.addButton(radio)
            row.addWidget(radio)
        row.addWidget(QLabel(tr("Uang diterima")))
        self.received = MoneyEdit()
        self.received.setObjectName("kasir-received")
        self.received.textEdited.connect(lambda _t: self._show_change())
        self.received.returnPressed.connect(self.pay)
        row.addWidget(self.received)
        self.change = QLabel()
        self.change.setObjectName("kasir-change")
        row.addWidget(self.change, 1)
        self.pay_button = primary_button(tr("Bayar (F12)"))
        self.pay_button.setObjectName("kasir-pay")
        self.pay_button.clicked.connect(self.pay)
        row.addWidget(self.pay_button)
        return row

    def _close_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Tutup kasir: uang di laci")))
        self.counted = MoneyEdit()
        self.counted.setObjectName("kasir-counted")
        row.addWidget(self.counted)
        self.reason = QLineEdit()
        self.reason.setObjectName("kasir-reason")
        self.reason.setPlaceholderText(tr("alasan bila ada selisih"))
        row.addWidget(self.reason, 1)
        close = QPushButton(tr("Tutup kasir"))
        close.setObjectName("kasir-close")
        close.clicked.connect(self.close_till)
        row.addWidget(close)
        return row

    def close_till(self) -> None:
        """Count the drawer against the books; a difference is posted with the reason."""
        self.error.show_message("")
        try:
            counted = parse_amount(self.counted.amount_text() or "", field="counted",
                                   allow_zero=True)
        except UserFacingError as exc:
            self._failed(exc)
            return
        day, reason = dates.today(), self.reason.text()
        self.session.run(lambda book: close_till(book, day=day, counted=counted, reason=reason),
                         done=self._closed, failed=self._failed, changes=CHANGES)

    def _closed(self, closed: TillClosed) -> None:
        text = tr("Kas menurut catatan {expected}, dihitung {counted}",
                  expected=rupiah(closed.expected), counted=rupiah(closed.counted))
        if closed.posted is not None:
            text += " · " + tr("selisih {amount} dicatat ({ref})",
                               amount=rupiah(closed.difference), ref=closed.posted.ref)
        self.done.setText(text)
        self.counted.clear()
        self.reason.clear()

    def refresh(self) -> None:
        super().refresh()
        self.session.run(lambda book: printer_setting(book.conn), done=self._show_printer)
        self.session.run(lambda book: get_qris(book.conn), done=self._keep_qris)
        self.code.setFocus()

    def _keep_qris(self, qris: Qris | None) -> None:
        self.qris = qris
        self._show_change()

    def _show_printer(self, setting: tuple[str, str]) -> None:
        self.printer_target = setting[0]  # chosen in Pengaturan > Printer kasir

    # -- the cart ------------------------------------------------------------------------------
    def scan(self) -> None:
        """Add the typed or scanned code to the cart."""
        code = self.code.text()
        self.code.clear()
        self.error.show_message("")
        self.session.run(lambda book: find_code(book.conn, code), done=self._found,
                         failed=self._failed)

    def _found(self, item: Item) -> None:
        try:  # the cart lives on the GUI thread; only the lookup ran on the worker
            index = self.cart.add(item)
        except UserFacingError as exc:
            self._failed(exc)
            return
        self._show()
        self.table.selectRow(index)
        self.code.setFocus()

    def change_qty(self, delta: int) -> None:
        """+1 or -1 on the selected line (the last one when none is selected)."""
        if not self.cart.lines:
            return
        rows = self.table.selectionModel().selectedRows()
        index = rows[0].row() if rows else len(self.cart.lines) - 1
        self.cart.change_qty(index, delta)
        self._show()
        if self.cart.lines:
            self.table.selectRow(min(index, len(self.cart.lines) - 1))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F12 pays from any field."""
        if event.key() == Qt.Key.Key_F12:
            self.pay()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """`+`/`-` in the cart, or in the empty code field (a code never starts with them)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.text() in ("+", "-") \
                and (watched is self.table or not self.code.text()):
            self.change_qty(1 if event.text() == "+" else -1)
            return True
        return super().eventFilter(watched, event)

    def _show(self) -> None:
        self.table.setRowCount(len(self.cart.lines))
        for row, line in enumerate(self.cart.lines):
            cells = (line.item.name, f"{quantity(line.qty)} {line.item.unit}",
                     rupiah(line.price), rupiah(line.total))
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.total.setText(rupiah(self.cart.total))
        self._show_change()

    def _method(self) -> str:
        checked = self.methods.checkedButton()
        return str(checked.property("key")) if checked is not None else "tunai"

    def _received(self) -> int | None:
        text = self.received.amount_text()
        return parse_amount(text, field="received") if text else None

    def _show_qris(self) -> None:
        """The owner's QRIS, large, for the customer to scan while QRIS is chosen."""
        shown = self._method() == "qris"
        self.qris_picture.setVisible(shown)
        self.qris_name.setVisible(shown and self.qris is not None)
        if not shown:
            return
        if self.qris is None:
            self.qris_picture.setPixmap(QPixmap())
            self.qris_picture.setText(tr("Belum ada QRIS; unggah di Pengaturan > QRIS"))
        else:
            show_qris(self.qris_picture, self.qris.payload, QRIS_SIZE)
            self.qris_picture.setToolTip(self.qris.merchant)
            self.qris_name.setText(tr("QRIS atas nama {merchant}, {city}",
                                      merchant=self.qris.merchant, city=self.qris.city))

    def _show_change(self) -> None:
        self._show_qris()
        cash = self._method() == "tunai"
        self.received.setEnabled(cash)
        try:
            due = change_due(self.cart.total, self._received()) if cash else 0
        except UserFacingError:
            self.change.setText(tr("Uang kurang"))
            return
        self.change.setText(tr("Kembalian {amount}", amount=rupiah(due)) if cash else "")

    # -- paying --------------------------------------------------------------------------------
    def pay(self) -> None:
        """Post the sale and get ready for the next customer."""
        self.error.show_message("")
        method, day = self._method(), dates.today()
        try:
            received = self._received() if method == "tunai" else None
        except UserFacingError as exc:
            self._failed(exc)
            return

        snapshot = Cart([CartLine(ln.item, ln.qty, ln.price) for ln in self.cart.lines])

        def work(book: Book) -> Paid:
            return pay_cart(book, snapshot, method=method, day=day, received=received)

        self.session.run(work, done=self._paid, failed=self._failed, changes=CHANGES)

    def _paid(self, paid: Paid) -> None:
        text = tr("Tercatat {ref}: {total}", ref=paid.posted.ref, total=rupiah(paid.total))
        if paid.change:
            text += " · " + tr("kembalian {amount}", amount=rupiah(paid.change))
        self.done.setText(text)
        self.cart.clear()
        self.received.clear()
        self.methods.buttons()[0].setChecked(True)
        self._show()
        self.code.setFocus()
        ref = paid.posted.ref  # printed after the screen is ready: printing never holds it
        kind = printer_kind(self.printer_target)
        if kind == "system":
            print_on_system(self.session, ref, lambda exc: self._not_printed(ref, exc))
        elif kind != "none":
            self.session.run(lambda book: print_nota(book.conn, ref),
                             failed=lambda exc: self._not_printed(ref, exc))

    def _not_printed(self, ref: str, exc: BaseException) -> None:
        reason = field_text(exc) if isinstance(exc, UserFacingError) else str(exc)
        self.error.show_message(tr("Nota {ref} tercatat tetapi tidak tercetak: {reason}",
                                   ref=ref, reason=reason))

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserFacingError):
            self.error.show_message(field_text(exc))
            (self.received if exc.field == "received" else self.code).setFocus()
            return
        show_error(self, exc)
