"""The questions asked before unusual input is posted, worked by hand."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from desktop.books.errors import ConfirmationRequired
from desktop.books.sanity import MILIAR, amount_bound, amount_question, check_unusual, date_question


def lines(*debits: int) -> sqlite3.Connection:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE line (debit INTEGER)")
    conn.executemany("INSERT INTO line VALUES (?)", [(d,) for d in debits])
    return conn


def test_the_bound_is_100_times_the_largest_entry_but_never_above_a_miliar() -> None:
    assert amount_bound(lines()) == MILIAR == 100_000_000_000  # Rp1 miliar, in sen
    assert amount_bound(lines(50_000_00, 1_250_000_00)) == 125_000_000_00  # Rp125 juta
    assert amount_bound(lines(20_000_000_00)) == MILIAR  # 100 × Rp20 juta is above Rp1 miliar


def test_the_question_shows_rupiah_grouped() -> None:
    text = amount_question(99_999_999_999_999_900, MILIAR)
    assert text is not None and text.startswith("Apakah benar Rp999.999.999.999.999?")
    assert "Rp1.000.000.000" in text
    assert amount_question(MILIAR, MILIAR) is None


def test_dates_ahead_or_over_a_year_back_are_asked() -> None:
    today = dt.date(2026, 12, 5)
    assert "belum tiba" in (date_question(dt.date(2027, 12, 5), today=today) or "")
    assert "setahun" in (date_question(dt.date(2025, 12, 4), today=today) or "")
    assert date_question(dt.date(2025, 12, 5), today=today) is None  # exactly 365 days back
    assert date_question(today, today=today) is None


def test_a_yes_lets_it_through() -> None:
    conn = lines(75_000_00)
    with pytest.raises(ConfirmationRequired) as raised:
        check_unusual(conn, amounts=["7.500.001"], day=dt.date(2026, 1, 1),
                      today=dt.date(2026, 1, 1), confirmed=False)
    assert "Rp7.500.001" in raised.value.message()
    check_unusual(conn, amounts=["7.500.001"], day=dt.date(2026, 1, 1),
                  today=dt.date(2026, 1, 1), confirmed=True)
    check_unusual(conn, amounts=["7.500.000"], day=dt.date(2026, 1, 1),
                  today=dt.date(2026, 1, 1), confirmed=False)  # exactly 100×: no question
