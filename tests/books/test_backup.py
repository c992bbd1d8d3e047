"""Backups: by hand, daily (newest 7 kept), verified, and restored with a safety copy."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.books import backup
from desktop.books.book import Book
from desktop.books.business import list_businesses, open_business
from desktop.books.errors import AuthError, StoreError
from desktop.books.reports.flows import arus_kas
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from desktop.books.store.connection import open_db
from desktop.books.store.paths import backups_dir
from tests.books.conftest import PIN, post, raw

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


def reports(conn: sqlite3.Connection) -> dict[str, object]:
    """The four statements as JSON."""
    return {
        "posisi-keuangan": posisi_keuangan(conn, as_of=END).to_json(),
        "laba-rugi": laba_rugi(conn, start=START, end=END).to_json(),
        "neraca-saldo": neraca_saldo(conn, as_of=END).to_json(),
        "arus-kas": arus_kas(conn, start=START, end=END).to_json(),
    }


def file_reports(path: Path, key: bytes | None = None) -> dict[str, object]:
    """Statements read straight from a backup (sealed or plain) or books file, read-only."""
    with backup.unpacked(path, key=key) as (db_file, data_key, _business):
        conn = open_db(f"file:{db_file}?mode=ro", uri=True, key=data_key)
        try:
            return reports(conn)
        finally:
            conn.close()


def fill(book: Book) -> None:
    """A few months of trading."""
    post(book, "setoran-modal", date="2026-01-02", amount=10_000_000, via="bank")
    post(book, "penjualan-tunai", date="2026-01-15", amount="1250000.50", via="kas")
    post(book, "penjualan-kredit", date="2026-02-01", amount=600_000, party="Toko Sinar")
    post(book, "beban", date="2026-02-28", amount=350_000, account="5201", via="kas")
    post(book, "pembelian-persediaan", date="2026-03-03", amount=900_000, via="bank")


def entry_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM entry").fetchone()[0])


@pytest.fixture
def saved(book: Book, tmp_path: Path) -> Path:
    """A hand-made backup of a filled book."""
    fill(book)
    return backup.backup_to(book, tmp_path / "usb" / "tenun.sqlite3")


def test_backup_to_writes_a_verified_copy(book: Book, saved: Path) -> None:
    """The copy verifies, names the business and gives the same statements."""
    assert saved.is_file()
    assert not list(saved.parent.glob("*.sebagian"))
    info = backup.verify_backup(saved, key=book.key)
    assert info.business_id == book.business.id
    assert info.name == "Tenun Ikat Bu Sari"
    assert info.entries == entry_count(book.conn) == 5
    assert backup.verify_backup(saved, pin=PIN) == info
    assert file_reports(saved, book.key) == reports(book.conn)


def test_restore_into_fresh_data_dir(book: Book, saved: Path, tmp_path: Path) -> None:
    """Another PC: the business is registered and opens with its PIN and its books."""
    elsewhere = tmp_path / "pc-lain"
    ref = backup.restore(elsewhere, saved, pin=PIN)
    assert ref.id == book.business.id
    assert [b.id for b in list_businesses(elsewhere)] == [ref.id]
    restored = open_business(elsewhere, ref.slug, PIN)
    try:
        assert reports(restored.conn) == reports(book.conn)
        assert entry_count(restored.conn) == 5
    finally:
        restored.close()


def test_restore_over_existing_keeps_safety_copy(book: Book, saved: Path,
                                                 data_dir: Path) -> None:
    """Restoring brings back the saved state; what was there before is copied aside."""
    at_backup = reports(book.conn)
    post(book, "prive", date="2026-04-01", amount=123_000, via="bank")
    later = reports(book.conn)
    assert later != at_backup
    book.close()
    ref = backup.restore(data_dir, saved, pin=PIN)
    assert ref.id == book.business.id
    assert len(list_businesses(data_dir)) == 1
    safety = list(backups_dir(data_dir, ref.id).glob("sebelum-pulihkan-*"))
    assert len(safety) == 1
    aside = safety[0] / book.business.file.name
    assert (safety[0] / (aside.name + ".kunci")).is_file()
    conn = raw(aside, book.key)
    try:
        assert reports(conn) == later and entry_count(conn) == 6
    finally:
        conn.close()
    reopened = open_business(data_dir, ref.id, PIN)
    try:
        assert reports(reopened.conn) == at_backup
        assert entry_count(reopened.conn) == 5
        assert reopened.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        reopened.close()


def _truncate(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def _scribble_pages(raw: bytes) -> bytes:
    return raw[:4096] + b"\x5a" * (len(raw) - 8192) + raw[-4096:]


def _scribble_header(raw: bytes) -> bytes:
    return b"\x00" * 100 + raw[100:]


@pytest.mark.parametrize("damage", [_truncate, _scribble_pages, _scribble_header])
def test_corrupt_backup_is_refused(book: Book, saved: Path, tmp_path: Path,
                                   damage: Callable[[bytes], bytes]) -> None:
    """A damaged copy is refused by verify and by restore; nothing is registered."""
    bad = tmp_path / "rusak.sqlite3"
    bad.write_bytes(damage(saved.read_bytes()))
    with pytest.raises(StoreError):
        backup.verify_backup(bad, key=book.key)
    elsewhere = tmp_path / "pc-lain"
    with pytest.raises(StoreError):
        backup.restore(elsewhere, bad, pin=PIN)
    assert list_businesses(elsewhere) == []
    assert not list((elsewhere / "books").glob("*.sqlite3"))
    with pytest.raises(StoreError):
        backup.restore(book.data_dir, bad, pin=PIN)
    assert reports(book.conn) == file_reports(saved, book.key)


def test_foreign_sqlite_file_is_refused(book: Book, tmp_path: Path) -> None:
    """Some other program's SQLite database is not a Lumbung backup."""
    foreign = tmp_path / "kasir.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('business_id', ?)", (book.business.id,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreError):
        backup.verify_backup(foreign)
    with pytest.raises(StoreError):
        backup.restore(tmp_path / "pc-lain", foreign, pin=PIN)
    assert list_businesses(tmp_path / "pc-lain") == []


