"""Bring a books file to the current schema: back up first, migrate in one transaction."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from desktop.books.errors import StoreError
from desktop.books.store.connection import (
    APPLICATION_ID,
    DatabaseError,
    check_books_file,
    open_db,
    write_tx,
)
from desktop.books.store.schema import MIGRATIONS, Migration


def schema_version(conn: sqlite3.Connection) -> int:
    """Return the file's schema version (0 for a new, empty file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    conn: sqlite3.Connection,
    *,
    path: Path,
    backup_dir: Path,
    migrations: Sequence[Migration] = MIGRATIONS,
    key: bytes | None = None,
) -> int:
    """Migrate to the newest version; returns the version the file had before.

    `key` is the books' data key: the copy made before migrating is encrypted with it.
    """
    try:
        check_books_file(conn, path)
    except DatabaseError as exc:
        raise StoreError("Berkas '{value}' bukan buku Lumbung atau rusak", value=str(path)) from exc
    latest = migrations[-1].version
    current = schema_version(conn)
    if current > latest:
        raise StoreError(
            "Buku '{value}' dibuat oleh versi Lumbung yang lebih baru (skema {file}); "
            "versi ini hanya mengenal skema {known}. Perbarui Lumbung dulu.",
            value=path.name,
            file=current,
            known=latest,
        )
    if current == latest:
        return current
    if current > 0:
        backup_before_migration(conn, backup_dir=backup_dir, version=current, key=key)
    with write_tx(conn):
        for step in migrations:
            if step.version > current:
                step.apply(conn)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {latest}")
    return current


def backup_before_migration(conn: sqlite3.Connection, *, backup_dir: Path, version: int,
                            key: bytes | None = None) -> Path:
    """Copy the file aside with SQLite's online backup before touching its schema."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"sebelum-migrasi-v{version}-{stamp}.sqlite3"
    backup_dir.mkdir(parents=True, exist_ok=True)
    dest = open_db(target, key=key)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    return target
