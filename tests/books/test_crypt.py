"""Books at rest: a copied file or backup is unreadable without the PIN or the recovery code."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.books import backup
from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.errors import AuthError, InputError, StoreError
from desktop.books.store import keyfile
from desktop.books.store.connection import (
    PLAIN_HEADER,
    DatabaseError,
    is_plain,
    key_pragma,
    open_db,
)
from desktop.books.unlock import new_recovery_code, reset_pin
from tests.books.conftest import PIN, post

ROOT = Path(__file__).resolve().parents[2]
MEMO = "Rahasia dagang Bu Sari: kain songket 77"


def fill(book: Book) -> None:
    post(book, "setoran-modal", date="2026-01-02", amount=10_000_000, via="bank")
    post(book, "penjualan-tunai", date="2026-01-15", amount="1250000.50", via="kas", memo=MEMO)
    post(book, "penjualan-kredit", date="2026-02-01", amount=600_000, party="Toko Sinar")
    post(book, "beban", date="2026-02-28", amount=350_000, account="5201", via="kas")


def every_report(conn: sqlite3.Connection) -> str:
    """All the statements a business prints, as one JSON text."""
    import datetime as dt

    from desktop.books.reports.flows import arus_kas
    from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan

    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    return json.dumps([posisi_keuangan(conn, as_of=end).to_json(),
                       laba_rugi(conn, start=start, end=end).to_json(),
                       neraca_saldo(conn, as_of=end).to_json(),
                       arus_kas(conn, start=start, end=end).to_json()], sort_keys=True)


def assert_unreadable(path: Path) -> None:
    """Plain sqlite3 cannot read it, and the known memo is nowhere in its bytes."""
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()
    data = path.read_bytes()
    assert MEMO.encode() not in data and b"songket" not in data
    assert not data.startswith(PLAIN_HEADER)


def make_plain(book: Book) -> None:
    """Turn an open business back into the plain file an older Lumbung left (and close it)."""
    file, key = book.business.file, book.key
    assert key is not None
    book.close()
    plain = file.with_name("polos.sqlite3")
    conn = open_db(file, key=key)
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    conn.execute("ATTACH DATABASE ? AS polos KEY ''", (str(plain),))
    conn.execute("SELECT sqlcipher_export('polos')")
    conn.execute(f"PRAGMA polos.user_version = {version}")
    conn.execute(f"PRAGMA polos.application_id = {app_id}")
    conn.execute("DETACH DATABASE polos")
    conn.close()
    for leftover in (file.with_name(file.name + "-wal"), file.with_name(file.name + "-shm"),
                     keyfile.keyfile_path(file)):
        leftover.unlink(missing_ok=True)
    os.replace(plain, file)
    assert is_plain(file)


def test_copied_books_and_backups_are_unreadable(book: Book, tmp_path: Path) -> None:
    """What a neighbour copies to a flash disk: the books file, a backup, the daily copy."""
    fill(book)
    assert book.conn.execute("SELECT count(*) FROM entry WHERE memo = ?", (MEMO,)).fetchone()[0]
    book.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    saved = backup.backup_to(book, tmp_path / "usb" / "tenun.lumbung")
    daily = backup.daily_copy(book, today=__import__("datetime").date(2026, 3, 1))
    assert daily is not None
    for path in (book.business.file, saved, daily):
        copy = tmp_path / "flashdisk" / path.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(path.read_bytes())
        assert_unreadable(copy)
    key_json = keyfile.keyfile_path(book.business.file).read_text()
    assert PIN not in key_json and book.key is not None and book.key.hex() not in key_json


def test_a_wrong_key_reads_as_damaged(book: Book) -> None:
    """Opening the file with some other key gives the damaged-file error, not data."""
    book.close()
    conn = open_db(book.business.file, key=b"\x01" * 32)
    with pytest.raises(DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.close()


def test_recovery_code_sets_a_new_pin(book: Book, data_dir: Path) -> None:
    """A forgotten PIN: the recovery code sets a new one; the books and the code stay."""
    fill(book)
    before = every_report(book.conn)
    book.close()
    code = keyfile.new_recovery_code()
    key = book.key
    assert key is not None
    keyfile.save(keyfile.keyfile_path(book.business.file),
                 keyfile.make_keyfile(book.business.id, key, pin=PIN, recovery_code=code))
    with pytest.raises(AuthError, match="Kode pemulihan salah"):
        reset_pin(data_dir, book.business.slug, recovery_code=keyfile.new_recovery_code(),
                  new_pin="9753")
    with pytest.raises(InputError):
        reset_pin(data_dir, book.business.slug, recovery_code="pendek", new_pin="9753")
    for _ in range(5):  # even a locked business can be reset
        with pytest.raises(AuthError):
            open_business(data_dir, book.business.id, "0000", clock=lambda: 0.0)
    loose = code.lower().replace("-", " ").replace("0", "o")
    reset_pin(data_dir, book.business.slug, recovery_code=loose, new_pin="9753")
    with pytest.raises(AuthError):
        open_business(data_dir, book.business.id, PIN)
    again = open_business(data_dir, book.business.id, "9753", clock=lambda: 10.0**10)
    try:
        assert every_report(again.conn) == before
        fresh = new_recovery_code(again, pin="9753")
    finally:
        again.close()
    with pytest.raises(AuthError):
        reset_pin(data_dir, book.business.slug, recovery_code=code, new_pin="1111")
    reset_pin(data_dir, book.business.slug, recovery_code=fresh, new_pin="1111")
    open_business(data_dir, book.business.id, "1111", clock=lambda: 10.0**10).close()


def test_plain_books_are_encrypted_on_first_open(book: Book, data_dir: Path) -> None:
    """An older version's plain file: encrypted on open, every report the same, copies sealed."""
    fill(book)
    before = every_report(book.conn)
    folder = book.backup_dir
    make_plain(book)
    assert MEMO.encode() in book.business.file.read_bytes()  # what the older version left
    old_daily = folder / "harian-2026-01-01.sqlite3"
    old_daily.write_bytes(book.business.file.read_bytes())
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert opened.recovery_code and len(opened.recovery_code) == 24
        assert every_report(opened.conn) == before
    finally:
        opened.close()
    assert_unreadable(book.business.file)
    assert not list(book.business.file.parent.glob("*.enkripsi"))
    (sealed_copy,) = folder.glob("sebelum-enkripsi-*.sqlite3")
    for copy in (sealed_copy, old_daily):
        assert_unreadable(copy)
        conn = open_db(copy, key=opened.key)
        assert every_report(conn) == before
        conn.close()
    again = open_business(data_dir, book.business.id, PIN)
    assert again.recovery_code is None and again.key == opened.key
    again.close()
    reset_pin(data_dir, book.business.id, recovery_code=opened.recovery_code, new_pin="8642")


