"""The Dinas sees consented summaries only: never a business at `none`, never journal lines,
parties or buyers, on any page or export; withdrawing removes a business at the next sync."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from desktop.books.dinas import set_consent, update_dinas_profile
from server.cli import main as server_cli
from server.dinas.models import DinasAudit, DinasMonth
from tests.dinas.conftest import Mall
from tests.sync.helpers import sync

PERIOD = {"dari": "2026-01", "sampai": "2026-02"}
PAGES = ("/dinas", "/dinas?kelompok=desa", "/dinas?kelompok=kategori", "/dinas?kelompok=kelas",
         "/dinas?kelompok=tahap", "/dinas/usaha", "/dinas/program", "/dinas/ovop")


def everything(client: TestClient) -> str:
    """Every Dinas page and export, as text (the XLSX unzipped)."""
    seen = [client.get(page, params=PERIOD).text for page in PAGES]
    for group in ("kecamatan", "desa", "kategori", "kelas", "tahap", "usaha"):
        for kind in ("csv", "json"):
            seen.append(client.get("/dinas/ekspor", params={
                **PERIOD, "kelompok": group, "format": kind}).text)
        xlsx = client.get("/dinas/ekspor", params={**PERIOD, "kelompok": group,
                                                   "format": "xlsx"}).content
        with zipfile.ZipFile(io.BytesIO(xlsx)) as book:
            seen += [book.read(name).decode() for name in book.namelist()]
    return "\n".join(seen)


@pytest.fixture
def kabupaten(mall: Mall, today: dt.date) -> Mall:
    mall.business("Tenun Bu Sari", consent="profil", secret="Anggrek")
    mall.business("Keripik Pak Wayan", consent="ringkasan", secret="Bougenvil")
    mall.business("Kopi Bu Komang", consent="ringkasan", secret="Cempaka")
    mall.business("Arak Pak Gede", consent="none", desa="Sibetan", kecamatan="Bebandem",
                  secret="Dahlia")
    return mall


def test_only_consented_figures_and_never_books_detail(kabupaten: Mall) -> None:
    client = kabupaten.officer()
    seen = everything(client)
    for secret in ("Anggrek", "Bougenvil", "Cempaka", "Dahlia"):
        assert secret not in seen  # memos and buyers' names
    assert "Arak Pak Gede" not in seen and "Bebandem" not in seen and "Sibetan" not in seen
    assert "Keripik Pak Wayan" not in seen and "Kopi Bu Komang" not in seen  # no name at ringkasan
    assert "Tenun Bu Sari" in client.get("/dinas/usaha", params=PERIOD).text
    groups = client.get("/dinas/ekspor", params={**PERIOD, "kelompok": "kecamatan",
                                                 "format": "json"}).json()
    assert groups == {"suppressed": 0, "groups": [{
        "key": "Manggis", "businesses": 3, "omzet": "720000", "laba": "720000",
        "aset": "720000", "tenaga_kerja": 0, "kelas": {"mikro": 3},
        "tahap": {"persiapan": 3}}]}


def test_withdrawing_consent_removes_the_business_at_the_next_sync(kabupaten: Mall) -> None:
    client = kabupaten.officer()
    book = kabupaten.books["Kopi Bu Komang"]
    set_consent(book, level="none")
    assert sync(book).status == "ok"
    with Session(kabupaten.live.app.state.engine) as session:
        left = {m.business_id for m in session.exec(select(DinasMonth))}
    assert len(left) == 2
    reply = client.get("/dinas/ekspor", params={**PERIOD, "kelompok": "kecamatan",
                                                "format": "json"}).json()
    assert reply == {"groups": [], "suppressed": 1}  # two left, one only at ringkasan
    assert "1 kelompok tidak ditampilkan" in client.get("/dinas", params=PERIOD).text


def test_a_small_group_of_profil_businesses_is_shown(mall: Mall, today: dt.date) -> None:
    mall.business("Tenun Bu Sari", consent="profil", secret="Anggrek")
    client = mall.officer()
    reply = client.get("/dinas/ekspor", params={**PERIOD, "kelompok": "usaha",
                                                "format": "json"}).json()
    assert [g["key"] for g in reply["groups"]] == ["Tenun Bu Sari"]


def test_profile_gaps_and_the_audit_log(kabupaten: Mall) -> None:
    book = kabupaten.books["Tenun Bu Sari"]
    update_dinas_profile(book, paid_women=3, pirt_no="123456789012345",
                         owner_gender="perempuan")
    assert sync(book).status == "ok"
    client = kabupaten.officer()
    page = client.get("/dinas", params=PERIOD).text
    assert "Tenun Bu Sari (Tenganan): NIB, HALAL" in page
    client.get("/dinas/ekspor", params={**PERIOD, "kelompok": "usaha", "format": "xlsx"})
    with Session(kabupaten.live.app.state.engine) as session:
        actions = [(a.username, a.action) for a in session.exec(select(DinasAudit))]
    assert ("petugas-dinas", "lihat") in actions and ("petugas-dinas", "ekspor") in actions
    assert client.get("/dinas/audit", follow_redirects=False).status_code == 303  # admin only
    admin = kabupaten.officer("admin")
    assert "ekspor" in admin.get("/dinas/audit").text


def test_a_dinas_login_opens_no_sync_order_or_kurator_route(kabupaten: Mall) -> None:
    client = kabupaten.officer()
    device = client.post("/api/v1/auth/device", json={
        "username": "petugas-dinas", "password": "rahasia-dinas",
        "book_id": "0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000"})
    assert device.status_code == 403
    assert client.get("/api/v1/sync/pull").status_code == 401
    assert client.get("/api/v1/orders").status_code == 401
    assert client.get("/kurator", follow_redirects=False).status_code == 303
    anonymous = TestClient(kabupaten.live.app)
    for page in PAGES:
        assert anonymous.get(page, follow_redirects=False).status_code == 303


def test_a_kurator_signs_in_for_ovop_only(kabupaten: Mall) -> None:
    kurator = kabupaten.officer("kurator")
    assert kurator.get("/dinas/ovop").status_code == 200
    assert kurator.get("/dinas", follow_redirects=False).status_code == 303


def test_the_server_command_exports_and_is_audited(kabupaten: Mall, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url = kabupaten.live.db_url
    base = ["--database-url", url, "dinas", "ringkasan", "--from", "2026-01", "--to", "2026-02"]
    assert server_cli([*base, "--group", "desa", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["groups"][0]["key"] == "Tenganan" and printed["groups"][0]["businesses"] == 3
    target = tmp_path / "usaha.xlsx"
    assert server_cli([*base, "--group", "usaha", "--xlsx", str(target)]) == 0
    capsys.readouterr()
    from openpyxl import load_workbook

    sheet = load_workbook(target).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[1][:3] == ["nama usaha", "NIB", "alamat"] and rows[2][0] == "Tenun Bu Sari"
    assert server_cli(["--database-url", url, "dinas", "audit"]) == 0
    assert "xlsx usaha" in capsys.readouterr().out
    assert server_cli([*base[:4], "--from", "2026-1", "--to", "2026-02"]) == 2
