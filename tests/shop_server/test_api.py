"""The shop API: the product list contract and filters, orders and their refusals, status."""

from __future__ import annotations

import datetime as dt
import json

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import select

from server.app import create_app
from server.models import AppUser
from server.security import enrol_device
from server.shop.guard import ShopLimits
from server.shop.models import ShopOrder
from tests.shop_server.conftest import Mall, order_body
from tests.sync.conftest import db_url  # noqa: F401 - the same database for a second worker


def _seed(mall: Mall) -> dict[str, str]:
    made = mall.seller("Keripik Bu Made", kecamatan="Sidemen", desa="Tangkup")
    komang = mall.seller("Tenun Komang", kecamatan="Manggis", desa="Tenganan")
    return {"made": made, "komang": komang,
            "keripik": mall.listing(made, title="Keripik Pisang Manis", price=1_500_000),
            "kopi": mall.listing(made, title="Kopi Bubuk Robusta", category="minuman",
                                 price=3_500_000, stock=3),
            "tenun": mall.listing(komang, title="Kain Tenun Gringsing", category="kain-tenun",
                                  price=150_000_000, description="Tenun ikat ganda asli"),
            "draft": mall.listing(made, title="Sambal Matah", approve=False)}


def test_product_list_contract_and_filters(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)
    body = client.get("/api/v1/products").json()
    assert body["total"] == 3  # the listing waiting for curation is not on the mall
    assert all(set(item) == {"id", "slug", "title", "price", "business", "kecamatan"}
               for item in body["items"])
    tenun = next(i for i in body["items"] if i["id"] == ids["tenun"])
    assert tenun == {"id": ids["tenun"], "slug": "kain-tenun-gringsing",
                     "title": "Kain Tenun Gringsing", "price": 150_000_000,
                     "business": "Tenun Komang", "kecamatan": "Manggis"}

    def titles(query: str) -> list[str]:
        return sorted(i["title"] for i in client.get(f"/api/v1/products?{query}").json()["items"])

    assert titles("q=kopi") == ["Kopi Bubuk Robusta"]
    assert titles("q=IKAT") == ["Kain Tenun Gringsing"]          # description, any case
    assert titles("q=komang") == ["Kain Tenun Gringsing"]        # the seller's name
    assert titles("q=100%25") == []                              # LIKE wildcards are literal
    assert titles("category=minuman") == ["Kopi Bubuk Robusta"]
    assert titles("kecamatan=sidemen") == ["Keripik Pisang Manis", "Kopi Bubuk Robusta"]
    assert titles("kecamatan=Manggis&category=minuman") == []
    assert titles("q=pisang&kecamatan=Sidemen") == ["Keripik Pisang Manis"]
    page = client.get("/api/v1/products?limit=1&offset=1").json()
    assert page["total"] == 3 and len(page["items"]) == 1


def test_order_contract_and_change_for_the_desktop(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)
    reply = client.post("/api/v1/orders", json=order_body(ids["keripik"], unit_price=1_500_000))
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["status"] == "baru" and len(body["code"]) == 8 and body["total"] == 3_000_000
    (change,) = mall.changes(ids["made"], "order")
    data = json.loads(change.data)
    assert data == {"code": body["code"], "listing": ids["keripik"], "sku": "KP-01", "qty": 2,
                    "title": "Keripik Pisang Manis", "unit_price": 1_500_000, "total": 3_000_000,
                    "buyer_name": "Ni Luh Putu",
                    "buyer_phone": "6281311112222", "address": "Br. Dinas Kangin, Sidemen",
                    "payment_method": "transfer", "status": "baru",
                    "created_at": data["created_at"]}
    assert change.op == "insert" and mall.product(ids["keripik"]).orders == 1
    assert not mall.changes(ids["komang"], "order")


