"""Mall orders on the desktop: accept into the books, pay, ship, finish, or cancel with reversal.

An order arrives by sync as 'baru'. Each step the owner takes changes the order and, in the
same transaction, posts what the books need (a sale with its stock movement on accepting, the
payment, a reversal on cancelling) and queues the step for the mall as a transition
`from → to`: the mall applies it only if it is legal from the state it holds.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import asdict, dataclass, replace

from desktop.books.errors import ConfirmationRequired, InputError, NotFoundError
from desktop.books.forms import post_tx_in
from desktop.books.forms.base import TxInput
from desktop.books.i18n import N_
from desktop.books.ledger import reverse_entry
from desktop.books.money import sen_str
from desktop.books.nota import LineInput
from desktop.books.outbox import record_change
from desktop.books.stock import get_item, stock_level
from protocol.rules import ORDER_STATUSES, ORDER_TRANSITIONS, normalize_phone

_LABELS = {"baru": N_("Baru"), "diterima": N_("Diterima"), "ditolak": N_("Ditolak"),
           "dibayar": N_("Dibayar"), "dikirim": N_("Dikirim"), "selesai": N_("Selesai"),
           "dibatalkan": N_("Dibatalkan")}
STATUSES = {status: _LABELS[status] for status in ORDER_STATUSES}  # the states: protocol's
NEXT = ORDER_TRANSITIONS  # the mall applies the same table (protocol/rules.py)
PAYMENT_VIA = {"transfer": "bank", "qris": "qris", "cod": "kas"}
PAYMENT_NAMES = {"transfer": N_("Transfer bank"), "qris": N_("QRIS"), "cod": N_("Bayar di tempat")}


@dataclass(frozen=True)
class OrderLine:
    """One product of an order (money in sen, quantity in whole units)."""

    listing_id: str | None
    sku: str
    title: str
    qty: int
    unit_price: int
    total: int


@dataclass(frozen=True)
class Order:
    """One order as the desktop keeps it (money in sen, quantity in whole units)."""

    id: str
    code: str
    sku: str
    title: str
    qty: int
    unit_price: int
    total: int
    buyer_name: str
    buyer_phone: str
    address: str
    payment_method: str
    status: str
    paid: bool
    reason: str
    courier: str
    resi: str
    sale_ref: str | None
    payment_ref: str | None
    created_at: str
    lines: tuple[OrderLine, ...] = ()  # every product; the fields above hold the first one

    @property
    def summary(self) -> str:
        """`2 × Keripik Pisang, 1 × Sambal Roa`: what the buyer ordered, in one line."""
        return ", ".join(f"{line.qty} × {line.title or line.sku}" for line in self.lines)

    def as_dict(self) -> dict[str, object]:
        """What `lumbung order list --json` prints (and more)."""
        return asdict(self)


_COLUMNS = ("id, code, sku, title, qty, unit_price, total, buyer_name, buyer_phone, address, "
            "payment_method, status, paid, reason, courier, resi, sale_ref, payment_ref, "
            "created_at")


def _order(conn: sqlite3.Connection, row: tuple[object, ...]) -> Order:
    values = list(row)
    values[12] = bool(values[12])
    order = Order(*values)  # type: ignore[arg-type]
    lines = tuple(OrderLine(*line) for line in conn.execute(
        "SELECT listing_id, sku, title, qty, unit_price, total FROM shop_order_line "
        "WHERE order_id = ? ORDER BY position", (order.id,)))
    # An order of one product keeps that product on the order itself.
    return replace(order, lines=lines or (OrderLine(None, order.sku, order.title, order.qty,
                                                    order.unit_price, order.total),))


def get_order(conn: sqlite3.Connection, code: str) -> Order:
    """The order with this code, or a clear refusal."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM shop_order WHERE code = ?",
                       (code.strip().upper(),)).fetchone()
    if row is None:
        raise NotFoundError("Pesanan '{value}' tidak ada", field="code", value=code)
    return _order(conn, row)


