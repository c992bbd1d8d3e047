"""Monthly summaries for the Dinas, queued just before a push (desktop/books/dinas_summary.py).

Like the storefront's stock levels, a summary is not written with each entry: each sync
compares every month with what was last queued and queues the months that differ, which is
also how a back-dated entry re-sends the months it changed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.dinas_summary import queue_summaries


def queue_dinas(conn: sqlite3.Connection, *, today: dt.date | None = None) -> int:
    """Queue the changed months' summaries (in the caller's transaction); 0 without consent."""
    (business_id,) = conn.execute("SELECT id FROM profile").fetchone()
    return queue_summaries(conn, today=today or dt.date.today(), business_id=business_id)
