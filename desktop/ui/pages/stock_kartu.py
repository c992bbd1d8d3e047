"""Kartu stok: one item's movements over a period with running quantity and value."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from desktop.books.dates import add_months, format_short, today
from desktop.books.fmt import quantity, rupiah
from desktop.books.i18n import current_lang, tr
from desktop.books.reports.stock_report import KartuStok, kartu_stok
from desktop.books.stock import Item, StockLevel, unit_cost
from desktop.ui.pages.stock_fields import Panel, date_of
from desktop.ui.pages.stock_table import Column, Row, RowsModel, rows_view
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted
from desktop.ui.widgets.dates import date_edit


def default_period(day: dt.date) -> tuple[dt.date, dt.date]:
    """The last three whole months and this one: enough to see a season's movements."""
    return add_months(day.replace(day=1), -3), day


def kartu_rows(kartu: KartuStok) -> list[Row]:
    """The card as shown: saldo awal, each movement, saldo akhir."""
    lang = current_lang()

    def row(day: dt.date | None, ref: str, memo: str, move: int | None, qty: int, value: int,
            mark: str = "") -> Row:
        inn = quantity(move) if move is not None and move > 0 else ""
        out = quantity(-move) if move is not None and move < 0 else ""
        return Row([format_short(day, lang) if day else "", ref, memo, inn, out, quantity(qty),
                    rupiah(unit_cost(StockLevel(qty, value))), rupiah(value)],
                   key=ref or None, mark=mark, tip=memo)

    rows = [row(None, "", tr("Saldo awal"), None, kartu.opening_qty, kartu.opening_value,
                "total")]
    rows += [row(line.date, line.ref, line.memo, line.qty, line.balance_qty, line.balance_value)
             for line in kartu.lines]
    qty, value = kartu.closing
    rows.append(row(None, "", tr("Saldo akhir"), None, qty, value, "total"))
    return rows


class KartuPanel(Panel):
    """Shows the kartu stok of one item; the period can be changed and the card follows."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.item: Item | None = None
        self.kartu: KartuStok | None = None
        start, end = default_period(today())
        self.start = date_edit(start)
        self.end = date_edit(end)
        period = QHBoxLayout()
        period.addWidget(QLabel(tr("Dari")))
        period.addWidget(self.start)
        period.addWidget(QLabel(tr("sampai")))
        period.addWidget(self.end)
        period.addStretch()
        self.box.addLayout(period)
        self.model = RowsModel([
            Column(tr("Tanggal")), Column(tr("Ref")), Column(tr("Keterangan")),
            Column(tr("Masuk"), True), Column(tr("Keluar"), True), Column(tr("Saldo"), True),
            Column(tr("Harga pokok/unit"), True), Column(tr("Nilai saldo"), True)])
        self.table = rows_view(self.model, stretch=2)
        self.table.setObjectName("kartu")
        self.box.addWidget(self.table, 1)
        self.note = muted("")
        self.box.addWidget(self.note)
        self.start.dateChanged.connect(self.load)
        self.end.dateChanged.connect(self.load)

    def start_for(self, item: Item) -> None:
        """Show an item's card for the chosen period."""
        self.item = item
        self.title.setText(tr("Kartu stok: {name} ({sku})", name=item.name, sku=item.sku))
        self.model.set_rows([])
        self.load()
        self.table.setFocus()

    def load(self) -> None:
        """Read the card for the period in the date fields."""
        if self.item is None:
            return
        sku = self.item.sku
        start, end = date_of(self.start), date_of(self.end)
        if end < start:
            self.note.setText(tr("Tanggal akhir lebih awal dari tanggal awal."))
            self.model.set_rows([])
            return
        self.session.run(lambda book: kartu_stok(book.conn, sku=sku, start=start, end=end),
                         done=self._show)

    def _show(self, kartu: KartuStok) -> None:
        self.kartu = kartu
        self.model.set_rows(kartu_rows(kartu))
        if kartu.lines:
            self.note.setText(tr("{count} mutasi. Satuan: {unit}. Harga pokok dihitung rata-rata "
                                 "bergerak.", count=len(kartu.lines), unit=kartu.item.unit))
        else:
            self.note.setText(tr("Tidak ada mutasi barang ini pada periode tersebut."))