def list_orders(conn: sqlite3.Connection, status: str | None = None) -> list[Order]:
    """Orders, newest first, optionally of one status."""
    if status is not None and status not in STATUSES:
        raise InputError("Status '{value}' tidak dikenal; pilih salah satu: {choices}",
                         field="status", value=status, choices=", ".join(STATUSES))
    rows = conn.execute(f"SELECT {_COLUMNS} FROM shop_order WHERE ? IS NULL OR status = ? "
                        "ORDER BY created_at DESC, code DESC", (status, status))
    return [_order(conn, row) for row in rows.fetchall()]


def shortages(conn: sqlite3.Connection, order: Order) -> list[tuple[OrderLine, int]]:
    """Each line whose stock lacks units, with how many (lines of one item counted together)."""
    have: dict[str, int] = {}
    short = []
    for line in order.lines:
        item = get_item(conn, line.sku)
        if item.id not in have:
            have[item.id] = stock_level(conn, item.id).qty // 1000
        lacking = max(0, line.qty - max(0, have[item.id]))
        have[item.id] -= line.qty
        if lacking:
            short.append((line, lacking))
    return short


def short_of(conn: sqlite3.Connection, order: Order) -> int:
    """How many units the stock lacks for this order, all lines together (0 when enough)."""
    return sum(lacking for _line, lacking in shortages(conn, order))


def _move(conn: sqlite3.Connection, order: Order, to: str, **changes: object) -> Order:
    if to not in NEXT.get(order.status, ()):
        raise InputError("Pesanan {value} berstatus {status}; tidak bisa menjadi {to}",
                         field="status", value=order.code, status=order.status, to=to)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    values = {"status": to, **changes, "updated_at": now}
    sets = ", ".join(f"{name} = ?" for name in values)
    conn.execute(f"UPDATE shop_order SET {sets} WHERE id = ?", (*values.values(), order.id))
    shared = {k: v for k, v in changes.items()
              if k in ("reason", "courier", "resi", "paid", "sale_ref", "payment_ref")}
    record_change(conn, "order_status", order.id, "insert",
                  {"order": order.id, "from": order.status, "to": to, **shared})
    return get_order(conn, order.code)


def accept(conn: sqlite3.Connection, code: str, *, device_id: str, day: dt.date,
           confirm: bool = False) -> Order:
    """Accept: post the sale and its stock movement (a warning first when stock is short)."""
    order = get_order(conn, code)
    if order.status != "baru":
        return _move(conn, order, "diterima")  # says clearly why not
    short = shortages(conn, order)
    if len(short) == 1 and not confirm:
        raise ConfirmationRequired("Stok {sku} kurang {short} untuk pesanan {value}; terima "
                                   "juga atau tolak pesanan ini", field="qty", value=order.code,
                                   sku=short[0][0].sku, short=short[0][1])
    if short and not confirm:
        raise ConfirmationRequired("Stok kurang untuk pesanan {value} ({lines}); terima juga "
                                   "atau tolak pesanan ini", field="qty", value=order.code,
                                   lines=", ".join(f"{line.sku}: {lacking}"
                                                   for line, lacking in short))
    # One nota of every line on the mall's channel (penjualan-per-saluran), as `--line` posts;
    # one product goes as `--item --qty --amount`, which keeps a price in sen to the sen.
    many = len(order.lines) > 1
    posted = post_tx_in(conn, TxInput(
        type="penjualan-kredit", date=day, amount=sen_str(order.total),
        lines=[LineInput(line.sku, line.title or line.sku, str(line.qty),
                         sen_str(line.unit_price)) for line in order.lines] if many else [],
        item=None if many else order.sku, qty=None if many else str(order.qty),
        party=order.buyer_name, confirm=confirm,
        memo=f"Pesanan Mall {order.code}: {order.summary}", channel="mall"),
        device_id=device_id, day=day)
    return _move(conn, order, "diterima", sale_ref=posted.ref)


