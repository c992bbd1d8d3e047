"""Getting a business's data key: from the PIN, from the recovery code, or by migrating plain books."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop.books.book import Book
from desktop.books.errors import AuthError, StoreError
from desktop.books.pin import Clock, check_pin, validate_pin
from desktop.books.store import keyfile
from desktop.books.store.connection import connect, is_plain
from desktop.books.store.encrypt import Step, encrypt_plain, seal_plain_copies
from desktop.books.store.paths import backups_dir
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.store.rekey import opens_with, rekey_books


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
    if keyfile.pending_path(ref.file).exists() and not opens_with(ref.file, key):
        raise AuthError("PIN ini tidak membuka buku lagi: PIN-nya baru saja diganti (atau buku "
                        "dipulihkan dari cadangan). Masukkan PIN yang baru.")
    seal_plain_copies(folder, key)  # copies an older version left plain
    return Unlocked(key)


def _settle_restore(file: Path, pin: str | None) -> None:
    """Finish a restore or PIN change that stopped between the books and their key file."""
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
    if not opens_with(file, key):
        pending.unlink()  # the restore never renamed its books in, or the rekey never committed
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


def change_pin(book: Book, *, old_pin: str, new_pin: str, clock: Clock = time.time,
               step: Step | None = None) -> str:
    """Change the PIN after checking the old one; returns the new recovery code (show it once).

    The books are re-encrypted under a new data key, so the old PIN, the old key file and the
    old recovery code open nothing written from now on. Backups made before keep their own
    wrappings and open with the PIN or code of their time.
    """
    validate_pin(new_pin, field="new-pin")
    file = book.business.file
    key = keyfile.unlock_with_pin(keyfile.keyfile_path(file), old_pin, clock=clock)
    if key != book.key:
        raise StoreError("Berkas kunci '{value}' berubah sejak buku dibuka (dipulihkan di "
                         "jendela lain?); tutup dan buka lagi bukunya",
                         value=str(keyfile.keyfile_path(file)))
    book.key, code = rekey_books(book.conn, file, old_key=key, business_id=book.business.id,
                                 pin=new_pin, step=step)
    return code


def new_recovery_code(book: Book, *, pin: str, clock: Clock = time.time) -> str:
    """Make a new recovery code after checking the PIN; the old code stops working."""
    kpath = keyfile.keyfile_path(book.business.file)
    key = keyfile.unlock_with_pin(kpath, pin, clock=clock)
    return keyfile.set_recovery_code(kpath, key)
