"""Checks of the shop's pushed changes: listings, their photos, order steps, and answers."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import re
from typing import Any

from server.shop.images import BadImage, decoded

CATEGORIES = {"makanan-olahan", "kain-tenun", "kerajinan", "minuman", "pertanian", "lainnya"}
CERTIFICATES = {"halal", "pirt", "sni"}
STATUSES = {"baru", "diterima", "ditolak", "dibayar", "dikirim", "selesai", "dibatalkan"}
SHA256 = re.compile(r"^[0-9a-f]{64}$")
MAX_PHOTO_BYTES = 600_000  # the desktop sends ≤1024 px JPEGs of ~100 KB
MAX_PRICE = 10**13         # sen: a hundred billion rupiah
FIELDS = {
    "listing": {"item", "sku", "slug", "title", "description", "category", "price",
                "promo_price", "promo_start", "promo_end", "weight_grams", "return_policy",
                "certificates", "published", "photos", "stock"},
    "photo": {"jpeg", "width", "height"},
    "order_status": {"order", "from", "to", "reason", "courier", "resi", "paid", "sale_ref",
                     "payment_ref"},
    "answer": {"question", "answer"},
}
REQUIRED = {("listing", "insert"): {"item", "slug", "title", "category", "price"},
            ("photo", "insert"): {"jpeg", "width", "height"},
            ("order_status", "insert"): {"order", "from", "to"},
            ("answer", "insert"): {"question", "answer"}}
LIMITS = {"title": 120, "description": 4000, "return_policy": 1000, "sku": 40, "slug": 90,
          "reason": 300, "courier": 60, "resi": 60, "sale_ref": 40, "payment_ref": 40,
          "answer": 2000}


class ShopReject(ValueError):
    """A shop change refused, with the reason the owner reads."""


def check_shop(entity: str, entity_id: str, op: str, data: dict[str, Any]) -> None:
    """Field names, types and limits; a photo's bytes must be a JPEG with its sha256."""
    unknown = set(data) - FIELDS[entity]
    if unknown:
        raise ShopReject(f"kolom tidak dikenal: {', '.join(sorted(unknown))}"[:200])
    missing = REQUIRED.get((entity, op), set()) - set(data)
    if missing:
        raise ShopReject(f"kolom wajib tidak ada: {', '.join(sorted(missing))}")
    for key, value in data.items():
        _field(key, value)
    if entity == "photo":
        _photo(entity_id, data)


def _field(key: str, value: Any) -> None:
    if key in LIMITS:
        if not isinstance(value, str) or len(value) > LIMITS[key]:
            raise ShopReject(f"'{key}' harus teks (maks. {LIMITS[key]})")
    elif key in ("price", "promo_price", "weight_grams", "width", "height", "stock"):
        optional = key in ("promo_price", "stock")
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PRICE:
            raise ShopReject(f"'{key}' harus bilangan bulat tidak negatif")
        if key == "price" and value == 0:
            raise ShopReject("'price' harus lebih dari nol")
    elif key in ("promo_start", "promo_end"):
        if value is not None:
            try:
                dt.date.fromisoformat(str(value)[:10] if isinstance(value, str) else "")
            except ValueError:
                raise ShopReject(f"'{key}' harus tanggal YYYY-MM-DD") from None
    elif key in ("published", "paid"):
        if not isinstance(value, bool | int) or value not in (0, 1):
            raise ShopReject(f"'{key}' harus true/false")
    elif key == "category" and value not in CATEGORIES:
        raise ShopReject(f"kategori '{str(value)[:30]}' tidak dikenal")
    elif key == "certificates":
        if not isinstance(value, list) or not set(value) <= CERTIFICATES:
            raise ShopReject("'certificates' hanya boleh halal, pirt, sni")
    elif key == "photos":
        if not isinstance(value, list) or len(value) > 5 or not all(
                isinstance(v, str) and SHA256.fullmatch(v) for v in value):
            raise ShopReject("'photos' harus daftar sha256 (maks. 5)")
    elif key in ("from", "to") and value not in STATUSES:
        raise ShopReject(f"status '{str(value)[:20]}' tidak dikenal")
    elif key in ("item", "order", "question") and not (isinstance(value, str) and len(value) == 36):
        raise ShopReject(f"'{key}' harus UUID")
    elif key == "jpeg" and not isinstance(value, str):
        raise ShopReject("'jpeg' harus teks base64")


def _photo(sha: str, data: dict[str, Any]) -> None:
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
    if not (0 < data["width"] <= 1024 and 0 < data["height"] <= 1024):
        raise ShopReject("foto paling besar 1024 piksel per sisi")
    try:
        decoded(raw, width=data["width"], height=data["height"])
    except BadImage as bad:
        raise ShopReject(str(bad)) from None
