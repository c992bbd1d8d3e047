"""The issue's flow: type a cash sale, see it in Kas & Bank, stock and laba rugi; reverse it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.books.stock import get_item, stock_level
from desktop.ui.pages.cashbook import CashbookPage
from desktop.ui.pages.record import RecordPage
from desktop.ui.pages.reports import ReportsPage
from desktop.ui.pages.reports_view import RawRole
from desktop.ui.pages.stock import StockPage
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def net_profit(win: MainWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    """Laba bersih of this year as the Laporan page shows it."""
    reports = page(win, "laporan")
    assert isinstance(reports, ReportsPage)
    reports.period.choose("tahun-ini")
    qtbot.mouseClick(reports.show_button, Qt.MouseButton.LeftButton)
    (panel,) = reports.view.panels()
    labels = [panel.model.index(r, 1).data().strip() for r in range(panel.model.rowCount())]
    return int(panel.model.index(labels.index("Laba (rugi) bersih"), 2).data(RawRole))


def test_sale_shows_everywhere_and_reversal_takes_it_back(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    conn = demo.session._book.conn  # type: ignore[union-attr]
    item = get_item(conn, "KRP-CKL")
    stock_before = stock_level(conn, item.id).qty
    profit_before = net_profit(demo, qtbot)

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    qtbot.mouseClick(record.buttons["penjualan-tunai"], Qt.MouseButton.LeftButton)
    form = record.form
    assert form is not None
    qtbot.keyClicks(form.widgets["item"].lineEdit(), "KRP-CKL")  # type: ignore[attr-defined]
    qtbot.keyClicks(form.widgets["qty"], "4")
    qtbot.keyClick(form.widgets["qty"], Qt.Key.Key_Return)
    ref = record.banner.text().rsplit("(", 1)[1].rstrip(")")
    assert "Rp72.000" in record.banner.text()

    cashbook = page(demo, "kas-bank")
    assert isinstance(cashbook, CashbookPage)
    first = cashbook.model.entry_at(0)
    assert first is not None and first.ref == ref and first.cash_in == 72_000 * 100

    stock = page(demo, "persediaan")
    assert isinstance(stock, StockPage)
    assert stock_level(conn, item.id).qty == stock_before - 4_000
    stock.refresh()
    shown = [stock.model.index(r, c).data() for r in range(stock.model.rowCount())
             for c in range(stock.model.columnCount())]
    assert f"{(stock_before - 4_000) // 1000} bks" in shown

    profit_after = net_profit(demo, qtbot)
    assert profit_after > profit_before  # the sale less its HPP

    record = page(demo, "catat")
    assert isinstance(record, RecordPage)
    record.show_menu()
    assert ref in record.undo.info.text()
    qtbot.keyClicks(record.undo.reason, "pembeli membatalkan")
    qtbot.keyClick(record.undo.reason, Qt.Key.Key_Return)
    assert stock_level(conn, item.id).qty == stock_before - 4_000  # not before she says yes
    assert ref in record.undo.confirm.text.text()
    qtbot.keyClick(record.undo.confirm.yes, Qt.Key.Key_Return)
    assert stock_level(conn, item.id).qty == stock_before
    assert net_profit(demo, qtbot) == profit_before
    cashbook = page(demo, "kas-bank")
    assert isinstance(cashbook, CashbookPage)
    statuses = {row.ref: row.status for r in range(cashbook.model.rowCount())
                if (row := cashbook.model.entry_at(r)) is not None}
    assert statuses[ref] == "dibatalkan"
