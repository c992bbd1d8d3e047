"""Project merged listing, photo and profile entities into the storefront's tables.

The sync (server/merge.py) calls these after it has written a change's `entity` row, inside
the push's transaction; they never commit. A published listing that is new, or whose shown
fields changed, waits for a kurator ("menunggu"), unless the server auto-approves
(`lumbung-server run --auto-approve`, or LUMBUNG_AUTO_APPROVE=1), in which case it shows at
once and the decision goes back to the owner's desktop as a `curation` change.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
from typing import Any

from sqlmodel import Session, col, select

from server.models import Business, Entity, utcnow
from server.shop.catalog import CATEGORIES, CERTIFICATES, plain, profile_data
from server.shop.changes import append_change
from server.shop.images import BadImage, reencoded
from server.shop.models import Product, ProductPhoto

# The fields a buyer sees: a change to any of them sends a published listing back to curation.
SHOWN = ("title", "description", "category", "price", "promo_price", "promo_start",
         "promo_end", "weight_grams", "return_policy", "certificates", "photos")
MAX_PHOTO_BYTES = 2 * 1024 * 1024
MAX_PRICE = 10**15
AUTO_REASON = "Disetujui otomatis oleh Mall"


def auto_approve_default() -> bool:
    """The server setting: LUMBUNG_AUTO_APPROVE=1 (what `run --auto-approve` sets)."""
    return os.environ.get("LUMBUNG_AUTO_APPROVE", "").strip().lower() in ("1", "true", "ya",
                                                                          "yes", "on")


def _text(value: Any, limit: int) -> str:
    return plain(value).strip()[:limit] if isinstance(value, str) else ""


def _int(value: Any, *, low: int = 0, high: int = MAX_PRICE) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        return None
    return value


def _date(value: Any) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else None


def shown_hash(data: dict[str, Any]) -> str:
    """A digest of what buyers see of a listing (compared to spot changes needing curation)."""
    shown = {k: data.get(k) for k in SHOWN}
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False)
                          .encode()).hexdigest()


def _free_slug(session: Session, wanted: str, listing_id: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", wanted.lower()).strip("-")[:100] or "produk"
    slug, number = base, 2
    while True:
        taken = session.exec(select(Product.id).where(Product.slug == slug)).first()
        if taken is None or taken == listing_id:
            return slug
        slug, number = f"{base}-{number}", number + 1


def _place(session: Session, business_id: str) -> dict[str, str]:
    profile = profile_data(session, business_id)
    business = session.get(Business, business_id)
    name = _text(profile.get("name"), 200) or (business.name if business else "")
    return {"seller": name, "desa": _text(profile.get("desa"), 120),
            "kecamatan": _text(profile.get("kecamatan"), 120),
            "kabupaten": _text(profile.get("kabupaten"), 120)}


def _search_text(product: Product) -> str:
    parts = (product.title, product.description, product.seller, product.desa,
             product.kecamatan, CATEGORIES.get(product.category, ""), product.sku)
    return " ".join(p for p in parts if p).lower()[:6000]


def _fill(product: Product, data: dict[str, Any]) -> None:
    """Copy a listing's fields onto the product, keeping only well-formed values."""
    product.sku = _text(data.get("sku"), 60)
    product.item_id = _text(data.get("item"), 36)
    product.title = _text(data.get("title"), 200) or product.sku or "Produk"
    product.description = _text(data.get("description"), 4000)
    category = data.get("category")
    product.category = category if isinstance(category, str) and category in CATEGORIES \
        else "lainnya"
    product.price = _int(data.get("price")) or 0
    product.promo_price = _int(data.get("promo_price"), low=1)
    product.promo_start, product.promo_end = _date(data.get("promo_start")), \
        _date(data.get("promo_end"))
    product.weight_grams = _int(data.get("weight_grams"), high=1_000_000) or 0
    product.return_policy = _text(data.get("return_policy"), 1000)
    certificates = data.get("certificates")
    product.certificates = json.dumps([c for c in certificates if c in CERTIFICATES]
                                      if isinstance(certificates, list) else [])
    photos = data.get("photos")
    product.photos = json.dumps([p for p in photos if isinstance(p, str)
                                 and re.fullmatch(r"[0-9a-f]{64}", p)][:5]
                                if isinstance(photos, list) else [])
    product.stock_qty = _int(data.get("stock"), high=10**9) if "stock" in data else None
    product.published = data.get("published") is True and product.price > 0