def test_a_wrong_pin_never_encrypts_plain_books(book: Book, data_dir: Path) -> None:
    """The PIN in the plain file is checked first; a wrong one leaves the file as it was."""
    make_plain(book)
    with pytest.raises(AuthError):
        open_business(data_dir, book.business.id, "1111")
    assert is_plain(book.business.file)
    assert not keyfile.keyfile_path(book.business.file).exists()


_CRASHER = """
import os, signal, sys
from pathlib import Path
from desktop.books.business import open_business
from desktop.books.store.registry import Registry
from desktop.books.unlock import unlock

data_dir, at = Path(sys.argv[1]), sys.argv[2]

def step(name):
    if name == at:
        os.kill(os.getpid(), signal.SIGKILL)

ref = Registry(data_dir).list()[0]
unlock(data_dir, ref, sys.argv[3], step=step)
"""


@pytest.mark.parametrize("at", ["exported", "sealed", "keyfile", "replaced"])
def test_migration_killed_at_any_step_leaves_usable_books(book: Book, data_dir: Path,
                                                          at: str) -> None:
    """kill -9 between the durable steps: the next open finds the books, whole."""
    fill(book)
    before = every_report(book.conn)
    make_plain(book)
    done = subprocess.run([sys.executable, "-c", _CRASHER, str(data_dir), at, PIN], cwd=ROOT,
                          env={**os.environ}, capture_output=True, text=True, check=False)
    assert done.returncode == -9, done.stderr
    assert is_plain(book.business.file) == (at in ("exported", "sealed", "keyfile"))
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert every_report(opened.conn) == before
        assert opened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        opened.close()
    assert_unreadable(book.business.file)
    assert not list(book.business.file.parent.glob("*.enkripsi"))


