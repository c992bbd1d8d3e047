"""Two PCs of one business, and what 'identical books' means for them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop.books.book import Book
from desktop.books.business import get_profile, open_business
from desktop.books.forms import TxInput, post_tx
from desktop.books.reports.catalog import ReportArgs, run_report
from desktop.books.stock import update_item
from sync_client.engine import Syncer, SyncResult
from sync_client.link import link, restore_from_server
from sync_client.transport import Transport
from tests.sync.live import LiveServer

REPORTS = ("posisi-keuangan", "laba-rugi", "arus-kas", "perubahan-ekuitas", "neraca-saldo",
           "kartu-stok", "umur-piutang", "umur-utang")
PERIOD = ReportArgs(as_of=dt.date(2030, 12, 31), start=dt.date(2020, 1, 1),
                    end=dt.date(2030, 12, 31))


def fast(url: str, **kw: Any) -> Transport:
    """A transport that retries without waiting (tests need no real backoff)."""
    return Transport(url, sleep=lambda _s: None, **kw)


def sync(book: Book, url: str | None = None, **kw: Any) -> SyncResult:
    transport = fast(url) if url else None
    return Syncer(book.conn, book.data_dir, transport=transport, **kw).run()


def linked_pair(live: LiveServer, root: Path, first: Book) -> Book:
    """Link `first`, push it, and restore a second PC from the server."""
    password = live.user("made", "Keripik Pisang Bu Made")
    link(first, server=live.url, username="made", password=password)
    assert sync(first).status == "ok"
    ref, result = restore_from_server(root / "pc2", server=live.url, username="made",
                                      password=password, pin="4321")
    assert result.status == "ok", result.message
    return open_business(root / "pc2", ref.id, "4321")


def books_of(book: Book) -> dict[str, Any]:
    """Every report, and the merged records, as the owner would see them."""
    seen: dict[str, Any] = {name: run_report(book.conn, name, PERIOD).to_json()  # type: ignore
                            for name in REPORTS}
    for table, order in (("item", "id"), ("party", "id"), ("account", "code"),
                         ("asset", "id")):
        columns = {"item": "id, sku, name, unit, category, price, account, min_qty, active",
                   "party": "id, name, kind, phone, address",
                   "account": "code, name, active", "asset": "id, name, cost"}[table]
        seen[table] = book.conn.execute(f"SELECT {columns} FROM {table} ORDER BY {order}"
                                        ).fetchall()
    # Penyesuaian HPP entries are derived on each PC (never synced): their totals converge,
    # which the statements above check; the entries themselves may differ.
    seen["entries"] = book.conn.execute("SELECT id, ref, date, kind FROM entry "
                                        "WHERE kind != 'penyesuaian-hpp' ORDER BY id"
                                        ).fetchall()
    seen["profile"] = get_profile(book.conn).as_dict()
    return seen


def sale(book: Book, amount: str, day: str = "2026-11-20", memo: str = "") -> str:
    return post_tx(book, TxInput(type="penjualan-tunai", date=day, amount=amount,
                                 memo=memo)).entry_id


def set_price(book: Book, sku: str, price: int) -> None:
    with book.write() as conn:
        update_item(conn, sku=sku, price=price)
