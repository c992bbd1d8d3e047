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

    order = requests.post(f"{mall.url}/api/v1/orders", timeout=10, json={
        "product_id": product["id"], "qty": 2, "buyer_name": "Ayu", "payment_method": "transfer",
        "buyer_phone": "081234567890", "address": "Jl. Gajah Mada 1, Denpasar"})
    assert order.status_code == 201, order.text
    code = order.json()["code"]
    stock = qty(shop)
    assert sync(shop).pulled >= 1
    assert get_order(shop.conn, code).status == "baru"
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
