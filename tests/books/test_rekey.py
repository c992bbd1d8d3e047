"""A PIN change rekeys the books: the old PIN with a copy of the old key file reads nothing new."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.books import backup
from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.errors import AuthError, BusyError, StoreError
from desktop.books.store import keyfile
from desktop.books.store.connection import DatabaseError, open_db
from desktop.books.store.rekey import opens_with
from desktop.books.unlock import change_pin, reset_pin
from tests.books.conftest import PIN, post
from tests.books.test_crypt import ROOT, assert_unreadable, every_report, fill

NEW_PIN = "97531"
LATER = 10.0**10  # a clock past any wrong-PIN wait


def known_code(book: Book) -> str:
    """Give the open business a recovery code the test knows (the real one was shown once)."""
    code = keyfile.new_recovery_code()
    assert book.key is not None
    keyfile.save(keyfile.keyfile_path(book.business.file),
                 keyfile.make_keyfile(book.business.id, book.key, pin=PIN, recovery_code=code))
    return code


def test_old_pin_and_old_key_file_cannot_read_the_books_after_a_change(
        book: Book, data_dir: Path, tmp_path: Path) -> None:
    """The neighbour who saw the old PIN and copied the key file then gets nothing later."""
    fill(book)
    old_code = known_code(book)
    before = every_report(book.conn)
    old_key = book.key
    stolen = tmp_path / "flashdisk" / "lama.kunci"
    stolen.parent.mkdir()
    shutil.copyfile(keyfile.keyfile_path(book.business.file), stolen)

    new_code = change_pin(book, old_pin=PIN, new_pin=NEW_PIN)
    assert book.key is not None and book.key != old_key and new_code != old_code
    wal = book.business.file.with_name(book.business.file.name + "-wal")
    assert wal.stat().st_size == 0  # every page moved into the main file, under the new key
    assert every_report(book.conn) == before  # the open books go on, under the new key
    post(book, "beban", date="2026-03-05", amount=12_000, account="5201", via="kas")
    after = every_report(book.conn)
    book.close()
    assert not keyfile.pending_path(book.business.file).exists()

    copy = tmp_path / "flashdisk" / "buku.sqlite3"
    shutil.copyfile(book.business.file, copy)
    assert_unreadable(copy)
    stolen_key = keyfile.unlock_with_pin(stolen, PIN)  # the old key file still yields its key
    assert stolen_key == old_key and not opens_with(copy, stolen_key)
    conn = open_db(copy, key=stolen_key)
    with pytest.raises(DatabaseError, match="not a database"):
        conn.execute("SELECT count(*) FROM entry").fetchone()
    conn.close()
    assert opens_with(copy, book.key)

    with pytest.raises(AuthError, match="PIN salah"):
        open_business(data_dir, book.business.id, PIN)
    again = open_business(data_dir, book.business.id, NEW_PIN, clock=lambda: LATER)
    try:
        assert again.key == book.key and every_report(again.conn) == after
    finally:
        again.close()
    with pytest.raises(AuthError, match="Kode pemulihan salah"):
        reset_pin(data_dir, book.business.id, recovery_code=old_code, new_pin="1111")
    reset_pin(data_dir, book.business.id, recovery_code=new_code, new_pin="1111")
    open_business(data_dir, book.business.id, "1111", clock=lambda: LATER).close()


def test_backups_made_before_keep_the_pin_of_their_time(book: Book, data_dir: Path,
                                                        tmp_path: Path) -> None:
    """A backup carries its own wrappings: after the change it opens with the old PIN."""
    fill(book)
    before = every_report(book.conn)
    saved = backup.backup_to(book, tmp_path / "usb" / "lama.lumbung")
    change_pin(book, old_pin=PIN, new_pin=NEW_PIN)
    fresh = backup.backup_to(book, tmp_path / "usb" / "baru.lumbung")
    book.close()
    assert backup.verify_backup(saved, pin=PIN).entries == 4
    with pytest.raises(AuthError):
        backup.verify_backup(saved, pin=NEW_PIN)
    with pytest.raises(AuthError):
        backup.verify_backup(fresh, pin=PIN)
    assert backup.verify_backup(fresh, pin=NEW_PIN).entries == 4
    backup.restore(data_dir, saved, pin=PIN)
    opened = open_business(data_dir, book.business.id, PIN, clock=lambda: LATER)
    try:
        assert every_report(opened.conn) == before
    finally:
        opened.close()


class FailingRekey:
    """A connection whose first `PRAGMA rekey` fails, as a full disk would."""

    def __init__(self, conn: Any) -> None:
        self.conn, self.failed = conn, False

    def execute(self, sql: str, *args: Any) -> Any:
        if sql.startswith("PRAGMA rekey") and not self.failed:
            self.failed = True
            raise OSError("disk penuh")
        return self.conn.execute(sql, *args)


def test_a_failed_rekey_changes_nothing(book: Book, data_dir: Path) -> None:
    """The pending key file goes again; the old PIN and key still open the books."""
    fill(book)
    before, old_key = every_report(book.conn), book.key
    real = book.conn
    book.conn = FailingRekey(real)  # type: ignore[assignment]
    with pytest.raises(StoreError, match="PIN belum diganti: disk penuh"):
        change_pin(book, old_pin=PIN, new_pin=NEW_PIN)
    book.conn = real
    assert book.key == old_key and not keyfile.pending_path(book.business.file).exists()
    book.close()
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert opened.key == old_key and every_report(opened.conn) == before
    finally:
        opened.close()


def test_a_rekey_blocked_by_another_writer_leaves_the_books_whole(book: Book,
                                                                  data_dir: Path) -> None:
    """SQLCipher says "ok" to a rekey it could not run and would then mix two keys in the
    file; the change is refused and later writes stay under the old key."""
    fill(book)
    assert book.key is not None
    book.conn.execute("PRAGMA busy_timeout = 50")
    other = open_db(book.business.file, key=book.key)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(BusyError, match="PIN belum diganti"):
        change_pin(book, old_pin=PIN, new_pin=NEW_PIN)
    other.execute("ROLLBACK")
    other.close()
    assert not keyfile.pending_path(book.business.file).exists()
    for day in range(1, 29):  # enough writes to touch pages the rekey did not
        post(book, "penjualan-tunai", date=f"2026-05-{day:02d}", amount=1_000 + day,
             memo="x" * 400)
    before = every_report(book.conn)
    book.close()
    opened = open_business(data_dir, book.business.id, PIN)
    try:
        assert every_report(opened.conn) == before
        assert opened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        opened.close()


_CRASHER = """
import os, signal, sys
from pathlib import Path
from desktop.books.business import open_business
from desktop.books.store.registry import Registry
from desktop.books.unlock import change_pin

