"""Apply pulled shop changes: listings (last writer per field), photos, and curation.

Photos arrive before the listings that show them (they were queued first); a listing that
names a photo this PC does not have yet shows the ones it has. Curation comes from the mall
(a kurator, or auto-approve) and only matters while the listing is still published here.
"""

from __future__ import annotations

import base64
import json
import sqlite3
from typing import Any

from desktop.shop.listings import place_photos
from desktop.shop.questions import store_answer, store_question
from protocol import entities
from sync_client.apply import ApplyError, _free_key, _newer, _update

# A listing's fields as protocol/entities.py has them, less what never changes here once
# given (the item it sells, its SKU) and the mall's own stock figure.
LISTING_FIELDS = tuple(name for name in entities.FIELDS["listing"]
                       if name not in ("item", "sku", "stock"))
CURATION_STATES = entities.CURATION_STATES


def _photo(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    d = change["data"]
    stored = conn.execute("INSERT INTO photo (sha256, data, width, height) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT DO NOTHING",
                          (change["entity_id"], base64.b64decode(d["jpeg"]), d["width"],
                           d["height"]))
    return bool(stored.rowcount)


def _listing(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    listing_id, d = change["entity_id"], change["data"]
    if not conn.execute("SELECT 1 FROM listing WHERE id = ?", (listing_id,)).fetchone():
        if change["op"] != "insert":
            raise ApplyError(f"listing {listing_id} updated before it was added")
        if not conn.execute("SELECT 1 FROM item WHERE id = ?", (d["item"],)).fetchone():
            raise ApplyError(f"listing {listing_id} sells unknown item {d['item']}")
        at = change.get("received_at", "")
        conn.execute("INSERT INTO listing (id, item_id, slug, title, category, price, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (listing_id, d["item"], _free_key(conn, "listing", "slug", d["slug"],
                                                       listing_id),
                      d["title"], d["category"], d["price"], at, at))
    wins = _newer(conn, "listing", listing_id, change["hlc"], d, LISTING_FIELDS)
    wins.pop("slug", None)  # the address on the mall never changes once given
    photos = wins.pop("photos", None)
    if "certificates" in wins:
        wins["certificates"] = json.dumps(wins["certificates"])
    if "published" in wins:
        wins["published"] = int(bool(wins["published"]))
        wins["curation"] = "menunggu" if wins["published"] else "draf"
    _update(conn, "listing", "id", listing_id, wins)
    if photos is not None:
        place_photos(conn, listing_id, list(photos))
    return True


def _curation(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    d = change["data"]
    if d.get("state") not in CURATION_STATES:
        return False
    done = conn.execute("UPDATE listing SET curation = ?, curation_reason = ? "
                        "WHERE id = ? AND published = 1",
                        (d["state"], str(d.get("reason", ""))[:500], change["entity_id"]))
    return bool(done.rowcount)


ORDER_FIELDS = tuple(sorted(entities.REQUIRED["order", "insert"]))


def _order(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    """A buyer's order from the mall: kept as 'baru' until the owner acts on it."""
    d = change["data"]
    missing = [name for name in ORDER_FIELDS if name not in d]
    if missing:
        raise ApplyError(f"order {change['entity_id']} lacks {', '.join(missing)}")
    at = str(d.get("created_at") or change.get("received_at", ""))
    done = conn.execute(
        "INSERT INTO shop_order (id, code, listing_id, sku, title, qty, unit_price, total, "
        "buyer_name, buyer_phone, address, payment_method, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (change["entity_id"], str(d["code"]).upper(), d.get("listing"), d["sku"],
         str(d.get("title", "")), int(d["qty"]), int(d["unit_price"]), int(d["total"]),
         d["buyer_name"], d["buyer_phone"], d["address"], d["payment_method"], at, at))
    if done.rowcount and d.get("lines"):
        _order_lines(conn, change["entity_id"], d["lines"], int(d["total"]))
    return bool(done.rowcount)


def _order_lines(conn: sqlite3.Connection, order_id: str, lines: list[list[Any]],
                 total: int) -> None:
    """The products of a many-product order (the protocol checked each row's shape)."""
    if sum(int(line[5]) for line in lines) != total:
        raise ApplyError(f"order {order_id}: lines do not add up to its total")
    conn.executemany(
        "INSERT INTO shop_order_line (order_id, position, listing_id, sku, title, qty, "
        "unit_price, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(order_id, n, line[0], line[1], line[2], int(line[3]), int(line[4]), int(line[5]))
         for n, line in enumerate(lines, 1)])


def _order_status(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    """A step another PC of this business took (its entries arrive on their own)."""
    d = change["data"]
    extra = {k: d[k] for k in ("reason", "courier", "resi", "paid", "sale_ref", "payment_ref")
             if k in d}
    sets = ", ".join(["status = ?", *(f"{k} = ?" for k in extra)])
    done = conn.execute(f"UPDATE shop_order SET {sets} WHERE id = ? AND status = ?",
                        (d["to"], *extra.values(), d["order"], d["from"]))
    return bool(done.rowcount)


def _question(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    """A buyer's question from a product page (or a kurator taking it down)."""
    if change["op"] == "delete":
        done = conn.execute("DELETE FROM shop_question WHERE id = ?", (change["entity_id"],))
        return bool(done.rowcount)
    d = change["data"]
    missing = [name for name in ("listing", "name", "question") if name not in d]
    if missing:
        raise ApplyError(f"question {change['entity_id']} lacks {', '.join(missing)}")
    return store_question(conn, change["entity_id"], d)


def _answer(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    """An answer given on another PC of this business."""
    d = change["data"]
    at = str(change.get("received_at") or "")[:19] + "+00:00"  # as this PC writes its own
    return store_answer(conn, str(d["question"]), str(d["answer"]), at)


SHOP_HANDLERS = {"photo": _photo, "listing": _listing, "curation": _curation,
                 "order": _order, "order_status": _order_status, "question": _question,
                 "answer": _answer}
