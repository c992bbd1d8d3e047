"""Mall orders on the desktop: arrive by sync, accept into the books, pay, ship, finish, cancel."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest

from desktop.books.book import Book
from desktop.books.errors import ConfirmationRequired, InputError
from desktop.books.reports.statements import laba_rugi
from desktop.books.stock import get_item, stock_level
from desktop.shop.orders import accept, cancel, complete, get_order, list_orders, pay, reject, ship
from sync_client.apply import apply_changes

DAY = dt.date(2026, 11, 20)


def arrive(book: Book, code: str, qty: int = 2, method: str = "transfer",
           sku: str = "KRP-ORI") -> str:
    """An order as the mall sends it down at a sync."""
    order_id = str(uuid.uuid4())
    with book.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": order_id, "op": "insert",
                              "hlc": "", "data": {
                                  "code": code, "listing": None, "sku": sku, "qty": qty,
                                  "title": "Keripik Pisang Original", "unit_price": 1_500_000,
                                  "total": qty * 1_500_000, "buyer_name": "Ayu <b>Lestari</b>",
                                  "buyer_phone": "081234567890", "address": "Jl. Gajah Mada 1",
                                  "payment_method": method,
                                  "created_at": "2026-11-20T08:00:00+00:00"}}])
    return order_id


def sales(book: Book) -> int:
    report = laba_rugi(book.conn, start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31))
    return int(report.total_pendapatan)


def qty(book: Book, sku: str = "KRP-ORI") -> int:
    return stock_level(book.conn, get_item(book.conn, sku).id).qty // 1000


def steps(book: Book) -> list[dict[str, object]]:
    return [json.loads(d) for (d,) in book.conn.execute(
        "SELECT data FROM outbox WHERE entity = 'order_status' ORDER BY seq")]


def test_an_order_goes_from_new_to_done_through_the_books(shop: Book) -> None:
    arrive(shop, "LMB-7K2Q", qty=2)
    arrive(shop, "LMB-7K2Q", qty=2)  # the same order pulled twice is kept once
    assert [o.code for o in list_orders(shop.conn, "baru")] == ["LMB-7K2Q"]
    before_stock, before_sales = qty(shop), sales(shop)
    with shop.write() as conn:
        order = accept(conn, "lmb-7k2q", device_id=shop.device_id, day=DAY)
    assert order.status == "diterima" and order.sale_ref
    assert qty(shop) == before_stock - 2 and sales(shop) == before_sales + 3_000_000
    with shop.write() as conn, pytest.raises(InputError, match="belum dibayar"):
        ship(conn, "LMB-7K2Q", courier="JNE", resi="JN123")
    with shop.write() as conn:
        assert pay(conn, "LMB-7K2Q", device_id=shop.device_id, day=DAY).status == "dibayar"
        assert ship(conn, "LMB-7K2Q", courier="JNE", resi="JN123").status == "dikirim"
        done = complete(conn, "LMB-7K2Q")
    assert (done.status, done.paid, done.courier, done.resi) == ("selesai", True, "JNE", "JN123")
    assert [(s["from"], s["to"]) for s in steps(shop)] == [
        ("baru", "diterima"), ("diterima", "dibayar"), ("dibayar", "dikirim"),
        ("dikirim", "selesai")]
    buyer = shop.conn.execute("SELECT name FROM party WHERE name LIKE 'Ayu%'").fetchone()
    assert buyer == ("Ayu <b>Lestari</b>",)  # kept as typed; screens and PDFs escape it


def test_short_stock_warns_and_the_owner_may_reject(shop: Book) -> None:
    arrive(shop, "LMB-BIG1", qty=qty(shop) + 5)
    with shop.write() as conn, pytest.raises(ConfirmationRequired, match="kurang 5"):
        accept(conn, "LMB-BIG1", device_id=shop.device_id, day=DAY)
    assert get_order(shop.conn, "LMB-BIG1").status == "baru" and steps(shop) == []
    with shop.write() as conn:
        refused = reject(conn, "LMB-BIG1", reason="Stok habis, maaf")
    assert refused.status == "ditolak" and steps(shop)[0]["reason"] == "Stok habis, maaf"
    with shop.write() as conn, pytest.raises(InputError, match="berstatus ditolak"):
        accept(conn, "LMB-BIG1", device_id=shop.device_id, day=DAY)


def test_cancelling_reverses_the_sale_and_the_payment(shop: Book) -> None:
    arrive(shop, "LMB-CNL1", qty=1, method="cod")
    stock, money = qty(shop), sales(shop)
    with shop.write() as conn:
        accept(conn, "LMB-CNL1", device_id=shop.device_id, day=DAY)
        ship(conn, "LMB-CNL1", courier="Kurir desa", resi="-1")  # cash on delivery
        paid = pay(conn, "LMB-CNL1", device_id=shop.device_id, day=DAY)
        assert paid.status == "dikirim" and paid.paid
        with pytest.raises(InputError, match="Alasan"):
            cancel(conn, "LMB-CNL1", reason=" ", device_id=shop.device_id)
        cancelled = cancel(conn, "LMB-CNL1", reason="Paket kembali", device_id=shop.device_id)
    assert cancelled.status == "dibatalkan"
    assert qty(shop) == stock and sales(shop) == money
    reversed_refs = {r for (r,) in shop.conn.execute(
        "SELECT o.ref FROM entry e JOIN entry o ON o.seq = e.reverses_seq")}
    assert {paid.sale_ref, paid.payment_ref} <= reversed_refs
