"""What this PC knows about its link to the mall, kept in the books' `meta` table."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass
class Link:
    """The server, the business there, this device, and the sync position."""

    server: str
    book_id: str
    device_id: str
    epoch: str
    cursor: int
    repush_after: int | None


def _meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta WHERE key LIKE 'sync_%' "
                             "OR key IN ('business_id', 'device_tag')"))


def read(conn: sqlite3.Connection) -> Link | None:
    """The link, or None when this business was never linked."""
    meta = _meta(conn)
    if "sync_server" not in meta:
        return None
    repush = meta.get("sync_repush_after")
    return Link(meta["sync_server"], meta["business_id"], meta["sync_device_id"],
                meta["sync_epoch"], int(meta.get("sync_cursor", "0")),
                int(repush) if repush is not None else None)


def set_value(conn: sqlite3.Connection, key: str, value: str) -> None:
    """Write one meta key (inside the caller's transaction)."""
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def clear(conn: sqlite3.Connection, key: str) -> None:
    """Remove one meta key."""
    conn.execute("DELETE FROM meta WHERE key = ?", (key,))
