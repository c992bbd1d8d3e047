"""Storefront pages: they render, escape every hostile text, stay light, and set no cookie."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from sqlmodel import select

from server.shop.models import ProductViewDay, ShopOrder
from tests.shop_server.conftest import HOSTILE, Mall

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>")


def _clean(html: str) -> None:
    for raw in RAW:
        assert raw not in html
    assert "&lt;script&gt;" in html


def test_every_page_renders_light_and_without_cookies(client: TestClient, mall: Mall,
                                                      today: dt.date) -> None:
    made = mall.seller("Keripik Bu Made", kecamatan="Sidemen", desa="Tangkup")
    mall.listing(made, title="Keripik Pisang", photos=[mall.photo(made)], stock=5,
                 promo_price=1_200_000, promo_start=today.isoformat(),
                 promo_end=(today + dt.timedelta(days=3)).isoformat())
    mall.listing(made, title="Kopi Robusta", category="minuman")
    pages = {"/": "Promo hari ini", "/cari?q=kopi": "Kopi Robusta",
             "/cari?kategori=minuman": "Kopi Robusta", "/cari?kecamatan=Sidemen": "2 produk",
             "/cari?desa=Tangkup": "Desa Tangkup", "/produk/keripik-pisang": "Rp12.000",
             "/toko/keripik-bu-made": "Keripik Bu Made", "/faq": "Bagaimana cara memesan?",
             "/pesanan": "Cek status pesanan"}
    for url, expected in pages.items():
        reply = client.get(url)
        assert reply.status_code == 200, url
        assert expected in reply.text, url
        assert "set-cookie" not in reply.headers, url
        assert "<script" not in reply.text and "script-src" not in reply.headers[
            "content-security-policy"], url
        assert reply.text.startswith("<!doctype html>\n<html lang=\"id\">")
    product = client.get("/produk/keripik-pisang").text
    assert "Rp15.000" in product and "Promo" in product and "Berat 250 g" in product
    assert "Tersedia" in product and "Halal" in product and "Tukar dalam 3 hari" in product
    assert 'href="https://wa.me/6281234567890?text=Halo%20Keripik%20Bu%20Made' in product
    assert "Kopi Robusta" in product                            # related products
    assert client.get("/produk/tidak-ada").status_code == 404
    assert client.get("/toko/tidak-ada").status_code == 404


def test_hostile_text_is_escaped_everywhere(client: TestClient, mall: Mall) -> None:
    seller = mall.seller(HOSTILE, desa=HOSTILE, kecamatan=HOSTILE, kabupaten=HOSTILE,
                         halal=HOSTILE)
    listing = mall.listing(seller, title=f"Keripik {HOSTILE}", description=HOSTILE,
                           return_policy=HOSTILE)
    slug = mall.product(listing).slug
    ask = client.get(f"/produk/{slug}/tanya")
    _clean(ask.text)
    asked = client.post(f"/produk/{slug}/tanya", data={"csrf": TOKEN.findall(ask.text)[0],
                                                       "nama": HOSTILE, "pertanyaan": HOSTILE})
    assert asked.status_code == 200 and asked.url.path == f"/produk/{slug}"
    form = client.get(f"/produk/{slug}/pesan")
    _clean(form.text)
    ordered = client.post(f"/produk/{slug}/pesan", data={
        "csrf": TOKEN.findall(form.text)[0], "harga": "1500000", "jumlah": "1",
        "nama": HOSTILE, "hp": "081311112222", "alamat": HOSTILE, "bayar": "cod"})
    assert ordered.status_code == 200 and ordered.url.path.startswith("/pesanan/")
    _clean(ordered.text)
    assert ordered.text.count("&lt;script&gt;") >= 2           # buyer name and address
    refused = client.post(f"/produk/{slug}/pesan", data={
        "csrf": TOKEN.findall(form.text)[0], "harga": "1500000", "jumlah": HOSTILE,
        "nama": HOSTILE, "hp": HOSTILE, "alamat": HOSTILE, "bayar": HOSTILE})
    assert refused.status_code == 422
    _clean(refused.text)
    for url in ("/", f"/produk/{slug}", "/toko/script-alert-x-script-img-src-x-onerror-alert-1",
                f"/cari?q={HOSTILE}", f"/cari?desa={HOSTILE}", f"/cari?kecamatan={HOSTILE}"):
        page = client.get(url)
        assert page.status_code == 200, url
        _clean(page.text)
    product_page = client.get(f"/produk/{slug}").text
    assert product_page.count("&lt;script&gt;") >= 6            # title, text, seller, question


def test_order_form_needs_its_token_and_the_price_seen(client: TestClient, mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, title="Keripik Pisang", stock=2)
    fields = {"harga": "1500000", "jumlah": "1", "nama": "Ni Luh", "hp": "0813 1111 2222",
              "alamat": "Sidemen", "bayar": "qris"}
    no_cookie = client.post("/produk/keripik-pisang/pesan", data=fields)
    assert no_cookie.status_code == 403 and "kedaluwarsa" in no_cookie.text
    form = client.get("/produk/keripik-pisang/pesan")
    cookie = form.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/produk" in cookie
    token = TOKEN.findall(form.text)[0]
    assert client.post("/produk/keripik-pisang/pesan", data=fields).status_code == 403
    stale = client.post("/produk/keripik-pisang/pesan",
                        data={**fields, "csrf": token, "harga": "1400000"})
    assert stale.status_code == 409 and "sudah berubah" in stale.text
    assert 'name="harga" value="1500000"' in stale.text         # the form now shows the price
    assert client.post("/produk/keripik-pisang/pesan",
                       data={**fields, "csrf": token, "jumlah": "3"}).status_code == 409
    done = client.post("/produk/keripik-pisang/pesan", data={**fields, "csrf": token},
                       follow_redirects=False)
    assert done.status_code == 303
    code = urlsplit(done.headers["location"]).path.rsplit("/", 1)[1]
    confirmation = client.get(done.headers["location"])
    assert "Terima kasih" in confirmation.text and code in confirmation.text
    assert "QRIS" in confirmation.text and "Rp15.000" in confirmation.text
    # the code alone shows nothing; the code and the buyer's phone show the status
    bare = client.get(f"/pesanan/{code}")
    assert "Ni Luh" not in bare.text and 'value="' + code + '"' in bare.text
    wrong = client.post("/pesanan", data={"kode": code, "hp": "081399990000"})
    assert wrong.status_code == 404 and "Ni Luh" not in wrong.text
    right = client.post("/pesanan", data={"kode": code.lower(), "hp": "+6281311112222"})
    assert right.status_code == 200 and "Baru, menunggu penjual" in right.text
    mall.write_listing(made, listing, {"published": False})
    gone = client.post("/produk/keripik-pisang/pesan", data={**fields, "csrf": token})
    assert gone.status_code == 409 and "tidak dijual" in gone.text
    with mall.session() as session:
        assert len(session.exec(select(ShopOrder)).all()) == 1


def test_questions_are_public_and_reach_the_seller(client: TestClient, mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    mall.listing(made, title="Keripik Pisang")
    form = client.get("/produk/keripik-pisang/tanya")
    token = TOKEN.findall(form.text)[0]
    forged = client.post("/produk/keripik-pisang/tanya", data={"nama": "A", "pertanyaan": "B?"})
    assert forged.status_code == 403
    client.post("/produk/keripik-pisang/tanya",
                data={"csrf": token, "nama": "Wayan", "pertanyaan": "Pedas atau manis?"})
    assert "Pedas atau manis?" in client.get("/produk/keripik-pisang").text
    (change,) = mall.changes(made, "question")
    assert '"question": "Pedas atau manis?"' in change.data


def test_product_views_are_counted_without_tracking(client: TestClient, mall: Mall,
                                                     today: dt.date) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, title="Keripik Pisang")
    for _ in range(3):
        assert "set-cookie" not in client.get("/produk/keripik-pisang").headers
    client.get("/produk/keripik-pisang", headers={"User-Agent": "Googlebot/2.1"})
    assert mall.product(listing).views == 3
    with mall.session() as session:
        (day,) = session.exec(select(ProductViewDay)).all()
        assert (day.day, day.views) == (today, 3)


def _weight(client: TestClient, url: str) -> int:
    page = client.get(url)
    images = set(re.findall(r'<img src="([^"]+)"', page.text))
    total = len(page.content) + sum(len(client.get(src).content) for src in images)
    print(url, len(images), "images,", total, "bytes")
    return total


def test_pages_fit_a_slow_phone_connection(client: TestClient, mall: Mall,
                                           today: dt.date) -> None:
    # every card its own busy photo: nothing is counted once for several cards
    made = mall.seller("Keripik Bu Made")
    shas = [mall.photo(made, seed) for seed in range(16)]
    for n in range(16):
        promo: dict[str, Any] = {"promo_price": 1_000_000, "promo_start": today.isoformat(),
                 "promo_end": today.isoformat()} if n % 2 else {}
        mall.listing(made, title=f"Keripik Rasa {n}", photos=[shas[n], *shas[16 - 4:]],
                     description="Renyah dan gurih. " * 40, **promo)
    product_bytes = _weight(client, "/produk/keripik-rasa-0")
    home_bytes = _weight(client, "/")
    assert product_bytes < 150_000, product_bytes
    assert home_bytes < 300_000, home_bytes
    page = client.get("/").text
    assert page.count("<li class=\"kartu\">") == 16
    assert 'loading="lazy"' in page and 'width="160" height="160"' in page
