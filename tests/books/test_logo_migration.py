"""The real migrations from schema 1 (logo, stock minimum, certificates), and the logo itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from desktop.books.book import Book
from desktop.books.business import create_business, get_logo, open_business, set_logo
from desktop.books.errors import InputError
from desktop.books.outbox import pending_count
from desktop.books.store.connection import connect
from desktop.books.store.migrate import migrate, schema_version
from desktop.books.store.paths import backups_dir
from desktop.books.store.schema import LATEST_VERSION, MIGRATIONS
from tests.books.conftest import PIN, raw


def test_v1_books_are_backed_up_and_gain_a_logo_column(data_dir: Path) -> None:
    ref = create_business(data_dir, name="Kopi Kintamani", pin=PIN)
    conn = raw(ref.file)  # take it back to what schema 1 had
    conn.execute("DROP TABLE asset_disposal")
    for table in ("nota_line", "nota"):  # schema 11
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX item_barcode")
    conn.execute("ALTER TABLE item DROP COLUMN barcode")
    conn.execute("DELETE FROM account WHERE code IN ('1402', '2104', '4202', '5302')")
    for table in ("dinas_summary_sent", "dinas_profile", "pulled_aside", "stock_cost",
                  "stock_adjust", "shop_question", "shop_order_line", "shop_order",
                  "listing_photo", "photo", "listing"):
        conn.execute(f"DROP TABLE {table}")
    conn.execute("DROP INDEX outbox_rejected")
    for table, column in (("profile", "logo"), ("item", "min_qty"), ("profile", "halal"),
                          ("profile", "sni"), ("profile", "payment_transfer"),
                          ("profile", "payment_qris"), ("profile", "payment_cod"),
                          ("party", "opening_due")):
        conn.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    conn.execute("DROP INDEX outbox_pending")
    conn.execute("DROP TABLE field_clock")
    conn.execute("ALTER TABLE outbox DROP COLUMN hlc")
    conn.execute("ALTER TABLE outbox DROP COLUMN rejected")
    conn.execute("DROP INDEX entry_kind_date")
    conn.execute("DROP INDEX entry_party_date")
    conn.execute("CREATE INDEX entry_party ON entry(party_id) WHERE party_id IS NOT NULL")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    book = open_business(data_dir, ref.id, PIN)
    try:
        assert schema_version(book.conn) == LATEST_VERSION >= 4
        codes = {row[0] for row in book.conn.execute("SELECT code FROM account")}
        assert {"1402", "2104", "4202", "5302"} <= codes  # v9 adds the issue-12 accounts
        columns = {row[1] for row in book.conn.execute("PRAGMA table_info(profile)")}
        assert {"logo", "halal", "sni", "payment_transfer", "payment_cod"} <= columns
        assert get_logo(book.conn) is None
    finally:
        book.close()
    (copy,) = backups_dir(data_dir, ref.id).glob("sebelum-migrasi-v1-*.sqlite3")
    old = raw(copy, book.key)
    assert old.execute("PRAGMA user_version").fetchone()[0] == 1
    old.close()


def test_migrating_only_to_v1_then_to_latest(tmp_path: Path) -> None:
    path = tmp_path / "buku.sqlite3"
    conn = connect(path)
    migrate(conn, path=path, backup_dir=tmp_path / "cadangan", migrations=MIGRATIONS[:1])
    assert schema_version(conn) == 1
    migrate(conn, path=path, backup_dir=tmp_path / "cadangan")
    assert schema_version(conn) == LATEST_VERSION
    conn.close()


def test_logo_is_resized_png_and_bad_files_are_refused(book: Book, tmp_path: Path) -> None:
    photo = tmp_path / "logo.jpg"
    Image.new("RGB", (1600, 900), (200, 150, 30)).save(photo, "JPEG")
    before = pending_count(book.conn)
    digest = set_logo(book, photo)
    data = get_logo(book.conn)
    assert data is not None and data.startswith(b"\x89PNG") and digest
    with Image.open(__import__("io").BytesIO(data)) as image:
        assert max(image.size) == 600
    assert pending_count(book.conn) == before + 1
    text = tmp_path / "bukan.png"
    text.write_text("bukan gambar")
    gif = tmp_path / "logo.gif"
    Image.new("RGB", (10, 10)).save(gif, "GIF")
    for bad in (text, gif, tmp_path / "tidak-ada.png"):
        with pytest.raises(InputError) as caught:
            set_logo(book, bad)
        assert caught.value.field == "logo"
    assert get_logo(book.conn) == data
    set_logo(book, None)
    assert get_logo(book.conn) is None
