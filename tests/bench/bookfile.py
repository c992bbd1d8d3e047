"""Reading a benchmark's books file directly: it is encrypted, so the key comes from its PIN."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.books.store import keyfile
from desktop.books.store.connection import open_db

PIN = "1234"


def the_book(data_dir: Path) -> Path:
    """The (only) books file of a benchmark data directory."""
    return next((data_dir / "books").glob("*.sqlite3"))


def book_key(file: Path, pin: str = PIN) -> bytes:
    """The data key of a books file, unwrapped from its key file."""
    return keyfile.unlock_with_pin(keyfile.keyfile_path(file), pin)


def read_only(file: Path, pin: str = PIN) -> sqlite3.Connection:
    """A read-only connection to an encrypted books file."""
    return open_db(f"file:{file}?mode=ro", uri=True, key=book_key(file, pin))


def writable(file: Path, pin: str = PIN) -> sqlite3.Connection:
    """A read-write connection to an encrypted books file (autocommit)."""
    return open_db(file, key=book_key(file, pin))
