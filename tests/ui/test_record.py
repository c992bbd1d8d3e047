"""Catat Transaksi: typing a form, errors beside fields, undo; Beranda shows the books' figures."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QRadioButton

from desktop.books.dashboard import dashboard
from desktop.books.stock import get_item, stock_level
from desktop.books.totals import account_balance
from desktop.ui.pages.home import HomePage
from desktop.ui.pages.record import RecordPage
from desktop.ui.widgets.money import MoneyEdit
from desktop.ui.widgets.picker import SearchPicker
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def books(win: MainWindow):  # type: ignore[no-untyped-def]
    """The open book, for checking what the window did (tests only)."""
    return win.session._book


def entries(win: MainWindow) -> int:
    return int(books(win).conn.execute("SELECT count(*) FROM entry").fetchone()[0])


def test_cash_sale_of_an_item_by_typing(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                        today: dt.date) -> None:
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["penjualan-tunai"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    item = get_item(books(demo).conn, "KRP-ORI")
    before = stock_level(books(demo).conn, item.id).qty
    picker = form.widgets["item"]
    assert isinstance(picker, SearchPicker)
    qtbot.keyClicks(picker.lineEdit(), "KRP-ORI")
    qty = form.widgets["qty"]
    assert isinstance(qty, QLineEdit)
    qtbot.keyClicks(qty, "3")
    amount = form.widgets["amount"]
    assert isinstance(amount, MoneyEdit)
    assert amount.text() == "45.000"  # price × quantity, grouped while filled in
    qris = form.widgets["via"].findChild(QRadioButton, "via-qris")
    assert qris is not None
    qtbot.mouseClick(qris, Qt.MouseButton.LeftButton)
    qtbot.keyClick(qty, Qt.Key.Key_Return)
    assert "Tercatat: Penjualan tunai Rp45.000" in record.banner.text()
    assert stock_level(books(demo).conn, item.id).qty == before - 3000
    ref = record.banner.text().rsplit("(", 1)[1].rstrip(")")
    row = books(demo).conn.execute("SELECT kind, date FROM entry WHERE ref = ?", (ref,)).fetchone()
    assert row == ("penjualan-tunai", today.isoformat())
    assert account_balance(books(demo).conn, "1103") >= 45_000 * 100
    assert amount.text() == "" and qty.text() == ""  # ready for the next sale


def test_errors_appear_beside_the_field_and_nothing_is_stored(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    form = record.open_form("penjualan-tunai")
    count = entries(demo)
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "KRP-ORI")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["qty"], "dua")  # letters never get into a quantity
    assert form.widgets["qty"].text() == ""  # type: ignore[attr-defined]
    assert form.errors["qty"].isVisibleTo(form) and "hanya angka" in form.errors["qty"].text()
    assert entries(demo) == count
    credit = record.open_form("penjualan-kredit")
    qtbot.keyClicks(credit.widgets["amount"], "50000")
    credit.save()
    assert "wajib" in credit.errors["party"].text()
    assert entries(demo) == count


def test_a_new_customer_is_added_on_the_spot(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    form = record.open_form("penjualan-kredit")
    qtbot.keyClicks(form.widgets["party"].lineEdit(), "Warung Baru Bu Ayu")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["amount"], "120000")
    form.save()
    assert "Penjualan kredit Rp120.000" in record.banner.text()
    row = books(demo).conn.execute("SELECT kind FROM party WHERE name = 'Warung Baru Bu Ayu'")
    assert row.fetchone() == ("pelanggan",)


def test_undo_the_last_entry_needs_a_reason(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    form = record.open_form("beban")
    qtbot.keyClicks(form.widgets["amount"], "75000")
    form.save()
    ref = record.banner.text().rsplit("(", 1)[1].rstrip(")")
    record.show_menu()
    assert ref in record.undo.info.text()
    record.undo.cancel_last()
    assert "wajib" in record.undo.error.text()
    qtbot.keyClicks(record.undo.reason, "salah ketik")
    qtbot.mouseClick(record.undo.button, Qt.MouseButton.LeftButton)
    assert record.undo.confirm.isVisibleTo(record)  # it asks first, naming the transaction
    assert ref in record.undo.confirm.text.text() and "Bayar biaya" in record.undo.confirm.text.text()
    assert books(demo).conn.execute(
        "SELECT count(*) FROM entry e JOIN entry r ON r.reverses_seq = e.seq WHERE e.ref = ?",
        (ref,)).fetchone() == (0,)
    qtbot.mouseClick(record.undo.confirm.yes, Qt.MouseButton.LeftButton)
    status = books(demo).conn.execute(
        "SELECT r.ref FROM entry e JOIN entry r ON r.reverses_seq = e.seq WHERE e.ref = ?",
        (ref,)).fetchone()
    assert status is not None and status[0] in record.banner.text()


def test_home_shows_the_books_figures(demo: MainWindow, today: dt.date) -> None:
    home = page(demo, "beranda")
    assert isinstance(home, HomePage) and home.data is not None
    expected = dashboard(books(demo).conn, today=today)
    assert home.data == expected
    cash = sum(amount for _name, amount in expected.cash)
    assert home.cash.figure.text().replace(".", "").removeprefix("Rp") == str(cash // 100)
    assert len(expected.months) == 12 and home.chart.chart() is not None
    assert home.due.count() >= 1
