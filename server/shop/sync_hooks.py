"""Where the sync push meets the shop: order steps from desktops, and the storefront's tables.

`merge.store_changes` calls these inside the push's transaction: an order step is applied (or
refused with the order's current state) before it is logged, and the storefront's product
rows follow the merged listings, photos and profile once the batch is stored.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlmodel import Session

from server.shop.orders import OrderRefused, apply_order_status
from server.shop.project import project_listing, project_photo, project_profile
from server.shop.questions import answer_question

if TYPE_CHECKING:
    from server.validate import Envelope


SHOP_STEPS = ("order_status", "answer")  # applied to the shop's tables, logged, never merged


def shop_step(session: Session, business_id: str, change: Envelope) -> tuple[bool, str]:
    """Apply a desktop's order step `from → to` or answer; (done, state or reason)."""
    d = change.data
    if change.entity == "answer":
        try:
            answer_question(session, business_id=business_id, question_id=d["question"],
                            answer=d["answer"])
        except OrderRefused as refused:
            return False, refused.message
        return True, "dijawab"
    return apply_order_status(session, business_id, d["order"], d["from"], d["to"], d)


def project_changes(session: Session, business_id: str, changes: list[Envelope]) -> None:
    """Bring the storefront up to date with the listings, photos and profile just stored."""
    if not any(c.entity in ("photo", "listing", "profile") for c in changes):
        return  # most pushes are entries only: nothing for the storefront, no extra flush
    session.flush()
    photos = {c.entity_id for c in changes if c.entity == "photo"}
    for sha in sorted(photos):
        project_photo(session, business_id, sha)
    listings = {c.entity_id for c in changes if c.entity == "listing"}
    for listing_id in sorted(listings):
        project_listing(session, business_id, listing_id)
    if any(c.entity == "profile" for c in changes):
        project_profile(session, business_id)
