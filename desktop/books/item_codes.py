"""Item codes the owner never has to invent: made from the name when left empty."""

from __future__ import annotations

import re
import sqlite3

from desktop.books.errors import InputError
from desktop.books.stock import Item, add_item

MAX_BASE = 24


def suggest_sku(conn: sqlite3.Connection, name: str) -> str:
    """A free code from the item's name: 'Keripik Pedas 250g' -> 'KERIPIK-PEDAS-250G'."""
    words = re.findall(r"[A-Za-z0-9]+", name.upper())
    base = "-".join(words)[:MAX_BASE].strip("-") or "BARANG"
    code, number = base, 1
    while conn.execute("SELECT 1 FROM item WHERE sku = ?", (code,)).fetchone():
        number += 1
        code = f"{base}-{number}"
    return code


def add_named_item(conn: sqlite3.Connection, *, name: str, unit: str, price: int = 0,
                   sku: str = "", category: str = "", account: str = "1301",
                   min_qty: int = 0, barcode: str = "") -> Item:
    """Register an item; an empty code is made from the name, so the owner need not invent one."""
    if not name.strip():
        raise InputError("Nama barang wajib diisi", field="name", value=name)
    code = sku.strip() or suggest_sku(conn, name)
    return add_item(conn, sku=code, name=name, unit=unit, price=price, category=category,
                    account=account, min_qty=min_qty, barcode=barcode)