def test_orders_that_are_refused(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)

    def refused(body: dict[str, object]) -> tuple[int, str]:
        reply = client.post("/api/v1/orders", json=body)
        return reply.status_code, str(reply.json()["detail"])

    status, why = refused(order_body(ids["draft"]))
    assert status == 409 and "tidak dijual" in why
    mall.write_listing(ids["made"], ids["keripik"], {"published": False})
    assert refused(order_body(ids["keripik"]))[0] == 409     # unpublished since the last look
    status, why = refused(order_body(ids["tenun"], unit_price=140_000_000))
    assert status == 409 and "Rp1.400.000" in why and "Rp1.500.000" in why
    status, why = refused(order_body(ids["kopi"], qty=4))
    assert status == 409 and "paling banyak 3" in why
    assert refused(order_body(ids["tenun"], qty=101))[0] == 422
    assert refused(order_body(ids["tenun"], qty=0))[0] == 422
    status, why = refused(order_body(ids["tenun"], buyer_phone="12345"))
    assert status == 422 and "HP" in why
    assert refused(order_body(ids["tenun"], buyer_name="  "))[0] == 422
    assert refused(order_body(ids["tenun"], payment_method="kartu"))[0] == 422
    assert refused(order_body("00000000-0000-0000-0000-00000000beef"))[0] == 404
    # a form post from another site (not JSON) never becomes an order
    reply = client.post("/api/v1/orders", data={"product_id": ids["tenun"], "qty": "1"})
    assert reply.status_code == 422
    with mall.session() as session:
        assert session.exec(select(ShopOrder)).all() == []


def test_stock_counts_orders_the_owner_has_not_seen(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)
    assert client.post("/api/v1/orders", json=order_body(ids["kopi"], qty=2)).status_code == 201
    reply = client.post("/api/v1/orders", json=order_body(ids["kopi"], qty=2))
    assert reply.status_code == 409 and "paling banyak 1" in reply.json()["detail"]
    assert client.post("/api/v1/orders", json=order_body(ids["kopi"], qty=1)).status_code == 201
    reply = client.post("/api/v1/orders", json=order_body(ids["kopi"], qty=1))
    assert reply.status_code == 409 and "habis" in reply.json()["detail"]


def test_promo_price_is_what_an_order_costs(client: TestClient, mall: Mall,
                                            today: dt.date) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, title="Dodol", price=2_000_000, promo_price=1_500_000,
                           promo_start=(today - dt.timedelta(days=1)).isoformat(),
                           promo_end=(today + dt.timedelta(days=1)).isoformat())
    assert client.get("/api/v1/products").json()["items"][0]["price"] == 1_500_000
    reply = client.post("/api/v1/orders", json=order_body(listing, qty=1, unit_price=1_500_000))
    assert reply.status_code == 201 and reply.json()["total"] == 1_500_000


def test_orders_are_rate_limited_per_address_and_per_phone_across_workers(
        client: TestClient, mall: Mall, db_url: str) -> None:  # noqa: F811
    ids = _seed(mall)
    worker2 = create_app(db_url)  # a second server process on the same database
    try:
        for app in (mall.app, worker2):
            app.state.shop_limits = ShopLimits(engine=app.state.engine, orders_per_ip=3,
                                               orders_per_phone=2)
        first = client.post("/api/v1/orders", json=order_body(ids["tenun"], qty=1))
        second = TestClient(worker2).post("/api/v1/orders", json=order_body(
            ids["tenun"], qty=1, buyer_phone="+62 813-1111-2222"))
        third = client.post("/api/v1/orders", json=order_body(ids["tenun"], qty=1))
    finally:
        worker2.state.engine.dispose()
    assert [first.status_code, second.status_code, third.status_code] == [201, 201, 429]
    assert "nomor HP" in third.json()["detail"]
    other = client.post("/api/v1/orders", json=order_body(ids["tenun"], qty=1,
                                                          buyer_phone="0857 0000 1111"))
    assert other.status_code == 429 and "jaringan" in other.json()["detail"]


def test_status_lookup_needs_the_buyers_phone(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)
    code = client.post("/api/v1/orders", json=order_body(ids["tenun"], qty=1)).json()["code"]
    assert client.get(f"/api/v1/orders/{code}").status_code == 404
    assert client.get(f"/api/v1/orders/{code}?phone=081399998888").status_code == 404
    mine = client.get(f"/api/v1/orders/{code}?phone=+62 813 1111 2222")
    assert mine.status_code == 200
    body = mine.json()
    assert body["code"] == code and body["status"] == "baru" and body["total"] == 150_000_000
    assert "buyer_phone" not in body and "address" not in body
    assert client.get("/api/v1/orders/ZZZZZZZZ?phone=081311112222").status_code == 404


