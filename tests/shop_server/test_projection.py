"""Listings, photos and profiles projected into the storefront, and curation states."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlmodel import select

from server.models import AppUser, Entity
from server.security import enrol_device
from server.shop.changes import SERVER_DEVICE
from server.shop.models import ProductPhoto
from server.shop.project import auto_approve_default, project_listing, project_photo
from sync_client.wire import payload_hash
from tests.shop_server.conftest import Mall, jpeg


def test_a_new_listing_waits_and_changes_send_it_back(mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, approve=False, stock=10)
    product = mall.product(listing)
    assert (product.curation, product.published, product.stock_qty) == ("menunggu", True, 10)
    mall.approve(listing)
    assert mall.product(listing).curation == "tayang"
    mall.write_listing(made, listing, {"stock": 4})            # not shown: stays on the mall
    assert (mall.product(listing).curation, mall.product(listing).stock_qty) == ("tayang", 4)
    mall.write_listing(made, listing, {"price": 1_600_000})    # shown: looked at again
    assert mall.product(listing).curation == "menunggu"
    mall.write_listing(made, listing, {"published": False})
    assert mall.product(listing).curation == "draf"
    mall.write_listing(made, listing, {"published": True})     # published again: waits again
    assert mall.product(listing).curation == "menunggu"


def test_auto_approve_shows_at_once_and_tells_the_desktop(mall: Mall,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    made = mall.seller("Keripik Bu Made")
    monkeypatch.setenv("LUMBUNG_AUTO_APPROVE", "1")           # what `run --auto-approve` sets
    listing = mall.listing(made)
    assert mall.product(listing).curation == "tayang"
    mall.write_listing(made, listing, {"title": "Keripik Pisang Pedas"})
    assert mall.product(listing).curation == "tayang"
    changes = mall.changes(made, "curation")
    assert [json.loads(c.data) for c in changes] == [
        {"state": "tayang", "reason": "Disetujui otomatis oleh Mall"}] * 2
    first = changes[0]
    assert first.device_id == SERVER_DEVICE and first.entity_id == listing
    assert first.hash == payload_hash({"entity": "curation", "entity_id": listing,
                                       "op": "update", "data": json.loads(first.data)})


def test_server_changes_reach_the_desktop_by_pull(client: TestClient, mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made)                               # approved by a kurator
    with mall.session() as session:
        user = session.exec(select(AppUser).where(AppUser.business_id == made)).one()
        _device, token = enrol_device(session, user, name="pc1")
    pulled = client.get("/api/v1/sync/pull?since=0",
                        headers={"Authorization": f"Bearer {token}"}).json()
    curation = [c for c in pulled["changes"] if c["entity"] == "curation"]
    assert [(c["entity_id"], c["data"]["state"]) for c in curation] == [(listing, "tayang")]
    assert pulled["next"] == curation[0]["seq"]


def test_profile_place_and_name_reach_every_product(mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made", kecamatan="Sidemen", desa="Tangkup")
    listing = mall.listing(made)
    mall.profile(made, {"name": "Keripik Bu Made Asli", "kecamatan": "Rendang",
                        "desa": "Besakih"})
    product = mall.product(listing)
    assert (product.seller, product.kecamatan, product.desa) == \
        ("Keripik Bu Made Asli", "Rendang", "Besakih")
    assert "besakih" in product.search_text


def test_slugs_stay_unique_across_businesses_and_never_change(mall: Mall) -> None:
    made, komang = mall.seller("Keripik Bu Made"), mall.seller("Keripik Komang")
    first = mall.listing(made, title="Keripik Pisang")
    second = mall.listing(komang, title="Keripik Pisang")
    assert (mall.product(first).slug, mall.product(second).slug) == \
        ("keripik-pisang", "keripik-pisang-2")
    mall.write_listing(made, first, {"slug": "lain", "title": "Keripik Baru"})
    assert mall.product(first).slug == "keripik-pisang"


def test_malformed_listing_fields_are_not_shown(mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    listing = mall.listing(made, approve=False, category="senjata", price=1.5,
                           certificates=["halal", "palsu"], photos=["../../etc/passwd"],
                           promo_start="besok", stock=-3)
    product = mall.product(listing)
    assert (product.category, product.price, product.published) == ("lainnya", 0, False)
    assert json.loads(product.certificates) == ["halal"]
    assert json.loads(product.photos) == [] and product.promo_start is None
    assert product.stock_qty is None


def test_photos_are_checked_before_they_are_served(client: TestClient, mall: Mall) -> None:
    made, komang = mall.seller("Keripik Bu Made"), mall.seller("Tenun Komang")
    sha = mall.photo(made)
    full = client.get(f"/foto/{sha}.jpg")
    assert full.status_code == 200 and full.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(full.content)) as served:  # the pixels, freshly encoded
        assert (served.format, served.size) == ("JPEG", (1024, 768))
    assert hashlib.sha256(full.content).hexdigest() != sha and not served.info.get("exif")
    assert "immutable" in full.headers["cache-control"]
    thumb = client.get(f"/foto/{sha}-320.jpg")
    assert thumb.status_code == 200 and len(thumb.content) < len(full.content) / 3
    assert client.get(f"/foto/{sha}-320.jpg", headers={"If-None-Match": thumb.headers["etag"]}) \
        .status_code == 304
    assert client.get(f"/foto/{sha}-999.jpg").status_code == 404
    with mall.session() as session:
        html = b"<html><script>alert(1)</script>"
        fake = hashlib.sha256(html).hexdigest()
        other = jpeg(seed=9)
        mislabelled = "0" * 64
        for name, data, owner in ((fake, html, made), (mislabelled, other, made),
                                  (hashlib.sha256(other).hexdigest(), other, komang)):
            session.add(Entity(entity="photo", entity_id=name, business_id=owner,
                               data=json.dumps({"jpeg": base64.b64encode(data).decode()})))
        session.flush()
        assert project_photo(session, made, fake) is None            # not a JPEG
        assert project_photo(session, made, mislabelled) is None     # bytes are not its name
        assert project_photo(session, made, hashlib.sha256(other).hexdigest()) is None  # not ours
        assert project_listing(session, made, "no-such-listing") is None
        session.commit()
        assert len(session.exec(select(ProductPhoto)).all()) == 1


def test_run_auto_approve_sets_the_server_setting(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from server.cli import main

    for name in ("LUMBUNG_AUTO_APPROVE", "LUMBUNG_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)  # restored after the test
    served: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **_: served.append(target))
    assert main(["--data-dir", str(tmp_path), "run", "--auto-approve"]) == 0
    assert served == ["server.asgi:app"] and os.environ["LUMBUNG_AUTO_APPROVE"] == "1"
    assert auto_approve_default()
