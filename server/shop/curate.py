"""Curation: a kurator lets a published listing show on the mall, or refuses it with a reason.

Each decision is also a `curation` change in the business's change log, so the owner's
desktop learns it at the next sync (sync_client/apply_shop.py shows it on the listing).
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from server.models import Business, utcnow
from server.shop.catalog import plain
from server.shop.changes import append_change
from server.shop.models import Product

MAX_REASON = 500


class CurationRefused(Exception):
    """A decision that cannot be taken now, with the message for the kurator."""


def waiting_products(session: Session, *, limit: int = 100) -> list[tuple[Product, Business]]:
    """Published listings waiting for a decision, oldest change first, with their business."""
    rows = session.exec(select(Product, Business).where(
        Product.business_id == Business.id, col(Product.published).is_(True),
        Product.curation == "menunggu").order_by(col(Product.updated_at), col(Product.id))
        .limit(limit)).all()
    return [(product, business) for product, business in rows]


def live_count(session: Session) -> int:
    """How many products show on the mall now."""
    return len(session.exec(select(Product.id).where(
        col(Product.published).is_(True), Product.curation == "tayang")).all())


def decide(session: Session, *, product_id: str, approve: bool, reason: str = "",
           seen_hash: str | None = None) -> Product:
    """Approve ("tayang") or reject ("ditolak") a listing; the caller commits."""
    product = session.get(Product, plain(product_id))
    if product is None or not product.published:
        raise CurationRefused("Produk ini tidak ada atau sudah ditarik pemiliknya")
    if seen_hash is not None and seen_hash != product.shown_hash:
        raise CurationRefused("Produk ini baru saja diubah pemiliknya; periksa lagi isinya")
    allowed = ("menunggu", "ditolak") if approve else ("menunggu", "tayang")
    if product.curation not in allowed:
        raise CurationRefused(f"Produk ini sudah berstatus '{product.curation}'")
    reason = " ".join(reason.split())[:MAX_REASON]
    if not approve and not reason:
        raise CurationRefused("Tulis alasan penolakan, agar pemilik tahu apa yang diperbaiki")
    state = "tayang" if approve else "ditolak"
    product.curation, product.curation_reason = state, reason
    if approve:
        product.approved_at = utcnow()
    session.add(product)
    append_change(session, business_id=product.business_id, entity="curation",
                  entity_id=product.id, data={"state": state, "reason": reason})
    return product
