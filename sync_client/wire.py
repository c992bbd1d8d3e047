"""Outbox rows as wire changes, and the compact form of an entry.

The outbox keeps entries as a bare id (they are immutable, and a bulk import of 180,000 of
them should not write every line twice); their lines, stock moves and depreciation are read
from the books when the change is sent. Everything else carries its changed fields.

An entry on the wire:
    {"ref", "date", "kind", "memo", "party", "due", "reverses" (entry id), "reason",
     "lines": [[account, debit, credit, memo, party]], "moves": [[item_id, qty, value]],
     "dep": [[asset_id, month, amount]]}
A line's party is null when it is the entry's party, and "" when the line has none.
A version-2 push sends entry inserts as compact rows (`compact`, `expand`, below).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

SCHEMA = 1


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


def payload_hash(change: dict[str, Any]) -> str:
    """A stable digest of what a change says (a cloned PC reusing an id is caught by it)."""
    body = {k: change[k] for k in ("entity", "entity_id", "op", "data")}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


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
    return data


def asset_link(conn: sqlite3.Connection, asset_id: str) -> dict[str, Any]:
    """The entry that bought an asset, by id (local sequence numbers do not travel)."""
    row = conn.execute("SELECT e.id FROM asset a LEFT JOIN entry e ON e.seq = a.entry_seq "
                       "WHERE a.id = ?", (asset_id,)).fetchone()
    return {"entry": row[0] if row else None}


# -- the compact push (body version 2) -------------------------------------------------------
# Entry inserts are the bulk of a push (180,000 of them in the first sync of five years), so a
# version-2 push sends each as a JSON array instead of the object above:
#     [change_id, entity_id, stamp, ref, date, kind, memo, party, lines(, extra)]
# - ids (change, entry, party) are the UUID's 16 bytes in unpadded base64url (22 characters);
# - stamp is the hlc without its device, which the push names once ("device");
# - a line is [account, amount(, memo(, party))]: amount > 0 is a debit, < 0 a credit; a
#   missing memo is the entry's memo, a missing party is null (the entry's party), "" is none;
# - extra, only when needed, holds due, reverses, reason, moves and dep as in the object form.
# `expand` gives back exactly the object `as_wire` gives (same payload hash), so the server
# checks both forms with the same validation; a malformed row raises ValueError.
BODY_VERSION = 2
EXTRA = ("due", "reverses", "reason", "moves", "dep")
_B64 = re.compile(r"[A-Za-z0-9_-]{22}")


def b64_id(value: str) -> str:
    """A UUID's text as 22 base64url characters."""
    return base64.urlsafe_b64encode(uuid.UUID(value).bytes).decode()[:22]


def text_id(value: Any) -> str:
    """The UUID text of a 22-character base64url id (ValueError when it is not one)."""
    if not isinstance(value, str) or not _B64.fullmatch(value):
        raise ValueError("id ringkas harus 22 karakter base64url")
    if value[21] not in "AQgw":  # 132 bits carry 128: the last character's low 4 bits are 0
        raise ValueError("id ringkas tidak kanonis")
    h = base64.urlsafe_b64decode(value + "==").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stamp_device(stamp: str) -> str:
    """The device part of an hlc stamp ("" when there is none)."""
    return stamp.split(":", 2)[2] if stamp.count(":") >= 2 else ""


def compact(change: Change, device: str) -> dict[str, Any] | list[Any]:
    """A change as a version-2 push sends it: an entry insert as a row, the rest as objects."""
    wire = change.as_wire()
    if change.entity != "entry" or change.op != "insert" or stamp_device(change.hlc) != device:
        return wire
    try:
        row = _row(change)
        same = expand(row, device) == wire
    except (ValueError, TypeError, KeyError, AttributeError):
        same = False
    return row if same else wire  # anything unusual goes as an object (the server judges it)


def _row(change: Change) -> list[Any]:
    d = change.data
    lines: list[list[Any]] = []
    for account, debit, credit, memo, party in d["lines"]:
        line: list[Any] = [account, debit - credit]
        if memo != d["memo"] or party is not None:
            line.append(memo)
        if party is not None:
            line.append(b64_id(party) if party else "")
        lines.append(line)
    stamp = ":".join(change.hlc.split(":", 2)[:2])
    party = b64_id(d["party"]) if d["party"] is not None else None
    row: list[Any] = [b64_id(change.change_id), b64_id(change.entity_id), stamp, d["ref"],
                      d["date"], d["kind"], d["memo"], party, lines]
    extra = {k: d[k] for k in EXTRA if k in d}
    if extra:
        row.append(extra)
    return row


def expand(row: Any, device: str) -> dict[str, Any]:
    """The object form of a compact entry row (ValueError when the row is malformed)."""
    if not isinstance(row, list) or len(row) not in (9, 10):
        raise ValueError("baris ringkas harus [id, entri, stempel, ref, tanggal, jenis, memo, "
                         "pihak, baris(, tambahan)]")
    cid, eid, stamp, ref, day, kind, memo, party, raw_lines = row[:9]
    extra = row[9] if len(row) == 10 else {}
    if len(row) == 10 and (not isinstance(extra, dict) or not extra
                           or not set(extra) <= set(EXTRA)):
        raise ValueError("tambahan hanya boleh berisi: " + ", ".join(EXTRA))
    if not isinstance(stamp, str) or not isinstance(memo, str) or not isinstance(raw_lines, list):
        raise ValueError("stempel dan memo harus teks, baris harus daftar")
    lines = [_line(line, memo) for line in raw_lines]
    data: dict[str, Any] = {"ref": ref, "date": day, "kind": kind, "memo": memo,
                            "party": None if party is None else text_id(party), "lines": lines}
    data.update({k: extra[k] for k in EXTRA if k in extra})
    return {"change_id": text_id(cid), "entity": "entry", "entity_id": text_id(eid),
            "op": "insert", "data": data, "hlc": f"{stamp}:{device}", "schema": SCHEMA}


def _line(line: Any, memo: str) -> list[Any]:
    if not isinstance(line, list) or not 2 <= len(line) <= 4:
        raise ValueError("baris ringkas harus [akun, jumlah(, memo(, pihak))]")
    amount = line[1]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount == 0:
        raise ValueError("jumlah baris harus bilangan bulat bukan nol")
    party = line[3] if len(line) == 4 else None
    return [line[0], max(amount, 0), max(-amount, 0), line[2] if len(line) >= 3 else memo,
            None if party is None else (text_id(party) if party != "" else "")]
