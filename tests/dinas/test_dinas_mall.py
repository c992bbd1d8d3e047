"""The mall's own sales statistics on the Dinas pages (issue 16): product page openings,
orders and their value per group over the chosen months, small groups held back, no buyer
shown; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from server.app import create_app
from server.dinas import mall, report
from server.dinas.models import DinasBusiness, DinasMonth
from server.models import Business
from server.security import create_user
from server.shop.models import Product, ProductViewDay, ShopOrder
from tests.sync.conftest import db_url  # noqa: F401 - fixture

BUYER = "Ni Luh Rahasia"


@pytest.fixture
def client(db_url: str) -> Iterator[TestClient]:  # noqa: F811
    app = create_app(db_url)
    with Session(app.state.engine) as session:
        _kabupaten(session)
        create_user(session, username="petugas", password="rahasia-dinas", role="dinas")
    made = TestClient(app)
    csrf = re.search(r'name="csrf" value="([^"]+)"', made.get("/dinas/masuk").text)
    assert csrf is not None
    made.post("/dinas/masuk", data={"csrf": csrf.group(1), "nama": "petugas",
                                    "sandi": "rahasia-dinas"}, follow_redirects=False)
    yield made
    report.forget()
    mall.forget()
    app.state.engine.dispose()


def _business(session: Session, name: str, *, kecamatan: str, consent: str) -> str:
    business_id = str(uuid.uuid4())
    session.add(Business(id=business_id, name=name, slug=name.lower().replace(" ", "-"),
                         epoch=business_id))
    session.flush()
    session.add(DinasBusiness(business_id=business_id, consent=consent, kecamatan=kecamatan,
                              name=name if consent == "profil" else "", desa="Tenganan"))
    session.add(DinasMonth(business_id=business_id, month="2026-03", omzet=100, laba=10,
                           cum_omzet=100, cum_laba=10, seq=1))
    product_id = str(uuid.uuid4())
    session.add(Product(id=product_id, business_id=business_id, slug=f"p-{product_id[:8]}",
                        title="Kain", price=50_000_00))
    session.flush()
    for day, views in ((dt.date(2026, 3, 2), 4), (dt.date(2026, 3, 31), 3),
                       (dt.date(2026, 4, 1), 100)):  # the last is after the period
        session.add(ProductViewDay(product_id=product_id, day=day, views=views))
    for n, (status, total, at) in enumerate((
            ("selesai", 150_000_00, dt.datetime(2026, 3, 5, 9, tzinfo=dt.UTC)),
            ("baru", 50_000_00, dt.datetime(2026, 3, 31, 23, tzinfo=dt.UTC)),
            ("dibatalkan", 999_000_00, dt.datetime(2026, 3, 6, tzinfo=dt.UTC)),
            ("selesai", 777_000_00, dt.datetime(2026, 2, 28, tzinfo=dt.UTC)))):
        session.add(ShopOrder(id=str(uuid.uuid4()), code=f"{product_id[:6]}{n}",
                              business_id=business_id, product_id=product_id, qty=1,
                              unit_price=total, total=total, buyer_name=BUYER,
                              buyer_phone="081234567890", address="Jl. Rahasia 7",
                              payment_method="cod", status=status, created_at=at))
    session.commit()
    return business_id


def _kabupaten(session: Session) -> None:
    for n in range(3):
        _business(session, f"Tenun {n}", kecamatan="Manggis", consent="ringkasan")
    for n in range(2):  # two businesses that did not say `profil`: held back
        _business(session, f"Kopi {n}", kecamatan="Bebandem", consent="ringkasan")
    _business(session, "Tenun Bu Sari", kecamatan="Sidemen", consent="profil")


def test_views_orders_and_value_per_group_in_the_period(client: TestClient) -> None:
    page = client.get("/dinas?kelompok=kecamatan&dari=2026-03&sampai=2026-03").text
    table = page.split("Penjualan di Mall", 1)[1]
    # kecamatan: businesses, products, views, orders (cancelled, February and April out)
    rows = [re.findall(r"<td>(.*?)</td>", r) for r in re.findall(r"<tr>(.*?)</tr>", table)]
    shown = {r[0]: r[1:5] for r in rows if r}
    assert shown == {"Manggis": ["3", "3", "21", "6"], "Sidemen": ["1", "1", "7", "2"]}
    assert "Rp600.000" in table  # 3 × (150.000 + 50.000)
    assert "Bebandem" not in table
    for hidden in (BUYER, "081234567890", "Jl. Rahasia"):
        assert hidden not in page


def test_each_profil_business_has_its_mall_figures_on_the_usaha_page(
        client: TestClient) -> None:
    page = client.get("/dinas/usaha?dari=2026-03&sampai=2026-03").text
    row = re.search(r"<tr><td>Tenun Bu Sari</td>(.*?)</tr>", page)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(1))
    assert cells[-3:] == ["7", "2", "Rp200.000"]
    for hidden in (BUYER, "081234567890", "Jl. Rahasia"):
        assert hidden not in page
