"""A mall order of several products (issue 13, mall cart): one sale of every line, per-line
stock, the nota and the A6 label list each product, and the channel report shows it."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.errors import ConfirmationRequired
from desktop.books.kasir import Cart, add_code, pay_cart
from desktop.books.nota import nota_of
from desktop.books.pdf.receipt import write_receipt
from desktop.books.receipt import receipt_for
from desktop.books.reports.channels import penjualan_per_saluran
from desktop.shop.label import write_label
from desktop.shop.orders import accept, cancel, get_order, list_orders, reject
from protocol import entities
from sync_client.apply import apply_changes
from tests.shop.test_orders import arrive, qty, sales

DAY = dt.date(2026, 11, 20)
BUYER = "Ayu <b>Lestari</b>"


def arrive_cart(book: Book, code: str, ori: int = 2, ckl: int = 1) -> str:
    """A two-product order as the mall sends it down at a sync."""
    order_id = str(uuid.uuid4())
    lines = [[None, "KRP-ORI", "Keripik Pisang <i>Original</i>", ori, 1_500_000, ori * 1_500_000],
             [None, "KRP-CKL", "Keripik Pisang Cokelat", ckl, 1_800_000, ckl * 1_800_000]]
    data = {"code": code, "listing": None, "sku": "KRP-ORI", "qty": ori,
            "title": lines[0][2], "unit_price": 1_500_000,
            "total": ori * 1_500_000 + ckl * 1_800_000, "buyer_name": BUYER,
            "buyer_phone": "081234567890", "address": "Jl. Gajah Mada 1",
            "payment_method": "qris", "created_at": "2026-11-20T08:00:00+00:00",
            "lines": lines}
    entities.check("order", "insert", data)  # what the mall sends passes the protocol
    with book.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": order_id, "op": "insert",
                              "hlc": "", "data": data}])
    return order_id


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_a_two_product_order_is_accepted_as_one_sale_of_two_lines(shop: Book) -> None:
    arrive_cart(shop, "LMB-CART1")
    order = get_order(shop.conn, "LMB-CART1")
    assert [(ln.sku, ln.qty) for ln in order.lines] == [("KRP-ORI", 2), ("KRP-CKL", 1)]
    assert order.summary == "2 × Keripik Pisang <i>Original</i>, 1 × Keripik Pisang Cokelat"
    ori, ckl, before = qty(shop, "KRP-ORI"), qty(shop, "KRP-CKL"), sales(shop)
    with shop.write() as conn:
        accepted = accept(conn, "LMB-CART1", device_id=shop.device_id, day=DAY)
    assert accepted.sale_ref and accepted.status == "diterima"
    nota = nota_of(shop.conn, accepted.sale_ref).to_json()
    assert nota["type"] == "penjualan-kredit" and nota["channel"] == "mall"
    assert [(ln["sku"], ln["qty"]) for ln in nota["lines"]] == [("KRP-ORI", "2"),
                                                                 ("KRP-CKL", "1")]
    assert qty(shop, "KRP-ORI") == ori - 2 and qty(shop, "KRP-CKL") == ckl - 1
    assert sales(shop) == before + 4_800_000
    sales_refs = shop.conn.execute("SELECT count(*) FROM entry WHERE memo LIKE "
                                   "'Pesanan Mall LMB-CART1%'").fetchone()
    assert sales_refs == (1,)  # one sale for the whole order


def test_an_order_of_one_product_from_an_older_mall_still_reads_and_accepts(shop: Book) -> None:
    arrive(shop, "LMB-ONE1", qty=2)
    order = get_order(shop.conn, "LMB-ONE1")
    assert [(ln.sku, ln.qty, ln.total) for ln in order.lines] == [("KRP-ORI", 2, 3_000_000)]
    with shop.write() as conn:
        ref = accept(conn, "LMB-ONE1", device_id=shop.device_id, day=DAY).sale_ref
    assert ref and len(nota_of(shop.conn, ref).lines) == 1


def test_stock_is_checked_per_line_and_the_whole_order_can_be_rejected(shop: Book) -> None:
    arrive_cart(shop, "LMB-CART2", ori=1, ckl=qty(shop, "KRP-CKL") + 3)
    with shop.write() as conn, pytest.raises(ConfirmationRequired) as short:
        accept(conn, "LMB-CART2", device_id=shop.device_id, day=DAY)
    assert "Stok KRP-CKL kurang 3" in str(short.value) and "KRP-ORI" not in str(short.value)
    with shop.write() as conn:
        refused = reject(conn, "LMB-CART2", reason="Stok cokelat habis")
    assert refused.status == "ditolak" and not refused.sale_ref
    assert list_orders(shop.conn, "baru") == []


def test_several_short_lines_are_named_in_one_warning(shop: Book) -> None:
    arrive_cart(shop, "LMB-CART6", ori=qty(shop, "KRP-ORI") + 1, ckl=qty(shop, "KRP-CKL") + 2)
    with shop.write() as conn, pytest.raises(ConfirmationRequired) as short:
        accept(conn, "LMB-CART6", device_id=shop.device_id, day=DAY)
    assert "(KRP-ORI: 1, KRP-CKL: 2)" in str(short.value)


def test_cancelling_reverses_every_line(shop: Book) -> None:
    arrive_cart(shop, "LMB-CART3")
    ori, ckl, before = qty(shop, "KRP-ORI"), qty(shop, "KRP-CKL"), sales(shop)
    with shop.write() as conn:
        accept(conn, "LMB-CART3", device_id=shop.device_id, day=DAY)
        cancel(conn, "LMB-CART3", reason="Pembeli batal", device_id=shop.device_id)
    assert (qty(shop, "KRP-ORI"), qty(shop, "KRP-CKL"), sales(shop)) == (ori, ckl, before)


def test_lines_that_do_not_add_up_are_set_aside(shop: Book) -> None:
    order_id = str(uuid.uuid4())
    lines = [[None, "KRP-ORI", "A", 1, 100, 100], [None, "KRP-CKL", "B", 1, 100, 100]]
    with shop.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": order_id, "op": "insert",
                              "hlc": "", "data": {
                                  "code": "LMB-BAD1", "sku": "KRP-ORI", "qty": 1,
                                  "unit_price": 100, "total": 900, "buyer_name": "X",
                                  "buyer_phone": "0812", "address": "Y",
                                  "payment_method": "cod", "lines": lines}}])
    assert shop.conn.execute("SELECT count(*) FROM shop_order").fetchone() == (0,)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_the_nota_and_the_label_list_both_products(shop: Book, tmp_path: Path) -> None:
    arrive_cart(shop, "LMB-CART4")
    with shop.write() as conn:
        ref = accept(conn, "LMB-CART4", device_id=shop.device_id, day=DAY).sale_ref
    assert ref
    label = pdf_text(write_label(shop.conn, "LMB-CART4", tmp_path / "label.pdf"))
    assert "Keripik Pisang <i>Original</i>" in label  # buyer text printed as typed
    assert "Keripik Pisang Cokelat" in label and "2 produk" in label
    assert "Ayu <b>Lestari</b>" in label
    nota = pdf_text(write_receipt(receipt_for(shop.conn, ref), tmp_path / "nota.pdf"))
    assert "Keripik Pisang Original" in nota and "Keripik Pisang Cokelat" in nota


def test_the_channel_report_shows_the_kasir_sale_and_the_mall_sale(shop: Book) -> None:
    cart = Cart()
    for code in ("KRP-ORI", "KRP-ORI", "KRP-CKL"):
        add_code(shop.conn, cart, code)
    pay_cart(shop, cart, method="tunai", day=DAY, received=5_000_000)
    arrive_cart(shop, "LMB-CART5")
    with shop.write() as conn:
        accept(conn, "LMB-CART5", device_id=shop.device_id, day=DAY)
    report = penjualan_per_saluran(shop.conn, start=DAY, end=DAY).to_json()
    channels = {c["channel"]: (c["notas"], c["omzet"]) for c in report["channels"]}
    assert channels["mall"] == (1, "48000.00")
    assert channels["toko"][0] >= 1


def test_a_price_in_sen_is_totalled_as_the_nota_totals_it(shop: Book) -> None:
    price = 1_234_550  # Rp12.345,50: a line is whole rupiah on the nota, so on the mall too
    lines = [[None, "KRP-ORI", "A", 1, price, entities.order_line_total(1, price)],
             [None, "KRP-CKL", "B", 3, price, entities.order_line_total(3, price)]]
    assert [line[5] for line in lines] == [1_234_600, 3_703_700]
    with pytest.raises(entities.Invalid, match="baris pesanan 1"):
        entities.check("order", "insert", {"lines": [[None, "X", "A", 1, price, price],
                                                     lines[1]]})
    total = sum(line[5] for line in lines)
    with shop.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": str(uuid.uuid4()), "op": "insert",
                              "hlc": "", "data": {
                                  "code": "LMB-SEN1", "sku": "KRP-ORI", "qty": 1,
                                  "unit_price": price, "total": total, "buyer_name": "X",
                                  "buyer_phone": "081234567890", "address": "Y",
                                  "payment_method": "cod", "lines": lines}}])
        ref = accept(conn, "LMB-SEN1", device_id=shop.device_id, day=DAY).sale_ref
    assert ref and nota_of(shop.conn, ref).total == total


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_a_label_of_the_most_lines_lists_them_all(shop: Book, tmp_path: Path) -> None:
    count = entities.MAX_ORDER_LINES
    lines = [[None, "KRP-ORI" if n % 2 else "KRP-CKL", f"Rasa nomor {n:02d}", 1, 1_500_000,
              1_500_000] for n in range(1, count + 1)]
    with shop.write() as conn:
        apply_changes(conn, [{"entity": "order", "entity_id": str(uuid.uuid4()), "op": "insert",
                              "hlc": "", "data": {
                                  "code": "LMB-MAX1", "sku": "KRP-CKL", "qty": 1,
                                  "unit_price": 1_500_000, "total": count * 1_500_000,
                                  "buyer_name": BUYER, "buyer_phone": "081234567890",
                                  "address": "Y", "payment_method": "cod", "lines": lines}}])
        accept(conn, "LMB-MAX1", device_id=shop.device_id, day=DAY, confirm=True)
    text = pdf_text(write_label(shop.conn, "LMB-MAX1", tmp_path / "label.pdf"))
    assert all(f"Rasa nomor {n:02d}" in text for n in range(1, count + 1))
