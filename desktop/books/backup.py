"""Backups with SQLite's online backup API: by hand, daily (last 7 kept), and restore.

Besides the daily copy under the data directory, an owner can pick a folder of their own
(a USB flash drive, say): each time the books are closed or locked a copy is written there,
the newest ten are kept, and the time of the last backup is remembered in the books.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import re
import secrets
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.errors import AuthError, StoreError
from desktop.books.pin import pin_matches
from desktop.books.store import keyfile, sealed
from desktop.books.store.connection import APPLICATION_ID, Error, open_db
from desktop.books.store.paths import backups_dir, books_dir
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.store.schema import LATEST_VERSION

DAILY_KEEP = 7
_DAILY_PREFIX = "harian-"
SAFETY_PREFIX = "sebelum-pulihkan-"
_STEP_PAGES = 256  # pages copied between progress reports (1 MB with 4 KB pages)

Report = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupInfo:
    """What a verified backup file holds."""

    business_id: str
    name: str
    schema: int
    entries: int


def backup_to(book: Book, target: Path, *, progress: Report | None = None) -> Path:
    """Write a consistent, sealed (encrypted) copy of the open books to `target`.

    The pages are copied under the books' own key into a file beside the target, then packed
    with the key file's wrappings and renamed into place. `progress(done, total)` hears the
    pages copied; if it raises (the owner cancelled), the partial files go and it goes on.
    """
    target = target.expanduser().resolve()
    if target.is_dir():
        raise StoreError("'{value}' adalah folder; tulis nama berkas cadangan", field="out",
                         value=str(target))
    # Names of their own, so two processes making the same daily copy never share a file.
    token = secrets.token_hex(4)
    pages = target.with_name(f"{target.name}.{token}.halaman")
    partial = target.with_name(f"{target.name}.{token}.sebagian")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        header = keyfile.load(keyfile.keyfile_path(book.business.file))
        dest = open_db(pages, key=book.key)
        try:
            _copy(book.conn, dest, progress)
        finally:
            dest.close()
        sealed.write(pages, partial, header)
        os.replace(partial, target)
    except BaseException as exc:
        for leftover in (pages, partial):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        if not isinstance(exc, (OSError, *Error)):
            raise
        reason = getattr(exc, "strerror", None) or str(exc)
        raise StoreError("Tidak bisa menulis cadangan ke '{value}': {reason}", field="out",
                         value=str(target), reason=reason) from exc
    pages.unlink(missing_ok=True)
    return target


def _copy(src: sqlite3.Connection, dest: sqlite3.Connection, progress: Report | None) -> None:
    if progress is None:
        src.backup(dest)
        return

    def step(_status: int, remaining: int, total: int) -> None:
        if remaining:  # after the last step the copy is complete; a late cancel changes nothing
            progress(total - remaining, total)

    src.backup(dest, pages=_STEP_PAGES, progress=step)


def daily_copy(book: Book, *, today: dt.date | None = None,
               folder: Path | None = None) -> Path | None:
    """Make today's automatic (sealed) copy once, and keep only the newest seven."""
    folder = folder or book.backup_dir
    day = today or dates.today()
    target = folder / f"{_DAILY_PREFIX}{day.isoformat()}.sqlite3"
    if target.exists():
        return None
    has_entries = book.conn.execute("SELECT 1 FROM entry LIMIT 1").fetchone() is not None
    if not has_entries:
        return None
    backup_to(book, target)
    copies = sorted(folder.glob(f"{_DAILY_PREFIX}*.sqlite3"))
    for old in copies[:-DAILY_KEEP]:
        old.unlink(missing_ok=True)
    return target


def verify_backup(path: Path, *, key: bytes | None = None, pin: str | None = None) -> BackupInfo:
    """Check that a file is an intact Lumbung backup this version can read.

    A sealed backup needs its data key, or the PIN that unwraps it; an old plain one needs
    neither.
    """
    if not path.is_file():
        raise StoreError("Berkas cadangan '{value}' tidak ada", field="file", value=str(path))
    with unpacked(path, key=key, pin=pin) as (db_file, data_key, business_id):
        info = _verify_db(db_file, path, data_key)
    if business_id is not None and info.business_id != business_id:
        raise _bad(path)
    return info


