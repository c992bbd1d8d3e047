"""Stock costed in date order (issue 12): back-dated entries, reversals and ghost value."""

from __future__ import annotations

import datetime as dt

from desktop.books.book import Book
from desktop.books.ledger import reverse_entry
from desktop.books.reports.stock_report import daftar_stok, kartu_stok
from desktop.books.stock import add_item, stock_level
from tests.books.conftest import balance, post

RP = 100  # sen per rupiah


def _item(book: Book, sku: str = "BRS", name: str = "Beras") -> None:
    with book.write() as conn:
        add_item(conn, sku=sku, name=name, unit="kg")


def _scenario(book: Book) -> None:
    """The issue's defect 1, typed in this order."""
    _item(book)
    post(book, "setoran-modal", date="2026-02-01", amount=10_000_000)
    post(book, "pembelian-persediaan", date="2026-02-01", item="BRS", qty=100,
         amount=1_000_000)
    post(book, "penjualan-tunai", date="2026-02-05", item="BRS", qty=30, amount=450_000)
    post(book, "pembelian-persediaan", date="2026-02-10", item="BRS", qty=50, amount=600_000)
    post(book, "penjualan-tunai", date="2026-02-15", item="BRS", qty=100, amount=1_500_000)
    post(book, "penjualan-tunai", date="2026-02-20", item="BRS", qty=30, amount=450_000)
    post(book, "pembelian-persediaan", date="2026-02-25", item="BRS", qty=40, amount=520_000)
    # typed late: a purchase dated before the sales that it should have fed
    post(book, "pembelian-persediaan", date="2026-02-12", item="BRS", qty=10, amount=200_000)
    post(book, "penjualan-tunai", date="2026-02-28", item="BRS", qty=10, amount=150_000)


def test_back_dated_purchase_recosts_every_later_sale(book: Book) -> None:
    _scenario(book)
    # Date order: 300.000 + 1.153.846 + 346.154 + 130.000
    assert balance(book, "5101") == 1_930_000 * RP
    assert balance(book, "1301") == 390_000 * RP
    item = stock_level(book.conn, _id(book))
    assert (item.qty, item.value) == (30_000, 390_000 * RP)
    card = kartu_stok(book.conn, sku="BRS", start=dt.date(2026, 2, 1), end=dt.date(2026, 2, 28))
    by_day = {line.date.day: (line.balance_qty, line.balance_value) for line in card.lines}
    assert by_day[20] == (0, 0)            # was "0 kg valued Rp91.666"
    assert by_day[15] == (30_000, 346_154 * RP)
    assert card.closing == (30_000, 390_000 * RP)
    assert daftar_stok(book.conn, as_of=dt.date(2026, 2, 20)).rows[0][1:] == (0, 0)


def test_adjustments_are_dated_visible_and_explained(book: Book) -> None:
    _scenario(book)
    rows = book.conn.execute(
        "SELECT e.ref, e.date, e.memo FROM entry e WHERE e.kind = 'penyesuaian-hpp' "
        "ORDER BY e.date").fetchall()
    assert rows, "the back-dated purchase must book Penyesuaian HPP entries"
    assert all(ref.startswith("HP-2026-") and "dihitung ulang menurut tanggal" in memo
               for ref, _day, memo in rows)
    # Figures on every date follow: laba rugi up to 20 Feb holds the date-ordered HPP.
    hpp_to_20 = book.conn.execute(
        "SELECT cum_debit - cum_credit FROM account_day WHERE account = '5101' "
        "AND date <= '2026-02-20' ORDER BY date DESC LIMIT 1").fetchone()[0]
    assert hpp_to_20 == (300_000 + 1_153_846 + 346_154) * RP


def test_reversed_purchase_leaves_no_ghost_value(book: Book) -> None:
    _item(book, "GLA", "Gula")
    post(book, "setoran-modal", date="2026-03-01", amount=1_000_000)
    first = post(book, "pembelian-persediaan", date="2026-03-01", item="GLA", qty=10,
                 amount=10_000)
    post(book, "penjualan-tunai", date="2026-03-02", item="GLA", qty=10, amount=15_000)
    post(book, "pembelian-persediaan", date="2026-03-03", item="GLA", qty=10, amount=20_000)
    with book.write() as conn:
        reverse_entry(conn, ref=first.ref, reason="salah catat", device_id=book.device_id)
    level = stock_level(book.conn, _id(book, "GLA"))
    assert (level.qty, level.value) == (0, 0)          # was 0 kg valued Rp10.000
    assert balance(book, "1301") == 0
    assert balance(book, "5101") == 20_000 * RP         # the 10 sold cost what was really paid
    # The next sale is costed, not "belum pernah ada pembelian" at HPP 0.
    sale = post(book, "penjualan-tunai", date="2026-03-04", item="GLA", qty=1, amount=1_500)
    assert not any("belum pernah" in w for w in sale.warnings)
    # ...and the next purchase fills the shortfall without a 13.000 correction.
    post(book, "pembelian-persediaan", date="2026-03-05", item="GLA", qty=10, amount=20_000)
    assert balance(book, "5101") == 22_000 * RP
    assert balance(book, "1301") == 18_000 * RP


def test_present_dated_postings_book_no_adjustment(book: Book) -> None:
    _item(book)
    post(book, "setoran-modal", date="2026-02-01", amount=10_000_000)
    post(book, "pembelian-persediaan", date="2026-02-01", item="BRS", qty=3, amount=10_000)
    post(book, "penjualan-tunai", date="2026-02-02", item="BRS", qty=1, amount=5_000)
    post(book, "penyesuaian-stok", date="2026-02-03", item="BRS", qty=1)
    assert book.conn.execute("SELECT COUNT(*) FROM entry WHERE kind = 'penyesuaian-hpp'"
                             ).fetchone()[0] == 0
    memo = book.conn.execute("SELECT memo FROM entry WHERE kind = 'penyesuaian-stok'"
                             ).fetchone()[0]
    assert "→" not in memo and "2 ke 1 kg" in memo      # the PDF fonts have no arrow glyph


def _id(book: Book, sku: str = "BRS") -> str:
    return str(book.conn.execute("SELECT id FROM item WHERE sku = ?", (sku,)).fetchone()[0])
