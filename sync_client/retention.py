"""Outbox retention: acknowledged changes are kept about 90 days, then let go.

They are kept so that a server restored from an older backup (a new epoch) can be sent again
what it lost; a backup older than that is not expected. Unacknowledged and refused rows are
never removed, and neither is the newest row: `outbox.seq` would otherwise start again at 1
and fall behind the positions the sync has remembered.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

KEEP_DAYS = 90


def prune_outbox(conn: sqlite3.Connection, *, keep_days: int = KEEP_DAYS,
                 now: dt.datetime | None = None) -> int:
    """Delete acknowledged rows older than `keep_days` (inside the caller's transaction)."""
    cutoff = ((now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=keep_days)).isoformat(
        timespec="seconds")
    cursor = conn.execute(
        "DELETE FROM outbox WHERE acked_at IS NOT NULL AND rejected IS NULL AND acked_at < ? "
        "AND seq < (SELECT max(seq) FROM outbox)", (cutoff,))
    return cursor.rowcount
