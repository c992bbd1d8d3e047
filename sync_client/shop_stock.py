"""Stock levels for the storefront: queued as listing changes just before a push.

A sale changes the stock many times a day; the mall only needs the level as of each sync to
say "tersedia" or "habis". So the level of every published listing is compared with the one
last queued, and a `stock` field change is queued only where it differs.
"""

from __future__ import annotations

import json
import sqlite3

from desktop.books.outbox import record_change

SENT_KEY = "shop_stock_sent"


def queue_stock_levels(conn: sqlite3.Connection) -> int:
    """Queue the whole units in stock of published listings that changed (in the caller's tx)."""
    rows = conn.execute(
        "SELECT l.id, COALESCE(b.qty, 0) / 1000 FROM listing l "
        "LEFT JOIN stock_balance b ON b.item_id = l.item_id WHERE l.published = 1").fetchall()
    if not rows:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (SENT_KEY,)).fetchone()
    sent: dict[str, int] = json.loads(row[0]) if row else {}
    changed = [(listing_id, max(0, int(units))) for listing_id, units in rows
               if sent.get(listing_id) != max(0, int(units))]
    for listing_id, units in changed:
        record_change(conn, "listing", listing_id, "update", {"stock": units})
        sent[listing_id] = units
    if changed:
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                     "SET value = excluded.value", (SENT_KEY, json.dumps(sent)))
    return len(changed)
