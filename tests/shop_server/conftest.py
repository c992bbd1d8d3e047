"""Storefront tests: the mall app on SQLite and PostgreSQL, seeded the way the sync seeds it.

A seller is a user with a business (server.security.create_user); listings, photos and the
profile are written as merged `entity` rows and projected with server/shop/project.py, which
is exactly what a desktop's push does.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from server.app import create_app
from server.models import AppUser, ChangeLog, Entity
from server.security import create_user
from server.shop.guard import ShopLimits
from server.shop.models import Product
from server.shop.project import project_listing, project_photo, project_profile
from tests.bench.shop_data import busy_jpeg
from tests.sync.conftest import db_url  # noqa: F401 - a fresh SQLite or PostgreSQL per test

HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>\"&"


@pytest.fixture
def app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[FastAPI]:  # noqa: F811
    monkeypatch.delenv("LUMBUNG_AUTO_APPROVE", raising=False)
    monkeypatch.delenv("LUMBUNG_SECRET", raising=False)
    application = create_app(db_url)
    yield application
    application.state.engine.dispose()


@pytest.fixture
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@functools.lru_cache(maxsize=32)
def jpeg(seed: int = 1, size: tuple[int, int] = (1024, 768)) -> bytes:
    """A photo like the desktop sends (≤1024 px, quality 72, ~130 KB): noise and many edges,
    so its small copies weigh what a busy real photo's would (~20 KB at 320 px)."""
    return busy_jpeg(seed, size, shapes=1000)


@dataclass
class Mall:
    """Seeds the mall database as pushes from desktops would."""

    app: FastAPI
    photos: dict[int, str] = field(default_factory=dict)

    def session(self) -> Session:
        return Session(self.app.state.engine, expire_on_commit=False)

    def seller(self, name: str, *, username: str | None = None, **profile: Any) -> str:
        """A business with an umkm login and a synced profile; its id."""
        with self.session() as session:
            user = create_user(session, username=username or f"u{uuid.uuid4().hex[:10]}",
                               password="rahasia-123", role="umkm", business_name=name)
            business_id = str(user.business_id)
        self.profile(business_id, {"name": name, "desa": "Sidemen", "kecamatan": "Sidemen",
                                   "kabupaten": "Karangasem", "phone": "0812-3456-7890",
                                   "halal": "ID35110000123", **profile})
        return business_id

    def profile(self, business_id: str, data: dict[str, Any]) -> None:
        with self.session() as session:
            entity = session.exec(select(Entity).where(Entity.entity == "profile",
                                                       Entity.business_id == business_id)).first()
            if entity is None:
                entity = Entity(entity="profile", entity_id=str(uuid.uuid4()),
                                business_id=business_id, data="{}")
            entity.data = json.dumps({**json.loads(entity.data), **data})
            session.add(entity)
            session.flush()
            project_profile(session, business_id)
            session.commit()

    def photo(self, business_id: str, seed: int = 1) -> str:
        """A synced photo entity, projected; its sha256."""
        data = jpeg(seed)
        sha = hashlib.sha256(data).hexdigest()
        with self.session() as session:
            if session.get(Entity, {"entity": "photo", "entity_id": sha}) is None:
                session.add(Entity(entity="photo", entity_id=sha, business_id=business_id,
                                   data=json.dumps({"jpeg": base64.b64encode(data).decode(),
                                                    "width": 1024, "height": 768})))
                session.flush()
            project_photo(session, business_id, sha)
            session.commit()
        return sha

    def listing(self, business_id: str, *, approve: bool = True, auto: bool | None = None,
                **fields: Any) -> str:
        """A published listing (approved by a kurator unless `approve=False`); its id."""
        listing_id = str(uuid.uuid4())
        title = fields.get("title", "Keripik Pisang")
        data = {"item": str(uuid.uuid4()), "sku": "KP-01", "slug": title.lower(),
                "title": title, "description": "Renyah, tanpa pengawet.",
                "category": "makanan-olahan", "price": 1_500_000, "promo_price": None,
                "promo_start": None, "promo_end": None, "weight_grams": 250,
                "return_policy": "Tukar dalam 3 hari bila rusak.", "certificates": ["halal"],
                "published": True, "photos": [], **fields}
        product = self.write_listing(business_id, listing_id, data, auto=auto)
        if approve and product is not None and product.curation == "menunggu":
            self.approve(listing_id)
        return listing_id

    def write_listing(self, business_id: str, listing_id: str, changes: dict[str, Any], *,
                      auto: bool | None = None) -> Product | None:
        """Merge fields into the listing entity and project it (what a push does)."""
        with self.session() as session:
            entity = session.get(Entity, {"entity": "listing", "entity_id": listing_id})
            if entity is None:
                entity = Entity(entity="listing", entity_id=listing_id, business_id=business_id,
                                data="{}")
            entity.data = json.dumps({**json.loads(entity.data), **changes})
            session.add(entity)
            session.flush()
            product = project_listing(session, business_id, listing_id, auto_approve=auto)
            session.commit()
            return product

    def approve(self, listing_id: str) -> None:
        from server.shop.curate import decide

        with self.session() as session:
            decide(session, product_id=listing_id, approve=True)
            session.commit()

    def product(self, listing_id: str) -> Product:
        with self.session() as session:
            product = session.get(Product, listing_id)
            assert product is not None
            return product

    def changes(self, business_id: str, entity: str) -> list[ChangeLog]:
        with self.session() as session:
            return list(session.exec(select(ChangeLog).where(
                ChangeLog.business_id == business_id, ChangeLog.entity == entity)
                .order_by(ChangeLog.seq)))  # type: ignore[arg-type]

    def kurator(self, username: str = "kurator1", role: str = "kurator") -> AppUser:
        with self.session() as session:
            return create_user(session, username=username, password="kurasi-rahasia",
                               role=role)


@pytest.fixture
def mall(app: FastAPI) -> Mall:
    app.state.shop_limits = ShopLimits(orders_per_ip=1000, orders_per_phone=1000,
                                       questions_per_ip=1000)
    return Mall(app)


def order_body(product_id: str, **over: Any) -> dict[str, Any]:
    """A valid API order for a product."""
    return {"product_id": product_id, "qty": 2, "buyer_name": "Ni Luh Putu",
            "buyer_phone": "0813 1111 2222", "address": "Br. Dinas Kangin, Sidemen",
            "payment_method": "transfer", **over}
