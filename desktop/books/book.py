"""An open business: the session every domain operation takes as its first argument."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from desktop.books.store.connection import read_tx, write_tx
from desktop.books.store.paths import backups_dir
from desktop.books.store.registry import BusinessRef


@dataclass
class Book:
    """Holds the connection to one business's file, its identity and this device's id."""

    conn: sqlite3.Connection
    business: BusinessRef
    device_id: str
    data_dir: Path
    # The data key the file is encrypted with; backups are sealed with it too.
    key: bytes | None = field(default=None, repr=False)
    # Set once, when opening just encrypted a plain book: the owner must write it down.
    recovery_code: str | None = field(default=None, repr=False)

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction: all or nothing, waiting for other writers up to the timeout."""
        return write_tx(self.conn)

    def read(self) -> AbstractContextManager[sqlite3.Connection]:
        """One consistent snapshot for several reads."""
        return read_tx(self.conn)

    @property
    def backup_dir(self) -> Path:
        """Where this business's automatic copies go."""
        return backups_dir(self.data_dir, self.business.id)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


@contextmanager
def closing(book: Book) -> Iterator[Book]:
    """Use a book in a `with` block and close it afterwards."""
    try:
        yield book
    finally:
        book.close()
