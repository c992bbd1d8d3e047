"""Toko → Pesanan: orders from the mall, and the one next step each can take."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.errors import ConfirmationRequired
from desktop.books.fmt import rupiah
from desktop.books.i18n import N_, current_lang, tr
from desktop.books.pdf.receipt import write_receipt
from desktop.books.receipt import receipt_for
from desktop.shop import orders as shop
from desktop.shop.label import PRINTABLE, write_label
from desktop.shop.orders import Order
from desktop.ui.errors import plain_message, show_error
from desktop.ui.pages.settings_common import ConfirmBar
from desktop.ui.pages.stock_table import (
    Column,
    Row,
    RowsModel,
    replace_rows,
    rows_view,
    selected_key,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button

Step = Callable[[Book], Order]
ACTIONS = (("accept", N_("Terima pesanan")), ("reject", N_("Tolak…")),
           ("pay", N_("Sudah dibayar")), ("ship", N_("Kirim…")), ("complete", N_("Selesai")),
           ("cancel", N_("Batalkan…")))
ALLOWED = {"baru": ("accept", "reject"), "diterima": ("pay", "ship", "cancel"),
           "dibayar": ("ship", "cancel"), "dikirim": ("pay", "complete", "cancel")}


def _day(created_at: str) -> str:
    """`6 Des 2026` as in every other table; the raw text if it is not a date."""
    try:
        return dates.format_short(dt.date.fromisoformat(created_at[:10]), current_lang())
    except ValueError:
        return created_at[:10]


def order_rows(orders: list[Order]) -> list[Row]:
    """Orders as table rows; new ones stand out."""
    return [Row([o.code, _day(o.created_at), o.buyer_name, o.summary,
                 rupiah(o.total), tr(shop.STATUSES[o.status]) + (" ✓" if o.paid else "")],
                [o.code, o.created_at, o.buyer_name, o.sku, o.total, o.status],
                key=o.code, mark="low" if o.status == "baru" else "") for o in orders]


class OrdersPanel(QWidget):
    """A status filter, the order table, the chosen order's details and its next steps."""

    changed = Signal(str)  # a message after a step was taken

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.orders: dict[str, Order] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.status = QComboBox()
        self.status.setObjectName("order-status")
        self.status.addItem(tr("Semua pesanan"), None)
        for key, label in shop.STATUSES.items():
            self.status.addItem(tr(label), key)
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        bar.addWidget(QLabel(tr("Tampilkan")))
        bar.addWidget(self.status)
        bar.addStretch()
        layout.addLayout(bar)
        self.model = RowsModel([Column(tr("Kode")), Column(tr("Tanggal")), Column(tr("Pembeli")),
                                Column(tr("Barang")), Column(tr("Total"), True),
                                Column(tr("Status"))])
        self.table = rows_view(self.model, stretch=3)
        self.table.setObjectName("orders")
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        layout.addWidget(self.table, 1)
        self.detail = muted("")
        self.detail.setObjectName("order-detail")
        layout.addWidget(self.detail)
        self.confirm = ConfirmBar()
        layout.addWidget(self.confirm)
        actions = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text in ACTIONS:
            button = primary_button(tr(text)) if key == "accept" else QPushButton(tr(text))
            button.setObjectName(f"order-{key}")
            button.clicked.connect(lambda _c=False, k=key: self.act(k))
            self.buttons[key] = button
            actions.addWidget(button)
        self.reject_phone = QPushButton(tr("Tolak semua dari nomor ini…"))
        self.reject_phone.setObjectName("order-reject-phone")
        self.reject_phone.clicked.connect(lambda _c=False: self.reject_number())
        actions.addWidget(self.reject_phone)
        actions.addStretch()
        self.print_nota = QPushButton(tr("Cetak nota…"))
        self.print_label = QPushButton(tr("Cetak label kirim…"))
        for button, what in ((self.print_nota, "nota"), (self.print_label, "label")):
            button.setObjectName(f"order-print-{what}")
            button.clicked.connect(lambda _c=False, w=what: self.print_pdf(w))
            actions.addWidget(button)
        layout.addLayout(actions)
        self._chosen()

    def refresh(self) -> None:
        """Read the orders of the chosen status."""
        status = self.status.currentData()
        self.session.run(lambda book: shop.list_orders(book.conn, status), done=self._show)

    def _show(self, orders: list[Order]) -> None:
        self.orders = {o.code: o for o in orders}
        replace_rows(self.table, self.model, order_rows(orders))
        self._chosen()

    def selected(self) -> Order | None:
        """The order chosen in the table."""
        key = selected_key(self.table)
        return self.orders.get(key) if isinstance(key, str) else None

    def _chosen(self, *_args: QModelIndex) -> None:
        order = self.selected()
        allowed = ALLOWED.get(order.status, ()) if order else ()
        for key, button in self.buttons.items():
            button.setVisible(key in allowed and not (key == "pay" and order is not None
                                                      and order.paid))
        self.reject_phone.setVisible(order is not None and order.status == "baru")
        accepted = order is not None and order.status in PRINTABLE
        self.print_nota.setVisible(accepted)
        self.print_label.setVisible(accepted)
        if order is None:
            self.detail.setText(tr("Pesanan dari Mall muncul di sini setelah sinkron."))
            return
        lines = [tr("{name} · {phone} · {method}", name=order.buyer_name,
                    phone=order.buyer_phone,
                    method=tr(shop.PAYMENT_NAMES.get(order.payment_method,
                                                     order.payment_method))),
                 tr("Alamat: {address}", address=order.address),
                 *(f"{line.qty} × {line.title or line.sku} · {rupiah(line.total)}"
                   for line in order.lines)]
        if order.courier:
            lines.append(tr("Dikirim dengan {courier}, resi {resi}", courier=order.courier,
                            resi=order.resi))
        if order.reason:
            lines.append(tr("Alasan: {reason}", reason=order.reason))
        self.detail.setText("\n".join(lines))

    # -- steps ---------------------------------------------------------------------------------
    def act(self, key: str, *, text: str | None = None, resi: str | None = None,
            confirm: bool = False) -> None:
        """Take a step on the chosen order; asks for a reason or courier when one is needed."""
        order = self.selected()
        if order is None:
            return
        code, today = order.code, dates.today()
        if key in ("reject", "cancel") and text is None:
            text, ok = QInputDialog.getText(self, tr("Alasan"), tr("Alasan (dibaca pembeli):"))
            if not ok:
                return
        if key == "ship" and (text is None or resi is None):
            text, ok = QInputDialog.getText(self, tr("Kirim"), tr("Nama kurir:"))
            resi, ok2 = QInputDialog.getText(self, tr("Kirim"), tr("Nomor resi:")) if ok \
                else ("", False)
            if not (ok and ok2):
                return
        steps: dict[str, Step] = {
            "accept": lambda b: shop.accept(b.conn, code, device_id=b.device_id, day=today,
                                            confirm=confirm),
            "reject": lambda b: shop.reject(b.conn, code, reason=text or ""),
            "pay": lambda b: shop.pay(b.conn, code, device_id=b.device_id, day=today),
            "ship": lambda b: shop.ship(b.conn, code, courier=text or "", resi=resi or ""),
            "complete": lambda b: shop.complete(b.conn, code),
            "cancel": lambda b: shop.cancel(b.conn, code, reason=text or "",
                                            device_id=b.device_id),
        }

        def work(book: Book) -> Order:
            with book.write():
                return steps[key](book)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, ConfirmationRequired):
                self.confirm.ask(plain_message(exc), tr("Terima juga"),
                                 lambda: self.act(key, confirm=True))
            else:
                show_error(self, exc)

        self.session.run(work, done=self._done, failed=failed,
                         changes=("entries", "stock", "parties", "shop"))

    def reject_number(self, reason: str | None = None) -> None:
        """Refuse every new order from the chosen order's phone number (made-up orders)."""
        order = self.selected()
        if order is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getText(
                self, tr("Tolak semua dari nomor ini"),
                tr("Semua pesanan baru dari {phone} ditolak. Alasan (dibaca pembeli):",
                   phone=order.buyer_phone))
            if not ok:
                return
        phone, why = order.buyer_phone, reason

        def work(book: Book) -> list[Order]:
            with book.write():
                return shop.reject_all_from(book.conn, phone, reason=why)

        def done(refused: list[Order]) -> None:
            self.changed.emit(tr("{count} pesanan dari {phone} ditolak.", count=len(refused),
                                 phone=phone))
            self.refresh()

        self.session.run(work, done=done, failed=lambda exc: show_error(self, exc),
                         changes=("shop",))

    def print_pdf(self, what: str, path: str | None = None) -> None:
        """Save the chosen order's nota (A5) or shipping label (A6) as a PDF."""
        order = self.selected()
        if order is None or not order.sale_ref:
            return
        if path is None:
            suggested = str(Path.home() / f"{what}-{order.code}.pdf")
            path, _ = QFileDialog.getSaveFileName(self, tr("Simpan PDF"), suggested, "PDF (*.pdf)")
            if not path:
                return
        target, sale_ref, code = Path(path), order.sale_ref, order.code

        def work(book: Book) -> Path:
            if what == "label":
                return write_label(book.conn, code, target)
            return write_receipt(receipt_for(book.conn, sale_ref), target)

        self.session.run(work, done=lambda saved: self.changed.emit(
            tr("Tersimpan: {path}", path=str(saved))))

    def _done(self, order: Order) -> None:
        self.changed.emit(tr("Pesanan {code}: {status}.", code=order.code,
                             status=tr(shop.STATUSES[order.status])))
        self.refresh()
