"""Seller onboarding (issue 16 item 8): an owner registers on the mall, the Dinas or a kurator
checks the NIB and activates; only then can the account link a PC, and the storefront shows
"Terverifikasi Dinas"."""

from __future__ import annotations

import re
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlmodel import col, select

from server.dinas.models import DinasAudit
from server.models import AppUser, Business, SellerRegistration
from server.onboarding import RegistrationRefused, decide_registration, register_seller
from server.shop.guard import ShopLimits
from tests.shop_server.conftest import HOSTILE, Mall, order_body

TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
FORM = {"nama": "Tenun Ikat Sidemen", "nib": "9120 0012 3456 7", "desa": "Sidemen",
        "hp": "0812-3456-7890", "sertifikat": "P-IRT 2095107010123-29", "pengguna": "tenun.sidemen",
        "sandi": "rahasia-tenun"}


def _register(client: TestClient, **over: str) -> tuple[int, str]:
    page = client.get("/daftar")
    assert page.status_code == 200 and "NIB" in page.text
    reply = client.post("/daftar", data={"csrf": TOKEN.findall(page.text)[0], **FORM, **over})
    return reply.status_code, reply.text


def _sign_in(client: TestClient, mall: Mall, role: str) -> str:
    """Sign a browser in where `role` reviews registrations; that page's address."""
    mall.kurator(username=f"petugas-{role}", role=role)
    side = "dinas" if role == "dinas" else "kurator"
    page = client.get(f"/{side}/masuk").text
    reply = client.post(f"/{side}/masuk", data={"csrf": TOKEN.findall(page)[0],
                                               "nama": f"petugas-{role}",
                                               "sandi": "kurasi-rahasia"}, follow_redirects=False)
    assert reply.status_code == 303, reply.text
    return f"/{side}/pendaftaran"


def _device(client: TestClient, username: str, password: str) -> int:
    return _device_reply(client, username, password)[0]


def _device_reply(client: TestClient, username: str, password: str) -> tuple[int, str]:
    reply = client.post("/api/v1/auth/device", json={
        "username": username, "password": password, "book_id": str(uuid.uuid4())})
    return reply.status_code, str(reply.json().get("detail", ""))


def _registration(mall: Mall) -> SellerRegistration:
    with mall.session() as session:
        return session.exec(select(SellerRegistration)).one()


@pytest.mark.parametrize("role", ["dinas", "kurator"])
def test_register_wait_activate_and_the_verified_mark(client: TestClient, mall: Mall,
                                                      role: str) -> None:
    status, text = _register(client)
    assert status == 200 and "Pendaftaran terkirim" in text
    registration = _registration(mall)
    assert (registration.nib, registration.phone, registration.status) == \
        ("9120001234567", "6281234567890", "menunggu")
    with mall.session() as session:
        user = session.exec(select(AppUser).where(AppUser.username == "tenun.sidemen")).one()
        assert user.role == "umkm" and not user.active
    # inactive: no device token, so no sync and no publishing
    assert _device(client, "tenun.sidemen", "rahasia-tenun") == 403
    with mall.session() as session:
        assert session.get(Business, registration.business_id).book_id is None  # type: ignore[union-attr]
    listing = mall.listing(registration.business_id)  # as if it had published: no mark yet
    slug = session_slug(mall, registration.business_id)
    assert "Terverifikasi Dinas" not in client.get(f"/toko/{slug}").text

    page = _sign_in(client, mall, role)
    board = client.get(page)
    assert "Menunggu pemeriksaan (1)" in board.text and "9120001234567" in board.text
    assert "HP 0812-3456-7890" in board.text  # as the owner wrote it, not as it is stored
    csrf = TOKEN.findall(board.text)[-1]
    refused = client.post(f"{page}/{registration.id}", data={"csrf": csrf, "keputusan": "ditolak"})
    assert refused.status_code == 409 and "alasan" in refused.text
    forged = client.post(f"{page}/{registration.id}", data={"csrf": "x", "keputusan": "aktif"})
    assert forged.status_code == 403 and _registration(mall).status == "menunggu"
    done = client.post(f"{page}/{registration.id}", data={"csrf": csrf, "keputusan": "aktif"},
                       follow_redirects=False)
    assert done.status_code == 303
    assert _registration(mall).decided_by == f"petugas-{role}"
    assert _device(client, "tenun.sidemen", "rahasia-tenun") == 200
    for path in (f"/toko/{slug}", f"/produk/{mall.product(listing).slug}"):
        assert "Terverifikasi Dinas" in client.get(path).text, path