data_dir, at, old, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def step(name):
    if name == at:
        os.kill(os.getpid(), signal.SIGKILL)

ref = Registry(data_dir).list()[0]
book = open_business(data_dir, ref.id, old)
book.conn.execute("INSERT INTO meta (key, value) VALUES ('di-wal', 'belum dipindah')")
change_pin(book, old_pin=old, new_pin=new, step=step)
"""


@pytest.mark.parametrize("at", ["pending", "rekeyed", "replaced"])
def test_pin_change_killed_at_any_step_leaves_one_pin_that_opens(book: Book, data_dir: Path,
                                                                 at: str) -> None:
    """kill -9 between the durable steps: exactly one PIN opens the books, whole."""
    fill(book)
    before = every_report(book.conn)
    book.close()
    done = subprocess.run([sys.executable, "-c", _CRASHER, str(data_dir), at, PIN, NEW_PIN],
                          cwd=ROOT, env={**os.environ}, capture_output=True, text=True,
                          check=False)
    assert done.returncode == -9, done.stderr
    pending = keyfile.pending_path(book.business.file)
    assert pending.exists() == (at != "replaced")
    changed = at != "pending"
    wrong, right = (PIN, NEW_PIN) if changed else (NEW_PIN, PIN)
    said = "tidak membuka buku lagi" if at == "rekeyed" else "PIN salah"
    with pytest.raises(AuthError, match=said):
        open_business(data_dir, book.business.id, wrong)
    opened = open_business(data_dir, book.business.id, right, clock=lambda: LATER)
    try:
        assert every_report(opened.conn) == before
        assert opened.conn.execute("SELECT value FROM meta WHERE key = 'di-wal'").fetchone()
        assert opened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        opened.close()
    assert not pending.exists()
    assert_unreadable(book.business.file)
