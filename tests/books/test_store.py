"""The SQLite store: connection settings, the registry, data folder and migrations."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.errors import NotFoundError, StoreError
from desktop.books.store.connection import APPLICATION_ID, IntegrityError, connect
from desktop.books.store.migrate import migrate, schema_version
from desktop.books.store.paths import backups_dir, resolve_data_dir
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.store.schema import LATEST_VERSION, MIGRATIONS, Migration
from tests.books.conftest import PIN, book_key, post, raw


def pragma(conn: sqlite3.Connection, name: str) -> object:
    return conn.execute(f"PRAGMA {name}").fetchone()[0]


def tables(path: Path, key: bytes | None = None) -> set[str]:
    conn = raw(path, key)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()


def version_of(path: Path, key: bytes | None = None) -> int:
    conn = raw(path, key)
    try:
        return int(pragma(conn, "user_version"))  # type: ignore[call-overload]
    finally:
        conn.close()


# -- connection ---------------------------------------------------------------------------------

def test_open_book_uses_wal_foreign_keys_and_full_sync(book: Book) -> None:
    """Every connection runs in WAL with foreign keys and synchronous FULL."""
    assert pragma(book.conn, "journal_mode") == "wal"
    assert pragma(book.conn, "foreign_keys") == 1
    assert pragma(book.conn, "synchronous") == 2
    assert int(pragma(book.conn, "busy_timeout")) > 0  # type: ignore[call-overload]


def test_foreign_keys_are_enforced(book: Book) -> None:
    """A line pointing at a missing entry is refused by SQLite itself."""
    with pytest.raises(IntegrityError), book.write() as conn:
        conn.execute("INSERT INTO line (entry_seq, line_no, account, date, debit) "
                     "VALUES (999, 1, '1101', '2026-01-01', 100)")
    assert book.conn.execute("SELECT count(*) FROM line").fetchone()[0] == 0


def test_file_is_marked_as_lumbung(book: Book) -> None:
    """The file carries Lumbung's application id and the latest schema version."""
    conn = raw(book.business.file)
    try:
        assert pragma(conn, "application_id") == APPLICATION_ID
        assert pragma(conn, "user_version") == LATEST_VERSION
        assert pragma(conn, "journal_mode") == "wal"
    finally:
        conn.close()


def test_connect_settings_on_any_file(tmp_path: Path) -> None:
    """`connect` sets the same pragmas on a brand-new file."""
    conn = connect(tmp_path / "baru.sqlite3")
    try:
        assert (pragma(conn, "journal_mode"), pragma(conn, "foreign_keys"),
                pragma(conn, "synchronous")) == ("wal", 1, 2)
    finally:
        conn.close()


# -- registry -----------------------------------------------------------------------------------

def test_same_name_gets_distinct_slugs(data_dir: Path) -> None:
    """Two 'Warung Bu Made' on one PC are told apart by slug and id."""
    first = create_business(data_dir, name="Warung Bu Made", pin=PIN)
    second = create_business(data_dir, name="Warung  Bu Madé!", pin=PIN)
    third = create_business(data_dir, name="Warung Bu Made", pin=PIN)
    slugs = [first.slug, second.slug, third.slug]
    assert slugs[0] == "warung-bu-made"
    assert len(set(slugs)) == 3
    assert len({first.id, second.id, third.id}) == 3
    registry = Registry(data_dir)
    for ref in (first, second, third):
        assert registry.find(ref.slug).id == ref.id
    assert {r.slug for r in registry.list()} == set(slugs)


def test_find_by_id_slug_and_prefix(data_dir: Path) -> None:
    """Id, slug (any case) and an id prefix of six or more characters all work."""
    ref = create_business(data_dir, name="Keripik Pisang", pin=PIN)
    create_business(data_dir, name="Tenun Ikat", pin=PIN)
    registry = Registry(data_dir)
    assert registry.find(ref.id) == ref
    assert registry.find("keripik-pisang") == ref
    assert registry.find("Keripik-Pisang").id == ref.id
    assert registry.find(f"  {ref.slug} ").id == ref.id
    assert registry.find(ref.id[:8]).id == ref.id
    assert registry.find(ref.id[:6]).id == ref.id
    assert registry.find(ref.id).file == ref.file


