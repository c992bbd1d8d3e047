"""The kurator's page: login, the waiting list, decisions that reach the owner's desktop."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from tests.shop_server.conftest import HOSTILE, Mall

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


def _login(client: TestClient, username: str, password: str = "kurasi-rahasia") -> int:
    page = client.get("/kurator/masuk")
    token = TOKEN.search(page.text)
    assert token is not None
    reply = client.post("/kurator/masuk", data={"csrf": token.group(1), "nama": username,
                                                "sandi": password}, follow_redirects=False)
    return int(reply.status_code)


def _form(page: str, product_id: str) -> dict[str, str]:
    block = page[page.index(f'action="/kurator/produk/{product_id}"'):]
    return {"csrf": TOKEN.findall(block)[0],
            "versi": re.findall(r'name="versi" value="([^"]+)"', block)[0]}


def test_kurator_approves_and_rejects_and_the_owner_hears(client: TestClient,
                                                          mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    keripik = mall.listing(made, title="Keripik Pisang", approve=False)
    sambal = mall.listing(made, title=HOSTILE, description=HOSTILE, approve=False)
    mall.kurator()
    assert client.get("/kurator", follow_redirects=False).headers["location"] == "/kurator/masuk"
    assert _login(client, "kurator1") == 303
    board = client.get("/kurator")
    assert board.status_code == 200 and "Menunggu keputusan (2)" in board.text
    assert "<script>alert" not in board.text and "&lt;script&gt;alert" in board.text

    reply = client.post(f"/kurator/produk/{keripik}", data={**_form(board.text, keripik),
                                                           "keputusan": "setuju"},
                        follow_redirects=False)
    assert reply.status_code == 303
    no_reason = client.post(f"/kurator/produk/{sambal}", data={**_form(board.text, sambal),
                                                              "keputusan": "tolak"})
    assert no_reason.status_code == 409 and "alasan" in no_reason.text
    client.post(f"/kurator/produk/{sambal}", data={**_form(board.text, sambal),
                                                  "keputusan": "tolak",
                                                  "alasan": "Foto produk <b>buram</b>"})
    assert (mall.product(keripik).curation, mall.product(sambal).curation) == \
        ("tayang", "ditolak")
    decided = [(c.entity_id, json.loads(c.data)) for c in mall.changes(made, "curation")]
    assert decided == [(keripik, {"state": "tayang", "reason": ""}),
                       (sambal, {"state": "ditolak", "reason": "Foto produk <b>buram</b>"})]
    assert "Menunggu keputusan (0)" in client.get("/kurator").text


def test_kurator_forms_are_protected(client: TestClient, mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, approve=False)
    mall.kurator()
    anonymous = client.post(f"/kurator/produk/{listing}", data={"keputusan": "setuju"},
                            follow_redirects=False)
    assert anonymous.status_code == 303 and mall.product(listing).curation == "menunggu"
    _login(client, "kurator1")
    board = client.get("/kurator").text
    forged = client.post(f"/kurator/produk/{listing}", data={"keputusan": "setuju",
                                                            "csrf": "palsu"})
    assert forged.status_code == 403 and mall.product(listing).curation == "menunggu"
    mall.write_listing(made, listing, {"price": 999_900})  # the owner changes it meanwhile
    stale = client.post(f"/kurator/produk/{listing}", data={**_form(board, listing),
                                                           "keputusan": "setuju"})
    assert stale.status_code == 409 and "diubah" in stale.text
    assert mall.product(listing).curation == "menunggu"


def test_only_kurator_accounts_get_in_and_not_into_books(client: TestClient,
                                                         mall: Mall) -> None:
    mall.seller("Keripik Bu Made", username="made")
    mall.kurator()
    assert _login(client, "made", "rahasia-123") == 403        # an owner is not a kurator
    assert _login(client, "kurator1", "salah-sandi") == 401
    no_csrf = client.post("/kurator/masuk", data={"nama": "kurator1", "sandi": "kurasi-rahasia"})
    assert no_csrf.status_code == 403
    assert _login(client, "kurator1") == 303
    # logged in, a kurator still has no way into any business's books or orders
    assert client.get("/api/v1/orders").status_code == 401
    assert client.get("/api/v1/sync/pull?since=0").status_code == 401
    device = client.post("/api/v1/auth/device", json={"username": "kurator1",
                                                      "password": "kurasi-rahasia"})
    assert device.status_code == 403
    cookie = client.cookies.get("kurator")
    assert cookie is not None
    bearer = client.get("/api/v1/orders", headers={"Authorization": f"Bearer {cookie}"})
    assert bearer.status_code == 401


def test_kurator_hides_a_question_from_the_page_and_the_seller(client: TestClient,
                                                               mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    mall.listing(made, title="Keripik Pisang")
    buyer = TestClient(client.app)
    form = buyer.get("/produk/keripik-pisang/tanya")
    buyer.post("/produk/keripik-pisang/tanya", data={
        "csrf": TOKEN.findall(form.text)[0], "nama": "Iseng", "pertanyaan": HOSTILE})
    assert "&lt;script&gt;alert" in buyer.get("/produk/keripik-pisang").text
    mall.kurator()
    assert _login(client, "kurator1") == 303
    board = client.get("/kurator").text
    assert "Pertanyaan pembeli terbaru" in board and "<script>alert" not in board
    (question_id,) = re.findall(r'action="/kurator/pertanyaan/([^"]+)"', board)
    block = board[board.index(f'action="/kurator/pertanyaan/{question_id}"'):]
    forged = client.post(f"/kurator/pertanyaan/{question_id}", data={"csrf": "palsu"})
    assert forged.status_code == 403
    assert buyer.post(f"/kurator/pertanyaan/{question_id}", data={
        "csrf": TOKEN.findall(block)[0]}, follow_redirects=False).headers["location"] == \
        "/kurator/masuk"  # a buyer without the kurator's cookie cannot hide anything
    hidden = client.post(f"/kurator/pertanyaan/{question_id}",
                         data={"csrf": TOKEN.findall(block)[0]})
    assert hidden.status_code == 200 and "Pertanyaan disembunyikan" in hidden.text
    assert "&lt;script&gt;alert" not in buyer.get("/produk/keripik-pisang").text
    assert [(c.entity_id, c.op) for c in mall.changes(made, "question")] == [
        (question_id, "insert"), (question_id, "delete")]
    again = client.post(f"/kurator/pertanyaan/{question_id}",
                        data={"csrf": TOKEN.findall(block)[0]})
    assert again.status_code == 404 and "sudah disembunyikan" in again.text
