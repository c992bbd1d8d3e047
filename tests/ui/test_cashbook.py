"""Kas & Bank: the cash book shows the books, filters narrow it, an entry is cancelled from it,
and a large book opens with one page and fetches more as the owner scrolls."""

from __future__ import annotations

import csv
import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.books.business import create_business, open_business
from desktop.books.demo import demo_months
from desktop.books.history import PAGE_SIZE, list_entries
from desktop.books.journal_csv import import_journal
from desktop.books.ledger import close_period, get_entry
from desktop.ui import errors
from desktop.ui.models.entries import CASH_IN, CASH_OUT, KIND, MEMO, REF, ROW_ROLE, STATUS
from desktop.ui.pages.cashbook import MEMO_SAMPLE, CashbookPage, grouped
from desktop.ui.pages.reports_choice import pydate
from desktop.ui.settings import AppSettings
from desktop.ui.windows.main import MainWindow
from desktop.ui.worker import SyncWorker
from tests.bench.generate import END, HEADER, START, sen
from tests.bench.simulate import entries
from tests.ui.conftest import page

T = TypeVar("T")
BIG_ENTRIES = 20_000
PIN = "1234"


def read(win: MainWindow, work: Callable[[sqlite3.Connection], T]) -> T:
    """Ask the books directly (through the session, as pages do) to check what a page shows."""
    out: list[T] = []
    win.session.run(lambda book: work(book.conn), done=out.append)
    return out[0]


def cashbook(win: MainWindow) -> CashbookPage:
    shown = page(win, "kas-bank")
    assert isinstance(shown, CashbookPage)
    return shown


def column(view: CashbookPage, col: int) -> list[str]:
    model = view.model
    return [model.data(model.index(n, col)) for n in range(model.rowCount())]


def refs(view: CashbookPage) -> list[str]:
    return column(view, REF)


def row_of(view: CashbookPage, ref: str) -> int:
    return refs(view).index(ref)


def settle(qtbot: Any, view: CashbookPage) -> None:
    """Wait out the search box's short debounce."""
    qtbot.waitUntil(lambda: not view.filters._timer.isActive(), timeout=2000)


def whole_demo(qtbot: Any, view: CashbookPage, today: dt.date) -> None:
    """Widen the dates to the demo's whole story, which may begin last year."""
    start = demo_months(today)[0]
    view.filters.date_from.setDate(QDate(start.year, start.month, start.day))
    settle(qtbot, view)


def search(qtbot: Any, view: CashbookPage, words: str) -> None:
    """Type in the search box and wait for the list to follow."""
    view.filters.search.clear()
    qtbot.keyClicks(view.filters.search, words)
    settle(qtbot, view)