@contextlib.contextmanager
def unpacked(path: Path, *, key: bytes | None = None, pin: str | None = None
             ) -> Iterator[tuple[Path, bytes | None, str | None]]:
    """The database inside a backup as a file (a temporary one for a sealed backup), its key,
    and the business id its header names (None for an old plain backup)."""
    if not sealed.is_sealed(path):
        yield path, None, None
        return
    folder = Path(tempfile.mkdtemp(prefix="lumbung-periksa-"))
    try:
        try:
            header = sealed.extract(path, folder / "buku.sqlite3")
        except (OSError, ValueError, KeyError) as exc:
            raise _bad(path) from exc
        data_key = key if key is not None else _header_key(header, pin)
        yield folder / "buku.sqlite3", data_key, header.business_id
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _bad(path: Path) -> StoreError:
    return StoreError("Berkas '{value}' rusak atau bukan cadangan buku Lumbung", field="file",
                      value=str(path))


def _header_key(header: keyfile.KeyFile, pin: str | None) -> bytes:
    data_key = keyfile.unwrap(header.pin, pin, aad=header.aad("pin")) if pin else None
    if data_key is None:
        raise AuthError("PIN tidak cocok dengan PIN di berkas cadangan")
    return data_key


def _verify_db(db_file: Path, shown: Path, key: bytes | None) -> BackupInfo:
    bad = _bad(shown)
    try:
        conn = open_db(f"file:{db_file}?mode=ro", uri=True, key=key)
    except Error as exc:
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
                field="file", value=str(shown),
            )
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        name = conn.execute("SELECT name FROM profile").fetchone()[0]
        entries = int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])
    except Error as exc:
        raise bad from exc
    finally:
        conn.close()
    if "business_id" not in meta:
        raise bad
    return BackupInfo(meta["business_id"], name, schema, entries)


def _plain_pin_matches(path: Path, pin: str | None) -> bool:
    """Whether the PIN opens an old plain backup (its PIN hash is inside)."""
    conn = open_db(f"file:{path}?mode=ro", uri=True)
    try:
        row = conn.execute("SELECT hash FROM pin WHERE id = 1").fetchone()
    finally:
        conn.close()
    return bool(row and pin and pin_matches(pin, row[0]))


def inspect_backup(source: Path, *, pin: str | None) -> BackupInfo:
    """Verify a backup file and its PIN before anything is changed (tells whose books it holds)."""
    if sealed.is_sealed(source):
        return verify_backup(source, pin=pin)
    info = verify_backup(source)
    if not _plain_pin_matches(source, pin):
        raise AuthError("PIN tidak cocok dengan PIN di berkas cadangan")
    return info


def restore(data_dir: Path, source: Path, *, pin: str | None,
            progress: Report | None = None) -> BusinessRef:
    """Bring a business back from a verified backup, swapping the file in with one rename.

    The current file (with its key file) is copied aside first. A sealed backup brings its
    own key wrappings, so the backup's PIN and recovery code apply afterwards; an old plain
    backup is put back plain and is encrypted the next time it is opened with its PIN.
    """
    info = inspect_backup(source, pin=pin)
    registry = Registry(data_dir)
    existing = registry.get(info.business_id)
    target = existing.file if existing else books_dir(data_dir) / f"{info.business_id}.sqlite3"
    incoming = target.with_name(target.name + ".pulihkan")
    try:
        header = _stage(source, incoming, progress)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    if existing is not None:
        _set_aside(target, backups_dir(data_dir, info.business_id))
    swap_in(target, incoming, header)
    if existing is None:
        return registry.add(business_id=info.business_id, name=info.name, file=target)
    registry.rename(info.business_id, info.name)
    return existing


def _stage(source: Path, incoming: Path, progress: Report | None) -> keyfile.KeyFile | None:
    """Copy the backup's database next to the books, ready to be renamed in."""
    if sealed.is_sealed(source):
        return sealed.extract(source, incoming, progress=progress)
    src = open_db(f"file:{source}?mode=ro", uri=True)
    dest = open_db(incoming)
    try:
        _copy(src, dest, progress)
    finally:
        src.close()
        dest.close()
    return None


def swap_in(target: Path, incoming: Path, header: keyfile.KeyFile | None) -> None:
    """Rename `incoming` over the books and put its key file in place (None: plain books)."""
    kpath = keyfile.keyfile_path(target)
    pending = keyfile.pending_path(target)
    if header is not None:
        keyfile.save(pending, dataclasses.replace(header, failures=0, blocked_until=0.0))
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)
    os.replace(incoming, target)
    if header is None:
        kpath.unlink(missing_ok=True)  # plain books: the next open encrypts them afresh
    else:
        os.replace(pending, kpath)


