"""Saldo awal piutang / utang fall due on a date per party (issue 12, small ones)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.opening import OpeningInput, post_opening
from desktop.books.parties import opening_parties, set_opening_due
from desktop.books.reports.aging import umur

D = dt.date
RP = 100


def _opening(book: Book, **extra: object) -> None:
    post_opening(book, OpeningInput(
        date="2026-01-01", receivables=[("Warung A", 500_000 * RP)],
        payables=[("UD B", 300_000 * RP)], **extra))  # type: ignore[arg-type]


def _due(book: Book, kind: str, as_of: dt.date) -> dict[str, tuple[dt.date, int]]:
    report = umur(book.conn, kind=kind, as_of=as_of)
    return {p.party: (p.items[0].due, (as_of - p.items[0].due).days) for p in report.parties}


def test_opening_balances_fall_due_on_the_date_given_per_party(book: Book) -> None:
    _opening(book, due=[("warung a", D(2026, 3, 31))])
    # Warung A is not overdue in February; UD B, without a date, is due on the opening day.
    assert _due(book, "piutang", D(2026, 2, 15)) == {"Warung A": (D(2026, 3, 31), -44)}
    assert _due(book, "utang", D(2026, 2, 15)) == {"UD B": (D(2026, 1, 1), 45)}
    assert opening_parties(book.conn) == [
        ("UD B", "2101", 300_000 * RP, None), ("Warung A", "1201", 500_000 * RP, D(2026, 3, 31))]


def test_setting_a_due_date_later_changes_the_aging_and_syncs(book: Book) -> None:
    _opening(book)
    with book.write() as conn:
        set_opening_due(conn, name="UD B", due=D(2026, 2, 28))
    assert _due(book, "utang", D(2026, 2, 15)) == {"UD B": (D(2026, 2, 28), -13)}
    data = book.conn.execute("SELECT data FROM outbox WHERE entity = 'party' AND op = 'update' "
                             "ORDER BY seq DESC LIMIT 1").fetchone()[0]
    assert json.loads(data) == {"opening_due": "2026-02-28"}


def test_a_due_date_for_a_party_without_an_opening_balance_is_refused(book: Book) -> None:
    with pytest.raises(InputError) as refused:
        _opening(book, due=[("Toko C", D(2026, 3, 1))])
    assert refused.value.field == "due" and "Toko C" in str(refused.value)