def session_slug(mall: Mall, business_id: str) -> str:
    with mall.session() as session:
        business = session.get(Business, business_id)
        assert business is not None
        return business.slug


def test_sellers_made_by_the_admin_carry_no_mark(client: TestClient, mall: Mall) -> None:
    seller = mall.seller("Keripik Bu Made")
    slug = mall.product(mall.listing(seller)).slug
    assert "Terverifikasi Dinas" not in client.get(f"/produk/{slug}").text


@pytest.mark.parametrize(("over", "field"), [
    ({"nib": "12345"}, "NIB harus 13 angka"),
    ({"nib": "12345678901234"}, "NIB harus 13 angka"),
    ({"nib": "１２３４５６７８９０１２３"}, "NIB harus 13 angka"),  # full-width digits
    ({"hp": "12"}, "bukan nomor ponsel"),
    ({"sandi": "pendek"}, "8 karakter"),
    ({"desa": ""}, "desa"),
])
def test_bad_registrations_say_which_field(client: TestClient, mall: Mall, over: dict[str, str],
                                           field: str) -> None:
    status, text = _register(client, **over)
    assert status == 422 and field in text
    with mall.session() as session:
        assert session.exec(select(SellerRegistration)).first() is None
        assert session.exec(select(AppUser).where(AppUser.username == "tenun.sidemen")).first() \
            is None


def test_registration_is_protected_and_escaped(client: TestClient, mall: Mall) -> None:
    assert client.post("/daftar", data={**FORM, "csrf": "palsu"}).status_code == 403
    status, text = _register(client, nama=f"Usaha {HOSTILE}"[:200])
    assert status == 200 and "<script>alert" not in text and "&lt;script&gt;" in text
    again, text = _register(client, pengguna="lain.lagi")
    assert again == 422 and "sudah didaftarkan" in text  # one NIB, one registration
    mall.seller("Keripik Bu Made")
    taken, text = _register(client, nama="Keripik Bu Made", nib="1111111111111",
                            pengguna="made.palsu")
    assert taken == 422 and "sudah terdaftar" in text  # never joins someone else's business


def test_registrations_are_rate_limited(client: TestClient, mall: Mall) -> None:
    mall.app.state.shop_limits = ShopLimits(registrations_per_ip=2)
    codes = [_register(client, nib=f"{n:013d}", pengguna=f"usaha{n}", nama=f"Usaha nomor {n}")[0]
             for n in range(1, 4)]
    assert codes == [200, 200, 429]


