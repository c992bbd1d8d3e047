"""The seller's order form (mall cart, issue 13): several products in one order, each line
checked and named, hostile text shown as text, and the change the desktop pulls."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import select

from protocol import entities
from server.models import Business
from server.shop.models import Product, ShopOrder, ShopOrderLine
from server.shop.orders import available
from tests.books.test_qris import qris_payload
from tests.shop_server.conftest import HOSTILE, Mall
from tests.shop_server.test_pages import RAW, TOKEN
from tests.shop_server.test_qris_page import IMAGE

ROW = re.compile(r'name="produk" value="([^"]+)"><input type="hidden" name="harga" '
                 r'value="([0-9]+)">')
BUYER = {"nama": "Ni Luh", "hp": "0813 1111 2222", "alamat": "Br. Dinas Kangin, Sidemen",
         "bayar": "transfer"}


def seed(mall: Mall, **profile: Any) -> tuple[str, str, dict[str, str]]:
    """A seller with two products in stock; its id, its mall address and the product ids."""
    made = mall.seller("Keripik Bu Made", **profile)
    ids = {"keripik": mall.listing(made, title="Keripik Pisang", sku="KRP-ORI", stock=5),
           "sambal": mall.listing(made, title="Sambal Roa", sku="SBL-01", price=2_000_000,
                                  stock=3)}
    with mall.session() as session:
        business = session.get(Business, made)
        assert business is not None
        return made, business.slug, ids


def post_cart(client: TestClient, slug: str, amounts: dict[str, str], **over: str) -> Any:
    form = client.get(f"/toko/{slug}/pesan")
    rows = ROW.findall(form.text)
    return client.post(f"/toko/{slug}/pesan", data={
        "csrf": TOKEN.findall(form.text)[0], "produk": [pid for pid, _ in rows],
        "harga": [over.get(f"harga-{pid}", price) for pid, price in rows],
        "jumlah": [amounts.get(pid, "") for pid, _ in rows], **BUYER,
        **{k: v for k, v in over.items() if not k.startswith("harga-")}})


def orders(mall: Mall) -> list[ShopOrder]:
    with mall.session() as session:
        return list(session.exec(select(ShopOrder)))


def test_a_cart_of_two_products_is_one_order_with_two_lines(client: TestClient,
                                                             mall: Mall) -> None:
    made, slug, ids = seed(mall)
    opened = client.get(f"/toko/{slug}/pesan", params={"produk": mall.product(ids["keripik"]).slug})
    assert opened.status_code == 200 and len(ROW.findall(opened.text)) == 2
    assert "csrf" in opened.headers["set-cookie"] and "Path=/toko" in opened.headers["set-cookie"]
    done = post_cart(client, slug, {ids["keripik"]: "2", ids["sambal"]: "1"})
    assert opened.text.count('value="1"') == 1  # the product the buyer came from
    assert done.status_code == 200 and done.url.path.startswith("/pesanan/"), done.text[-400:]
    for text in ("Keripik Pisang", "Sambal Roa", "2 × Rp15.000 = Rp30.000", "1 × Rp20.000", "Rp50.000"):
        assert text in done.text
    (order,) = orders(mall)
    assert (order.total, order.product_id, order.qty) == (5_000_000, ids["keripik"], 2)
    with mall.session() as session:
        lines = session.exec(select(ShopOrderLine).order_by(ShopOrderLine.position)).all()
        assert [(ln.product_id, ln.qty, ln.total) for ln in lines] == [
            (ids["keripik"], 2, 3_000_000), (ids["sambal"], 1, 2_000_000)]
        keripik = session.get(Product, ids["keripik"])
        assert keripik is not None and available(session, keripik) == 3  # held per line
    (change,) = mall.changes(made, "order")
    data = json.loads(change.data)
    entities.check("order", "insert", data)  # a desktop takes it
    assert data["lines"] == [[ids["keripik"], "KRP-ORI", "Keripik Pisang", 2, 1_500_000,
                              3_000_000], [ids["sambal"], "SBL-01", "Sambal Roa", 1, 2_000_000,
                                           2_000_000]]
    assert data["total"] == 5_000_000
    status = client.get(f"/api/v1/orders/{order.code}", params={"phone": BUYER["hp"]}).json()
    assert [(ln["title"], ln["qty"]) for ln in status["lines"]] == [("Keripik Pisang", 2),
                                                                   ("Sambal Roa", 1)]


def test_each_line_is_checked_and_the_refusal_names_the_product(client: TestClient,
                                                                mall: Mall) -> None:
    _made, slug, ids = seed(mall)
    short = post_cart(client, slug, {ids["keripik"]: "1", ids["sambal"]: "4"})
    assert short.status_code == 409
    assert "Sambal Roa: stok tidak cukup: paling banyak 3" in short.text
    assert 'value="4"' in short.text and 'value="Ni Luh"' in short.text  # kept as typed
    moved = post_cart(client, slug, {ids["keripik"]: "1", ids["sambal"]: "1"},
                      **{f"harga-{ids['sambal']}": "1900000"})
    assert moved.status_code == 409 and "Sambal Roa: harga produk ini sudah berubah" in moved.text
    nothing = post_cart(client, slug, {})
    assert nothing.status_code == 422 and "Isi jumlah" in nothing.text
    word = post_cart(client, slug, {ids["sambal"]: "dua"})
    assert word.status_code == 422 and "Sambal Roa: jumlah harus angka" in word.text
    assert orders(mall) == []


def test_a_cart_takes_only_this_sellers_products_and_needs_its_form(client: TestClient,
                                                                    mall: Mall) -> None:
    _made, slug, ids = seed(mall)
    other = mall.seller("Tenun Bu Sari")
    kain = mall.listing(other, title="Kain Tenun", stock=2)
    form = client.get(f"/toko/{slug}/pesan")
    token = TOKEN.findall(form.text)[0]
    foreign = client.post(f"/toko/{slug}/pesan", data={
        "csrf": token, "produk": [ids["keripik"], kain], "harga": ["1500000", "1500000"],
        "jumlah": ["1", "1"], **BUYER})
    assert foreign.status_code == 404 and "tidak ada di toko ini" in foreign.text
    forged = client.post(f"/toko/{slug}/pesan", data={
        "csrf": "palsu", "produk": [ids["keripik"]], "harga": ["1500000"], "jumlah": ["1"],
        **BUYER})
    assert forged.status_code == 403
    assert orders(mall) == []


def test_buyer_and_seller_text_is_shown_as_text(client: TestClient, mall: Mall) -> None:
    made = mall.seller(HOSTILE)
    first = mall.listing(made, title=HOSTILE, sku="H-1", stock=5)
    mall.listing(made, title="Sambal " + HOSTILE, sku="H-2", stock=5)
    with mall.session() as session:
        business = session.get(Business, made)
        assert business is not None
        slug = business.slug
    page = client.get(f"/toko/{slug}/pesan")
    for raw in RAW:
        assert raw not in page.text
    done = post_cart(client, slug, {first: "1"}, nama=HOSTILE, alamat=HOSTILE)
    assert done.status_code == 200
    for raw in RAW:
        assert raw not in done.text
    assert "&lt;script&gt;" in done.text


def test_a_qris_cart_shows_the_sellers_code(client: TestClient, mall: Mall) -> None:
    _made, slug, ids = seed(mall, qris_payload=qris_payload())
    done = post_cart(client, slug, {ids["keripik"]: "1", ids["sambal"]: "1"}, bayar="qris")
    assert done.status_code == 200 and len(IMAGE.findall(done.text)) == 1


def test_a_product_page_and_the_one_product_form_lead_to_the_cart(client: TestClient,
                                                                  mall: Mall) -> None:
    _made, slug, ids = seed(mall)
    product_slug = mall.product(ids["keripik"]).slug
    product = client.get(f"/produk/{product_slug}")
    assert f"/toko/{slug}/pesan?produk={product_slug}" in product.text
    assert f"/toko/{slug}/pesan?produk={product_slug}" in client.get(
        f"/produk/{product_slug}/pesan").text
    assert f"/toko/{slug}/pesan" in client.get(f"/toko/{slug}").text


def test_the_total_shows_before_ordering_without_script(client: TestClient, mall: Mall) -> None:
    _made, slug, ids = seed(mall)
    shown = post_cart(client, slug, {ids["keripik"]: "2", ids["sambal"]: "1"}, aksi="hitung",
                      nama="", hp="", alamat="")
    assert shown.status_code == 200 and "Total <span class=\"harga\">Rp50.000</span>" in shown.text
    assert "2 × Rp15.000 = Rp30.000" in shown.text and 'value="2"' in shown.text
    assert orders(mall) == []  # only counted, nothing ordered
    again = post_cart(client, slug, {ids["sambal"]: "x"}, aksi="hitung")
    assert again.status_code == 422 and "Sambal Roa: jumlah harus angka" in again.text
