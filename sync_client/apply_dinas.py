"""Pulled consent and Dinas profile changes from the business's other PCs (last writer wins).

Summaries are not applied: every PC makes its own from the same books.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from protocol import entities
from sync_client.apply import _newer


def _consent(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    wins = _newer(conn, "consent", change["entity_id"], change["hlc"], change["data"], ("dinas",))
    if wins:
        conn.execute("UPDATE dinas_profile SET consent = ?", (wins["dinas"],))
    return bool(wins)


def _dinas_profile(conn: sqlite3.Connection, change: dict[str, Any]) -> bool:
    wins = _newer(conn, "dinas_profile", change["entity_id"], change["hlc"], change["data"],
                  entities.FIELDS["dinas_profile"])
    if wins:
        data = json.loads(conn.execute("SELECT data FROM dinas_profile").fetchone()[0])
        data.update(wins)
        conn.execute("UPDATE dinas_profile SET data = ?", (json.dumps(data, ensure_ascii=False),))
    return bool(wins)


def _summary(_conn: sqlite3.Connection, _change: dict[str, Any]) -> bool:
    return False


DINAS_HANDLERS = {"consent": _consent, "dinas_profile": _dinas_profile, "summary": _summary}
