"""Catat Transaksi: a customer's return picked from the original nota puts the goods back."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.books.forms import TxInput, post_tx
from desktop.books.stock import get_item, stock_level
from desktop.ui.pages.record import RecordPage
from desktop.ui.widgets.picker import SearchPicker
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def test_a_sales_return_is_picked_from_its_nota(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                today: dt.date) -> None:
    book = demo.session._book
    assert book is not None
    sale = post_tx(book, TxInput(type="penjualan-tunai", date=today, item="KRP-ORI", qty="4"))
    item = get_item(book.conn, "KRP-ORI")
    before = stock_level(book.conn, item.id).qty
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["retur-penjualan"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None and form.choices is not None
    assert sale.ref in [choice.key for choice in form.choices.notas]  # offered by the picker
    picker = form.widgets["of"]
    assert isinstance(picker, SearchPicker)
    qtbot.keyClicks(picker.lineEdit(), sale.ref)
    qtbot.keyClicks(form.widgets["qty"], "1")
    qtbot.keyClick(form.widgets["qty"], Qt.Key.Key_Return)
    assert "Tercatat" in record.banner.text(), form.general.text()
    assert stock_level(book.conn, item.id).qty == before + 1000
    memo = book.conn.execute("SELECT memo FROM entry WHERE kind = 'retur-penjualan'").fetchone()
    assert memo[0].startswith(f"Retur dari {sale.ref}")
