"""Tutup kasir: the counted drawer against Kas; the difference is booked with its reason."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.kasir_close import close_till
from tests.books.conftest import balance, lines_of, post

DAY = dt.date(2026, 3, 3)


def test_a_short_drawer_is_a_cost_and_an_even_one_posts_nothing(book: Book) -> None:
    post(book, "setoran-modal", date="2026-03-01", amount=200_000)
    post(book, "pendapatan-lain", date="2026-03-03", amount=50_000)
    post(book, "pendapatan-lain", date="2026-03-04", amount=9_000)  # after the day closed
    even = close_till(book, day=DAY, counted=25_000_000)
    assert (even.expected, even.difference, even.posted) == (25_000_000, 0, None)
    with pytest.raises(InputError, match="tulis alasannya"):
        close_till(book, day=DAY, counted=24_000_000)
    short = close_till(book, day=DAY, counted=24_000_000, reason="kembalian salah")
    assert short.posted is not None and short.to_json()["difference"] == "-10000.00"
    assert lines_of(book, short.posted.ref) == [("5299", 1_000_000, 0), ("1101", 0, 1_000_000)]
    over = close_till(book, day=DAY, counted=24_500_000, reason="lupa catat")
    assert over.expected == 24_000_000 and over.posted is not None
    assert lines_of(book, over.posted.ref) == [("1101", 500_000, 0), ("4201", 0, 500_000)]
    assert balance(book, "1101") == 24_500_000 + 900_000
