"""Factories for domain tests: a fresh business on a temporary SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import Posted

PIN = "2468"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def book(data_dir: Path) -> Iterator[Book]:
    ref = create_business(data_dir, name="Tenun Ikat Bu Sari", pin=PIN, kabupaten="Karangasem")
    opened = open_business(data_dir, ref.id, PIN)
    yield opened
    opened.close()


def post(book: Book, kind: str, date: str = "2026-03-02", **fields: object) -> Posted:
    """Post one form; numbers may be given as int and are passed as text like the CLI does."""
    values = {k: str(v) if isinstance(v, int) and k in ("amount", "qty", "interest", "residual")
              else v for k, v in fields.items()}
    return post_tx(book, TxInput(type=kind, date=date, **values))  # type: ignore[arg-type]


def lines_of(book: Book, ref: str) -> list[tuple[str, int, int]]:
    """(account, debit, credit) of an entry, in line order."""
    return [tuple(r) for r in book.conn.execute(  # type: ignore[misc]
        "SELECT l.account, l.debit, l.credit FROM line l JOIN entry e ON e.seq = l.entry_seq "
        "WHERE e.ref = ? ORDER BY l.line_no", (ref,))]


def balance(book: Book, code: str) -> int:
    """Debit minus credit of an account over all time, in sen."""
    return int(book.conn.execute("SELECT COALESCE(SUM(debit - credit), 0) FROM account_day "
                                 "WHERE account = ?", (code,)).fetchone()[0])