def _set_aside(target: Path, folder: Path) -> None:
    """Copy the current (encrypted) file and its key file into the safety folder, as they are."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = folder / f"{SAFETY_PREFIX}{stamp}"
    aside.mkdir(parents=True, exist_ok=True)
    for part in (target, target.with_name(target.name + "-wal"), keyfile.keyfile_path(target)):
        if part.exists():
            shutil.copy2(part, aside / part.name)


# -- the owner's backups: by hand, and automatic into a folder of their choice ---------------

AUTO_KEEP = 10
SUFFIX = ".lumbung"
_FOLDER_KEY = "backup_folder"
_LAST_KEY = "last_backup"


@dataclass(frozen=True)
class BackupSettings:
    """Where automatic backups go, whether that folder is there now, and the last backup time."""

    folder: Path | None
    last: dt.datetime | None
    reachable: bool


@dataclass(frozen=True)
class SavedBackup:
    """A backup made by hand: where it is and what the verified file holds."""

    path: Path
    info: BackupInfo


def backup_name(slug: str, day: dt.date) -> str:
    """The suggested name of a backup made by hand: `<slug>-YYYY-MM-DD.lumbung`."""
    return f"{slug}-{day.isoformat()}{SUFFIX}"


def auto_backup_name(slug: str, when: dt.datetime) -> str:
    """The name of an automatic backup: `<slug>-YYYYMMDD-HHMM.lumbung` (sorts by time)."""
    return f"{slug}-{when:%Y%m%d-%H%M}{SUFFIX}"


def backup_settings(conn: sqlite3.Connection) -> BackupSettings:
    """The automatic-backup folder of these books (this PC's choice) and the last backup time."""
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN (?, ?)",
                             (_FOLDER_KEY, _LAST_KEY)))
    folder = Path(meta[_FOLDER_KEY]) if meta.get(_FOLDER_KEY) else None
    last = dt.datetime.fromisoformat(meta[_LAST_KEY]) if meta.get(_LAST_KEY) else None
    return BackupSettings(folder, last, folder is not None and folder.is_dir())


def set_backup_folder(book: Book, path: Path | None) -> BackupSettings:
    """Choose the folder for automatic backups (e.g. a USB flash drive); None stops them."""
    folder = None
    if path is not None:
        folder = Path(path).expanduser()
        if not folder.is_dir():
            raise StoreError("Folder cadangan '{value}' tidak ada", field="folder",
                             value=str(folder))
        folder = folder.resolve()
    with book.write() as conn:
        if folder is None:
            conn.execute("DELETE FROM meta WHERE key = ?", (_FOLDER_KEY,))
        else:
            _put_meta(conn, _FOLDER_KEY, str(folder))
    return backup_settings(book.conn)


def backup_now(book: Book, target: Path, *, progress: Report | None = None,
               now: dt.datetime | None = None) -> SavedBackup:
    """Write a backup by hand, verify it, and remember when it was made."""
    path = backup_to(book, target, progress=progress)
    info = verify_backup(path, key=book.key)
    _record_last(book, now or dt.datetime.now())
    return SavedBackup(path, info)


def auto_backup(book: Book, *, now: dt.datetime | None = None) -> Path | None:
    """Copy the books into the chosen folder and keep the newest ten there (None if no folder)."""
    # A folder that is not there now (the flash drive is out) is skipped without recording
    # anything, so closing the books never fails because of it.
    settings = backup_settings(book.conn)
    if settings.folder is None or not settings.reachable:
        return None
    when = now or dt.datetime.now()
    slug = book.business.slug
    path = backup_to(book, settings.folder / auto_backup_name(slug, when))
    _record_last(book, when)
    own = re.compile(rf"{re.escape(slug)}-\d{{8}}-\d{{4}}{re.escape(SUFFIX)}")
    copies = sorted(p for p in settings.folder.iterdir() if own.fullmatch(p.name))
    for old in copies[:-AUTO_KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def _record_last(book: Book, when: dt.datetime) -> None:
    with book.write() as conn:
        _put_meta(conn, _LAST_KEY, when.isoformat(timespec="seconds"))


def _put_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))
