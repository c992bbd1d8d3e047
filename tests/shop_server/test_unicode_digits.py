"""Digits that are not 0-9 ("²", "٣") in any number a visitor sends get a 4xx, never a 500."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from server.shop.guard import KURATOR_COOKIE, ascii_int, csrf_ok, kurator_user_id
from tests.shop_server.conftest import Mall

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
ODD = ("²", "٣", "1²", "²" * 30, "١٢٣٤٥٦٧٨٩٠")


@pytest.mark.parametrize("odd", ODD)
def test_ascii_int_reads_only_ascii_digits(odd: str) -> None:
    assert ascii_int(odd) is None
    assert ascii_int("1500000") == 1_500_000
    assert ascii_int("9" * 19) is None  # longer than any price or stamp


@pytest.mark.parametrize("odd", ODD)
def test_stamps_with_odd_digits_are_simply_not_valid(odd: str) -> None:
    assert not csrf_ok(b"s", "cookie", f"{odd}.abc", "pesan")
    assert kurator_user_id(f"{odd}.1.mac") is None
    assert kurator_user_id(f"1.{odd}.mac") is None


def test_every_number_in_the_forms_refuses_odd_digits_with_a_4xx(mall: Mall) -> None:
    client = TestClient(mall.app, raise_server_exceptions=False)
    made = mall.seller("Keripik Bu Made")
    mall.listing(made, title="Keripik Pisang", stock=5)
    form = client.get("/produk/keripik-pisang/pesan")
    token = TOKEN.findall(form.text)[0]
    fields = {"csrf": token, "harga": "1500000", "jumlah": "1", "nama": "Ni Luh",
              "hp": "0813 1111 2222", "alamat": "Sidemen", "bayar": "qris"}
    for name, odd in (("harga", "²"), ("jumlah", "²"), ("jumlah", "٣"),
                      ("csrf", "²." + token.partition(".")[2])):
        reply = client.post("/produk/keripik-pisang/pesan", data={**fields, name: odd})
        assert 400 <= reply.status_code < 500, (name, reply.status_code)
    for kunci in ("².abc", "١٢٣.abc"):
        reply = client.get(f"/pesanan/ABCDEFGH?kunci={kunci}")
        assert reply.status_code == 200 and "Cek status pesanan" in reply.text
    cookie = f"{KURATOR_COOKIE}=1.².mac".encode()  # raw UTF-8 bytes, as a hostile client sends
    reply = client.get("/kurator", follow_redirects=False, headers={b"cookie": cookie})
    assert reply.status_code in (303, 401, 403)
    masuk = client.get("/kurator/masuk")
    login_token = TOKEN.findall(masuk.text)[0]
    reply = client.post("/kurator/masuk", data={"csrf": "²" + login_token[1:], "nama": "x",
                                                "sandi": "y"})
    assert reply.status_code == 403
    assert client.get("/foto/" + "a" * 64 + "-٣٢٠.jpg").status_code == 404
