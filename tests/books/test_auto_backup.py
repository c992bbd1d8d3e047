"""The owner's backups: by hand with progress, and automatic into a chosen folder (a USB drive)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.books import backup
from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.errors import AuthError, Cancelled, StoreError
from tests.books.conftest import PIN, post

NOON = dt.datetime(2026, 11, 23, 14, 5)


def entries(book: Book) -> int:
    return int(book.conn.execute("SELECT count(*) FROM entry").fetchone()[0])


def test_nothing_chosen_means_no_automatic_backup(book: Book) -> None:
    settings = backup.backup_settings(book.conn)
    assert settings.folder is None and settings.last is None and not settings.reachable
    assert backup.auto_backup(book, now=NOON) is None
    assert backup.backup_settings(book.conn).last is None


def test_automatic_backup_goes_into_the_folder_and_is_remembered(book: Book,
                                                                 tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    post(book, "penjualan-tunai", amount=125_000)
    chosen = backup.set_backup_folder(book, usb)
    assert chosen.folder == usb.resolve() and chosen.reachable
    path = backup.auto_backup(book, now=NOON)
    assert path == usb.resolve() / f"{book.business.slug}-20261123-1405.lumbung"
    info = backup.verify_backup(path, key=book.key)
    assert info.business_id == book.business.id and info.entries == entries(book) == 1
    assert backup.backup_settings(book.conn).last == NOON


def test_only_the_newest_ten_automatic_backups_are_kept(book: Book, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    mine = usb / "manual-copy.lumbung"
    other = usb / f"{book.business.slug}-lain-20260101-0000.lumbung"
    for path in (mine, other):
        path.write_text("kept")
    backup.set_backup_folder(book, usb)
    made = [backup.auto_backup(book, now=NOON + dt.timedelta(hours=h)) for h in range(12)]
    left = sorted(p.name for p in usb.glob(f"{book.business.slug}-2026*.lumbung"))
    assert left == sorted(p.name for p in made[2:] if p is not None)
    assert mine.exists() and other.exists()
    assert backup.backup_settings(book.conn).last == NOON + dt.timedelta(hours=11)


def test_a_missing_usb_drive_records_nothing(book: Book, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    backup.set_backup_folder(book, usb)
    usb.rmdir()  # the flash drive was pulled out
    settings = backup.backup_settings(book.conn)
    assert settings.folder == usb.resolve() and not settings.reachable
    assert backup.auto_backup(book, now=NOON) is None
    assert backup.backup_settings(book.conn).last is None


def test_choosing_a_folder_that_is_not_there_is_refused(book: Book, tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        backup.set_backup_folder(book, tmp_path / "nope")
    assert caught.value.field == "folder"
    backup.set_backup_folder(book, tmp_path)
    assert backup.set_backup_folder(book, None).folder is None


def test_backup_by_hand_reports_progress_and_is_verified(
        book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "_STEP_PAGES", 1)
    post(book, "penjualan-tunai", amount=125_000)
    seen: list[tuple[int, int]] = []
    saved = backup.backup_now(book, tmp_path / backup.backup_name("tenun", NOON.date()),
                              progress=lambda done, total: seen.append((done, total)), now=NOON)
    assert saved.path.name == "tenun-2026-11-23.lumbung"
    assert saved.info.entries == 1
    assert len(seen) > 1 and seen == sorted(seen) and all(d < t for d, t in seen)
    assert backup.backup_settings(book.conn).last == NOON


def test_a_cancelled_backup_leaves_no_file(book: Book, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def stop(_done: int, _total: int) -> None:
        raise Cancelled()

    monkeypatch.setattr(backup, "_STEP_PAGES", 1)
    usb = tmp_path / "usb"
    with pytest.raises(Cancelled):
        backup.backup_now(book, usb / "x.lumbung", progress=stop)
    assert list(usb.iterdir()) == []
    assert backup.backup_settings(book.conn).last is None


def test_inspect_checks_the_pin_before_anything_changes(book: Book, tmp_path: Path) -> None:
    saved = backup.backup_to(book, tmp_path / "b.lumbung")
    assert backup.inspect_backup(saved, pin=PIN).business_id == book.business.id
    with pytest.raises(AuthError):
        backup.inspect_backup(saved, pin="0000")


def test_a_cancelled_restore_leaves_the_books_as_they_were(
        book: Book, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup, "_STEP_PAGES", 1)
    saved = backup.backup_to(book, tmp_path / "b.lumbung")
    post(book, "penjualan-tunai", amount=125_000)
    book.close()

    def stop(_done: int, _total: int) -> None:
        raise Cancelled()

    with pytest.raises(Cancelled):
        backup.restore(data_dir, saved, pin=PIN, progress=stop)
    again = open_business(data_dir, book.business.id, PIN)
    try:
        assert entries(again) == 1
    finally:
        again.close()
    backup.restore(data_dir, saved, pin=PIN, progress=lambda _d, _t: None)
    again = open_business(data_dir, book.business.id, PIN)
    try:
        assert entries(again) == 0
    finally:
        again.close()
