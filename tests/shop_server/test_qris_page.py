"""The buyer's order page shows the seller's QRIS when they chose QRIS (issue 13)."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from fastapi.testclient import TestClient

from desktop.books.qris import read_qris_image
from tests.books.test_qris import qris_payload
from tests.shop_server.conftest import Mall
from tests.shop_server.test_pages import TOKEN

IMAGE = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="QRIS ([^"]*)"')


def order(client: TestClient, slug: str, method: str) -> str:
    form = client.get(f"/produk/{slug}/pesan")
    done = client.post(f"/produk/{slug}/pesan", data={
        "csrf": TOKEN.findall(form.text)[0], "harga": "1500000", "jumlah": "1",
        "nama": "Ni Luh", "hp": "0813 1111 2222", "alamat": "Sidemen", "bayar": method})
    assert done.status_code == 200 and done.url.path.startswith("/pesanan/")
    return done.text


def test_a_qris_order_shows_a_code_that_scans_to_the_sellers_payload(
        client: TestClient, mall: Mall, tmp_path: Path) -> None:
    made = mall.seller("Keripik Bu Made", qris_payload=qris_payload())
    mall.listing(made, title="Keripik Pisang", stock=5)
    page = order(client, "keripik-pisang", "qris")
    found = IMAGE.findall(page)
    assert len(found) == 1 and found[0][1] == "Keripik Bu Made"
    (tmp_path / "qris.png").write_bytes(base64.b64decode(found[0][0]))
    assert read_qris_image(tmp_path / "qris.png").payload == qris_payload()
    assert not IMAGE.findall(order(client, "keripik-pisang", "transfer"))


def test_a_payload_that_is_not_a_valid_qris_is_never_drawn(
        client: TestClient, mall: Mall) -> None:
    broken = qris_payload()[:-4] + ("0000" if not qris_payload().endswith("0000") else "FFFF")
    made = mall.seller("Tenun Bu Sari", qris_payload=broken)
    mall.listing(made, title="Kain Tenun", stock=5)
    page = order(client, "kain-tenun", "qris")
    assert not IMAGE.findall(page) and "QRIS" in page  # the written instructions still show
