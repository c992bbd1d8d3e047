"""Reading posted entries back: the transaction list an owner scrolls through."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.money import sen_str


@dataclass(frozen=True)
class EntrySummary:
    """One entry as a line in a list: what, when, how much, and whether it was cancelled."""

    ref: str
    date: dt.date
    kind: str
    memo: str
    amount: int
    party: str | None
    status: str

    def to_json(self) -> dict[str, object]:
        return {"ref": self.ref, "date": self.date.isoformat(), "type": self.kind,
                "memo": self.memo, "amount": sen_str(self.amount), "party": self.party,
                "status": self.status}


def list_entries(conn: sqlite3.Connection, *, start: dt.date, end: dt.date,
                 limit: int = 500) -> list[EntrySummary]:
    """Entries dated in [start, end], newest first; status is aktif, dibatalkan or pembatalan."""
    rows = conn.execute(
        "SELECT e.ref, e.date, e.kind, e.memo, "
        "(SELECT SUM(debit) FROM line WHERE entry_seq = e.seq), p.name, "
        "CASE WHEN e.reverses_seq IS NOT NULL THEN 'pembatalan' "
        "WHEN EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) THEN 'dibatalkan' "
        "ELSE 'aktif' END "
        "FROM entry e LEFT JOIN party p ON p.id = e.party_id "
        "WHERE e.date BETWEEN ? AND ? ORDER BY e.date DESC, e.seq DESC LIMIT ?",
        (start.isoformat(), end.isoformat(), limit))
    return [EntrySummary(r[0], dt.date.fromisoformat(r[1]), r[2], r[3], int(r[4] or 0), r[5],
                         r[6]) for r in rows]