@pytest.mark.parametrize("content", [b"date,ref,account\n", b"", b"SQLite format 3\x00"])
def test_non_sqlite_file_is_refused(tmp_path: Path, content: bytes) -> None:
    """A CSV, an empty file or a stub header is not a backup."""
    path = tmp_path / "bukan.sqlite3"
    path.write_bytes(content)
    with pytest.raises(StoreError):
        backup.verify_backup(path)
    with pytest.raises(StoreError):
        backup.restore(tmp_path / "pc-lain", path, pin=PIN)
    assert list_businesses(tmp_path / "pc-lain") == []


def test_missing_backup_file_is_refused(tmp_path: Path) -> None:
    """A path that does not exist names the file."""
    with pytest.raises(StoreError) as caught:
        backup.restore(tmp_path / "pc-lain", tmp_path / "tidak-ada.sqlite3", pin=PIN)
    assert "tidak-ada.sqlite3" in caught.value.message()


@pytest.mark.parametrize("pin", ["1357", None, ""])
def test_wrong_pin_is_refused(book: Book, saved: Path, tmp_path: Path, pin: str | None) -> None:
    """The PIN inside the backup must be given; nothing is restored otherwise."""
    post(book, "prive", date="2026-04-01", amount=5_000, via="kas")
    before = reports(book.conn)
    elsewhere = tmp_path / "pc-lain"
    with pytest.raises(AuthError) as caught:
        backup.restore(elsewhere, saved, pin=pin)
    assert caught.value.exit_code == 3
    assert list_businesses(elsewhere) == []
    with pytest.raises(AuthError):
        backup.restore(book.data_dir, saved, pin=pin)
    assert reports(book.conn) == before
    assert not list(book.backup_dir.glob("sebelum-pulihkan-*"))


def test_daily_copy_once_a_day_and_newest_seven(book: Book, tmp_path: Path) -> None:
    """Ten days of opening the books leave the copies of the last seven days."""
    folder = tmp_path / "harian"
    folder.mkdir()
    assert backup.daily_copy(book, folder=folder, today=dt.date(2026, 12, 20)) is None
    post(book, "setoran-modal", date="2026-01-02", amount=1_000_000, via="kas")
    days = [dt.date(2026, 12, 27) + dt.timedelta(days=n) for n in range(10)]
    for day in days:
        made = backup.daily_copy(book, folder=folder, today=day)
        assert made is not None and made.is_file()
        assert backup.daily_copy(book, folder=folder, today=day) is None
    names = sorted(p.name for p in folder.glob("*.sqlite3"))
    assert names == [f"harian-{d.isoformat()}.sqlite3" for d in days[-7:]]
    newest = folder / names[-1]
    assert backup.verify_backup(newest, key=book.key).entries == 1
    assert file_reports(newest, book.key) == reports(book.conn)


def test_daily_copy_same_day_keeps_first(book: Book, tmp_path: Path) -> None:
    """A second opening on the same day does not replace the morning's copy."""
    folder = tmp_path / "harian"
    folder.mkdir()
    post(book, "setoran-modal", date="2026-01-02", amount=1_000_000, via="kas")
    day = dt.date(2026, 5, 5)
    first = backup.daily_copy(book, folder=folder, today=day)
    assert first is not None
    post(book, "prive", date="2026-01-03", amount=1_000, via="kas")
    assert backup.daily_copy(book, folder=folder, today=day) is None
    assert backup.verify_backup(first, key=book.key).entries == 1
    assert len(list(folder.glob("harian-*.sqlite3"))) == 1


def test_target_inside_a_file_is_refused(book: Book, tmp_path: Path) -> None:
    """A folder that is really a file cannot hold a backup."""
    fill(book)
    blocker = tmp_path / "catatan.txt"
    blocker.write_text("bukan folder")
    for target in (blocker / "cadangan.sqlite3", blocker / "sub" / "cadangan.sqlite3"):
        with pytest.raises(StoreError) as caught:
            backup.backup_to(book, target)
        assert caught.value.field == "out"
        assert "cadangan.sqlite3" in caught.value.message()
    assert blocker.read_text() == "bukan folder"


def test_target_that_is_a_directory_is_refused(book: Book, tmp_path: Path) -> None:
    """Writing a backup over a folder is refused and the folder is left alone."""
    fill(book)
    folder = tmp_path / "cadangan"
    (folder / "lama").mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        backup.backup_to(book, folder)
    assert caught.value.field == "out"
    assert (folder / "lama").is_dir()


def test_target_sqlite_cannot_open_is_refused(book: Book, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A place SQLite cannot open (like read-only media) gives StoreError, not a crash."""
    fill(book)
    target = tmp_path / "cadangan.sqlite3"

    def unopenable(*_args: object, **_kwargs: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(backup, "open_db", unopenable)
    with pytest.raises(StoreError, match="unable to open"):
        backup.backup_to(book, target)
    assert not target.exists()
    assert not list(tmp_path.glob("*.sebagian"))


def test_backup_replaces_older_file_whole(book: Book, tmp_path: Path) -> None:
    """Backing up to an existing name replaces it with the current books."""
    fill(book)
    target = tmp_path / "cadangan.sqlite3"
    target.write_bytes(b"lama" * 1000)
    backup.backup_to(book, target)
    assert backup.verify_backup(target, key=book.key).entries == 5
    assert file_reports(target, book.key) == reports(book.conn)
