"""Turning a plain books file into an encrypted one, so that a crash never loses either.

The order of steps is the whole design. Until the key file is written the plain file is the
book and any half-made encrypted copy is thrown away on the next try. After the key file is
written, the encrypted copy replaces the plain file in one rename. A crash between the two
leaves the plain file and a key file: the next open sees a plain file, checks the PIN against
it, and runs again with the data key already in the key file.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from desktop.books.errors import StoreError
from desktop.books.store import keyfile
from desktop.books.store.connection import (
    DatabaseError,
    connect,
    is_plain,
    key_pragma,
    open_db,
)

Step = Callable[[str], None]
_UNREADABLE: tuple[type[Exception], ...] = (StoreError, *DatabaseError)
ENCRYPTING_SUFFIX = ".enkripsi"
SEALED_PREFIX = "sebelum-enkripsi-"


def encrypt_plain(path: Path, *, business_id: str, pin: str, sealed_dir: Path,
                  step: Step | None = None) -> tuple[bytes, str]:
    """Encrypt a plain books file in place; returns its data key and a new recovery code.

    `step(name)` is told after each durable step ("exported", "sealed", "keyfile",
    "replaced"); tests use it to kill the process at each point.
    """
    step = step or (lambda _name: None)
    kpath = keyfile.keyfile_path(path)
    data_key = _existing_key(kpath, pin) or keyfile.new_data_key()
    code = keyfile.new_recovery_code()
    counts, version, app_id = _checkpoint_and_count(path)
    partial = path.with_name(path.name + ENCRYPTING_SUFFIX)
    _export(path, partial, data_key, version=version, app_id=app_id)
    _verify(partial, data_key, counts)
    step("exported")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    sealed_dir.mkdir(parents=True, exist_ok=True)
    _durable_copy(partial, sealed_dir / f"{SEALED_PREFIX}{stamp}.sqlite3")
    step("sealed")
    keyfile.save(kpath, keyfile.make_keyfile(business_id, data_key, pin=pin, recovery_code=code))
    step("keyfile")
    for leftover in (_sidecar(path, "-wal"), _sidecar(path, "-shm")):
        leftover.unlink(missing_ok=True)
    os.replace(partial, path)
    keyfile.fsync_dir(path.parent)
    step("replaced")
    seal_plain_copies(sealed_dir, data_key)
    return data_key, code


def seal_plain_copies(folder: Path, data_key: bytes) -> list[Path]:
    """Encrypt every plain SQLite copy left in a business's backup folder (daily, pre-migration)."""
    sealed: list[Path] = []
    if not folder.is_dir():
        return sealed
    for copy in sorted(folder.glob("*.sqlite3")):
        if not is_plain(copy):
            continue
        partial = copy.with_name(copy.name + ENCRYPTING_SUFFIX)
        try:
            counts, version, app_id = _checkpoint_and_count(copy)
            _export(copy, partial, data_key, version=version, app_id=app_id)
            _verify(partial, data_key, counts)
        except _UNREADABLE:
            partial.unlink(missing_ok=True)
            continue  # a damaged copy is left as it is; it was never readable books anyway
        os.replace(partial, copy)
        sealed.append(copy)
    return sealed


def _existing_key(kpath: Path, pin: str) -> bytes | None:
    """The data key of a key file left by an interrupted migration, if the PIN opens it."""
    if not kpath.exists():
        return None
    try:
        found = keyfile.load(kpath)
    except StoreError:
        return None
    return keyfile.unwrap(found.pin, pin, aad=found.aad("pin"))


def _checkpoint_and_count(path: Path) -> tuple[dict[str, int], int, int]:
    conn = connect(path, books=False)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = _counts(conn)
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
    finally:
        conn.close()
    return counts, version, app_id


def _counts(conn: object) -> dict[str, int]:
    names = [r[0] for r in conn.execute(  # type: ignore[attr-defined]
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {name: int(conn.execute(  # type: ignore[attr-defined]
        f'SELECT count(*) FROM "{name}"').fetchone()[0]) for name in names}


def _export(plain: Path, target: Path, data_key: bytes, *, version: int, app_id: int) -> None:
    for stale in (target, _sidecar(target, "-wal"), _sidecar(target, "-shm"),
                  _sidecar(target, "-journal")):
        stale.unlink(missing_ok=True)
    conn = open_db(plain)
    try:
        conn.execute("ATTACH DATABASE ? AS sealed KEY " + key_pragma(data_key), (str(target),))
        conn.execute("SELECT sqlcipher_export('sealed')")
        conn.execute(f"PRAGMA sealed.user_version = {version}")
        conn.execute(f"PRAGMA sealed.application_id = {app_id}")
        conn.execute("DETACH DATABASE sealed")
    finally:
        conn.close()


def _verify(target: Path, data_key: bytes, counts: dict[str, int]) -> None:
    bad = StoreError("Salinan terenkripsi '{value}' tidak sama dengan aslinya", value=str(target))
    conn = open_db(target, key=data_key)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok" or _counts(conn) != counts:
            raise bad
    except DatabaseError as exc:
        raise bad from exc
    finally:
        conn.close()
    with open(target, "r+b") as handle:  # Windows flushes only a handle open for writing
        os.fsync(handle.fileno())


def _durable_copy(source: Path, target: Path) -> None:
    partial = target.with_name(target.name + ".sebagian")
    shutil.copyfile(source, partial)
    with open(partial, "r+b") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
