"""Programs and their before/after table, OVOP products with a kurator's stars (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from server.dinas.models import DinasBusiness, DinasMonth, DinasOvop
from server.dinas.program import add_program, evaluate
from server.models import Business
from tests.dinas.conftest import Mall


def _businesses(session: Session, months: dict[str, int], *, n: int, consent: str,
                tag: str) -> list[str]:
    """`n` consenting businesses with the given omzet per month (laba a tenth)."""
    ids = []
    for k in range(n):
        business_id = str(uuid.uuid4())
        session.add(Business(id=business_id, name=f"{tag}{k}", slug=f"{tag}-{k}",
                             epoch=str(uuid.uuid4())))
        session.flush()
        session.add(DinasBusiness(business_id=business_id, consent=consent, name=f"{tag}{k}",
                                  desa="Tenganan", kecamatan="Manggis"))
        for month, omzet in months.items():
            session.add(DinasMonth(business_id=business_id, month=month, omzet=omzet,
                                   laba=omzet // 10, tahap="persiapan"))
        ids.append(business_id)
    session.flush()
    return ids


def _months(first: str, count: int, omzet: int) -> dict[str, int]:
    year, month = int(first[:4]), int(first[5:])
    out = {}
    for _ in range(count):
        out[f"{year:04d}-{month:02d}"] = omzet
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def test_difference_in_differences_with_small_cells_suppressed(mall: Mall) -> None:
    with Session(mall.live.app.state.engine) as session:
        before, after = _months("2025-07", 6, 1_000_000), _months("2026-03", 6, 3_000_000)
        ikut = _businesses(session, {**before, **after}, n=3, consent="profil", tag="ikut")
        _businesses(session, {**before, **_months("2026-03", 6, 1_500_000)}, n=4,
                    consent="ringkasan", tag="lain")
        program = add_program(session, name="Pelatihan kemasan", kind="pelatihan",
                              start=dt.date(2026, 1, 5), end=dt.date(2026, 2, 20),
                              members=ikut, by="petugas")
        rows = {r.measure: r for r in evaluate(session, program)}
        omzet = rows["omzet"]
        assert (omzet.ikut.businesses, omzet.lain.businesses) == (3, 4)
        assert (omzet.ikut.before, omzet.ikut.after) == (1_000_000, 3_000_000)
        assert omzet.lain.change == 500_000 and omzet.did == 1_500_000
        assert rows["laba"].did == 150_000 and rows["tahap"].did == 0
        small = add_program(session, name="Pameran", kind="pameran", start=dt.date(2026, 1, 5),
                            end=dt.date(2026, 2, 20), members=ikut[:2], by="petugas")
        cut = {r.measure: r for r in evaluate(session, small)}["omzet"]
        assert cut.ikut.businesses == 2 and cut.ikut.before is None and cut.did is None
        program_id = program.id
        session.commit()
    page = mall.officer().get(f"/dinas/program/{program_id}").text
    assert "Pelatihan kemasan" in page and "Rp15.000" in page  # 1_500_000 sen


def test_a_program_is_recorded_on_the_page_and_text_is_escaped(mall: Mall, today: dt.date
                                                              ) -> None:
    mall.business("Tenun Bu Sari", consent="profil", secret="Anggrek")
    client = mall.officer()
    page = client.get("/dinas/program").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', page)
    member = re.search(r'name="peserta" value="([^"]+)"', page)
    assert csrf is not None and member is not None
    reply = client.post("/dinas/program", data={
        "csrf": csrf.group(1), "nama": "<b>Pelatihan</b>", "jenis": "pelatihan",
        "mulai": "2026-03-01", "selesai": "2026-03-05", "peserta": member.group(1)})
    assert reply.status_code == 200
    assert "&lt;b&gt;Pelatihan&lt;/b&gt;" in reply.text and "<b>Pelatihan</b>" not in reply.text
    assert "1 peserta" in reply.text
    wrong = client.post("/dinas/program", data={
        "csrf": csrf.group(1), "nama": "X", "jenis": "pesta", "mulai": "2026-03-01",
        "selesai": "2026-03-05"})
    assert wrong.status_code == 422 and "Jenis program" in wrong.text


def test_ovop_products_are_added_by_the_dinas_and_scored_by_a_kurator(mall: Mall) -> None:
    with Session(mall.live.app.state.engine) as session:
        from server.shop.models import Product

        owner = str(uuid.uuid4())
        session.add(Business(id=owner, name="Tenun", slug="tenun", epoch=str(uuid.uuid4())))
        session.flush()
        session.add(Product(id=str(uuid.uuid4()), business_id=owner, slug="kain-gringsing",
                            title="Kain Gringsing", published=True, curation="tayang",
                            price=50_000_000))
        session.commit()
    dinas = mall.officer()
    csrf = re.search(r'name="csrf" value="([^"]+)"', dinas.get("/dinas/ovop").text)
    assert csrf is not None
    added = dinas.post("/dinas/ovop", data={"csrf": csrf.group(1), "desa": "Tenganan",
                                            "produk": "/produk/kain-gringsing"})
    assert "Kain Gringsing" in added.text
    kurator = mall.officer("kurator")
    page = kurator.get("/dinas/ovop").text
    token = re.search(r'name="csrf" value="([^"]+)"', page)
    with Session(mall.live.app.state.engine) as session:
        (ovop,) = session.exec(select(DinasOvop)).all()
    assert token is not None
    stars = {"bahan": "5", "pasokan": "4", "nilai": "3", "kapasitas": "2", "kemasan": "1"}
    kurator.post(f"/dinas/ovop/{ovop.id}/nilai", data={"csrf": token.group(1), **stars})
    with Session(mall.live.app.state.engine) as session:
        scored = session.get(DinasOvop, ovop.id)
        assert scored is not None and json.loads(scored.scores)["bahan"] == 5
    assert "★★★★★" in dinas.get("/dinas/ovop").text
    shop = TestClient(mall.live.app)
    product = shop.get("/produk/kain-gringsing")
    assert "Produk unggulan Desa Tenganan" in product.text
