"""The shipping label of a mall order: A6, the buyer's address large, the sender's small.

Printed on plain paper and taped to the parcel; the order code and the courier's resi let
anyone at the post office match it to the order.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reportlab.lib.pagesizes import A6
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.books.business import get_profile
from desktop.books.errors import InputError
from desktop.books.pdf.blocks import grid, para, style
from desktop.books.pdf.document import build_pdf, content_width
from desktop.shop.orders import Order, get_order

MARGIN = 6 * mm
PRINTABLE = ("diterima", "dibayar", "dikirim", "selesai")


def _weight(conn: sqlite3.Connection, order: Order) -> int:
    """The parcel's weight in grams from the listings' weights (0 when one is unknown)."""
    total = 0
    for line in order.lines:
        row = conn.execute("SELECT l.weight_grams FROM listing l JOIN item i ON i.id = "
                           "l.item_id WHERE i.sku = ?", (line.sku,)).fetchone()
        if not row or not row[0]:
            return 0
        total += row[0] * line.qty
    return total


def write_label(conn: sqlite3.Connection, code: str, path: Path) -> Path:
    """Write the label of an accepted order; refuses one not accepted (or cancelled)."""
    order = get_order(conn, code)
    if order.status not in PRINTABLE:
        raise InputError("Label hanya untuk pesanan yang sudah diterima; pesanan {value} "
                         "berstatus {status}", field="code", value=order.code,
                         status=order.status)
    profile = get_profile(conn)
    width = content_width(A6, MARGIN)
    big = style("label-penerima", size=13, bold=True, space_after=2)
    text = style("label-isi", size=10.5, leading=13.5, space_after=2)
    small = style("label-kecil", size=8, leading=10, space_after=1)
    weight = _weight(conn, order)
    sender = ", ".join(p for p in (profile.address, profile.desa and f"Desa {profile.desa}",
                                   profile.kecamatan, profile.kabupaten, profile.provinsi) if p)
    story: list[Flowable] = [
        para("KEPADA", small),
        para(order.buyer_name, big),
        para(order.buyer_phone, text),
        para(order.address, text),
        Spacer(1, 4 * mm),
        grid([[para(f"Pesanan {order.code}", small), para(f"{len(order.lines)} produk", small)],
              *[[para(f"{line.qty} ×", small), para(line.title or line.sku, small)]
                for line in order.lines],
              [para(f"Kurir: {order.courier or '-'}", small),
               para(f"Resi: {order.resi or '-'}", small)]],
             [width * 0.45, width * 0.55], tight=True),
        Spacer(1, 4 * mm),
        para("DARI", small),
        para(profile.name, style("label-pengirim", size=10, bold=True, space_after=1)),
        para(" · ".join(p for p in (profile.phone, sender) if p), small),
    ]
    if weight:
        story.append(para(f"Berat ± {weight} g", small))
    return build_pdf(path, story, title=f"Label {order.code}", author=profile.name,
                     pagesize=A6, margin=MARGIN, footer=False)