def test_only_dinas_kurator_or_admin_decide(mall: Mall) -> None:
    with mall.session() as session:
        registration = register_seller(session, business_name="Kopi Rendang", nib="1234567890123",
                                       desa="Rendang", phone="081234567891", username="kopi.r",
                                       password="rahasia-kopi")
        owner = session.exec(select(AppUser).where(AppUser.role == "umkm")).one()
        with pytest.raises(RegistrationRefused, match="Hanya Dinas atau kurator"):
            decide_registration(session, registration_id=registration.id, activate=True,
                                reviewer=owner)
    umkm = TestClient(mall.app)
    mall.seller("Keripik Bu Made", username="made")
    page = umkm.get("/kurator/pendaftaran", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/kurator/masuk"
    assert umkm.get("/dinas/pendaftaran", follow_redirects=False).status_code == 303
    assert umkm.post(f"/dinas/pendaftaran/{registration.id}",
                     data={"keputusan": "aktif"}, follow_redirects=False).status_code == 303
    assert _registration(mall).status == "menunggu"


def test_a_refused_owner_is_told_why(client: TestClient, mall: Mall) -> None:
    assert _register(client)[0] == 200
    assert _device_reply(client, "tenun.sidemen", "rahasia-tenun") == \
        (403, "Akun ini belum diaktifkan Dinas: NIB sedang diperiksa")
    reviewer = mall.kurator()
    with mall.session() as session:
        decide_registration(session, registration_id=_registration(mall).id, activate=False,
                            reviewer=reviewer, reason="NIB tidak ditemukan di OSS")
    assert _device_reply(client, "tenun.sidemen", "rahasia-tenun") == \
        (403, "Pendaftaran ditolak Dinas: NIB tidak ditemukan di OSS")


@pytest.mark.parametrize("role", ["dinas", "kurator"])
def test_deactivate_with_a_reason_and_activate_again(client: TestClient, mall: Mall,
                                                     role: str) -> None:
    assert _register(client)[0] == 200
    page = _sign_in(client, mall, role)
    csrf = TOKEN.findall(client.get(page).text)[-1]
    registration = _registration(mall)
    client.post(f"{page}/{registration.id}", data={"csrf": csrf, "keputusan": "aktif"})
    pc = {"username": "tenun.sidemen", "password": "rahasia-tenun", "book_id": str(uuid.uuid4())}
    linked = client.post("/api/v1/auth/device", json=pc)
    token = {"Authorization": f"Bearer {linked.json()['token']}"}
    assert client.get("/api/v1/sync/business", headers=token).status_code == 200
    listing = mall.listing(registration.business_id, title="Tenun Gringsing")
    product = mall.product(listing)
    assert product.slug in client.get("/cari", params={"q": "Gringsing"}).text
    board = client.get(page).text
    assert "Penjual terdaftar (1)" in board and "Nonaktifkan" in board

    no_reason = client.post(f"{page}/{registration.id}", data={"csrf": csrf,
                                                                "keputusan": "nonaktif"})
    assert no_reason.status_code == 409 and "alasan" in no_reason.text
    assert _registration(mall).status == "aktif"
    forged = client.post(f"{page}/{registration.id}",
                         data={"csrf": "x", "keputusan": "nonaktif", "alasan": "coba"})
    assert forged.status_code == 403 and _registration(mall).status == "aktif"
    off = client.post(f"{page}/{registration.id}", data={
        "csrf": csrf, "keputusan": "nonaktif", "alasan": "Produk <b>palsu</b> dilaporkan"},
        follow_redirects=False)
    assert off.status_code == 303 and off.headers["location"].endswith("pesan=nonaktif")
    assert _registration(mall).status == "nonaktif"
    # the PC's token stops at once, a new link is refused with the reason, the mark is off
    assert client.get("/api/v1/sync/business", headers=token).status_code == 401
    assert _device_reply(client, "tenun.sidemen", "rahasia-tenun") == \
        (403, "Akun ini dinonaktifkan Dinas: Produk <b>palsu</b> dilaporkan")
    slug = session_slug(mall, registration.business_id)
    closed = client.get(f"/toko/{slug}")
    assert closed.status_code == 404 and "tidak aktif" in closed.text
    assert "Terverifikasi Dinas" not in closed.text
    # its products neither show nor sell while it is off the mall
    assert client.get(f"/produk/{product.slug}").status_code == 404
    assert product.slug not in client.get("/cari", params={"q": "Gringsing"}).text
    refused = client.post("/api/v1/orders", json=order_body(listing))
    assert refused.status_code == 409 and "tidak dijual" in refused.text
    board = client.get(page).text
    assert "(nonaktif)" in board and "&lt;b&gt;palsu" in board and "<b>palsu" not in board

    again = client.post(f"{page}/{registration.id}", data={"csrf": csrf,
                                                            "keputusan": "aktif-lagi"},
                        follow_redirects=False)
    assert again.status_code == 303 and _registration(mall).status == "aktif"
    relinked = client.post("/api/v1/auth/device", json=pc)  # the same PC links anew
    assert relinked.status_code == 200 and client.get("/api/v1/sync/business", headers={
        "Authorization": f"Bearer {relinked.json()['token']}"}).status_code == 200
    assert "Terverifikasi Dinas" in client.get(f"/toko/{slug}").text
    assert client.get(f"/produk/{product.slug}").status_code == 200
    assert client.post("/api/v1/orders", json=order_body(listing)).status_code == 201
    twice = client.post(f"{page}/{registration.id}", data={"csrf": csrf,
                                                            "keputusan": "aktif-lagi"})
    assert twice.status_code == 409
    with mall.session() as session:
        logged = [(a.username, a.action, a.detail) for a in session.exec(
            select(DinasAudit).where(DinasAudit.action == "akun").order_by(col(DinasAudit.id)))]
    assert logged == [
        (f"petugas-{role}", "akun", "nonaktifkan Tenun Ikat Sidemen: Produk <b>palsu</b> dilaporkan"),
        (f"petugas-{role}", "akun", "aktifkan lagi Tenun Ikat Sidemen")]