def test_rows_match_the_books(qtbot: Any, demo: MainWindow, today: dt.date) -> None:
    view = cashbook(demo)
    start, end = (pydate(view.filters.date_from.date()), pydate(view.filters.date_to.date()))
    assert start <= today.replace(month=1, day=1) and end == dt.date(today.year, 12, 31)
    expected = read(demo, lambda conn: list_entries(conn, start=start, end=end, limit=10_000))
    assert refs(view) == [e.ref for e in expected][:PAGE_SIZE]
    total = read(demo, lambda conn: conn.execute(
        "SELECT count(*) FROM entry WHERE date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat())).fetchone()[0])
    assert view.count.text() == f"{grouped(total)} transaksi"
    model = view.model
    for n, entry in enumerate(expected[:PAGE_SIZE]):
        cash = read(demo, lambda conn, ref=entry.ref: conn.execute(
            "SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM line l JOIN entry e "
            "ON e.seq = l.entry_seq WHERE e.ref = ? AND l.account LIKE '11%'",
            (ref,)).fetchone()[0])
        row = model.data(model.index(n, 0), ROW_ROLE)
        assert (row.amount, row.cash, row.status, row.party) == (entry.amount, cash,
                                                                  entry.status, entry.party)
    sale = next(n for n, e in enumerate(expected) if e.kind == "penjualan-tunai")
    assert model.data(model.index(sale, KIND)) == "Penjualan tunai"
    assert model.data(model.index(sale, CASH_OUT)) == ""
    assert model.data(model.index(sale, CASH_IN)).replace(".", "").isdigit()

    whole_demo(qtbot, view, today)
    search(qtbot, view, "kompor")  # the demo's one mistake and the entry that replaced it
    assert sorted(column(view, STATUS)) == ["Aktif", "Dibatalkan"]
    cancelled = column(view, STATUS).index("Dibatalkan")
    assert model.data(model.index(cancelled, MEMO), Qt.ItemDataRole.FontRole).strikeOut()
    search(qtbot, view, "Salah ketik")  # and its cancellation, which gives the reason
    assert column(view, STATUS) == ["Pembatalan"]


def test_filters_narrow_by_form_account_party_search_and_dates(qtbot: Any, demo: MainWindow,
                                                                today: dt.date) -> None:
    view = cashbook(demo)
    bar = view.filters
    opened_with = view.count.text()
    whole_demo(qtbot, view, today)
    everything = len(refs(view))
    bar.kind.setFocus()
    bar.kind.setCurrentIndex(bar.kind.findText("Bayar biaya"))  # named as on its tile
    assert bar.kind.currentData() == "beban"
    assert set(column(view, KIND)) == {"Bayar biaya"} and len(refs(view)) < everything
    bar.kind.setCurrentIndex(0)

    bar.account.setCurrentIndex(bar.account.findData("5201"))
    on_5201 = read(demo, lambda conn: [r[0] for r in conn.execute(
        "SELECT e.ref FROM entry e WHERE EXISTS (SELECT 1 FROM line l WHERE l.entry_seq = e.seq "
        "AND l.account = '5201') ORDER BY e.date DESC, e.seq DESC")])
    assert refs(view) == on_5201 and view.count.text() == f"{len(on_5201)} transaksi"
    bar.account.setCurrentIndex(0)

    qtbot.keyClicks(bar.party.editor, "Warung Bu Komang")
    QTest.keyClick(bar.party.editor, Qt.Key.Key_Return)
    assert set(column(view, 4)) == {"Warung Bu Komang"}
    assert read(demo, lambda conn: conn.execute(
        "SELECT count(*) FROM entry e JOIN party p ON p.id = e.party_id "
        "WHERE p.name = 'Warung Bu Komang'").fetchone()[0]) == len(refs(view))
    bar.party.editor.clear()
    assert len(refs(view)) == everything

    qtbot.keyClicks(bar.search, "pekerja")
    settle(qtbot, view)
    assert refs(view) and all("pekerja" in memo.lower() for memo in column(view, MEMO))

    bar.search.clear()
    month = today.replace(day=1) - dt.timedelta(days=1)
    bar.date_from.setDate(QDate(month.year, month.month, 1))
    bar.date_to.setDate(QDate(month.year, month.month, month.day))
    settle(qtbot, view)
    days = {view.model.data(view.model.index(n, 0), ROW_ROLE).date
            for n in range(view.model.rowCount())}
    assert days and all(d.month == month.month and d.year == month.year for d in days)

    qtbot.mouseClick(bar.clear, Qt.MouseButton.LeftButton)
    assert view.count.text() == opened_with and bar.kind.currentIndex() == 0


def test_cancelling_from_the_page_posts_the_mirror(qtbot: Any, demo: MainWindow,
                                                   today: dt.date) -> None:
    view = cashbook(demo)
    whole_demo(qtbot, view, today)
    target = next(r for r, kind, status in zip(refs(view), column(view, KIND),
                                               column(view, STATUS), strict=True)
                  if kind == "Bayar biaya" and status == "Aktif")
    view.table.selectRow(row_of(view, target))
    assert view.detail.current is not None and view.detail.current.ref == target
    assert view.detail.lines.rowCount() == 2
    qtbot.mouseClick(view.detail.reverse, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None and dialog.isVisible()

    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)  # no reason yet
    assert dialog.reason_error.isVisible()
    assert dialog.reason_error.text() == "Alasan pembatalan wajib diisi"
    assert read(demo, lambda conn: get_entry(conn, target).reversed_by) is None

    qtbot.keyClicks(dialog.reason, "Salah catat jumlah")
    QTest.keyClick(dialog.reason, Qt.Key.Key_Return)
    mirror = read(demo, lambda conn: get_entry(conn, target).reversed_by)
    assert mirror is not None and not dialog.isVisible() and view.dialog is None
    lines = read(demo, lambda conn: [tuple(r) for r in conn.execute(
        "SELECT l.account, l.debit, l.credit FROM line l JOIN entry e ON e.seq = l.entry_seq "
        "WHERE e.ref = ? ORDER BY l.line_no", (target,))])
    mirrored = read(demo, lambda conn: [tuple(r) for r in conn.execute(
        "SELECT l.account, l.credit, l.debit FROM line l JOIN entry e ON e.seq = l.entry_seq "
        "WHERE e.ref = ? ORDER BY l.line_no", (mirror,))])
    assert lines == mirrored
    statuses = dict(zip(refs(view), column(view, STATUS), strict=True))
    assert statuses[target] == "Dibatalkan" and statuses[mirror] == "Pembatalan"
    assert view.detail.current is not None and view.detail.current.ref == target
    assert mirror in view.detail.state.text() and "Salah catat jumlah" in view.detail.state.text()
    assert mirror in view.notice.text()


def test_a_closed_period_is_explained_under_the_date(qtbot: Any, demo: MainWindow,
                                                     today: dt.date) -> None:
    view = cashbook(demo)
    whole_demo(qtbot, view, today)
    while view.model.canFetchMore(QModelIndex()):
        view.table.scrollToBottom()
    statuses = column(view, STATUS)
    # The oldest entry still standing, other than the saldo awal: its asset was depreciated,
    # so the books ask for the depreciation to be cancelled first (issue 12).
    number = max(n for n, (status, ref) in enumerate(zip(statuses, refs(view), strict=True))
                 if status == "Aktif" and not ref.startswith("SA-"))
    target = refs(view)[number]
    day = view.model.data(view.model.index(number, 0), ROW_ROLE).date

    def close(book: Any) -> None:
        with book.write() as conn:
            close_period(conn, through=day)

    demo.session.run(close, changes={"period"})
    view.table.selectRow(row_of(view, target))
    qtbot.mouseClick(view.detail.reverse, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.reason, "Salah ketik")
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert dialog.date_error.isVisible() and "sudah ditutup" in dialog.date_error.text()
    assert read(demo, lambda conn: get_entry(conn, target).reversed_by) is None
    later = day + dt.timedelta(days=1)
    dialog.date.setDate(QDate(later.year, later.month, later.day))
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    mirror = read(demo, lambda conn: get_entry(conn, target).reversed_by)
    assert mirror is not None and view.dialog is None
    assert read(demo, lambda conn: get_entry(conn, mirror).date) == later
    assert number >= PAGE_SIZE  # not on the first page: the list read on to show it again
    assert view.detail.current is not None and view.detail.current.ref == target
    assert view.detail.current.status == "dibatalkan"


@pytest.mark.parametrize("status, words, message", [
    ("Pembatalan", "Salah ketik", "tidak bisa dibatalkan lagi"),
    ("Dibatalkan", "kompor", "sudah dibatalkan oleh")])
def test_a_cancellation_or_a_cancelled_entry_is_refused(qtbot: Any, demo: MainWindow, status: str,
                                                        words: str, message: str,
                                                        today: dt.date) -> None:
    view = cashbook(demo)
    whole_demo(qtbot, view, today)
    search(qtbot, view, words)
    view.table.selectRow(column(view, STATUS).index(status))
    qtbot.mouseClick(view.detail.reverse, Qt.MouseButton.LeftButton)
    assert view.dialog is None
    assert errors.shown and message in errors.shown[-1]


def test_english_headers_and_labels(demo: MainWindow) -> None:
    from desktop.books.i18n import set_language

    set_language("en")
    demo.apply_settings(AppSettings(language="en"))
    view = cashbook(demo)
    model = view.model
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(8)]
    assert headers == ["Date", "Ref", "Kind", "Description", "Party", "In", "Out", "Status"]
    assert "Active" in column(view, STATUS)
    assert view.count.text().endswith("transactions")


# -- a large book ------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def big_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A generated 5-year journal of 20,000 entries imported into a business (once per module)."""
    folder = tmp_path_factory.mktemp("big")
    journal = folder / "journal.csv"
    with journal.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for entry in entries(20_210_101, START, END, BIG_ENTRIES):
            writer.writerows((entry.date.isoformat(), entry.ref, account, sen(debit),
                              sen(credit), entry.memo) for account, debit, credit in entry.lines)
    data_dir = folder / "data"
    ref = create_business(data_dir, name="Toko Besar", pin=PIN)
    book = open_business(data_dir, ref.id, PIN)
    try:
        import_journal(book, journal)
    finally:
        book.close()
    return data_dir, ref.id


def test_a_large_book_opens_with_one_page_and_scrolling_fetches_more(
        qtbot: Any, big_book: tuple[Path, str]) -> None:
    data_dir, business = big_book
    win = MainWindow(data_dir, SyncWorker(), AppSettings())
    qtbot.addWidget(win)
    win.show()
    win.session.open(business, PIN)
    view = cashbook(win)
    view.filters.date_from.setDate(QDate(START.year, 1, 1))
    view.filters.date_to.setDate(QDate(END.year, 12, 31))
    settle(qtbot, view)
    model = view.model
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore(QModelIndex())
    assert view.count.text() == "20.000 transaksi"

    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * PAGE_SIZE, timeout=2000)
    while model.canFetchMore(QModelIndex()):
        view.table.scrollToBottom()
    assert model.rowCount() == BIG_ENTRIES
    assert model.held_rows() <= 8 * PAGE_SIZE  # only the latest chunks; the rest are seqs
    seqs = [model.seq_at(n) for n in range(model.rowCount())]
    assert len(set(seqs)) == BIG_ENTRIES
    days = [model.data(model.index(n, 0), ROW_ROLE).date for n in range(model.rowCount() - 50,
                                                                         model.rowCount())]
    assert days == sorted(days, reverse=True) and days[-1] == START

    view.table.scrollToTop()
    assert model.data(model.index(0, 0)) == "…"  # read again, by seq, a moment later
    qtbot.waitUntil(lambda: model.data(model.index(0, REF)) is not None, timeout=2000)
    newest = read(win, lambda conn: conn.execute(
        "SELECT ref FROM entry ORDER BY date DESC, seq DESC LIMIT 1").fetchone()[0])
    assert model.data(model.index(0, REF)) == newest


