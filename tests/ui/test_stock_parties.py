"""Persediaan and Utang Piutang on the demo: what is shown equals the books; actions post."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from desktop.books.fmt import quantity, rupiah
from desktop.books.parties import PAYABLE, RECEIVABLE, find_party, party_balance
from desktop.books.reports.aging import BUCKETS, umur
from desktop.books.reports.stock_report import kartu_stok
from desktop.books.stock import get_item, list_items, preview_count, stock_level, unit_cost
from desktop.ui import errors
from desktop.ui.pages import parties_reminder
from desktop.ui.pages.parties import PartiesPage
from desktop.ui.pages.stock import StockPage
from desktop.ui.pages.stock_fields import set_date
from desktop.ui.pages.stock_table import KEY_ROLE, RowsModel, select_key
from desktop.ui.settings import AppSettings
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page

T = TypeVar("T")
LEFT = Qt.MouseButton.LeftButton


def books(win: MainWindow, work: Callable[[Any], T]) -> T:
    """Read the open books through the session (the synchronous worker runs it at once)."""
    found: list[T] = []
    win.session.run(lambda book: work(book.conn), done=found.append)
    return found[0]


def cells(model: RowsModel) -> list[list[str]]:
    return [row.cells for row in model.rows]


def click(qtbot: Any, button: QPushButton) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, LEFT)


def stock_page(win: MainWindow) -> StockPage:
    shown = page(win, "persediaan")
    assert isinstance(shown, StockPage)
    return shown


def parties_page(win: MainWindow) -> PartiesPage:
    shown = page(win, "utang-piutang")
    assert isinstance(shown, PartiesPage)
    return shown


def choose(stock: StockPage, sku: str) -> None:
    stock.search.clear()
    assert select_key(stock.table, sku)


# -- Persediaan ----------------------------------------------------------------------------------
def test_demo_items_show_their_stock_and_value(demo: MainWindow) -> None:
    stock = stock_page(demo)
    items = books(demo, list_items)
    assert len(items) == 6
    assert cells(stock.model) == [
        [item.sku, item.name, f"{quantity(level.qty)} {item.unit}", quantity(item.min_qty),
         rupiah(unit_cost(level)), rupiah(level.value), rupiah(item.price) if item.price else "–"]
        for item, level in items]
    total = sum(level.value for _item, level in items)
    assert rupiah(total) in stock.summary.text()
    assert stock.selected_sku() == items[0][0].sku and stock.card_button.isEnabled()


def test_search_keeps_matching_items(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    qtbot.keyClicks(stock.search, "keripik cokelat")
    shown = [stock.proxy.index(r, 0).data(KEY_ROLE) for r in range(stock.proxy.rowCount())]
    assert shown == ["KRP-CKL"]
    stock.search.clear()
    assert stock.proxy.rowCount() == 6


def test_adding_an_item_shows_it_in_the_list(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    click(qtbot, stock.add_button)
    form = stock.item_form
    assert stock.body.currentWidget() is form
    qtbot.keyClicks(form.sku, "GULA")
    qtbot.keyClicks(form.name, "Gula pasir")
    qtbot.keyClicks(form.unit, "kg")
    qtbot.keyClicks(form.price, "16500")
    assert form.price.text() == "16.500"
    form.account.setCurrentIndex(form.account.findData("1302"))
    qtbot.keyClicks(form.min_qty, "5")
    click(qtbot, form.save_button)
    assert stock.body.currentWidget() is stock.list_view
    assert "Gula pasir" in stock.banner.text()
    item = books(demo, lambda conn: get_item(conn, "GULA"))
    assert (item.price, item.account, item.min_qty, item.unit) == (1_650_000, "1302", 5000, "kg")
    row = next(r for r in stock.model.rows if r.key == "GULA")
    assert row.cells[:4] == ["GULA", "Gula pasir", "0 kg", "5"] and row.mark == "low"
    assert stock.selected_sku() == "GULA"
    assert "1 barang stoknya menipis" in stock.summary.text()
    outbox = books(demo, lambda conn: conn.execute(
        "SELECT op, data FROM outbox WHERE entity = 'item' AND entity_id = ?",
        (item.id,)).fetchall())
    assert [op for op, _data in outbox] == ["insert"]


def test_a_refused_item_is_explained_under_its_field(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    click(qtbot, stock.add_button)
    form = stock.item_form
    qtbot.keyClicks(form.sku, "KRP-ORI")
    qtbot.keyClicks(form.name, "Dobel")
    qtbot.keyClicks(form.unit, "bks")
    click(qtbot, form.save_button)
    assert "sudah dipakai" in form.errors.message("sku")
    assert stock.body.currentWidget() is form and not errors.shown
    form.name.clear()
    form.sku.clear()
    qtbot.keyClicks(form.sku, "BARU")
    click(qtbot, form.save_button)
    assert form.errors.message("name") == "Nama barang wajib diisi"
    assert form.errors.message("sku") == ""


def test_editing_an_item_changes_price_name_and_minimum(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    choose(stock, "KRP-ORI")
    click(qtbot, stock.edit_button)
    form = stock.item_form
    assert not form.sku.isEnabled() and form.price.text() == "15.000"
    form.name.clear()
    qtbot.keyClicks(form.name, "Keripik Original 250 g")
    form.price.clear()
    qtbot.keyClicks(form.price, "16000")
    qtbot.keyClicks(form.min_qty, "1.000")
    click(qtbot, form.save_button)
    item = books(demo, lambda conn: get_item(conn, "KRP-ORI"))
    assert (item.name, item.price, item.min_qty) == ("Keripik Original 250 g", 1_600_000,
                                                    1_000_000)
    row = next(r for r in stock.model.rows if r.key == "KRP-ORI")
    assert row.cells[1] == "Keripik Original 250 g" and row.cells[-1] == "Rp16.000"
    assert row.mark == "low"  # 111 bks is below the new minimum of 1.000
    changes = books(demo, lambda conn: [json.loads(d) for (d,) in conn.execute(
        "SELECT data FROM outbox WHERE entity = 'item' AND op = 'update'")])
    assert changes == [{"name": "Keripik Original 250 g", "price": 1_600_000,
                        "min_qty": 1_000_000}]


def test_kartu_stok_rows_equal_the_report(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    choose(stock, "PSG")
    click(qtbot, stock.card_button)
    panel = stock.kartu
    assert stock.body.currentWidget() is panel
    start, end = panel.kartu.start, panel.kartu.end  # type: ignore[union-attr]
    report = books(demo, lambda conn: kartu_stok(conn, sku="PSG", start=start, end=end))
    shown = cells(panel.model)
    assert len(report.lines) > 10 and len(shown) == len(report.lines) + 2
    for line, row in zip(report.lines, shown[1:-1], strict=True):
        assert row[1] == line.ref and row[2] == line.memo
        assert row[3] == (quantity(line.qty) if line.qty > 0 else "")
        assert row[4] == (quantity(-line.qty) if line.qty < 0 else "")
        assert row[5] == quantity(line.balance_qty) and row[7] == rupiah(line.balance_value)
    assert shown[-1][5] == quantity(report.closing[0])
    later = report.lines[-3].date
    set_date(panel.start, later)
    narrower = books(demo, lambda conn: kartu_stok(conn, sku="PSG", start=later, end=end))
    assert [r[1] for r in cells(panel.model)[1:-1]] == [ln.ref for ln in narrower.lines]
    assert cells(panel.model)[0][5] == quantity(narrower.opening_qty)
    click(qtbot, panel.back)
    assert stock.body.currentWidget() is stock.list_view


def test_stock_count_shows_the_difference_then_posts_it(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    choose(stock, "KMS")
    click(qtbot, stock.count_button)
    panel = stock.count
    before = books(demo, lambda conn: stock_level(conn, get_item(conn, "KMS").id))
    assert not panel.save_button.isEnabled()
    counted = before.qty // 1000 - 20
    qtbot.keyClicks(panel.counted, str(counted))
    preview = books(demo, lambda conn: preview_count(conn, sku="KMS", counted=counted * 1000))
    assert panel.result.isVisible() and "Kurang 20 pcs" in panel.result.text()
    assert rupiah(-preview.value) in panel.result.text()
    qtbot.keyClicks(panel.memo, "basah kena hujan")
    click(qtbot, panel.save_button)
    after = books(demo, lambda conn: stock_level(conn, get_item(conn, "KMS").id))
    assert after.qty == counted * 1000 and after.value == before.value + preview.value
    entry = books(demo, lambda conn: conn.execute(
        "SELECT kind, memo FROM entry ORDER BY seq DESC LIMIT 1").fetchone())
    assert tuple(entry) == ("penyesuaian-stok", "basah kena hujan")
    assert stock.body.currentWidget() is stock.list_view and "dicatat" in stock.banner.text()
    row = next(r for r in stock.model.rows if r.key == "KMS")
    assert row.cells[2] == f"{quantity(counted * 1000)} pcs" and row.cells[5] == rupiah(after.value)


def test_a_count_equal_to_the_books_cannot_be_saved(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    choose(stock, "CKL")
    click(qtbot, stock.count_button)
    level = stock.items["CKL"][1]
    qtbot.keyClicks(stock.count.counted, quantity(level.qty))
    assert "tidak ada selisih" in stock.count.result.text()
    assert not stock.count.save_button.isEnabled()
    stock.count.counted.clear()
    qtbot.keyClicks(stock.count.counted, "abc")
    assert "harus angka" in stock.count.errors.message("qty") and not errors.shown


def test_counting_an_item_never_bought_asks_for_the_value(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    click(qtbot, stock.add_button)
    for field, text in ((stock.item_form.sku, "GULA"), (stock.item_form.name, "Gula pasir"),
                        (stock.item_form.unit, "kg")):
        qtbot.keyClicks(field, text)
    qtbot.keyClick(stock.item_form.unit, Qt.Key.Key_Return)
    assert stock.selected_sku() == "GULA"
    click(qtbot, stock.count_button)
    panel = stock.count
    assert not panel.form.isRowVisible(panel.amount_row)
    qtbot.keyClicks(panel.counted, "2,5")
    assert panel.form.isRowVisible(panel.amount_row) and "belum diketahui" in panel.result.text()
    qtbot.keyClicks(panel.amount, "40000")
    qtbot.keyClick(panel.amount, Qt.Key.Key_Return)
    level = books(demo, lambda conn: stock_level(conn, get_item(conn, "GULA").id))
    assert (level.qty, level.value) == (2500, 4_000_000)
    assert stock.body.currentWidget() is stock.list_view


def test_the_keyboard_reaches_every_stock_action(qtbot: Any, demo: MainWindow) -> None:
    stock = stock_page(demo)
    qtbot.keyClicks(stock.search, "minyak")
    qtbot.keyClick(stock.search, Qt.Key.Key_Return)
    assert stock.selected_sku() == "MNY"
    qtbot.keyClick(stock.table, Qt.Key.Key_Return)
    assert stock.body.currentWidget() is stock.kartu
    assert stock.kartu.title.text() == "Kartu stok: Minyak goreng (MNY)"
    qtbot.keyClick(stock.kartu.table, Qt.Key.Key_Escape)
    assert stock.body.currentWidget() is stock.list_view
    order, widget = [], stock.search
    for _ in range(6):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [stock.add_button, stock.edit_button, stock.card_button,
                     stock.count_button, stock.labels_button, stock.table]


# -- Utang Piutang -------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["piutang", "utang"])
def test_aging_shown_equals_umur(demo: MainWindow, kind: str, today: dt.date) -> None:
    parties = parties_page(demo)
    aging = books(demo, lambda conn: umur(conn, kind=kind, as_of=today))
    assert aging.parties
    tab = parties.tab(kind)
    shown = tab.model.rows
    keys = [key for key, _label, _limit in BUCKETS]
    for party, row in zip(aging.parties, shown, strict=False):
        sums = party.buckets(aging.as_of)
        assert row.key == party.party
        assert row.raw[1:] == [*(sums[k] for k in keys), party.overpaid, party.total]
        assert row.cells[-1] == rupiah(party.total)
    assert len(shown) == len(aging.parties) + 1 and shown[-1].mark == "total"
    assert shown[-1].cells[-1] == rupiah(aging.totals()["total"])
    chosen = tab.selected()
    assert chosen is not None and chosen.party == aging.parties[0].party
    assert [r.key for r in tab.items_model.rows] == [i.ref for i in aging.parties[0].items]


def test_recording_a_payment_reduces_the_balance(qtbot: Any, demo: MainWindow) -> None:
    parties = parties_page(demo)
    tab = parties.piutang
    # whichever customer owes most today (which one depends on the day the demo ends)
    name = str(max((r for r in tab.model.rows if r.key), key=lambda r: r.raw[-1]).key)
    assert select_key(tab.table, name)
    party = books(demo, lambda conn: find_party(conn, name))
    owed = books(demo, lambda conn: party_balance(conn, party.id, RECEIVABLE))
    click(qtbot, tab.pay_button)
    panel = parties.payment
    assert parties.body.currentWidget() is panel
    assert panel.amount.amount_text() == str(owed // 100) and rupiah(owed) == panel.owed.text()
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "100000")
    panel.via.setCurrentIndex(panel.via.findData("bank"))
    click(qtbot, panel.save_button)
    assert books(demo, lambda conn: party_balance(conn, party.id, RECEIVABLE)) \
        == owed - 10_000_000
    entry = books(demo, lambda conn: conn.execute(
        "SELECT e.kind, l.account FROM entry e JOIN line l ON l.entry_seq = e.seq "
        "WHERE l.debit > 0 ORDER BY e.seq DESC LIMIT 1").fetchone())
    assert tuple(entry) == ("terima-piutang", "1102")
    assert parties.body.currentWidget() is parties.tabs and parties.banner.isVisible()
    row = next(r for r in tab.model.rows if r.key == name)
    assert row.cells[-1] == rupiah(owed - 10_000_000)
    assert tab.selected_name() == name


def test_an_overpayment_needs_confirmation(qtbot: Any, demo: MainWindow) -> None:
    parties = parties_page(demo)
    parties.tabs.setCurrentWidget(parties.utang)
    tab = parties.utang
    supplier = tab.selected()
    assert supplier is not None
    party = books(demo, lambda conn: find_party(conn, supplier.party))
    owed = books(demo, lambda conn: party_balance(conn, party.id, PAYABLE))
    click(qtbot, tab.pay_button)
    panel = parties.payment
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, str(owed // 100 + 50_000))
    click(qtbot, panel.save_button)
    assert panel.confirm_box.isVisible() and "Tetap catat?" in panel.confirm_text.text()
    assert books(demo, lambda conn: party_balance(conn, party.id, PAYABLE)) == owed
    assert not errors.shown
    click(qtbot, panel.confirm_button)
    # The Rp50.000 paid too much is a deposit with the supplier (uang muka pembelian, 1402),
    # never a negative debt.
    assert books(demo, lambda conn: party_balance(conn, party.id, PAYABLE)) == 0
    assert books(demo, lambda conn: -party_balance(conn, party.id, "1402")) == 5_000_000  # debit
    assert parties.body.currentWidget() is parties.tabs


def test_whatsapp_reminder_text_copy_and_link(qtbot: Any, demo: MainWindow,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(parties_reminder, "open_url",
                        lambda url: opened.append(bytes(url.toEncoded()).decode()) or True)
    parties = parties_page(demo)
    tab = parties.piutang
    customer = tab.selected()
    assert customer is not None
    click(qtbot, tab.remind_button)
    panel = parties.reminder
    text = panel.text.toPlainText()
    assert customer.party in text and "Keripik Pisang Bu Made" in text
    assert all(item.ref in text for item in customer.items)
    assert f"Total: {rupiah(customer.total)}" in text
    click(qtbot, panel.copy_button)
    assert QApplication.clipboard().text() == text
    qtbot.keyClicks(panel.phone, "0812-3456-7890")
    click(qtbot, panel.open_button)
    link = urlsplit(opened[0])
    assert (link.netloc, link.path) == ("wa.me", "/6281234567890")
    assert parse_qs(link.query)["text"] == [text]
    assert QUrl(opened[0]).isValid()


# -- both languages, both text sizes, 1366x768 ---------------------------------------------------
def _inside(widget: QWidget, window: QWidget) -> bool:
    top_left = widget.mapTo(window, widget.rect().topLeft())
    bottom_right = widget.mapTo(window, widget.rect().bottomRight())
    return window.rect().contains(top_left) and window.rect().contains(bottom_right)


@pytest.fixture
def restyled() -> Iterator[None]:
    """Flush widgets of earlier tests (re-styling visits every live widget); undo the theme after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    font, sheet = app.font(), app.styleSheet()
    yield
    app.setStyleSheet(sheet)
    app.setFont(font)