def test_ambiguous_or_short_prefix_is_not_found(data_dir: Path) -> None:
    """A prefix shared by two businesses, or shorter than six, finds nothing."""
    ref = create_business(data_dir, name="Keripik Pisang", pin=PIN)
    registry = Registry(data_dir)
    twin = ref.id[:9] + ("e" if ref.id[9] == "f" else "f") + ref.id[10:]
    registry.add(business_id=twin, name="Kembar", file=data_dir / "books" / f"{twin}.sqlite3")
    for shared in (ref.id[:6], ref.id[:9]):
        with pytest.raises(NotFoundError):
            registry.find(shared)
    with pytest.raises(NotFoundError):
        registry.find(ref.id[:5])
    assert registry.find(ref.id[:10]).id == ref.id
    assert registry.find(twin[:10]).id == twin


@pytest.mark.parametrize("key", ["toko-lain", "00000000-0000-0000-0000-000000000000",
                                 "%%%%%%", "______", "%"])
def test_unknown_business_is_not_found(data_dir: Path, key: str) -> None:
    """Unknown keys, including SQL wildcard characters, find nothing."""
    ref = create_business(data_dir, name="Keripik Pisang", pin=PIN)
    with pytest.raises(NotFoundError) as caught:
        Registry(data_dir).find(key)
    assert caught.value.field == "business"
    assert key in caught.value.message()
    with pytest.raises(NotFoundError):
        open_business(data_dir, key, PIN)
    assert Registry(data_dir).find(ref.slug) == ref


# -- data folder --------------------------------------------------------------------------------

def test_data_dir_from_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """LUMBUNG_DATA_DIR is used when no folder is given, and created."""
    wanted = tmp_path / "dari-env" / "lumbung"
    monkeypatch.setenv("LUMBUNG_DATA_DIR", str(wanted))
    assert resolve_data_dir() == wanted
    assert wanted.is_dir()


