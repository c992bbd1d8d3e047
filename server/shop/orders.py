"""Buyers' orders: checked, stored, and sent to the seller's desktop as an `order` change.

The business row is locked while an order is placed, so two buyers cannot both take the
last units. Stock known from the desktop (the listing's `stock`) is reduced by the orders the
owner has not yet seen ("baru"); once accepted, the desktop posts the sale and its next push
lowers `stock` itself. Without a known stock an order may ask up to `MAX_QTY`.

A new order holds its units for `ORDER_HOLD_HOURS` (protocol/rules.py) only: an order from a
made-up number for the whole stock no longer keeps real buyers out until the owner looks.
One phone number (normalised, so 0812…, +62 812… and 62812… are one) may have at most
`HELD_PER_PHONE` orders waiting on the owner at a time.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import unicodedata
import uuid
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from protocol.rules import ORDER_HOLD_HOURS, ORDER_STATUSES, normalize_phone, order_step_ok
from server.models import utcnow
from server.shop.catalog import plain, price_on, rupiah
from server.shop.changes import append_change, lock_business
from server.shop.models import Product, ShopOrder

PAYMENT = {"transfer": "Transfer bank", "qris": "QRIS", "cod": "Bayar di tempat (COD)"}
STATUSES = {"baru": "Baru, menunggu penjual", "diterima": "Diterima penjual",
            "ditolak": "Ditolak penjual", "dibayar": "Sudah dibayar", "dikirim": "Dikirim",
            "selesai": "Selesai", "dibatalkan": "Dibatalkan"}
MAX_QTY = 100
HELD_PER_PHONE = 3
LIMITS = {"buyer_name": 100, "address": 500}
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read out over the phone


class OrderRefused(Exception):
    """An order that cannot be taken, with the HTTP status, the field and a message to show."""

    def __init__(self, status: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def whatsapp_number(raw: str) -> str:
    """The number for a wa.me link, or "" when the profile has no usable phone."""
    return normalize_phone(raw) or ""


def clean_text(value: str, name: str, *, label: str, multiline: bool = False,
               limit: int | None = None) -> str:
    """Trimmed text without control characters, within its limit; refused when empty."""
    text = unicodedata.normalize("NFC", value or "")
    allowed = "\n" if multiline else ""
    text = "".join(c for c in text if c in allowed or unicodedata.category(c)[0] != "C")
    text = re.sub(r"[ \t]+", " ", text).strip()
    if not text:
        raise OrderRefused(422, f"{label} wajib diisi", name)
    limit = limit or LIMITS[name]
    if len(text) > limit:
        raise OrderRefused(422, f"{label} terlalu panjang (maks. {limit} huruf)", name)
    return text


def _new_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(8))
        if session.exec(select(ShopOrder.id).where(ShopOrder.code == code)).first() is None:
            return code


def hold_start(now: dt.datetime | None = None) -> dt.datetime:
    """Orders placed since this moment still hold their units."""
    return (now or utcnow()) - dt.timedelta(hours=ORDER_HOLD_HOURS)


def waiting_qty(session: Session, product_id: str) -> int:
    """Units ordered, not yet seen by the owner, and still held (they count against stock)."""
    total = session.exec(select(func.coalesce(func.sum(ShopOrder.qty), 0)).where(
        ShopOrder.product_id == product_id, ShopOrder.status == "baru",
        col(ShopOrder.created_at) > hold_start())).one()
    return int(total)


def held_by_phone(session: Session, business_id: str, phone: str) -> int:
    """Orders from this (normalised) number that still wait on this business's owner."""
    count = session.exec(select(func.count()).select_from(ShopOrder).where(
        ShopOrder.business_id == business_id, ShopOrder.buyer_phone == phone,
        ShopOrder.status == "baru", col(ShopOrder.created_at) > hold_start())).one()
    return int(count)


def available(session: Session, product: Product) -> int:
    """How many units one order may ask for now."""
    if product.stock_qty is None:
        return MAX_QTY
    return max(0, min(MAX_QTY, product.stock_qty - waiting_qty(session, product.id)))


def _checked_product(session: Session, product_id: str, seen_price: int | None,
                     today: dt.date) -> Product:
    product = session.get(Product, product_id)
    if product is None:
        raise OrderRefused(404, "Produk tidak ditemukan", "product_id")
    session.refresh(product)  # as it is now, under the business lock
    if not product.published or product.curation != "tayang":
        raise OrderRefused(409, "Maaf, produk ini sedang tidak dijual di Mall", "product_id")
    price = price_on(product, today)
    if seen_price is not None and seen_price != price:
        raise OrderRefused(409, f"Harga produk ini sudah berubah dari {rupiah(seen_price)} "
                                f"menjadi {rupiah(price)}. Periksa lagi sebelum memesan.", "price")
    return product


