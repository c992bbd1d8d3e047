"""Backups with SQLite's online backup API: by hand, daily (last 7 kept), and restore."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop.books.errors import AuthError, StoreError
from desktop.books.pin import pin_matches
from desktop.books.store.connection import APPLICATION_ID, connect
from desktop.books.store.paths import backups_dir, books_dir
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.store.schema import LATEST_VERSION

DAILY_KEEP = 7
_DAILY_PREFIX = "harian-"


@dataclass(frozen=True)
class BackupInfo:
    """What a verified backup file holds."""

    business_id: str
    name: str
    schema: int
    entries: int


def backup_to(conn: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of the open books to `target` (written aside, then renamed)."""
    target = target.expanduser().resolve()
    if target.is_dir():
        raise StoreError("'{value}' adalah folder; tulis nama berkas cadangan", field="out",
                         value=str(target))
    # A name of its own, so two processes making the same daily copy never share a file.
    partial = target.with_name(f"{target.name}.{secrets.token_hex(4)}.sebagian")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(partial)
        try:
            conn.backup(dest)
        finally:
            dest.close()
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StoreError("Tidak bisa menulis cadangan ke '{value}': {reason}", field="out",
                         value=str(target), reason=reason) from exc
    return target


def daily_copy(conn: sqlite3.Connection, folder: Path, *, today: dt.date | None = None) -> Path | None:
    """Make today's automatic copy once, and keep only the newest seven."""
    day = today or dt.date.today()
    target = folder / f"{_DAILY_PREFIX}{day.isoformat()}.sqlite3"
    if target.exists():
        return None
    has_entries = conn.execute("SELECT 1 FROM entry LIMIT 1").fetchone() is not None
    if not has_entries:
        return None
    backup_to(conn, target)
    copies = sorted(folder.glob(f"{_DAILY_PREFIX}*.sqlite3"))
    for old in copies[:-DAILY_KEEP]:
        old.unlink(missing_ok=True)
    return target


def verify_backup(path: Path) -> BackupInfo:
    """Check that a file is an intact Lumbung backup this version can read."""
    bad = StoreError("Berkas '{value}' rusak atau bukan cadangan buku Lumbung", field="file",
                     value=str(path))
    if not path.is_file():
        raise StoreError("Berkas cadangan '{value}' tidak ada", field="file", value=str(path))
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise bad from exc
    try:
        if int(conn.execute("PRAGMA application_id").fetchone()[0]) != APPLICATION_ID:
            raise bad
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise bad
        schema = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if schema > LATEST_VERSION:
            raise StoreError(
                "Cadangan '{value}' dibuat oleh versi Lumbung yang lebih baru; perbarui Lumbung",
                field="file", value=str(path),
            )
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        name = conn.execute("SELECT name FROM profile").fetchone()[0]
        entries = int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])
    except sqlite3.Error as exc:
        raise bad from exc
    finally:
        conn.close()
    if "business_id" not in meta:
        raise bad
    return BackupInfo(meta["business_id"], name, schema, entries)


def backup_pin_matches(path: Path, pin: str | None) -> bool:
    """Whether the PIN opens the books inside a backup file."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM pin WHERE id = 1").fetchone()
    finally:
        conn.close()
    return bool(row and pin and pin_matches(pin, row[0]))


def restore(data_dir: Path, source: Path, *, pin: str | None) -> BusinessRef:
    """Bring a business back from a verified backup; the current file is copied aside first."""
    info = verify_backup(source)
    if not backup_pin_matches(source, pin):
        raise AuthError("PIN tidak cocok dengan PIN di berkas cadangan")
    registry = Registry(data_dir)
    existing = registry.get(info.business_id)
    target = existing.file if existing else books_dir(data_dir) / f"{info.business_id}.sqlite3"
    folder = backups_dir(data_dir, info.business_id)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dest = connect(target)
    try:
        if existing is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_to(dest, folder / f"sebelum-pulihkan-{stamp}.sqlite3")
        # The backup API copies page by page under SQLite's own locking, so a reader
        # elsewhere never sees a half-restored file.
        src.backup(dest)
    finally:
        src.close()
        dest.close()
    if existing is None:
        return registry.add(business_id=info.business_id, name=info.name, file=target)
    registry.rename(info.business_id, info.name)
    return existing

