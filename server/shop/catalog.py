"""What the storefront shows: visible products, searched and browsed, and each seller's card.

A product is visible when its listing is published and curation has let it show ("tayang").
All reads here are plain queries on the `product` projection, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, inspect, or_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from protocol.qris import is_qris
from server.models import Business, Entity, SellerRegistration
from server.shop.models import Product, ProductPhoto, ProductViewDay

CATEGORIES = {"makanan-olahan": "Makanan olahan", "kain-tenun": "Kain & tenun",
              "kerajinan": "Kerajinan", "minuman": "Minuman", "pertanian": "Pertanian",
              "lainnya": "Lainnya"}
CERTIFICATES = {"halal": "Halal", "pirt": "P-IRT", "sni": "SNI"}
PAGE = 24
LONG_TEXTS = ("description", "search_text", "return_policy")  # never on a card


def plain(text: str) -> str:
    """Text safe to put in a query: no NUL (PostgreSQL refuses it) and no lone surrogates."""
    return text.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")


def rupiah(sen: int) -> str:
    """Integer sen as `Rp15.000` (and `Rp15.000,50` when there are sen)."""
    whole, part = divmod(abs(int(sen)), 100)
    text = f"Rp{whole:,}".replace(",", ".") + (f",{part:02d}" if part else "")
    return f"-{text}" if sen < 0 else text


def promo_active(product: Product, day: dt.date) -> bool:
    """Whether the promo price applies on `day` (price, start and end all set, day inside)."""
    return bool(product.promo_price and product.promo_start and product.promo_end
                and product.promo_start <= day.isoformat() <= product.promo_end
                and product.promo_price < product.price)


def price_on(product: Product, day: dt.date) -> int:
    """What a buyer pays for one unit on `day`."""
    return int(product.promo_price) if promo_active(product, day) and product.promo_price \
        else int(product.price)


def photos_of(product: Product) -> list[str]:
    """The product's photo names (sha256), in order."""
    shas = json.loads(product.photos or "[]")
    return [s for s in shas if isinstance(s, str) and re.fullmatch(r"[0-9a-f]{64}", s)]


def photo_sizes(session: Session, shas: list[str]) -> dict[str, tuple[int, int]]:
    """Width and height of those photos the server has (without loading their bytes)."""
    if not shas:
        return {}
    rows = session.exec(select(ProductPhoto.sha256, ProductPhoto.width, ProductPhoto.height)
                        .where(col(ProductPhoto.sha256).in_(shas))).all()
    return {sha: (int(width), int(height)) for sha, width, height in rows}


def cards() -> Any:
    """Select products for cards: without their long texts (loaded only if read)."""
    attrs = inspect(Product).attrs
    return select(Product).options(*(defer(attrs[name].class_attribute) for name in LONG_TEXTS))


def visible() -> Any:
    """The condition a product must meet to be shown or ordered: published, let show by
    curation, and its seller not deactivated by the Dinas (server/onboarding.py)."""
    return ((col(Product.published).is_(True)) & (col(Product.curation) == "tayang")
            & col(Product.business_id).not_in(_DEACTIVATED))


# Sellers the Dinas or a kurator deactivated: a handful of rows, found by the status index.
_DEACTIVATED = select(SellerRegistration.business_id).where(
    SellerRegistration.status == "nonaktif")


def seller_deactivated(session: Session, business_id: str) -> bool:
    """Whether the Dinas took this seller off the mall (its products neither show nor sell)."""
    return session.exec(_DEACTIVATED.where(
        SellerRegistration.business_id == business_id).limit(1)).first() is not None


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Filters:
    """A search: words, and optionally a category, kecamatan or desa."""

    q: str = ""
    category: str = ""
    kecamatan: str = ""
    desa: str = ""

    def any(self) -> bool:
        return bool(self.q.strip() or self.category or self.kecamatan or self.desa)


def search_products(session: Session, filters: Filters, *, limit: int = PAGE,
                    offset: int = 0) -> tuple[list[Product], int]:
    """Visible products matching every word and filter, newest first, and how many match."""
    filters = Filters(q=plain(filters.q), category=plain(filters.category),
                      kecamatan=plain(filters.kecamatan), desa=plain(filters.desa))
    query = cards().where(visible())
    for word in filters.q.lower().split()[:8]:
        query = query.where(col(Product.search_text).like(_like(word[:60]), escape="\\"))
    if filters.category:
        query = query.where(Product.category == filters.category)
    if filters.kecamatan:
        query = query.where(func.lower(Product.kecamatan) == filters.kecamatan.strip().lower())
    if filters.desa:
        query = query.where(func.lower(Product.desa) == filters.desa.strip().lower())
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(Product.approved_at).desc(), col(Product.id))
                        .limit(limit).offset(offset)).all()
    return list(rows), int(total)


def promo_products(session: Session, day: dt.date, *, limit: int = 8) -> list[Product]:
    """Visible products whose promo runs today."""
    iso = day.isoformat()
    rows = session.exec(cards().where(
        visible(), col(Product.promo_price).is_not(None), col(Product.promo_start) <= iso,
        col(Product.promo_end) >= iso, col(Product.promo_price) < col(Product.price))
        .order_by(col(Product.promo_end), col(Product.id)).limit(limit)).all()
    return list(rows)


