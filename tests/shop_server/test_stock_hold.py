"""A new order holds stock for a day only, and one phone number cannot hold more than three
orders at once (issue 15, finding 4: anyone could hold a product's whole stock)."""

from __future__ import annotations

import datetime as dt

import time_machine
from fastapi.testclient import TestClient

from protocol.rules import ORDER_HOLD_HOURS, normalize_phone
from server.shop.orders import HELD_PER_PHONE
from tests.shop_server.conftest import Mall, order_body

START = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)


def test_an_unaccepted_order_stops_holding_stock_after_a_day(mall: Mall) -> None:
    client = TestClient(mall.app)
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, stock=5)
    with time_machine.travel(START, tick=False) as clock:
        fake = client.post("/api/v1/orders", json=order_body(listing, qty=5,
                                                              buyer_phone="0899 0000 0001"))
        assert fake.status_code == 201  # the whole stock, from a made-up number
        clock.shift(dt.timedelta(hours=ORDER_HOLD_HOURS) - dt.timedelta(minutes=1))
        held = client.post("/api/v1/orders", json=order_body(listing, qty=1))
        assert held.status_code == 409 and "habis" in held.json()["detail"]
        clock.shift(dt.timedelta(minutes=2))  # 24 h and a minute: the hold has lapsed
        real = client.post("/api/v1/orders", json=order_body(listing, qty=5))
        assert real.status_code == 201, real.text
        again = client.post("/api/v1/orders", json=order_body(listing, qty=1,
                                                               buyer_phone="0813 5555 6666"))
        assert again.status_code == 409  # the real buyer's order holds the stock now


def test_one_number_holds_at_most_three_orders_however_it_is_written(mall: Mall) -> None:
    client = TestClient(mall.app)
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made)
    spellings = ["0812 1111 2222", "+62 812-1111-2222", "62812.1111.2222", "(0812) 11112222"]
    assert {normalize_phone(s) for s in spellings} == {"6281211112222"}
    with time_machine.travel(START, tick=False) as clock:
        for spelling in spellings[:HELD_PER_PHONE]:
            assert client.post("/api/v1/orders", json=order_body(
                listing, qty=1, buyer_phone=spelling)).status_code == 201
        fourth = client.post("/api/v1/orders", json=order_body(listing, qty=1,
                                                                buyer_phone=spellings[3]))
        assert fourth.status_code == 429 and "3 pesanan" in fourth.json()["detail"]
        other = client.post("/api/v1/orders", json=order_body(listing, qty=1,
                                                               buyer_phone="0813 9999 0000"))
        assert other.status_code == 201
        clock.shift(dt.timedelta(hours=ORDER_HOLD_HOURS, minutes=1))
        assert client.post("/api/v1/orders", json=order_body(
            listing, qty=1, buyer_phone=spellings[3])).status_code == 201
