"""OVOP on the storefront: the desa a product is the flagship of, as the Dinas recorded it."""

from __future__ import annotations

from sqlmodel import Session, select

from server.dinas.models import DinasOvop


def flagship_desa(session: Session, product_id: str) -> str:
    """The desa whose flagship product this is ("" when none)."""
    found = session.exec(select(DinasOvop.desa).where(DinasOvop.product_id == product_id)).first()
    return found or ""
