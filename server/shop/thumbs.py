"""Small copies of product photos (320 and 160 px), made on first request and kept.

A village phone on 3G should not fetch a 1024 px JPEG to show a 150 px card. Without Pillow
the original is served instead (pages still work, only heavier).
"""

from __future__ import annotations

import io

from sqlalchemy import select, update
from sqlmodel import Session

from server.shop.models import ProductPhoto

SIZES = {320: "thumb", 160: "mini"}
QUALITY = 70


def shrink(jpeg: bytes, size: int) -> bytes:
    """The photo at most `size` px on its long side, re-encoded (or as is, without Pillow)."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow ships with the desktop's dependencies
        return jpeg
    try:
        with Image.open(io.BytesIO(jpeg)) as image:
            image.draft("RGB", (size, size))  # decode at a fraction of the size: cheap
            small = image.convert("RGB")
            small.thumbnail((size, size))
            out = io.BytesIO()
            small.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return jpeg  # unreadable: the browser gets what the desktop sent, as it sent it
    return out.getvalue()


def photo_bytes(session: Session, sha256: str, size: int | None) -> bytes | None:
    """A stored photo, whole or at a small size (made and saved the first time)."""
    table = ProductPhoto.__table__  # type: ignore[attr-defined]
    column = table.c.jpeg if size is None else table.c[SIZES[size]]
    row = session.execute(select(table.c.sha256, column).where(table.c.sha256 == sha256)).first()
    if row is None:
        return None
    if row[1] is not None:
        return bytes(row[1])
    original = session.execute(select(table.c.jpeg).where(table.c.sha256 == sha256)).scalar_one()
    small = shrink(bytes(original), size or 0)
    session.execute(update(table).where(table.c.sha256 == sha256).values({column.name: small}))
    session.commit()
    return small