def test_old_plain_backup_still_restores(book: Book, data_dir: Path, tmp_path: Path) -> None:
    """A backup an older version made (plain) restores, and is encrypted on the next open."""
    fill(book)
    before = every_report(book.conn)
    make_plain(book)
    old_backup = tmp_path / "lama.lumbung"
    old_backup.write_bytes(book.business.file.read_bytes())
    elsewhere = tmp_path / "pc-lain"
    with pytest.raises(AuthError):
        backup.restore(elsewhere, old_backup, pin="1111")
    ref = backup.restore(elsewhere, old_backup, pin=PIN)
    opened = open_business(elsewhere, ref.id, PIN)
    try:
        assert opened.recovery_code and every_report(opened.conn) == before
    finally:
        opened.close()
    assert_unreadable(ref.file)


def test_restore_swaps_in_the_backup_with_its_own_keys(book: Book, data_dir: Path,
                                                       tmp_path: Path) -> None:
    """A sealed backup from another PC (another data key) replaces the books whole."""
    fill(book)
    saved = backup.backup_to(book, tmp_path / "b.lumbung")
    before = every_report(book.conn)
    post(book, "prive", date="2026-04-01", amount=5_000, via="kas")
    book.close()
    other_key = keyfile.new_data_key()
    kpath = keyfile.keyfile_path(book.business.file)
    conn = open_db(book.business.file, key=book.key)
    conn.execute(f"PRAGMA rekey = {key_pragma(other_key)}")
    conn.close()
    keyfile.save(kpath, keyfile.make_keyfile(book.business.id, other_key, pin="5555",
                                             recovery_code=keyfile.new_recovery_code()))
    backup.restore(data_dir, saved, pin=PIN)
    assert not keyfile.pending_path(book.business.file).exists()
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert every_report(opened.conn) == before and opened.key == book.key
    finally:
        opened.close()


def test_restore_cut_between_its_renames_settles_on_next_open(book: Book, data_dir: Path,
                                                             tmp_path: Path) -> None:
    """The books were renamed in but the key file was not: the pending one is taken."""
    fill(book)
    before = every_report(book.conn)
    saved = backup.backup_to(book, tmp_path / "b.lumbung")
    book.close()
    kpath = keyfile.keyfile_path(book.business.file)
    pending = keyfile.pending_path(book.business.file)
    os.replace(kpath, pending)
    keyfile.save(kpath, keyfile.make_keyfile(book.business.id, keyfile.new_data_key(),
                                             pin=PIN, recovery_code=keyfile.new_recovery_code()))
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert every_report(opened.conn) == before
    finally:
        opened.close()
    assert not pending.exists()
    assert backup.verify_backup(saved, pin=PIN).business_id == book.business.id


def test_a_damaged_key_file_is_named(book: Book, data_dir: Path) -> None:
    """A key file that is not JSON, or is gone, gives a StoreError naming it."""
    book.close()
    kpath = keyfile.keyfile_path(book.business.file)
    kpath.write_text("{rusak")
    with pytest.raises(StoreError, match="kunci"):
        open_business(data_dir, book.business.id, PIN)
    kpath.unlink()
    with pytest.raises(StoreError, match="hilang"):
        open_business(data_dir, book.business.id, PIN)