def place_order(session: Session, *, product_id: str, qty: int, buyer_name: str,
                buyer_phone: str, address: str, payment_method: str,
                seen_price: int | None = None, today: dt.date | None = None) -> ShopOrder:
    """Take a buyer's order (the caller commits): checks, stock, the row and the change."""
    name = clean_text(buyer_name, "buyer_name", label="Nama")
    phone = normalize_phone(buyer_phone)
    if phone is None:
        raise OrderRefused(422, "Nomor HP/WhatsApp tidak sah; contoh: 0812 3456 7890",
                           "buyer_phone")
    where = clean_text(address, "address", label="Alamat", multiline=True)
    if payment_method not in PAYMENT:
        raise OrderRefused(422, "Pilih cara bayar: transfer, QRIS, atau bayar di tempat",
                           "payment_method")
    if not 1 <= qty <= MAX_QTY:
        raise OrderRefused(422, f"Jumlah harus 1 sampai {MAX_QTY}", "qty")
    product_id = plain(product_id)
    found = session.get(Product, product_id)
    if found is None:
        raise OrderRefused(404, "Produk tidak ditemukan", "product_id")
    lock_business(session, found.business_id)
    if held_by_phone(session, found.business_id, phone) >= HELD_PER_PHONE:
        raise OrderRefused(429, f"Nomor HP ini sudah punya {HELD_PER_PHONE} pesanan yang "
                                "menunggu penjual. Tunggu penjual menjawab, atau hubungi "
                                "penjual lewat WhatsApp.", "buyer_phone")
    today = today or dt.date.today()
    product = _checked_product(session, product_id, seen_price, today)
    left = available(session, product)
    if left <= 0:
        raise OrderRefused(409, "Maaf, stok produk ini sedang habis", "qty")
    if qty > left:
        raise OrderRefused(409, f"Stok tidak cukup: paling banyak {left} untuk dipesan sekarang",
                           "qty")
    unit = price_on(product, today)
    order = ShopOrder(id=str(uuid.uuid4()), code=_new_code(session),
                      business_id=product.business_id, product_id=product.id, sku=product.sku,
                      title=product.title, qty=qty, unit_price=unit, total=unit * qty,
                      buyer_name=name, buyer_phone=phone, address=where,
                      payment_method=payment_method, status="baru", created_at=utcnow())
    order.updated_at = order.created_at
    product.orders += 1
    session.add(order)
    session.add(product)
    append_change(session, business_id=product.business_id, entity="order", entity_id=order.id,
                  op="insert", data=order_change(order))
    return order


def order_change(order: ShopOrder) -> dict[str, Any]:
    """What the seller's desktop pulls for a new order."""
    return {"code": order.code, "listing": order.product_id, "sku": order.sku,
            "title": order.title,
            "qty": order.qty, "unit_price": order.unit_price, "total": order.total,
            "buyer_name": order.buyer_name, "buyer_phone": order.buyer_phone,
            "address": order.address, "payment_method": order.payment_method,
            "status": order.status, "created_at": order.created_at.isoformat()}


def find_order(session: Session, code: str, phone: str) -> ShopOrder | None:
    """The order with this code, only if the phone is the buyer's (else None, no hint why)."""
    number = normalize_phone(phone) or ""
    order = session.exec(select(ShopOrder).where(
        ShopOrder.code == plain(code).strip().upper()[:12])).first()
    if order is None or not hmac.compare_digest(order.buyer_phone, number):
        return None
    return order


def business_orders(session: Session, business_id: str, *, status: str | None = None,
                    limit: int = 100, offset: int = 0) -> list[ShopOrder]:
    """One business's orders, newest first."""
    query = select(ShopOrder).where(ShopOrder.business_id == business_id)
    if status:
        query = query.where(ShopOrder.status == plain(status))
    return list(session.exec(query.order_by(col(ShopOrder.created_at).desc(),
                                            col(ShopOrder.id)).limit(limit).offset(offset)))


def apply_order_status(session: Session, business_id: str, order_id: str, from_status: str,
                       to_status: str, extra: dict[str, Any] | None = None) -> tuple[bool, str]:
    """Move an order `from → to` if legal from its current state. Returns (True, new state), or
    (False, "<current state>: reason"). `from == to` (the current state) only records details,
    e.g. `paid` when cash came with a delivered parcel. For a desktop's command; no commit."""
    order = session.get(ShopOrder, plain(order_id))
    if order is None or order.business_id != business_id:
        return False, "pesanan tidak dikenal"
    current, extra = order.status, extra or {}
    if to_status not in ORDER_STATUSES:
        return False, f"{current}: status '{to_status}' tidak dikenal"
    if current != from_status:
        return False, f"{current}: pesanan sudah berstatus '{current}', bukan '{from_status}'"
    if not order_step_ok(current, to_status):
        return False, f"{current}: tidak bisa dari '{current}' ke '{to_status}'"
    note = extra.get("reason") or extra.get("note") or ""
    if note or to_status != current:
        order.status_note = plain(str(note))[:500]
    order.status = to_status
    order.paid = order.paid or to_status == "dibayar" or bool(extra.get("paid"))
    order.updated_at = utcnow()
    session.add(order)
    session.flush()
    return True, to_status
