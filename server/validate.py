"""Strict checks of every pushed change before anything is stored.

The fields, types, enums and bounds are protocol/entities.py's, the same the desktop's books
enforce: a change the server stores is pulled by every other PC of the business, so anything
a PC could not store is refused here (protocol/README.md, "Entities").
"""

from __future__ import annotations

import re
import time
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

from protocol import entities
from protocol import hlc as clock
from protocol.entities import Invalid, references
from protocol.wire import SCHEMA, expand
from server.validate_quick import quick_entry
from server.validate_shop import ShopReject, check_photo

SHA256 = re.compile(r"^[0-9a-f]{64}$")
__all__ = ["Envelope", "Reject", "Waiting", "envelope", "references"]


@dataclass(frozen=True, slots=True)
class Envelope:
    """The parts every change has (checked by `envelope`, by hand: a push brings thousands
    of changes, and a model object per change cost more than everything else it does)."""

    change_id: str
    entity: str
    entity_id: str
    op: str
    data: dict[str, Any]
    hlc: str
    schema_: int


_TEXT_KEYS = ("change_id", "entity", "entity_id", "op", "hlc")
_KEYS = frozenset({*_TEXT_KEYS, "data", "schema"})
_ORDER = ("change_id", "entity", "entity_id", "op", "data", "hlc", "schema")


def _frame(raw: dict[str, Any]) -> Envelope:
    """The envelope's keys and types, strictly (no coercion), naming the first bad key."""
    if raw.keys() != _KEYS:
        for key in _ORDER:
            if key not in raw:
                raise Reject(f"kolom '{key}': wajib ada")
        extra = next(str(k) for k in raw if k not in _KEYS)
        raise Reject(f"kolom '{extra[:60]}': tidak dikenal")
    for key in _TEXT_KEYS:
        if type(raw[key]) is not str:
            raise Reject(f"kolom '{key}': harus teks")
    if type(raw["data"]) is not dict:
        raise Reject("kolom 'data': harus objek")
    if type(raw["schema"]) is not int:
        raise Reject("kolom 'schema': harus bilangan bulat")
    if len(raw["hlc"]) > clock.MAX_LENGTH:
        raise Reject(f"kolom 'hlc': paling panjang {clock.MAX_LENGTH} karakter")
    if not _is_uuid(raw["change_id"]):
        raise Reject("kolom 'change_id': harus UUID")
    if not SHA256.fullmatch(raw["entity_id"]) and not _is_uuid(raw["entity_id"]):
        raise Reject("kolom 'entity_id': harus UUID")
    return Envelope(raw["change_id"], raw["entity"], raw["entity_id"], raw["op"], raw["data"],
                    raw["hlc"], raw["schema"])


def _is_uuid(value: str) -> bool:
    if len(value) != 36:
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


class Waiting(NamedTuple):
    """A change that cannot be applied yet (its photo's upload is not complete): it stays in
    the desktop's outbox and comes again with the next sync."""

    change_id: str | None
    reason: str


class Reject(ValueError):
    """A change refused, with the reason the owner will read."""


def envelope(raw: Any, *, now_ms: int | None = None) -> Envelope:
    """Parse a change's frame and data; Reject with a short reason when it breaks the protocol.

    `now_ms` is the server's clock: a stamp further ahead than `clock.MAX_SKEW_MS` is refused.
    """
    if not isinstance(raw, dict):
        raise Reject("perubahan harus objek JSON")
    change = _frame(raw)
    if change.schema_ != SCHEMA:
        raise Reject(f"versi skema {change.schema_} tidak dikenal")
    if change.entity not in entities.PUSHED:
        raise Reject(f"'{change.op}' pada '{change.entity}' tidak dikenal"[:200])
    try:
        clock.check(change.hlc, now_ms=int(time.time() * 1000) if now_ms is None else now_ms)
    except clock.BadStamp as exc:
        raise Reject(f"stempel waktu (hlc) tidak sah: {exc}"[:200]) from None
    if (change.entity == "photo") != bool(SHA256.fullmatch(change.entity_id)):
        raise Reject("kolom 'entity_id': foto bernama sha256, yang lain UUID")
    try:
        entities.check(change.entity, change.op, change.data)
        if change.entity == "photo":
            check_photo(change.entity_id, change.data)
    except (Invalid, ShopReject) as exc:
        raise Reject(str(exc)) from None
    return change


def compact_envelope(row: list[Any], device: str, *, now_ms: int) -> Envelope:
    """A compact entry row (protocol/wire.py), checked exactly as its object form would be.

    `expand` already gives canonical UUIDs, the entity, op and schema: only the stamp and the
    entry's data (protocol/entities.py's `check_entry`) are left to check, and no object is
    built per row beyond the Envelope. Reject when the row breaks the protocol. An ordinary
    valid row is accepted in one pass (server/validate_quick.py); any other goes the full way.
    """
    quick = quick_entry(row, device, now_ms=now_ms)
    if quick is not None:
        return Envelope(quick.change_id, "entry", quick.entity_id, "insert", quick.data,
                        quick.hlc, SCHEMA)
    try:
        raw = expand(row, device)
    except ValueError as exc:
        raise Reject(str(exc)[:200]) from None
    stamp: str = raw["hlc"]
    if len(stamp) > clock.MAX_LENGTH:
        raise Reject(f"kolom 'hlc': paling panjang {clock.MAX_LENGTH} karakter")
    try:
        clock.check(stamp, now_ms=now_ms)
    except clock.BadStamp as exc:
        raise Reject(f"stempel waktu (hlc) tidak sah: {exc}"[:200]) from None
    try:
        entities.check_entry(raw["data"])
    except Invalid as exc:
        raise Reject(str(exc)) from None
    return Envelope(raw["change_id"], "entry", raw["entity_id"], "insert", raw["data"], stamp,
                    SCHEMA)


def check_data(entity: str, data: dict[str, Any], *, op: str = "update") -> None:
    """Field names, types and bounds of one entity's data (Reject when they break one)."""
    try:
        entities.check(entity, op, data)
    except Invalid as exc:
        raise Reject(str(exc)) from None
