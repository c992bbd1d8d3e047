"""The owner refuses every new order from one phone number at once, however it was written
("tolak semua dari nomor ini"), from the command line and the Toko page (issue 15, item 4)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.shop.orders import accept, get_order, list_orders, reject_all_from
from sync_client.apply import apply_changes
from tests.cli.test_cli import Cli
from tests.shop.test_orders import DAY


def pulled(book: Book, code: str, phone: str) -> None:
    with book.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": str(uuid.uuid4()), "op": "insert",
                              "hlc": "", "data": {
                                  "code": code, "listing": None, "sku": "KRP-ORI", "qty": 1,
                                  "title": "Keripik", "unit_price": 1_500_000,
                                  "total": 1_500_000, "buyer_name": "Iseng",
                                  "buyer_phone": phone, "address": "Jl. Palsu 1",
                                  "payment_method": "cod",
                                  "created_at": "2026-11-20T08:00:00+00:00"}}])


def test_every_new_order_from_one_number_is_refused(shop: Book) -> None:
    for code, phone in (("LMB-F1", "6289900001111"), ("LMB-F2", "6289900001111"),
                        ("LMB-F3", "6289900001111"), ("LMB-OK", "6281234567890")):
        pulled(shop, code, phone)
    with shop.write() as conn:
        accept(conn, "LMB-F3", device_id="pc", day=DAY)  # already accepted: left alone
        refused = reject_all_from(conn, "0899-0000-1111", reason="Pesanan palsu")
    assert sorted(o.code for o in refused) == ["LMB-F1", "LMB-F2"]
    assert {o.code: o.status for o in list_orders(shop.conn)} == {
        "LMB-F1": "ditolak", "LMB-F2": "ditolak", "LMB-F3": "diterima", "LMB-OK": "baru"}
    assert get_order(shop.conn, "LMB-F1").reason == "Pesanan palsu"
    steps = shop.conn.execute("SELECT count(*) FROM outbox WHERE entity = 'order_status'"
                              ).fetchone()[0]
    assert steps == 3  # the accept and two refusals go to the mall
    with pytest.raises(InputError, match="tidak sah"), shop.write() as conn:
        reject_all_from(conn, "12345", reason="x")


def test_reject_phone_on_the_command_line(tmp_path: Path) -> None:
    from desktop.books.business import open_business

    cli = Cli(tmp_path / "data")
    cli("demo")
    me = ("--business", "keripik-pisang-bu-made", "--pin", "1234")
    book = open_business(tmp_path / "data", "keripik-pisang-bu-made", "1234")
    try:
        pulled(book, "LMB-C1", "6289900002222")
        pulled(book, "LMB-C2", "6289900002222")
    finally:
        book.close()
    refused = cli.json("order", "reject-phone", "+62 899 0000 2222", "--reason", "Palsu", *me,
                       "--json")
    assert sorted(o["code"] for o in refused) == ["LMB-C1", "LMB-C2"]  # type: ignore[index]
