"""Getting a business's data key: from the PIN, from the recovery code, or by migrating plain books."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.books.book import Book
from desktop.books.errors import StoreError
from desktop.books.pin import Clock, check_pin, validate_pin
from desktop.books.store import keyfile
from desktop.books.store.connection import DatabaseError, connect, is_plain, open_db
from desktop.books.store.encrypt import Step, encrypt_plain, seal_plain_copies
from desktop.books.store.paths import backups_dir
from desktop.books.store.registry import BusinessRef, Registry


@dataclass(frozen=True)
class Unlocked:
    """The data key, and the recovery code when this opening just encrypted plain books."""

    key: bytes
    recovery_code: str | None = None


def unlock(data_dir: Path, ref: BusinessRef, pin: str | None, *, clock: Clock = time.time,
           step: Step | None = None) -> Unlocked:
    """Check the PIN and return the data key; plain books are encrypted here, on first open."""
    if not ref.file.exists():
        raise StoreError("Berkas buku untuk '{value}' hilang: {file}", value=ref.slug,
                         file=str(ref.file))
    folder = backups_dir(data_dir, ref.id)
    _settle_restore(ref.file, pin)
    if is_plain(ref.file):
        conn = connect(ref.file)
        try:
            check_pin(conn, pin, clock=clock)  # the PIN hash inside plain books, with its lock
        finally:
            conn.close()
        assert pin is not None  # check_pin refuses a missing PIN
        key, code = encrypt_plain(ref.file, business_id=ref.id, pin=pin, sealed_dir=folder,
                                  step=step)
        return Unlocked(key, code)
    key = keyfile.unlock_with_pin(keyfile.keyfile_path(ref.file), pin, clock=clock)
    seal_plain_copies(folder, key)  # copies an older version left plain
    return Unlocked(key)


def _settle_restore(file: Path, pin: str | None) -> None:
    """Finish a restore that stopped between renaming the books in and its key file."""
    pending = keyfile.pending_path(file)
    if not pending.exists():
        return
    if is_plain(file):
        pending.unlink()
        return
    try:
        found = keyfile.load(pending)
    except StoreError:
        pending.unlink()
        return
    key = keyfile.unwrap(found.pin, pin, aad=found.aad("pin")) if pin else None
    if key is None:
        return  # not this PIN's: the current key file decides
    try:
        conn = open_db(file, key=key)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except DatabaseError:
        pending.unlink()  # the restore never renamed its books in
        return
    os.replace(pending, keyfile.keyfile_path(file))


def reset_pin(data_dir: Path, business: str, *, recovery_code: str, new_pin: str) -> BusinessRef:
    """Set a new PIN with the recovery code when the PIN is forgotten (clears any lock)."""
    validate_pin(new_pin, field="new-pin")
    ref = Registry(data_dir).find(business)
    kpath = keyfile.keyfile_path(ref.file)
    if is_plain(ref.file) or not kpath.exists():
        raise StoreError("Buku '{value}' belum terenkripsi; buka sekali dengan PIN-nya dulu",
                         value=ref.slug)
    key = keyfile.unlock_with_recovery(kpath, recovery_code)
    keyfile.set_pin(kpath, key, new_pin)
    return ref


def change_pin(book: Book, *, old_pin: str, new_pin: str, clock: Clock = time.time) -> None:
    """Change the PIN after checking the old one; the data key is rewrapped, not changed."""
    validate_pin(new_pin, field="new-pin")
    kpath = keyfile.keyfile_path(book.business.file)
    key = keyfile.unlock_with_pin(kpath, old_pin, clock=clock)
    keyfile.set_pin(kpath, key, new_pin)


def new_recovery_code(book: Book, *, pin: str, clock: Clock = time.time) -> str:
    """Make a new recovery code after checking the PIN; the old code stops working."""
    kpath = keyfile.keyfile_path(book.business.file)
    key = keyfile.unlock_with_pin(kpath, pin, clock=clock)
    return keyfile.set_recovery_code(kpath, key)
