"""The buyer's side in a real browser (Debian's Chromium through Playwright, 390×844 phone).

A buyer browses, searches and orders on the storefront; the desktop syncs, sees the order and
accepts it; the stock drops and laba rugi grows; the buyer's status page then says diterima.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.reports.statements import laba_rugi
from desktop.shop.listings import add_listing
from desktop.shop.orders import accept, list_orders
from sync_client.link import link
from tests.shop.conftest import phone_photo
from tests.shop.test_loop import mall  # noqa: F401 - the auto-approving server fixture
from tests.shop.test_orders import DAY, qty
from tests.sync.helpers import sync
from tests.sync.live import LiveServer

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright  # a dev dependency; never downloads a browser

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


def sales(book: Book) -> int:
    return int(laba_rugi(book.conn, start=dt.date(2026, 1, 1),
                         end=dt.date(2026, 12, 31)).total_pendapatan)


def test_a_buyer_orders_on_a_phone_and_the_desktop_accepts(
        shop: Book, mall: LiveServer, browser: object, tmp_path: Path) -> None:  # noqa: F811
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                    price=1_500_000, weight_grams=260, publish=True,
                    photos=[phone_photo(tmp_path / "k.jpg", size=(1600, 1200))])
        add_listing(conn, sku="KRP-CKL", title="Keripik Pisang Cokelat 250 g",
                    price=1_800_000, publish=True)
    assert sync(shop).rejected == []
    page = browser.new_page(viewport=PHONE, is_mobile=True)  # type: ignore[attr-defined]
    page.goto(mall.url + "/")
    assert "Keripik Pisang Original" in page.content()
    page.fill("input[name=q]", "original")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cari\?"))
    assert "Keripik Pisang Original" in page.content()
    assert "Cokelat" not in page.inner_text("main")
    page.click("text=Keripik Pisang Original 250 g")
    assert "Rp15.000" in page.inner_text("main")
    page.click("text=Pesan sekarang")
    page.fill("#jumlah", "3")
    page.fill("#nama", "Ayu Lestari")
    page.fill("#hp", "0812 3456 7890")
    page.fill("#alamat", "Jl. Gajah Mada 1, Denpasar")
    page.check("input[name=bayar][value=transfer]")
    page.click("button:has-text('Kirim pesanan')")
    code = re.search(r"Pesanan ([A-Z0-9]{6,12})", page.inner_text("main"))
    assert code, page.inner_text("main")
    status_url = page.url

    stock, money = qty(shop), sales(shop)
    assert sync(shop).pulled >= 1
    (order,) = list_orders(shop.conn, "baru")
    assert order.code == code.group(1) and order.qty == 3 and order.total == 4_500_000
    with shop.write() as conn:
        accept(conn, order.code, device_id=shop.device_id, day=DAY)
    assert qty(shop) == stock - 3 and sales(shop) == money + 4_500_000
    assert sync(shop).status == "ok"
    page.goto(status_url)
    assert "diterima" in page.inner_text("main").lower()
    page.close()


def test_a_buyer_fills_a_cart_of_two_products_without_script(
        shop: Book, mall: LiveServer, browser: object) -> None:  # noqa: F811
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                    price=1_500_000, publish=True)
        add_listing(conn, sku="KRP-CKL", title="Keripik Pisang Cokelat 250 g",
                    price=1_800_000, publish=True)
    assert sync(shop).rejected == []
    page = browser.new_page(viewport=PHONE, is_mobile=True,  # type: ignore[attr-defined]
                            java_script_enabled=False)
    page.goto(mall.url + "/cari?q=original")
    page.click("text=Keripik Pisang Original 250 g")
    page.click("text=pesan bersama produk lain dari penjual ini")
    assert page.input_value("#jumlah-2") == "1"  # Original (rows sorted by title)
    page.fill("#jumlah-1", "2")  # Cokelat
    page.click("button:has-text('Hitung total')")  # the total, before ordering, without script
    assert "Rp51.000" in page.inner_text("main") and page.input_value("#jumlah-1") == "2"
    page.fill("#nama", "Ayu Lestari")
    page.fill("#hp", "0812 3456 7890")
    page.fill("#alamat", "Jl. Gajah Mada 1, Denpasar")
    page.check("input[name=bayar][value=cod]")
    page.click("button:has-text('Kirim pesanan')")
    main = page.inner_text("main")
    assert "Keripik Pisang Cokelat 250 g" in main and "Keripik Pisang Original 250 g" in main
    assert "Rp51.000" in main, main
    code = re.search(r"Pesanan ([A-Z0-9]{6,12})", main)
    assert code
    assert sync(shop).pulled >= 1
    (order,) = list_orders(shop.conn, "baru")
    assert order.code == code.group(1) and [ln.qty for ln in order.lines] == [2, 1]
    with shop.write() as conn:
        accepted = accept(conn, order.code, device_id=shop.device_id, day=DAY)
    assert accepted.sale_ref and accepted.total == 5_100_000
    page.close()