def test_explicit_data_dir_wins_over_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--data-dir` beats the environment; str and Path both work."""
    monkeypatch.setenv("LUMBUNG_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir(str(tmp_path / "flag2")) == tmp_path / "flag2"
    assert (tmp_path / "flag").is_dir() and (tmp_path / "flag2").is_dir()
    assert not (tmp_path / "env").exists()


def test_data_dir_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`~/...` means the user's home folder."""
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("LUMBUNG_DATA_DIR", raising=False)
    assert resolve_data_dir("~/buku") == tmp_path / "buku"


# -- migrations ---------------------------------------------------------------------------------

@pytest.fixture
def v1_file(data_dir: Path) -> tuple[BusinessRef, Path]:
    """A closed business file at the current schema with one entry, and its backup folder."""
    ref = create_business(data_dir, name="Tenun Ikat", pin=PIN)
    book = open_business(data_dir, ref.id, PIN)
    post(book, "setoran-modal", amount=1_000_000, via="kas")
    book.close()
    return ref, backups_dir(data_dir, ref.id)


def _add_note_table(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE catatan (id INTEGER PRIMARY KEY, teks TEXT NOT NULL)")
    conn.execute("INSERT INTO catatan (teks) SELECT memo FROM entry")


def _half_way_then_fail(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE catatan (id INTEGER PRIMARY KEY)")
    conn.execute("UPDATE entry SET memo = 'diubah'")
    raise RuntimeError("migrasi gagal di tengah jalan")


def test_migration_backs_up_first(v1_file: tuple[BusinessRef, Path]) -> None:
    """Before a real migration, the current file is copied aside, untouched."""
    ref, folder = v1_file
    now, then = LATEST_VERSION, LATEST_VERSION + 1
    steps = (*MIGRATIONS, Migration(then, "catatan", _add_note_table))
    key = book_key(ref.file)
    conn = connect(ref.file, key=key)
    try:
        assert migrate(conn, path=ref.file, backup_dir=folder, migrations=steps, key=key) == now
        assert schema_version(conn) == then
        assert conn.execute("SELECT count(*) FROM catatan").fetchone()[0] == 1
        assert migrate(conn, path=ref.file, backup_dir=folder, migrations=steps, key=key) == then
    finally:
        conn.close()
    copies = list(folder.glob(f"sebelum-migrasi-v{now}-*.sqlite3"))
    assert len(copies) == 1
    assert version_of(copies[0], key) == now
    assert "catatan" not in tables(copies[0], key)
    check = raw(copies[0], key)
    assert check.execute("SELECT count(*) FROM entry").fetchone()[0] == 1
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
    assert version_of(ref.file) == then and "catatan" in tables(ref.file)


def test_failed_migration_leaves_v1(v1_file: tuple[BusinessRef, Path], data_dir: Path) -> None:
    """A step that fails half-way leaves no trace: same version, no new table, data as it was."""
    ref, folder = v1_file
    steps = (*MIGRATIONS, Migration(LATEST_VERSION + 1, "rusak", _half_way_then_fail))
    key = book_key(ref.file)
    conn = connect(ref.file, key=key)
    try:
        with pytest.raises(RuntimeError):
            migrate(conn, path=ref.file, backup_dir=folder, migrations=steps, key=key)
        assert not conn.in_transaction
    finally:
        conn.close()
    assert version_of(ref.file) == LATEST_VERSION
    assert "catatan" not in tables(ref.file)
    book = open_business(data_dir, ref.id, PIN)
    try:
        assert book.conn.execute("SELECT memo FROM entry").fetchall() == [
            ("Setoran modal pemilik",)]
        assert book.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        book.close()


def test_newer_schema_is_refused(v1_file: tuple[BusinessRef, Path], data_dir: Path) -> None:
    """A file from a newer Lumbung is refused, by migrate and by open_business, untouched."""
    ref, folder = v1_file
    conn = raw(ref.file)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.close()
    conn = connect(ref.file, key=book_key(ref.file))
    try:
        with pytest.raises(StoreError) as caught:
            migrate(conn, path=ref.file, backup_dir=folder)
    finally:
        conn.close()
    assert "versi Lumbung yang lebih baru" in caught.value.message()
    with pytest.raises(StoreError) as caught:
        open_business(data_dir, ref.id, PIN)
    assert "lebih baru" in caught.value.message()
    assert version_of(ref.file) == LATEST_VERSION + 1
    assert not list(folder.glob("sebelum-migrasi-*"))


def test_foreign_sqlite_file_is_refused(v1_file: tuple[BusinessRef, Path],
                                        data_dir: Path, tmp_path: Path) -> None:
    """Another program's SQLite file is not migrated into Lumbung books."""
    ref, folder = v1_file
    foreign = tmp_path / "kasir.sqlite3"
    conn = raw(foreign)
    conn.execute("CREATE TABLE penjualan (id INTEGER PRIMARY KEY, total INTEGER)")
    conn.close()
    with pytest.raises(StoreError):
        connect(foreign)
    conn = raw(foreign)
    try:
        with pytest.raises(StoreError):
            migrate(conn, path=foreign, backup_dir=folder)
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
    finally:
        conn.close()
    assert tables(foreign) == {"penjualan"}
    shutil.copy(foreign, ref.file)
    with pytest.raises(StoreError):
        open_business(data_dir, ref.id, PIN)


@pytest.mark.parametrize("content", [b"date,ref,account,debit,credit,memo\n" * 200,
                                     b"\x00\x01\x02\x03" * 2048])
def test_non_sqlite_file_is_refused(v1_file: tuple[BusinessRef, Path], data_dir: Path,
                                    content: bytes) -> None:
    """A books file replaced by something that is not SQLite gives StoreError, not a crash."""
    ref, _folder = v1_file
    ref.file.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_business(data_dir, ref.id, PIN)
    assert ref.file.name in caught.value.message()
    assert ref.file.read_bytes() == content


def test_missing_books_file_is_refused(v1_file: tuple[BusinessRef, Path], data_dir: Path) -> None:
    """A registered business whose file is gone says so."""
    ref, _folder = v1_file
    ref.file.unlink()
    with pytest.raises(StoreError) as caught:
        open_business(data_dir, ref.id, PIN)
    assert ref.slug in caught.value.message()
    assert not ref.file.exists()
