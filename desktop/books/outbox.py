"""The transactional outbox: every local change leaves a row here in the same transaction.

Each row carries a hybrid-logical-clock stamp. For the entities that merge field by field
(last writer wins: profile, items, parties, accounts, listings) the stamp of every written field is also
kept in `field_clock`, so a change pulled from another device can be compared field by field.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from desktop.books import hlc
from desktop.books.ids import new_id
from protocol.rules import LWW as LWW_ENTITIES  # merged per field by clock; the rest insert-only


def record_change(
    conn: sqlite3.Connection,
    entity: str,
    entity_id: str,
    op: str,
    data: dict[str, object] | None = None,
) -> None:
    """Queue one change for sync; must run inside the transaction that made the change."""
    record_changes(conn, entity, op, [(entity_id, data)])


def record_changes(
    conn: sqlite3.Connection,
    entity: str,
    op: str,
    items: Iterable[tuple[str, dict[str, object] | None]],
) -> None:
    """Queue many changes of one kind at once (bulk import)."""
    rows = list(items)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    clocks = list(hlc.stamps(conn, len(rows)))
    conn.executemany(
        "INSERT INTO outbox (change_id, entity, entity_id, op, data, created_at, hlc) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (new_id(), entity, entity_id, op,
             None if data is None else json.dumps(data, ensure_ascii=False), now, stamp)
            for (entity_id, data), stamp in zip(rows, clocks, strict=True)
        ),
    )
    if entity in LWW_ENTITIES:
        conn.executemany(
            "INSERT INTO field_clock (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?) "
            "ON CONFLICT DO UPDATE SET hlc = excluded.hlc",
            ((entity, entity_id, name, stamp)
             for (entity_id, data), stamp in zip(rows, clocks, strict=True)
             for name in (data or {})),
        )


def pending_count(conn: sqlite3.Connection) -> int:
    """Number of changes not yet acknowledged (or refused) by the server."""
    return int(conn.execute(
        "SELECT count(*) FROM outbox WHERE acked_at IS NULL AND rejected IS NULL").fetchone()[0])