def project_listing(session: Session, business_id: str, listing_id: str, *,
                    auto_approve: bool | None = None) -> Product | None:
    """Bring the product row of a listing up to date with its merged entity (no commit)."""
    entity = session.get(Entity, {"entity": "listing", "entity_id": listing_id})
    if entity is None or entity.business_id != business_id:
        return None
    data = json.loads(entity.data)
    if not isinstance(data, dict):
        return None
    product = session.get(Product, listing_id)
    if product is not None and product.business_id != business_id:
        return None  # never: entity ids are unique across businesses
    now = utcnow()
    new = product is None
    if product is None:
        wanted = _text(data.get("slug"), 100) or _text(data.get("title"), 100)
        product = Product(id=listing_id, business_id=business_id,
                          slug=_free_slug(session, wanted, listing_id), created_at=now)
    was_published, old_hash, old_state = product.published, product.shown_hash, product.curation
    _fill(product, data)
    for name, value in _place(session, business_id).items():
        setattr(product, name, value)
    product.search_text = _search_text(product)
    product.shown_hash = shown_hash(data)
    product.updated_at = now
    approved = False
    if not product.published:
        product.curation, product.curation_reason = "draf", ""
    elif new or not was_published or old_state == "draf" or product.shown_hash != old_hash:
        # the desktop marks such a listing "menunggu" itself; only a decision goes back
        approved = auto_approve_default() if auto_approve is None else auto_approve
        product.curation, product.curation_reason = ("tayang", AUTO_REASON) if approved \
            else ("menunggu", "")
        if approved:
            product.approved_at = now
    session.add(product)
    session.flush()
    if approved:
        append_change(session, business_id=business_id, entity="curation", entity_id=listing_id,
                      data={"state": "tayang", "reason": AUTO_REASON})
    return product


def project_photo(session: Session, business_id: str, sha256: str) -> ProductPhoto | None:
    """Store a synced photo for the storefront, if its bytes are a JPEG with that sha256."""
    existing = session.get(ProductPhoto, sha256)
    if existing is not None:
        return existing
    entity = session.get(Entity, {"entity": "photo", "entity_id": sha256})
    if entity is None or entity.business_id != business_id:
        return None
    data = json.loads(entity.data)
    try:
        jpeg = base64.b64decode(str(data.get("jpeg", "")), validate=True)
    except (binascii.Error, ValueError):
        return None
    if not jpeg.startswith(b"\xff\xd8\xff") or len(jpeg) > MAX_PHOTO_BYTES \
            or hashlib.sha256(jpeg).hexdigest() != sha256:
        return None
    try:
        jpeg = reencoded(jpeg)  # served from here on: the pixels, never the uploaded bytes
    except BadImage:
        return None
    photo = ProductPhoto(sha256=sha256, business_id=business_id, jpeg=jpeg,
                         width=_int(data.get("width"), high=10_000) or 0,
                         height=_int(data.get("height"), high=10_000) or 0)
    session.add(photo)
    session.flush()
    return photo


def project_profile(session: Session, business_id: str) -> int:
    """Copy the profile's name and place onto every product of the business; how many."""
    place = _place(session, business_id)
    products = session.exec(select(Product).where(Product.business_id == business_id)
                            .order_by(col(Product.id))).all()
    for product in products:
        for name, value in place.items():
            setattr(product, name, value)
        product.search_text = _search_text(product)
        session.add(product)
    session.flush()
    return len(products)
