"""The one shop check the protocol cannot make without an image library: a photo's bytes.

Every other field of a listing, photo, order step or answer is checked by
protocol/entities.py through server/validate.py.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from server.shop.images import BadImage, decoded

MAX_PHOTO_BYTES = 600_000  # the desktop sends ≤1024 px JPEGs of ~100 KB


class ShopReject(ValueError):
    """A shop change refused, with the reason the owner reads."""


def check_photo(sha: str, data: dict[str, Any]) -> None:
    """A photo must be a JPEG of at most 1024 px a side whose sha256 is its name."""
    try:
        raw = base64.b64decode(data["jpeg"], validate=True)
    except (binascii.Error, ValueError):
        raise ShopReject("foto bukan base64 yang sah") from None
    if len(raw) > MAX_PHOTO_BYTES:
        raise ShopReject(f"foto terlalu besar ({len(raw)} byte; maks. {MAX_PHOTO_BYTES})")
    if not raw.startswith(b"\xff\xd8\xff"):
        raise ShopReject("foto harus JPEG")
    if hashlib.sha256(raw).hexdigest() != sha:
        raise ShopReject("isi foto tidak cocok dengan sha256-nya")
    try:
        decoded(raw, width=data["width"], height=data["height"])
    except BadImage as bad:
        raise ShopReject(str(bad)) from None
