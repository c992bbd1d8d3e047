"""The whole shop loop through a real mall server: list, publish, order, accept, status back."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from desktop.books.book import Book
from desktop.shop.listings import add_listing, get_listing, update_listing
from desktop.shop.orders import accept, get_order
from sync_client.link import link
from tests.shop.conftest import phone_photo
from tests.shop.test_orders import DAY, qty
from tests.sync.helpers import sync
from tests.sync.live import LiveServer, sqlite_url


@pytest.fixture
def mall(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> LiveServer:
    import keyring
    from keyring.backends import fail

    monkeypatch.setattr(keyring, "get_keyring", lambda: fail.Keyring())
    monkeypatch.setenv("LUMBUNG_AUTO_APPROVE", "1")
    server = LiveServer(sqlite_url(tmp_path)).start()
    yield server
    server.stop()


def test_listing_order_accept_and_status_round_trip(shop: Book, mall: LiveServer,
                                                    tmp_path: Path) -> None:
    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    photo = phone_photo(tmp_path / "krp.jpg", size=(1600, 1200))
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                    price=1_500_000, weight_grams=260, photos=[photo], publish=True)
    first = sync(shop)
    assert first.status == "ok" and first.rejected == [], first.rejected
    assert get_listing(shop.conn, "KRP-ORI").curation == "tayang"  # auto-approve came back
    found = requests.get(f"{mall.url}/api/v1/products", params={"q": "keripik"},
                         timeout=10).json()
    assert found["total"] == 1
    product = found["items"][0]
    assert (product["title"], product["price"]) == ("Keripik Pisang Original 250 g", 1_500_000)
    page = requests.get(f"{mall.url}/produk/{product['slug']}", timeout=10)
    assert page.status_code == 200 and "Rp15.000" in page.text
    for _ in range(2):  # two visitors; the owner sees them after the next sync
        requests.get(f"{mall.url}/produk/{product['slug']}", timeout=10,
                     headers={"User-Agent": "Mozilla/5.0 (Linux; Android 12) Chrome/120"})

    order = requests.post(f"{mall.url}/api/v1/orders", timeout=10, json={
        "product_id": product["id"], "qty": 2, "buyer_name": "Ayu", "payment_method": "transfer",
        "buyer_phone": "081234567890", "address": "Jl. Gajah Mada 1, Denpasar"})
    assert order.status_code == 201, order.text
    code = order.json()["code"]
    stock = qty(shop)
    assert sync(shop).pulled >= 1
    assert get_order(shop.conn, code).status == "baru"
    seen = get_listing(shop.conn, "KRP-ORI")
    assert seen.views >= 2 and seen.orders == 1, (seen.views, seen.orders)
    with shop.write() as conn:
        accept(conn, code, device_id=shop.device_id, day=DAY)
    assert qty(shop) == stock - 2
    assert sync(shop).status == "ok"
    status = requests.get(f"{mall.url}/api/v1/orders/{code}",
                          params={"phone": "081234567890"}, timeout=10).json()
    assert status["status"] == "diterima"
    wrong = requests.get(f"{mall.url}/api/v1/orders/{code}", params={"phone": "0811111111"},
                         timeout=10)
    assert wrong.status_code == 404

    with shop.write() as conn:  # a changed price goes back to curation, then live again
        update_listing(conn, "KRP-ORI", price=1_600_000)
    assert sync(shop).rejected == []
    stale = requests.post(f"{mall.url}/api/v1/orders", timeout=10, json={
        "product_id": product["id"], "qty": 1, "buyer_name": "Ayu", "payment_method": "cod",
        "buyer_phone": "081234567891", "address": "Jl. Gajah Mada 1", "unit_price": 1_500_000})
    assert stale.status_code in (409, 422) and "harga" in stale.text.lower()


def test_12_and_13_sold_out_offline_and_unpublished_since_the_last_sync(
        shop: Book, mall: LiveServer) -> None:
    from desktop.books.errors import ConfirmationRequired
    from desktop.books.forms import TxInput, post_tx
    from desktop.shop.listings import set_published
    from desktop.shop.orders import reject

    link(shop, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik Original", price=1_500_000,
                    publish=True)
        add_listing(conn, sku="KRP-CKL", title="Keripik Cokelat", price=1_800_000,
                    publish=True)
    assert sync(shop).rejected == []
    ids = {x["title"]: x["id"] for x in requests.get(f"{mall.url}/api/v1/products",
                                                     timeout=10).json()["items"]}
    order = requests.post(f"{mall.url}/api/v1/orders", timeout=10, json={
        "product_id": ids["Keripik Original"], "qty": 5, "buyer_name": "Ayu",
        "buyer_phone": "081234567890", "address": "Denpasar", "payment_method": "qris"})
    assert order.status_code == 201
    code = order.json()["code"]
    # 12: meanwhile the owner sold everything at the market, offline
    left = qty(shop)
    post_tx(shop, TxInput(type="penjualan-tunai", date=DAY, item="KRP-ORI", qty=str(left)))
    assert qty(shop) == 0 and sync(shop).pulled >= 1
    with shop.write() as conn, pytest.raises(ConfirmationRequired, match="kurang 5"):
        accept(conn, code, device_id=shop.device_id, day=DAY)
    with shop.write() as conn:
        reject(conn, code, reason="Stok habis terjual di pasar")
    assert sync(shop).rejected == []
    seen = requests.get(f"{mall.url}/api/v1/orders/{code}", params={"phone": "081234567890"},
                        timeout=10).json()
    assert seen["status"] == "ditolak"
    # 13: a product taken down on the PC is refused once that reached the mall
    with shop.write() as conn:
        set_published(conn, "KRP-CKL", False)
    assert sync(shop).rejected == []
    refused = requests.post(f"{mall.url}/api/v1/orders", timeout=10, json={
        "product_id": ids["Keripik Cokelat"], "qty": 1, "buyer_name": "Ayu",
        "buyer_phone": "081234567899", "address": "Denpasar", "payment_method": "cod"})
    assert refused.status_code in (404, 409, 422) and "tidak" in refused.text.lower()
    assert requests.get(f"{mall.url}/api/v1/products", timeout=10).json()["total"] == 1
