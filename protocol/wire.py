"""A change on the wire, its payload hash, and the compact form of an entry insert.

A change is `{change_id, entity, entity_id, op, data, hlc, schema}` (protocol/README.md,
"Push"). Its payload hash is the SHA-256 of the canonical JSON of entity, entity_id, op and
data: sorted keys, no spaces, UTF-8. The same id with another hash is a cloned PC.

An entry on the wire:
    {"ref", "date", "kind", "memo", "party", "due", "reverses" (entry id), "reason",
     "lines": [[account, debit, credit, memo, party]], "moves": [[item_id, qty, value]],
     "dep": [[asset_id, month, amount]]}
A line's party is null when it is the entry's party, and "" when the line has none.

Version 2 of a push body sends entry inserts as compact rows (`entry_row`, `expand`):
    [change_id, entity_id, stamp, ref, date, kind, memo, party, lines(, extra)]
- ids (change, entry, party) are the UUID's 16 bytes in unpadded base64url (22 characters);
- stamp is the hlc without its device, which the push names once ("device");
- a line is [account, amount(, memo(, party))]: amount > 0 is a debit, < 0 a credit; a
  missing memo is the entry's memo, a missing party is null (the entry's party), "" is none;
- extra, only when needed, holds due, reverses, reason, moves, dep, disposal and nota as in the
  object form.
`expand` gives back exactly the object form (same payload hash), so both forms are checked
the same way; a malformed row raises ValueError.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
import uuid
from typing import Any

from protocol.entities import OPS

SCHEMA = 1
BODY_VERSION = 2
EXTRA = ("due", "reverses", "reason", "moves", "dep", "disposal", "nota")
_B64 = re.compile(r"[A-Za-z0-9_-]{22}")
# A canonical compact id: 22 base64url characters whose last carries 2 bits (132 carry 128).
CANONICAL_ID = re.compile(r"[A-Za-z0-9_-]{21}[AQgw]")
_PLAIN = re.compile(r"[A-Za-z0-9_-]*")   # JSON quotes it as it is
_URLSAFE = bytes.maketrans(b"-_", b"+/")


def canonical_data(data: dict[str, Any]) -> str:
    """A change's data as stored and hashed: sorted keys, no spaces, non-ASCII kept."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def hash_of(entity: str, entity_id: str, op: str, data_text: str) -> str:
    """The payload hash, from the canonical data text (computed once by the server)."""
    body = (f'{{"data":{data_text},"entity":{_NAMES.get(entity) or _quoted(entity)},'
            f'"entity_id":{_quoted(entity_id)},"op":{_NAMES.get(op) or _quoted(op)}}}')
    return hashlib.sha256(body.encode()).hexdigest()


def _quoted(text: str) -> str:
    """`json.dumps(text, ensure_ascii=False)`, without the call for a plain id or name (a
    push hashes thousands of changes, and nearly every one is such)."""
    if _PLAIN.fullmatch(text):
        return f'"{text}"'
    return json.dumps(text, ensure_ascii=False)


# The entity and op names quoted once: every change names one of these.
_NAMES = {name: f'"{name}"' for name in {*OPS, *(op for ops in OPS.values() for op in ops)}}


def payload_hash(change: dict[str, Any]) -> str:
    """A stable digest of what a change says (a cloned PC reusing an id is caught by it)."""
    return hash_of(change["entity"], change["entity_id"], change["op"],
                   canonical_data(change["data"]))


def b64_id(value: str) -> str:
    """A UUID's text as 22 base64url characters."""
    return base64.urlsafe_b64encode(uuid.UUID(value).bytes).decode()[:22]


def text_id(value: Any) -> str:
    """The UUID text of a 22-character base64url id (ValueError when it is not one)."""
    if not isinstance(value, str) or not _B64.fullmatch(value):
        raise ValueError("id ringkas harus 22 karakter base64url")
    if not CANONICAL_ID.fullmatch(value):  # the last character's low 4 bits must be 0
        raise ValueError("id ringkas tidak kanonis")
    return uuid_text(value)


def uuid_text(value: str) -> str:
    """The UUID text of a compact id already checked to be canonical base64url (ASCII).

    A push turns two or three of these per entry: bytes.translate and binascii here cost
    about a quarter of uuid.UUID over base64's decoder (0.6 against 2.1 µs)."""
    h = binascii.a2b_base64(value.encode().translate(_URLSAFE) + b"==").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def entry_row(wire: dict[str, Any]) -> list[Any]:
    """The compact row of an entry insert given in the object form."""
    d = wire["data"]
    lines: list[list[Any]] = []
    for account, debit, credit, memo, party in d["lines"]:
        line: list[Any] = [account, debit - credit]
        if memo != d["memo"] or party is not None:
            line.append(memo)
        if party is not None:
            line.append(b64_id(party) if party else "")
        lines.append(line)
    stamp = ":".join(wire["hlc"].split(":", 2)[:2])
    party = b64_id(d["party"]) if d["party"] is not None else None
    row: list[Any] = [b64_id(wire["change_id"]), b64_id(wire["entity_id"]), stamp, d["ref"],
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