def new_products(session: Session, *, limit: int = 8) -> list[Product]:
    """The products most recently let onto the mall."""
    return list(session.exec(cards().where(visible())
                             .order_by(col(Product.approved_at).desc(), col(Product.id))
                             .limit(limit)).all())


def places(session: Session) -> list[tuple[str, list[str]]]:
    """Each kecamatan with visible products, and its desa, alphabetically."""
    rows = session.exec(select(Product.kecamatan, Product.desa).where(visible())
                        .distinct()).all()
    found: dict[str, set[str]] = {}
    for kecamatan, desa in rows:
        if kecamatan:
            found.setdefault(kecamatan, set())
            if desa:
                found[kecamatan].add(desa)
    return [(k, sorted(found[k])) for k in sorted(found)]


def product_by_slug(session: Session, slug: str) -> Product | None:
    """The visible product at this address."""
    return session.exec(select(Product).where(Product.slug == plain(slug), visible())).first()


def related_products(session: Session, product: Product, *, limit: int = 4) -> list[Product]:
    """Other visible products of the same category (the same seller's first), or the seller's."""
    same_seller = (col(Product.business_id) == product.business_id)
    rows = session.exec(cards().where(
        visible(), Product.id != product.id,
        or_(col(Product.category) == product.category, same_seller))
        .order_by(same_seller.desc(), col(Product.approved_at).desc(), col(Product.id))
        .limit(limit)).all()
    return list(rows)


def business_by_slug(session: Session, slug: str) -> Business | None:
    """A business by its mall address."""
    return session.exec(select(Business).where(Business.slug == plain(slug))).first()


def business_products(session: Session, business_id: str) -> list[Product]:
    """A business's visible products."""
    return list(session.exec(cards().where(visible(), Product.business_id == business_id)
                             .order_by(col(Product.title), col(Product.id))).all())


def profile_data(session: Session, business_id: str) -> dict[str, Any]:
    """The business profile as last synced (empty when none came yet)."""
    entity = session.exec(select(Entity).where(Entity.entity == "profile",
                                               Entity.business_id == business_id)
                          .order_by(col(Entity.updated_seq).desc())).first()
    if entity is None:
        return {}
    data = json.loads(entity.data)
    return data if isinstance(data, dict) else {}


def seller_card(session: Session, business: Business) -> dict[str, Any]:
    """What the storefront says about a seller: name, place, certificates, WhatsApp."""
    from server.shop.orders import whatsapp_number  # the phone rules live with orders

    profile = profile_data(session, business.id)
    text = {k: str(profile.get(k) or "").strip() for k in
            ("name", "owner", "desa", "kecamatan", "kabupaten", "address", "phone", "type")}
    certificates = [(CERTIFICATES[k], str(profile[k])[:40]) for k in CERTIFICATES
                    if profile.get(k)]
    return {"name": text["name"] or business.name, "slug": business.slug,
            "owner": text["owner"], "desa": text["desa"], "kecamatan": text["kecamatan"],
            "kabupaten": text["kabupaten"], "type": text["type"],
            "verified": business.verified_at is not None,  # NIB checked by the Dinas
            "certificates": certificates, "whatsapp": whatsapp_number(text["phone"]),
            "payment": {k: str(profile.get(f"payment_{k}") or "")[:500]
                        for k in ("transfer", "qris", "cod")},
            "qris": profile["qris_payload"] if is_qris(profile.get("qris_payload")) else ""}


def count_view(session: Session, product_id: str, day: dt.date) -> None:
    """One more opening of a product page today; nothing about the visitor is kept."""
    session.execute(Product.__table__.update()  # type: ignore[attr-defined]
                    .where(Product.__table__.c.id == product_id)  # type: ignore[attr-defined]
                    .values(views=Product.__table__.c.views + 1))  # type: ignore[attr-defined]
    table = ProductViewDay.__table__  # type: ignore[attr-defined]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(table).values(product_id=product_id, day=day, views=1)
    session.execute(statement.on_conflict_do_update(
        index_elements=["product_id", "day"], set_={"views": table.c.views + 1}))


def business_views(session: Session, business_id: str, *, days: int = 30,
                   today: dt.date | None = None) -> list[tuple[Product, list[tuple[str, int]]]]:
    """Each product of a business with its page openings per day over the last `days` days
    (the seller's visitor statistics: counts only, nothing about who looked)."""
    start = (today or dt.date.today()) - dt.timedelta(days=days - 1)
    products = list(session.exec(select(Product).where(Product.business_id == business_id)
                                 .order_by(col(Product.title), col(Product.id))))
    per_day: dict[str, list[tuple[str, int]]] = {p.id: [] for p in products}
    rows = session.exec(select(ProductViewDay).where(
        col(ProductViewDay.product_id).in_(list(per_day)), col(ProductViewDay.day) >= start)
        .order_by(col(ProductViewDay.day))).all() if products else []
    for row in rows:
        per_day[row.product_id].append((row.day.isoformat(), row.views))
    return [(p, per_day[p.id]) for p in products]
