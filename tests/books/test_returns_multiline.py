"""Notas of several lines and their returns: defects found by test_multiline_property.py."""

from __future__ import annotations

import pytest

from desktop.books.book import Book
from desktop.books.stock import add_item, get_item, stock_level
from tests.books.conftest import balance, lines_of, post

RP = 100  # sen per rupiah


def _stock(book: Book) -> None:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=12_500 * RP)
        add_item(conn, sku="SBL", name="Sambal", unit="btl", price=15_000 * RP)
    post(book, "setoran-modal", date="2026-03-01", amount=10_000_000)
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@8000", "SBL:10@9000"])


def test_an_item_on_two_lines_is_returned_whole_at_both_lines_cost(book: Book) -> None:
    """The kasir may ring one item up twice: the nota moved 5, not the first line's 2."""
    _stock(book)
    sale = post(book, "penjualan-tunai", date="2026-03-02", lines=["KRP:2", "SBL:1", "KRP:3"])
    back = post(book, "retur-penjualan", date="2026-03-03", of=sale.ref, item="KRP")
    # all 5 bks come back at 5 x 8.000 and the 5 x 12.500 charged for them is paid back
    assert lines_of(book, back.ref) == [("4101", 62_500 * RP, 0), ("1101", 0, 62_500 * RP),
                                        ("1301", 40_000 * RP, 0), ("5101", 0, 40_000 * RP)]
    level = stock_level(book.conn, get_item(book.conn, "KRP").id)
    assert (level.qty, level.value) == (10_000, 80_000 * RP)
    bought = post(book, "pembelian-persediaan", date="2026-03-04",
                  lines=["SBL:1@9000", "SBL:3@6000"])
    out = post(book, "retur-pembelian", date="2026-03-05", of=bought.ref, item="SBL", qty=4)
    assert lines_of(book, out.ref) == [("1101", 27_000 * RP, 0), ("1301", 0, 27_000 * RP)]


def test_the_refund_is_what_the_item_was_sold_for_after_discounts(book: Book) -> None:
    """Not the whole nota's sales: its service line and discounts are not the item's price."""
    _stock(book)
    sale = post(book, "penjualan-tunai", date="2026-03-02", discount="3500",
                lines=["KRP:2@12500-1000", "*Ongkos kirim:1@10000"])
    # KRP: 24.000 less 24/34 of the 3.500 nota discount (2.470,59) = 21.529,41 for 2 bks
    back = post(book, "retur-penjualan", date="2026-03-03", of=sale.ref, qty=1)
    assert lines_of(book, back.ref)[:2] == [("4101", 10_765 * RP, 0), ("1101", 0, 10_765 * RP)]
    rest = post(book, "retur-penjualan", date="2026-03-03", of=sale.ref)   # the last rupiah
    assert lines_of(book, rest.ref)[:2] == [("4101", 1_076_441, 0), ("1101", 0, 1_076_441)]
    # what stays sold is the delivery: 10.000 less its 1.029,41 share of the discount
    assert -balance(book, "4101") - balance(book, "4102") == 897_059


def test_a_return_from_a_nota_of_several_items_defaults_to_its_line(book: Book) -> None:
    _stock(book)
    sale = post(book, "penjualan-kredit", date="2026-03-02", party="Warung Ani",
                lines=["KRP:2", "SBL:1@14000"])
    back = post(book, "retur-penjualan", date="2026-03-03", of=sale.ref, item="SBL", via="")
    assert lines_of(book, back.ref)[:2] == [("4101", 14_000 * RP, 0), ("1201", 0, 14_000 * RP)]


def test_a_purchase_ending_in_a_free_line_shares_its_discount_over_the_others(book: Book) -> None:
    """The sen the pro-rata split leaves over cannot go to a free last line (the journal was
    out of balance by 0.01 and the purchase could not be posted)."""
    _stock(book)
    bought = post(book, "pembelian-persediaan", date="2026-03-02", discount="213",
                  lines=["KRP:3.102@1000-1551", "KRP:0.603@2000", "KRP:0.500@3000",
                         "KRP:1@4000-4000"])
    # lines 1.551 + 1.206 + 1.500 + 0 = 4.257, less 213: 4.044 into stock
    assert lines_of(book, bought.ref) == [("1301", 404_400, 0), ("1101", 0, 404_400)]


def test_a_same_day_return_with_a_smaller_id_still_follows_its_sale(
        book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typed on a PC whose clock was behind, the return's id sorts before the sale's: it must
    still bring back what the sale took out once a back-dated purchase re-costs the sale."""
    ids = iter(["ffffffff-0000-7000-8000-000000000001", "fffffffe-0000-7000-8000-000000000002",
                "00000001-0000-7000-8000-000000000003", "00000000-0000-7000-8000-000000000004",
                "00000002-0000-7000-8000-000000000005"])
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks")
    monkeypatch.setattr("desktop.books.ledger.new_id", lambda: next(ids))
    post(book, "pembelian-persediaan", date="2026-01-05", lines=["KRP:10@1000"])
    sale = post(book, "penjualan-tunai", date="2026-01-10", lines=["KRP:5@2000"])
    post(book, "retur-penjualan", date="2026-01-10", of=sale.ref, via="")
    post(book, "pembelian-persediaan", date="2026-01-01", lines=["KRP:10@3000"])
    assert balance(book, "5101") == 0          # all that was sold came back
    level = stock_level(book.conn, get_item(book.conn, "KRP").id)
    assert (level.qty, level.value) == (20_000, 40_000 * RP)
