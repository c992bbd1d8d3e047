"""Order status commands from the desktop: only legal moves from the current state."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from protocol.rules import ORDER_TRANSITIONS as TRANSITIONS
from server.shop.models import ShopOrder
from server.shop.orders import STATUSES, apply_order_status
from tests.shop_server.conftest import Mall, order_body

PATHS = [["diterima", "dibayar", "dikirim", "selesai"], ["diterima", "dikirim", "selesai"],
         ["ditolak"], ["diterima", "dibatalkan"], ["diterima", "dibayar", "dibatalkan"]]


def _order(client: TestClient, mall: Mall, listing: str) -> str:
    code = client.post("/api/v1/orders", json=order_body(listing, qty=1)).json()["code"]
    with mall.session() as session:
        return session.exec(select(ShopOrder.id).where(ShopOrder.code == code)).one()


def test_legal_paths_and_illegal_moves(client: TestClient, mall: Mall) -> None:
    made, komang = mall.seller("Keripik Bu Made"), mall.seller("Tenun Komang")
    listing = mall.listing(made)
    for path in PATHS:
        order_id = _order(client, mall, listing)
        current = "baru"
        with mall.session() as session:
            for step in path:
                assert apply_order_status(session, komang, order_id, current, step, {}) == \
                    (False, "pesanan tidak dikenal")           # another business's order
                assert apply_order_status(session, made, order_id, current, step,
                                          {"reason": "stok ada"}) == (True, step)
                current = step
            session.commit()
            final = session.get(ShopOrder, order_id)
            assert final is not None and final.status == path[-1]
    order_id = _order(client, mall, listing)
    with mall.session() as session:
        done, why = apply_order_status(session, made, order_id, "baru", "dikirim", {})
        assert not done and why.startswith("baru:") and "'dikirim'" in why
        done, why = apply_order_status(session, made, order_id, "diterima", "dikirim", {})
        assert not done and "sudah berstatus 'baru'" in why   # a stale command: current state
        done, why = apply_order_status(session, made, order_id, "baru", "hilang", {})
        assert not done and "tidak dikenal" in why
        for before, after in (("baru", "diterima"), ("diterima", "dikirim")):
            assert apply_order_status(session, made, order_id, before, after, {}) == \
                (True, after)
        # cash collected on delivery: a detail on the same state, not a move
        assert apply_order_status(session, made, order_id, "dikirim", "dikirim",
                                  {"paid": 1}) == (True, "dikirim")
        done, why = apply_order_status(session, made, order_id, "dikirim", "diterima", {})
        assert not done and why.startswith("dikirim:")  # no way back
        order = session.get(ShopOrder, order_id)
        assert order is not None and (order.status, order.paid) == ("dikirim", True)
        # a parcel that came back: the desktop reverses the sale and cancels
        assert apply_order_status(session, made, order_id, "dikirim", "dibatalkan",
                                  {"reason": "paket kembali"}) == (True, "dibatalkan")
        assert apply_order_status(session, made, "tidak-ada", "baru", "diterima", {}) == \
            (False, "pesanan tidak dikenal")


@pytest.mark.parametrize("state", sorted(STATUSES))
def test_the_transition_table_is_closed(state: str) -> None:
    # every target is a known state, and finished orders move no more
    assert set(TRANSITIONS.get(state, ())) <= set(STATUSES)
    if state in ("selesai", "ditolak", "dibatalkan"):
        assert state not in TRANSITIONS


def test_an_order_status_change_shows_to_the_buyer(client: TestClient, mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, stock=1)
    order_id = _order(client, mall, listing)
    with mall.session() as session:
        assert apply_order_status(session, made, order_id, "baru", "ditolak",
                                  {"reason": "Stok habis"}) == (True, "ditolak")
        session.commit()
        order = session.get(ShopOrder, order_id)
        assert order is not None
        code = order.code
    body = client.get(f"/api/v1/orders/{code}?phone=081311112222").json()
    assert body["status"] == "ditolak"
    # a refused order no longer holds the last unit
    assert client.post("/api/v1/orders", json=order_body(listing, qty=1)).status_code == 201
