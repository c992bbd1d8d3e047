"""Straight-line monthly depreciation, posted on demand and never twice for a month."""

from __future__ import annotations

import pytest

from desktop.books.assets import depreciate_month, list_assets
from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.ledger import reverse_entry
from tests.books.conftest import balance, lines_of, post

RP = 100


def depreciate(book: Book, month: str) -> str:
    year, mon = (int(p) for p in month.split("-"))
    with book.write() as conn:
        return depreciate_month(conn, year=year, month=mon, device_id=book.device_id).ref


def test_monthly_straight_line_and_never_twice(book: Book) -> None:
    post(book, "pembelian-aset", amount=1_200_000, name="Sealer", account="1503",
         life_months=12, residual=0, date="2026-01-15")
    ref = depreciate(book, "2026-01")
    assert lines_of(book, ref) == [("5206", 100_000 * RP, 0), ("1509", 0, 100_000 * RP)]
    with pytest.raises(InputError, match="sudah dicatat"):
        depreciate(book, "2026-01")
    assert balance(book, "1509") == -100_000 * RP


def test_residual_rounding_and_the_end_of_life(book: Book) -> None:
    post(book, "pembelian-aset", amount=1_000_000, name="Wajan", account="1503",
         life_months=3, residual=100_000, date="2026-01-02")
    amounts = []
    for month in ("2026-01", "2026-02", "2026-03"):
        ref = depreciate(book, month)
        amounts.append(lines_of(book, ref)[0][1])
    assert amounts == [300_000 * RP] * 3
    with pytest.raises(InputError, match="Tidak ada aset"):
        depreciate(book, "2026-04")
    (asset,) = list_assets(book.conn)
    assert asset.book_value == 100_000 * RP


def test_land_is_not_depreciated_and_future_assets_wait(book: Book) -> None:
    post(book, "pembelian-aset", amount=50_000_000, name="Tanah", account="1501")
    post(book, "pembelian-aset", amount=480_000, name="Kompor", account="1503",
         date="2026-05-01")
    with pytest.raises(InputError, match="Tidak ada aset"):
        depreciate(book, "2026-04")
    ref = depreciate(book, "2026-05")
    assert lines_of(book, ref)[0] == ("5206", 10_000 * RP, 0)  # 48 months by default


def test_reversed_depreciation_can_be_posted_again(book: Book) -> None:
    post(book, "pembelian-aset", amount=480_000, name="Kompor", account="1503")
    ref = depreciate(book, "2026-03")
    with book.write() as conn:
        reverse_entry(conn, ref=ref, reason="salah bulan", device_id=book.device_id)
    depreciate(book, "2026-03")
    assert balance(book, "1509") == -10_000 * RP


def test_cancelled_purchase_leaves_the_register(book: Book) -> None:
    posted = post(book, "pembelian-aset", amount=480_000, name="Kompor", account="1503")
    with book.write() as conn:
        reverse_entry(conn, ref=posted.ref, reason="batal beli", device_id=book.device_id)
    assert list_assets(book.conn) == []
    with pytest.raises(InputError):
        depreciate(book, "2026-03")
