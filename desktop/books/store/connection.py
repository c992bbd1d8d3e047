"""Opening SQLite the same way everywhere, and explicit transactions that fail cleanly."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.books.errors import BusyError, StoreError

APPLICATION_ID = 0x4C4D4247  # "LMBG": marks a file as Lumbung books


def busy_timeout_ms() -> int:
    """How long a writer waits for another process before giving up (`LUMBUNG_BUSY_TIMEOUT_MS`)."""
    return int(os.environ.get("LUMBUNG_BUSY_TIMEOUT_MS", "15000"))


def connect(path: Path, *, books: bool = True) -> sqlite3.Connection:
    """Open a file in autocommit mode with WAL, foreign keys, full sync and a busy timeout.

    With `books`, the file must be Lumbung books (or new and empty); it is checked before
    anything, even the journal mode, is changed in it.
    """
    conn = sqlite3.connect(
        path, isolation_level=None, timeout=busy_timeout_ms() / 1000, check_same_thread=False
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        conn.execute("PRAGMA foreign_keys = ON")
        if books:
            check_books_file(conn, path)
        _set_wal(conn)
        # A power cut must never separate a row from its outbox entry (sync design).
        conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError("Berkas '{value}' bukan buku Lumbung atau rusak", value=str(path)) from exc
    except BaseException:
        conn.close()
        raise
    return conn


def check_books_file(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not Lumbung books (another SQLite file, or not SQLite at all)."""
    app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and not (app_id == 0 and tables == 0):
        raise StoreError("Berkas '{value}' bukan buku Lumbung atau rusak", value=str(path))


def _set_wal(conn: sqlite3.Connection) -> None:
    try:
        conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.OperationalError as exc:
        raise _busy(exc) from exc


def _busy(exc: sqlite3.OperationalError) -> Exception:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return BusyError(
            "Buku ini sedang dipakai proses lain yang sedang menulis; coba lagi sebentar lagi"
        )
    return exc


@contextmanager
def write_tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block as one write transaction: all of it is stored, or none of it."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise _busy(exc) from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        conn.execute("ROLLBACK")
        raise _busy(exc) from exc


@contextmanager
def read_tx(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run several reads against one consistent snapshot."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