def reject(conn: sqlite3.Connection, code: str, *, reason: str) -> Order:
    """Refuse a new order with a reason the buyer sees."""
    if not reason.strip():
        raise InputError("Alasan menolak wajib diisi", field="reason", value=reason)
    return _move(conn, get_order(conn, code), "ditolak", reason=reason.strip()[:300])


def reject_all_from(conn: sqlite3.Connection, phone: str, *, reason: str) -> list[Order]:
    """Refuse every new order from one phone number, however it was written ("tolak semua
    dari nomor ini"): someone holding stock with made-up orders is stopped in one step."""
    number = normalize_phone(phone)
    if number is None:
        raise InputError("Nomor HP '{value}' tidak sah; contoh: 0812 3456 7890", field="phone",
                         value=phone)
    if not reason.strip():
        raise InputError("Alasan menolak wajib diisi", field="reason", value=reason)
    return [reject(conn, order.code, reason=reason) for order in list_orders(conn, "baru")
            if normalize_phone(order.buyer_phone) == number]


def pay(conn: sqlite3.Connection, code: str, *, device_id: str, day: dt.date) -> Order:
    """The buyer paid: receive the money against the sale's piutang."""
    order = get_order(conn, code)
    if order.paid:
        raise InputError("Pesanan {value} sudah dibayar", field="code", value=order.code)
    if order.status not in ("diterima", "dikirim"):
        return _move(conn, order, "dibayar")
    posted = post_tx_in(conn, TxInput(
        type="terima-piutang", date=day, amount=sen_str(order.total),
        party=order.buyer_name, via=PAYMENT_VIA.get(order.payment_method, "bank"),
        memo=f"Pembayaran pesanan Mall {order.code}"), device_id=device_id, day=day)
    if order.status == "dikirim":  # bayar di tempat: the money comes with the parcel
        conn.execute("UPDATE shop_order SET paid = 1, payment_ref = ? WHERE id = ?",
                     (posted.ref, order.id))
        record_change(conn, "order_status", order.id, "insert",
                      {"order": order.id, "from": "dikirim", "to": "dikirim", "paid": 1,
                       "payment_ref": posted.ref})
        return get_order(conn, order.code)
    return _move(conn, order, "dibayar", paid=1, payment_ref=posted.ref)


def ship(conn: sqlite3.Connection, code: str, *, courier: str, resi: str) -> Order:
    """Handed to the courier: the buyer can follow the parcel with the resi number."""
    if not courier.strip():
        raise InputError("Nama kurir wajib diisi", field="courier", value=courier)
    if not resi.strip():
        raise InputError("Nomor resi wajib diisi", field="resi", value=resi)
    order = get_order(conn, code)
    if order.status == "diterima" and order.payment_method != "cod":
        raise InputError("Pesanan {value} belum dibayar; kirim setelah dibayar, atau pilih "
                         "bayar di tempat", field="status", value=order.code)
    return _move(conn, order, "dikirim", courier=courier.strip()[:60], resi=resi.strip()[:60])


def complete(conn: sqlite3.Connection, code: str) -> Order:
    """The buyer received it and it is paid."""
    order = get_order(conn, code)
    if order.status == "dikirim" and not order.paid:
        raise InputError("Pesanan {value} belum dibayar; catat pembayarannya dulu",
                         field="status", value=order.code)
    return _move(conn, order, "selesai")


def cancel(conn: sqlite3.Connection, code: str, *, reason: str, device_id: str) -> Order:
    """Cancel an accepted order: its sale and payment are reversed in the books."""
    if not reason.strip():
        raise InputError("Alasan pembatalan wajib diisi", field="reason", value=reason)
    order = get_order(conn, code)
    if "dibatalkan" in NEXT.get(order.status, ()):
        for ref in (order.payment_ref, order.sale_ref):
            if ref:
                reverse_entry(conn, ref=ref, reason=f"Pesanan {order.code} dibatalkan: "
                              f"{reason.strip()}", device_id=device_id)
    return _move(conn, order, "dibatalkan", reason=reason.strip()[:300])
