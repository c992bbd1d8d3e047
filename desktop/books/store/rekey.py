"""Re-encrypting open books under a new data key, so that a crash never loses the key that fits.

Used when the PIN changes: whoever learned the old PIN and copied the old key file must not be
able to read later copies of the books, so rewrapping the same data key is not enough.

The order of steps is the design. The new key file (new data key wrapped under the new PIN and
a new recovery code) is written first to the pending path beside the books. Then SQLCipher's
`PRAGMA rekey` rewrites every page under the new key in one write transaction (in WAL mode the
commit frame makes it all-or-nothing). Only then does the new key file replace the old one.
A crash before the commit leaves the books under the old key; a crash after it leaves them
under the new key with its key file waiting at the pending path. Either way exactly one key
opens the file, and the next opening (`unlock._settle_restore`) keeps the key file whose key
does, as it does for a restore cut short.

SQLCipher 4 answers `PRAGMA rekey` with "ok" even when it could not run (another process held
the write lock), so success is judged by opening the file afresh with the new key.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.books.errors import BusyError, StoreError
from desktop.books.store import keyfile
from desktop.books.store.connection import DatabaseError, Error, key_pragma, open_db

Step = Callable[[str], None]


def opens_with(path: Path, key: bytes) -> bool:
    """Whether `key` decrypts the books file at `path` (its WAL included)."""
    try:
        conn = open_db(path, key=key)
    except Error:
        return False
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except DatabaseError:
        return False
    finally:
        conn.close()


def rekey_books(conn: sqlite3.Connection, path: Path, *, old_key: bytes, business_id: str,
                pin: str, step: Step | None = None) -> tuple[bytes, str]:
    """Re-encrypt the books open on `conn` (under `old_key`) with a new data key; return it
    and a new recovery code.

    The new key is wrapped under `pin` and a new recovery code; the old key file, the old
    recovery code and the old data key open nothing written from now on. `step(name)` is told
    after each durable step ("pending", "rekeyed", "replaced"); tests kill the process there.
    """
    step = step or (lambda _name: None)
    data_key, code = keyfile.new_data_key(), keyfile.new_recovery_code()
    fresh = keyfile.make_keyfile(business_id, data_key, pin=pin, recovery_code=code)
    pending = keyfile.pending_path(path)
    keyfile.save(pending, fresh)
    step("pending")
    failure: Exception | None = None
    try:
        conn.execute(f"PRAGMA rekey = {key_pragma(data_key)}")
    except Exception as exc:  # whether the file now opens with the new key decides
        failure = exc
    if not opens_with(path, data_key):
        # SQLCipher 4 answers "ok" even when the rekey could not run (another process held
        # the write lock) and leaves this connection writing under the new key, which would
        # mix keys in one file: set it back to the old key before anything else is written.
        with contextlib.suppress(Exception):
            conn.execute(f"PRAGMA rekey = {key_pragma(old_key)}")
        pending.unlink(missing_ok=True)  # still under the old key: the change never happened
        if failure is not None:
            raise StoreError("PIN belum diganti: {reason}", reason=str(failure)) from failure
        raise BusyError("PIN belum diganti: buku ini sedang dipakai proses lain; tutup dulu "
                        "lalu coba lagi")
    step("rekeyed")
    # Move every page out of the WAL, so the main file holds nothing under the old key.
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # Saved whole rather than renamed, so the key file is right even if another process
    # settled (or removed) the pending one meanwhile.
    keyfile.save(keyfile.keyfile_path(path), fresh)
    pending.unlink(missing_ok=True)
    step("replaced")
    return data_key, code
