"""Factories for domain tests: a fresh business on a temporary SQLite file."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.ledger import Posted
from desktop.books.store import keyfile
from desktop.books.store.connection import is_plain, open_db

PIN = "2468"


def book_key(book_file: Path, pin: str = PIN) -> bytes:
    """The data key of a business's books, unwrapped from its key file with the PIN."""
    return keyfile.unlock_with_pin(keyfile.keyfile_path(book_file), pin)


def raw(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """A connection that bypasses Lumbung's settings, to look at or tamper with a file.

    Books are opened with the key from their own key file; other files (a foreign SQLite
    file, a copy elsewhere) with `key`, or plain.
    """
    if key is None and not is_plain(path) and keyfile.keyfile_path(path).exists():
        key = book_key(path)
    return open_db(path, key=key)


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


def fill_worked(book: Book) -> Book:
    """The hand-worked book of test_reports: opening on 1 Dec 2025, a December, a January."""
    import datetime as dt

    from desktop.books.opening import OpeningAsset, OpeningInput, post_opening
    from desktop.books.stock import add_item

    D = dt.date
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000)
    post_opening(book, OpeningInput(
        date="2025-12-01", accounts=[("1101", 200_000_000), ("1102", 300_000_000)],
        receivables=[("Warung A", 50_000_000)], payables=[("UD B", 40_000_000)],
        stock=[("KRP", 10_000, 1_000_000)],
        assets=[OpeningAsset("Oven", "1503", 120_000_000, D(2025, 6, 1), 24, 30_000_000)]))
    post(book, "penjualan-tunai", date="2025-12-15", amount=1_000_000)
    post(book, "beban", date="2025-12-20", amount=200_000, account="5203")
    post(book, "penjualan-tunai", date="2026-01-10", item="KRP", qty=5, amount=75_000)
    post(book, "prive", date="2026-01-15", amount=100_000)
    post(book, "terima-piutang", date="2026-01-20", amount=300_000, party="Warung A", via="bank")
    post(book, "pembelian-aset", date="2026-01-25", amount=600_000, name="Sealer", via="bank")
    post(book, "pinjaman", date="2026-01-31", amount=1_000_000, account="2201", via="bank")
    return book
