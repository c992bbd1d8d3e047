"""The counter's cart and payment, without Qt (desktop/books/kasir.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError, NotFoundError
from desktop.books.kasir import Cart, add_code, change_due, pay_cart
from desktop.books.nota import nota_of
from desktop.books.stock import add_item
from tests.books.conftest import balance, post

DAY = dt.date(2026, 3, 3)


@pytest.fixture
def counter(book: Book) -> Book:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000,
                 barcode="8991234567890")
        add_item(conn, sku="SMB", name="Sambal", unit="btl", price=2_000_000)
        add_item(conn, sku="GRT", name="Gratis", unit="bks")
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@10000", "SMB:5@12000"])
    return book


def test_scans_add_up_and_cash_gives_change(counter: Book) -> None:
    cart = Cart()
    for code in ("8991234567890", "SMB", "8991234567890"):
        add_code(counter.conn, cart, code)
    assert [(ln.item.sku, ln.qty) for ln in cart.lines] == [("KRP", 2000), ("SMB", 1000)]
    cart.change_qty(1, +1)
    cart.change_qty(0, -1)
    assert cart.total == (15_000 + 2 * 20_000) * 100
    paid = pay_cart(counter, cart, method="tunai", day=DAY, received=10_000_000)
    assert (paid.total, paid.change) == (5_500_000, 4_500_000) and not cart.lines
    nota = nota_of(counter.conn, paid.posted.ref)
    assert nota.channel == "toko" and [(ln.sku, ln.qty) for ln in nota.lines] == \
        [("KRP", 1000), ("SMB", 2000)]
    assert balance(counter, "1101") == 5_500_000 - 16_000_000  # the purchase was paid in cash
    # 1 keripik at 10.000 and 2 sambal at 12.000
    assert balance(counter, "5101") == (10_000 + 24_000) * 100


def test_the_counter_refuses_what_it_cannot_sell(counter: Book) -> None:
    cart = Cart()
    with pytest.raises(NotFoundError, match="'XYZ' tidak ada"):
        add_code(counter.conn, cart, "XYZ")
    with pytest.raises(InputError, match="Harga jual Gratis belum diisi"):
        add_code(counter.conn, cart, "GRT")
    with pytest.raises(InputError, match="Belum ada barang"):
        pay_cart(counter, cart, method="qris", day=DAY)
    add_code(counter.conn, cart, "KRP")
    with pytest.raises(InputError, match=r"Uang diterima Rp10\.000 kurang dari total Rp15\.000"):
        pay_cart(counter, cart, method="tunai", day=DAY, received=1_000_000)
    assert cart.lines  # nothing was posted, the cart is still there
    paid = pay_cart(counter, cart, method="transfer", day=DAY)
    assert paid.change == 0 and balance(counter, "1102") == 1_500_000
    assert change_due(1_500_000, None) == 0
