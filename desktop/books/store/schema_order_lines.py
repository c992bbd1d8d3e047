"""Schema v14: a mall order of several products (issue 13, mall cart).

An order's products are its `shop_order_line` rows, in the buyer's order. An order that came
as one product (every order before v14, and one-product orders since) has no rows here: its
one line is the order's own sku, title, qty and price (desktop/shop/orders.py reads both).
"""

from __future__ import annotations

V14 = """
CREATE TABLE shop_order_line (
    order_id TEXT NOT NULL REFERENCES shop_order(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    listing_id TEXT,
    sku TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    qty INTEGER NOT NULL CHECK (qty > 0),
    unit_price INTEGER NOT NULL,
    total INTEGER NOT NULL,
    PRIMARY KEY (order_id, position)
) WITHOUT ROWID
"""