@pytest.mark.parametrize("size", ["normal", "besar"])
def test_the_owners_words_are_whole_on_a_laptop_in_either_text_size(demo: MainWindow,
                                                                     size: str) -> None:
    """At 1366 wide the rows take two lines rather than cut memos and kinds to "…".

    In Besar there is less room than eight columns want: a memo of a usual length (the
    kasir's) and the sales' kinds are whole, while a long kind name ("Terima pembayaran
    piutang") or a longer memo may still end in "…" on the second line.
    """
    demo.apply_settings(replace(demo.settings, text_size=size))
    demo.resize(1366, 728)
    cashbook = page(demo, "kas-bank")
    assert isinstance(cashbook, CashbookPage)
    QApplication.processEvents()
    table, model = cashbook.table, cashbook.model
    metrics = table.fontMetrics()
    cut: list[tuple[str, int]] = []
    for row in range(min(model.rowCount(), 30)):
        for column in (KIND, MEMO):
            text = model.index(row, column).data()
            if size == "besar" and (len(text) > len(MEMO_SAMPLE) if column == MEMO
                                    else not text.startswith("Penjualan")):
                continue
            room = table.columnWidth(column) - 8  # the cell's margins
            lines = table.rowHeight(row) // metrics.lineSpacing()
            needed = metrics.boundingRect(0, 0, room, 10_000, Qt.TextFlag.TextWordWrap,
                                          text).height() // metrics.lineSpacing()
            if needed > lines:
                cut.append((text, table.columnWidth(column)))
    assert not cut, (size, cut)
