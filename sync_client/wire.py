"""Outbox rows as wire changes (the wire format itself is protocol/wire.py's).

The outbox keeps entries as a bare id (they are immutable, and a bulk import of 180,000 of
them should not write every line twice); their lines, stock moves and depreciation are read
from the books when the change is sent. Everything else carries its changed fields.
A version-2 push sends entry inserts as compact rows (`compact`, below).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from protocol.hlc import device_of as stamp_device
from protocol.wire import (
    BODY_VERSION,
    EXTRA,
    SCHEMA,
    b64_id,
    entry_row,
    expand,
    payload_hash,
    text_id,
)

__all__ = ["BODY_VERSION", "EXTRA", "SCHEMA", "Change", "b64_id", "compact", "expand",
           "payload_hash", "pending", "stamp_device", "text_id"]


@dataclass(frozen=True)
class Change:
    """One outbox row, ready to send."""

    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    data: dict[str, Any]
    hlc: str

    def as_wire(self) -> dict[str, Any]:
        """The JSON object pushed to the server."""
        return {"change_id": self.change_id, "entity": self.entity, "entity_id": self.entity_id,
                "op": self.op, "data": self.data, "hlc": self.hlc, "schema": SCHEMA}


def pending(conn: sqlite3.Connection, *, after: int = 0, limit: int = 100,
            include_acked: bool = False) -> list[Change]:
    """The next outbox rows to send, oldest first (with `include_acked`, every kept row)."""
    where = "seq > ? AND rejected IS NULL" + ("" if include_acked else " AND acked_at IS NULL")
    rows = conn.execute(
        f"SELECT seq, change_id, entity, entity_id, op, data, hlc FROM outbox WHERE {where} "
        "ORDER BY seq LIMIT ?", (after, limit)).fetchall()
    changes = []
    for seq, change_id, entity, entity_id, op, data, stamp in rows:
        body = json.loads(data) if data else {}
        if entity == "entry":
            body = entry_data(conn, entity_id)
        elif entity == "asset":
            body = {**body, **asset_link(conn, entity_id)}
        changes.append(Change(seq, change_id, entity, entity_id, op, body, stamp))
    return changes


def entry_data(conn: sqlite3.Connection, entry_id: str) -> dict[str, Any]:
    """An entry with its lines, moves and depreciation in the compact wire form."""
    row = conn.execute(
        "SELECT e.seq, e.ref, e.date, e.kind, e.memo, e.party_id, e.due_date, r.id, e.reason "
        "FROM entry e LEFT JOIN entry r ON r.seq = e.reverses_seq WHERE e.id = ?",
        (entry_id,)).fetchone()
    if row is None:
        raise LookupError(f"entry {entry_id} not in the books")
    seq, ref, day, kind, memo, party, due, reverses, reason = row
    lines = [
        [account, debit, credit, line_memo,
         None if line_party == party else (line_party or "")]
        for account, debit, credit, line_memo, line_party in conn.execute(
            "SELECT account, debit, credit, memo, party_id FROM line WHERE entry_seq = ? "
            "ORDER BY line_no", (seq,))
    ]
    data: dict[str, Any] = {"ref": ref, "date": day, "kind": kind, "memo": memo,
                            "party": party, "lines": lines}
    if due:
        data["due"] = due
    if reverses:
        data["reverses"] = reverses
        data["reason"] = reason
    moves = [list(r) for r in conn.execute(
        "SELECT item_id, qty, value FROM stock_move WHERE entry_seq = ? ORDER BY move_no", (seq,))]
    if moves:
        data["moves"] = moves
    dep = [list(r) for r in conn.execute(
        "SELECT asset_id, month, amount FROM depreciation WHERE entry_seq = ? ORDER BY asset_id",
        (seq,))]
    if dep:
        data["dep"] = dep
    disposal = conn.execute("SELECT asset_id FROM asset_disposal WHERE entry_seq = ?",
                            (seq,)).fetchone()
    if disposal:
        data["disposal"] = disposal[0]  # pelepasan-aset: the asset it takes out of the register
    nota = conn.execute("SELECT channel, discount, total FROM nota WHERE entry_seq = ?",
                        (seq,)).fetchone()
    if nota:  # a sale or purchase of several lines: its lines travel with it
        data["nota"] = {"channel": nota[0], "discount": nota[1], "total": nota[2], "lines": [
            list(r) for r in conn.execute(
                "SELECT item_id, name, qty, price, discount, total FROM nota_line "
                "WHERE entry_seq = ? ORDER BY line_no", (seq,))]}
    return data


def asset_link(conn: sqlite3.Connection, asset_id: str) -> dict[str, Any]:
    """The entry that bought an asset, by id (local sequence numbers do not travel)."""
    row = conn.execute("SELECT e.id FROM asset a LEFT JOIN entry e ON e.seq = a.entry_seq "
                       "WHERE a.id = ?", (asset_id,)).fetchone()
    return {"entry": row[0] if row else None}


def compact(change: Change, device: str) -> dict[str, Any] | list[Any]:
    """A change as a version-2 push sends it: an entry insert as a row, the rest as objects."""
    wire = change.as_wire()
    if change.entity != "entry" or change.op != "insert" or stamp_device(change.hlc) != device:
        return wire
    try:
        row = entry_row(wire)
        same = expand(row, device) == wire
    except (ValueError, TypeError, KeyError, AttributeError):
        same = False
    return row if same else wire  # anything unusual goes as an object (the server judges it)
