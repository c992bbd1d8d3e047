"""Booking what date-ordered costing changed: dated, explained "Penyesuaian HPP" entries.

Kept apart from `costing` because it writes through the ledger (refs, totals), which in turn
calls the costing after every posting that moves stock.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from desktop.books.costing import HPP, KIND
from desktop.books.ids import new_id
from desktop.books.ledger import closed_through, next_refs, next_seq
from desktop.books.totals import apply_aggregates


def _booking_day(day: str, closed: dt.date | None) -> dt.date:
    """The movement's own day, or the first open day when that day is in a closed period."""
    when = dt.date.fromisoformat(day)
    return closed + dt.timedelta(days=1) if closed is not None and when <= closed else when


def book_adjustments(conn: sqlite3.Connection, adjust: dict[tuple[str, str], int], *,
                     cause: str, device_id: str) -> list[str]:
    """One entry per day: each item's account against HPP; returns the refs posted.

    All of a run's entries are written first and folded into the totals in one step, so a
    purchase a year back (one entry per later day) costs one pass over the running totals.
    """
    closed = closed_through(conn)
    by_day: dict[dt.date, list[tuple[str, str, int]]] = defaultdict(list)
    for (item_id, moved), amount in sorted(adjust.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        by_day[_booking_day(moved, closed)].append((item_id, moved, amount))
    if not by_day:
        return []
    names = {i: (n, a) for i, n, a in conn.execute("SELECT id, name, account FROM item")}
    days = sorted(by_day)
    refs: list[str] = []
    for year in sorted({day.year for day in days}):
        refs += next_refs(conn, KIND, year, sum(1 for day in days if day.year == year))
    first = next_seq(conn)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    why = f" setelah {cause}" if cause else ""
    memo = f"Penyesuaian HPP: harga pokok dihitung ulang menurut tanggal{why}"
    entries, lines = [], []
    for seq, (day, ref) in enumerate(zip(days, refs, strict=True), start=first):
        parts = by_day[day]
        rows: list[tuple[str, int, int, str]] = []
        for item_id, moved_on, amount in parts:
            name, account = names[item_id]
            note = f"Harga pokok {name} tanggal {moved_on} dihitung ulang"
            rows.append((account, max(amount, 0), max(-amount, 0), note))
        total = sum(amount for _i, _d, amount in parts)
        if total:
            rows.append((HPP, max(-total, 0), max(total, 0), memo))
        entries.append((seq, new_id(), ref, day.isoformat(), KIND, memo, device_id, now))
        lines += [(seq, n, a, day.isoformat(), dr, cr, m)
                  for n, (a, dr, cr, m) in enumerate(rows, 1)]
    conn.executemany(
        "INSERT INTO entry (seq, id, ref, date, kind, memo, device_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", entries)
    conn.executemany(
        "INSERT INTO line (entry_seq, line_no, account, date, debit, credit, memo) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)", lines)
    apply_aggregates(conn, first, first + len(days) - 1)
    conn.executemany(
        "INSERT INTO stock_adjust (item_id, date, amount) VALUES (?, ?, ?) "
        "ON CONFLICT(item_id, date) DO UPDATE SET amount = amount + excluded.amount",
        [(item_id, moved_on, amount) for parts in by_day.values()
         for item_id, moved_on, amount in parts])
    return refs
