"""The transactional outbox: every local change leaves a row here in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable

from desktop.books.ids import new_id


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
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    conn.executemany(
        "INSERT INTO outbox (change_id, entity, entity_id, op, data, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            (new_id(), entity, entity_id, op,
             None if data is None else json.dumps(data, ensure_ascii=False), now)
            for entity_id, data in items
        ),
    )


def pending_count(conn: sqlite3.Connection) -> int:
    """Number of changes not yet acknowledged by the server."""
    return int(conn.execute("SELECT count(*) FROM outbox WHERE acked_at IS NULL").fetchone()[0])
