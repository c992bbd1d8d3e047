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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from protocol.entities import MAX_ORDER_LINES, order_line_total
from protocol.rules import ORDER_HOLD_HOURS, ORDER_STATUSES, normalize_phone, order_step_ok
from server.models import utcnow
from server.shop.catalog import plain, price_on, rupiah, seller_deactivated
from server.shop.changes import append_change, lock_business
from server.shop.models import Product, ShopOrder, ShopOrderLine

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
    total = session.exec(select(func.coalesce(func.sum(ShopOrderLine.qty), 0)).join(
        ShopOrder, col(ShopOrder.id) == col(ShopOrderLine.order_id)).where(
        ShopOrderLine.product_id == product_id, ShopOrder.status == "baru",
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


@dataclass(frozen=True)
class Want:
    """One product a buyer asks for: its id, how many, and the price the page showed."""

    product_id: str
    qty: int
    seen_price: int | None = None


def _checked_product(session: Session, want: Want, business_id: str, today: dt.date,
                     named: bool) -> Product:
    """The product as it is now (under the business lock), for sale at the price seen and in
    stock for `want.qty`; refused with a message naming it when the order has several."""
    product = session.get(Product, plain(want.product_id))
    if product is None:
        raise OrderRefused(404, "Produk tidak ditemukan", "product_id")
    session.refresh(product)

    def refused(status: int, text: str, field: str) -> OrderRefused:
        return OrderRefused(status, f"{product.title}: {text}" if named
                            else text[0].upper() + text[1:], field)

    if product.business_id != business_id:
        raise refused(409, "satu pesanan hanya untuk produk dari satu penjual", "product_id")
    if not product.published or product.curation != "tayang" or \
            seller_deactivated(session, product.business_id):
        raise refused(409, "maaf, produk ini sedang tidak dijual di Mall", "product_id")
    price = price_on(product, today)
    if want.seen_price is not None and want.seen_price != price:
        raise refused(409, f"harga produk ini sudah berubah dari {rupiah(want.seen_price)} "
                           f"menjadi {rupiah(price)}. Periksa lagi sebelum memesan.", "price")
    if not 1 <= want.qty <= MAX_QTY:
        raise refused(422, f"jumlah harus 1 sampai {MAX_QTY}", "qty")
    left = available(session, product)
    if left <= 0:
        raise refused(409, "maaf, stok produk ini sedang habis", "qty")
    if want.qty > left:
        raise refused(409, f"stok tidak cukup: paling banyak {left} untuk dipesan sekarang",
                      "qty")
    return product


def _buyer(buyer_name: str, buyer_phone: str, address: str,
           payment_method: str) -> tuple[str, str, str]:
    name = clean_text(buyer_name, "buyer_name", label="Nama")
    phone = normalize_phone(buyer_phone)
    if phone is None:
        raise OrderRefused(422, "Nomor HP/WhatsApp tidak sah; contoh: 0812 3456 7890",
                           "buyer_phone")
    where = clean_text(address, "address", label="Alamat", multiline=True)
    if payment_method not in PAYMENT:
        raise OrderRefused(422, "Pilih cara bayar: transfer, QRIS, atau bayar di tempat",
                           "payment_method")
    return name, phone, where


def priced(products: Sequence[Product], wants: Sequence[Want],
           today: dt.date) -> list[tuple[Product, int, int, int]]:
    """(product, qty, unit price, line total) per line; a line of several is totalled as the
    desktop's nota will total it, one product alone as qty x price to the sen."""
    many = len(wants) > 1
    return [(p, w.qty, price_on(p, today),
             order_line_total(w.qty, price_on(p, today)) if many else price_on(p, today) * w.qty)
            for p, w in zip(products, wants, strict=True)]


def place_order(session: Session, *, product_id: str, qty: int, buyer_name: str,
                buyer_phone: str, address: str, payment_method: str,
                seen_price: int | None = None, today: dt.date | None = None) -> ShopOrder:
    """Take a buyer's order of one product (the caller commits)."""
    if not 1 <= qty <= MAX_QTY:
        raise OrderRefused(422, f"Jumlah harus 1 sampai {MAX_QTY}", "qty")
    return place_cart(session, wants=[Want(product_id, qty, seen_price)],
                      buyer_name=buyer_name, buyer_phone=buyer_phone, address=address,
                      payment_method=payment_method, today=today)


def place_cart(session: Session, *, wants: Sequence[Want], buyer_name: str, buyer_phone: str,
               address: str, payment_method: str, today: dt.date | None = None) -> ShopOrder:
    """Take a buyer's order of one or more products of one seller (the caller commits):
    checks per line, stock, the order and its lines, and the change for the desktop."""
    name, phone, where = _buyer(buyer_name, buyer_phone, address, payment_method)
    if not wants:
        raise OrderRefused(422, "Isi jumlah paling sedikit satu produk", "qty")
    if len(wants) > MAX_ORDER_LINES:
        raise OrderRefused(422, f"Satu pesanan paling banyak {MAX_ORDER_LINES} produk", "qty")
    if len({plain(w.product_id) for w in wants}) != len(wants):
        raise OrderRefused(422, "Setiap produk cukup satu kali; ubah jumlahnya", "qty")
    found = session.get(Product, plain(wants[0].product_id))
    if found is None:
        raise OrderRefused(404, "Produk tidak ditemukan", "product_id")
    business_id = found.business_id
    lock_business(session, business_id)
    if held_by_phone(session, business_id, phone) >= HELD_PER_PHONE:
        raise OrderRefused(429, f"Nomor HP ini sudah punya {HELD_PER_PHONE} pesanan yang "
                                "menunggu penjual. Tunggu penjual menjawab, atau hubungi "
                                "penjual lewat WhatsApp.", "buyer_phone")
    today = today or dt.date.today()
    named = len(wants) > 1
    products = [_checked_product(session, want, business_id, today, named) for want in wants]
    order_id = str(uuid.uuid4())
    lines = [ShopOrderLine(order_id=order_id, position=n, product_id=p.id, sku=p.sku,
                           title=p.title, qty=qty, unit_price=unit, total=total)
             for n, (p, qty, unit, total) in enumerate(priced(products, wants, today), 1)]
    first = lines[0]
    order = ShopOrder(id=order_id, code=_new_code(session), business_id=business_id,
                      product_id=first.product_id, sku=first.sku, title=first.title,
                      qty=first.qty, unit_price=first.unit_price,
                      total=sum(line.total for line in lines), buyer_name=name,
                      buyer_phone=phone, address=where, payment_method=payment_method,
                      status="baru", created_at=utcnow())
    order.updated_at = order.created_at
    session.add(order)
    session.flush()  # the order row before its lines (their foreign key)
    for product in products:
        product.orders += 1
        session.add(product)
    session.add_all(lines)
    append_change(session, business_id=business_id, entity="order", entity_id=order.id,
                  op="insert", data=order_change(order, lines))
    return order


def order_lines(session: Session, order: ShopOrder) -> list[ShopOrderLine]:
    """An order's products in the buyer's order."""
    return lines_of(session, [order.id]).get(order.id, [])


def lines_of(session: Session, order_ids: Sequence[str]) -> dict[str, list[ShopOrderLine]]:
    """The products of several orders in one query, by order id."""
    found: dict[str, list[ShopOrderLine]] = {}
    for line in session.exec(select(ShopOrderLine).where(
            col(ShopOrderLine.order_id).in_(list(order_ids)))
            .order_by(col(ShopOrderLine.order_id), col(ShopOrderLine.position))):
        found.setdefault(line.order_id, []).append(line)
    return found


def order_change(order: ShopOrder, lines: Sequence[ShopOrderLine] = ()) -> dict[str, Any]:
    """What the seller's desktop pulls for a new order; `lines` only when it has several
    products (a one-product order stays as older desktops know it)."""
    many = {"lines": [[line.product_id, line.sku, line.title, line.qty, line.unit_price,
                       line.total] for line in lines]} if len(lines) > 1 else {}
    return {**many, "code": order.code, "listing": order.product_id, "sku": order.sku,
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