@pytest.mark.usefixtures("restyled")
@pytest.mark.parametrize(("lang", "size"), [("id", "besar"), ("en", "besar"), ("en", "normal")])
def test_pages_fit_the_screen_in_each_language(qtbot: Any, demo: MainWindow, lang: str,
                                               size: str) -> None:
    demo.apply_settings(AppSettings(language=lang, text_size=size))
    demo.resize(1366, 768)
    stock = stock_page(demo)
    english = lang == "en"
    assert stock.add_button.text() == ("Add item" if english else "Tambah barang")
    for button in (stock.add_button, stock.edit_button, stock.card_button, stock.count_button):
        assert _inside(button, demo), button.text()
    choose(stock, "KRP-CKL")
    click(qtbot, stock.count_button)
    qtbot.keyClicks(stock.count.counted, "1")
    assert ("fewer than" if english else "Kurang") in stock.count.result.text()
    assert _inside(stock.count.save_button, demo)
    parties = parties_page(demo)
    assert parties.tabs.tabText(0).startswith("Receivables" if english else "Piutang")
    for button in (parties.piutang.pay_button, parties.piutang.remind_button):
        assert _inside(button, demo), button.text()
    click(qtbot, parties.piutang.pay_button)
    assert _inside(parties.payment.save_button, demo)
    assert errors.shown == []