def test_a_business_reads_only_its_own_orders(client: TestClient, mall: Mall) -> None:
    ids = _seed(mall)
    for listing in ("keripik", "tenun"):
        assert client.post("/api/v1/orders", json=order_body(ids[listing], qty=1)) \
            .status_code == 201
    with mall.session() as session:
        users = {u.business_id: u for u in session.exec(select(AppUser))}
        _device, made_token = enrol_device(session, users[ids["made"]], name="pc")
        _device, komang_token = enrol_device(session, users[ids["komang"]], name="pc")
    made = client.get("/api/v1/orders", headers={"Authorization": f"Bearer {made_token}"})
    assert made.status_code == 200
    assert [o["title"] for o in made.json()["items"]] == ["Keripik Pisang Manis"]
    assert made.json()["items"][0]["buyer_phone"] == "6281311112222"
    komang = client.get("/api/v1/orders", headers={"Authorization": f"Bearer {komang_token}"})
    assert [o["title"] for o in komang.json()["items"]] == ["Kain Tenun Gringsing"]
    assert client.get("/api/v1/orders").status_code == 401
    assert client.get("/api/v1/orders", headers={"Authorization": "Bearer lmb_palsu"}) \
        .status_code == 401


def test_garbage_gets_a_4xx_never_a_500(app: FastAPI, mall: Mall) -> None:
    # NUL bytes and broken UTF-8 reach PostgreSQL as errors unless they are stopped first
    client = TestClient(app, raise_server_exceptions=False)
    body = json.dumps(order_body("x\u0000y"))
    asks = [("POST", "/api/v1/orders", body), ("GET", "/api/v1/orders/AB%00?phone=%00", ""),
            ("GET", "/api/v1/products?q=%ED%A0%80&kecamatan=%00&category=%00", ""),
            ("GET", "/cari?q=%00&desa=%00&kecamatan=%ED%A0%80", ""),
            ("GET", "/produk/a%00b", ""), ("GET", "/toko/a%00b", ""),
            ("POST", "/pesanan", "kode=%00&hp=%00"), ("POST", "/produk/a%00/pesan", "nama=%00"),
            ("GET", "/foto/%00.jpg", ""), ("GET", "/api/v1/products?limit=100000", "")]
    for method, url, content in asks:
        kind = "application/json" if url.startswith("/api") \
            else "application/x-www-form-urlencoded"
        reply = client.request(method, url, content=content or None,
                               headers={"Content-Type": kind})
        assert reply.status_code < 500, (url, reply.text)
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, title="Keripik\u0000 Pisang", description="a\u0000b")
    assert mall.product(listing).title == "Keripik Pisang"


def test_a_seller_sees_views_and_orders_of_its_own_products(client: TestClient, mall: Mall,
                                                            today: dt.date) -> None:
    ids = _seed(mall)
    client.get("/produk/kopi-bubuk-robusta")
    client.post("/api/v1/orders", json=order_body(ids["kopi"], qty=1))
    with mall.session() as session:
        user = session.exec(select(AppUser).where(AppUser.business_id == ids["made"])).one()
        _device, token = enrol_device(session, user, name="pc")
    stats = client.get("/api/v1/shop/stats", headers={"Authorization": f"Bearer {token}"})
    items = {i["title"]: i for i in stats.json()["items"]}
    assert set(items) == {"Keripik Pisang Manis", "Kopi Bubuk Robusta", "Sambal Matah"}
    kopi = items["Kopi Bubuk Robusta"]
    assert (kopi["views"], kopi["orders"], kopi["curation"]) == (1, 1, "tayang")
    assert kopi["views_by_day"] == [[today.isoformat(), 1]]
    assert items["Sambal Matah"]["curation"] == "menunggu"
    assert client.get("/api/v1/shop/stats").status_code == 401


def test_shared_limits_count_per_window_and_forget_old_windows(app: FastAPI) -> None:
    from sqlalchemy import func
    from sqlmodel import Session

    from server.shop.guard import SharedRateLimit
    from server.shop.models import RateCount

    limit = SharedRateLimit(app.state.engine, "question_ip", 2, 3600)
    hour = 1_800_000_000.0
    assert [limit.hit("10.0.0.1", now=hour) for _ in range(3)] == [True, True, False]
    assert limit.hit("10.0.0.2", now=hour)  # another address has its own count
    assert limit.hit("10.0.0.1", now=hour + 3600)  # a new window starts afresh
    with Session(app.state.engine) as session:
        keys = session.exec(select(RateCount.key)).all()
    assert len(keys) == 3 and all("10.0.0" not in k for k in keys)  # addresses are hashed
    for _ in range(499):  # the sweep runs every 500 events and drops ended windows
        limit.hit("10.0.0.3", now=hour + 7200)
    with Session(app.state.engine) as session:
        left = session.exec(select(func.min(RateCount.window_start))).one()
    assert left == hour + 7200
