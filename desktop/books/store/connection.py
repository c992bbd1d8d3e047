"""Opening SQLite the same way everywhere, and explicit transactions that fail cleanly.

Every books file, backup and the registry is opened here, through SQLCipher (`sqlcipher3`): with
a data key the file is encrypted page by page; without one it is an ordinary SQLite file (the
registry, and plain books before they are migrated). Because SQLCipher's exceptions are its own
classes, code that catches database errors uses the tuples below, never `sqlite3.*Error`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from desktop.books.errors import BusyError, StoreError

APPLICATION_ID = 0x4C4D4247  # "LMBG": marks a file as Lumbung books
PLAIN_HEADER = b"SQLite format 3\x00"  # an unencrypted SQLite file starts with these 16 bytes

Error: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher.Error)
DatabaseError: tuple[type[Exception], ...] = (sqlite3.DatabaseError, sqlcipher.DatabaseError)
OperationalError: tuple[type[Exception], ...] = (
    sqlite3.OperationalError, sqlcipher.OperationalError)
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError, sqlcipher.IntegrityError)


def is_plain(path: Path) -> bool:
    """Whether a file on disk is unencrypted SQLite (an empty or missing file is not)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(16) == PLAIN_HEADER
    except OSError:
        return False


def key_pragma(key: bytes) -> str:
    """SQLCipher's raw-key form: the 256-bit data key as hex, so no second KDF runs per open."""
    if len(key) != 32:
        raise ValueError("data key must be 32 bytes")
    return f"\"x'{key.hex()}'\""


def open_db(path: Path | str, *, key: bytes | None = None, uri: bool = False,
            autocommit: bool = True) -> sqlite3.Connection:
    """The one place a database file is opened: SQLCipher, keyed when `key` is given."""
    conn: Any = sqlcipher.connect(
        str(path), uri=uri, isolation_level=None if autocommit else "",
        timeout=busy_timeout_ms() / 1000, check_same_thread=False,
    )
    if key is not None:
        try:
            conn.execute(f"PRAGMA key = {key_pragma(key)}")
        except BaseException:
            conn.close()
            raise
    return conn  # type: ignore[no-any-return]


def busy_timeout_ms() -> int:
    """How long a writer waits for another process before giving up (`LUMBUNG_BUSY_TIMEOUT_MS`)."""
    return int(os.environ.get("LUMBUNG_BUSY_TIMEOUT_MS", "15000"))


def connect(path: Path, *, books: bool = True, key: bytes | None = None) -> sqlite3.Connection:
    """Open a file in autocommit mode with WAL, foreign keys, full sync and a busy timeout.

    With `books`, the file must be Lumbung books (or new and empty); it is checked before
    anything, even the journal mode, is changed in it. With `key`, the file is encrypted
    (a new file is created encrypted); a wrong key reads as a damaged file.
    """
    conn = open_db(path, key=key)
    try:
        conn.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
        conn.execute("PRAGMA foreign_keys = ON")
        if books:
            check_books_file(conn, path)
        _set_wal(conn)
        # A power cut must never separate a row from its outbox entry (sync design).
        conn.execute("PRAGMA synchronous = FULL")
    except DatabaseError as exc:
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
    except OperationalError as exc:
        raise _busy(exc) from exc


def _busy(exc: Exception) -> Exception:
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
    except OperationalError as exc:
        raise _busy(exc) from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except OperationalError as exc:
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
