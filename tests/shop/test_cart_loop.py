"""Issue 13 "done when": a 2-product mall order, placed on the seller's order form of a real
mall server, arrives by sync and is accepted as one sale of two lines; the step goes back."""

from __future__ import annotations

import re

import requests

from desktop.books.book import Book
from desktop.books.nota import nota_of
from desktop.shop.listings import add_listing
from desktop.shop.orders import accept, get_order
from sync_client.link import link
from tests.shop.test_loop import mall  # noqa: F401 - the live mall server fixture
from tests.shop.test_orders import DAY, qty
from tests.sync.helpers import sync
from tests.sync.live import LiveServer

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
ROW = re.compile(r'name="produk" value="([^"]+)"><input type="hidden" name="harga" '
                 r'value="([0-9]+)">')


def test_a_cart_of_two_products_arrives_and_is_accepted_as_one_sale(
        shop: Book, mall: LiveServer) -> None:  # noqa: F811
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                    price=1_500_000, weight_grams=260, publish=True)
        add_listing(conn, sku="KRP-CKL", title="Keripik Pisang Cokelat 250 g",
                    price=1_800_000, weight_grams=260, publish=True)
    assert sync(shop).rejected == []
    buyer = requests.Session()
    product = buyer.get(f"{mall.url}/api/v1/products", params={"q": "original"},
                        timeout=10).json()["items"][0]
    page = buyer.get(f"{mall.url}/produk/{product['slug']}", timeout=10).text
    cart_url = re.findall(r'href="(/toko/[^"/]+/pesan)\?produk=', page)[0]
    form = buyer.get(f"{mall.url}{cart_url}", params={"produk": product["slug"]}, timeout=10)
    rows = ROW.findall(form.text)
    assert len(rows) == 2 and 'value="1"' in form.text  # the product came from is in the cart
    amounts = {pid: "2" if pid == product["id"] else "1" for pid, _ in rows}
    placed = buyer.post(f"{mall.url}{cart_url}", timeout=10, data={
        "csrf": TOKEN.findall(form.text)[0], "produk": [pid for pid, _ in rows],
        "harga": [price for _, price in rows], "jumlah": [amounts[pid] for pid, _ in rows],
        "nama": "Ayu", "hp": "081234567890", "alamat": "Jl. Gajah Mada 1, Denpasar",
        "bayar": "transfer"})
    assert placed.status_code == 200 and "/pesanan/" in placed.url, placed.text[-500:]
    assert "Keripik Pisang Cokelat 250 g" in placed.text and "Rp48.000" in placed.text
    code = re.findall(r'<span class="kode">([A-Z0-9]+)</span>', placed.text)[0]

    ori, ckl = qty(shop, "KRP-ORI"), qty(shop, "KRP-CKL")
    assert sync(shop).pulled >= 1
    order = get_order(shop.conn, code)
    assert [(ln.sku, ln.qty) for ln in order.lines] == [("KRP-CKL", 1), ("KRP-ORI", 2)] \
        or [(ln.sku, ln.qty) for ln in order.lines] == [("KRP-ORI", 2), ("KRP-CKL", 1)]
    with shop.write() as conn:
        sale = accept(conn, code, device_id=shop.device_id, day=DAY).sale_ref
    assert sale and len(nota_of(shop.conn, sale).lines) == 2
    assert nota_of(shop.conn, sale).channel == "mall" and nota_of(shop.conn, sale).total == 4_800_000
    assert (qty(shop, "KRP-ORI"), qty(shop, "KRP-CKL")) == (ori - 2, ckl - 1)
    assert sync(shop).status == "ok"
    status = requests.get(f"{mall.url}/api/v1/orders/{code}",
                          params={"phone": "081234567890"}, timeout=10).json()
    assert status["status"] == "diterima" and status["total"] == 4_800_000


