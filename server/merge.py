"""Storing pushed changes: at most once per change id, in one transaction per push.

Every accepted change gets the business's next sequence number and goes into the change log
(what devices pull); the entity's current state is kept beside it, merged field by field by
hybrid logical clock for profile, items, parties and accounts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection, Table, insert
from sqlmodel import Session

from protocol.rules import INSERT_ONLY, LWW
from protocol.wire import canonical_data, hash_of
from server import sync_db
from server.dinas.project import project_dinas
from server.models import ChangeLog, Entity, utcnow
from server.shop.sync_hooks import SHOP_STEPS, project_changes, shop_step
from server.sync_db import Head, SyncDevice
from server.validate import Envelope, Waiting, references


def canonical_text(data: dict[str, Any]) -> str:
    """`protocol.wire.canonical_data`'s very text, written by orjson at a tenth of json's cost.

    A push hashes every change it brings; for the values a change may hold (text, integers,
    booleans, null, lists and objects; never a float) orjson with sorted keys writes the same
    bytes (tests/protocol/test_canonical.py holds the two together). What orjson refuses (a
    lone surrogate, an integer beyond 64 bits) goes through the protocol's own writer. The
    protocol package itself keeps to the standard library.
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:
        return canonical_data(data)


def canonical(change: Envelope) -> tuple[str, str]:
    """The data as stored and the payload hash (protocol/wire.py), from one JSON dump."""
    text = canonical_text(change.data)
    return text, hash_of(change.entity, change.entity_id, change.op, text)


class ForeignEntity(Exception):
    """A change names an entity of another business: the whole push is refused.

    The message names neither the entity nor the id: a reply that did would confirm to
    whoever sent it that the id exists, and that it belongs to someone else.
    """


@dataclass
class _New:
    """An entity first seen in this push: merged in memory, inserted with the rest at the end."""

    data: dict[str, Any]
    text: str | None                      # the stored data, while it is one change's data as is
    seq: int
    clocks: dict[str, str] = field(default_factory=dict)


def store_changes(session: Session, device: SyncDevice,
                  parsed: list[Envelope | Waiting | tuple[str | None, str]], *,
                  before_commit: Callable[[Head], None] | None = None
                  ) -> tuple[list[dict[str, Any]], Head]:
    """Apply a validated batch; returns a result per change and the business after it.

    New change-log rows and new entities are inserted in bulk (a first sync brings thousands
    per push), the entities that already exist are updated in one executemany, and every
    other statement runs once per push (server/sync_db.py). `before_commit` runs last in the
    push's transaction, the business row still locked (a combined sync reads its page there:
    every sequence up to the business's has committed or is this push's).
    """
    business = sync_db.head(session, device.business_id, lock=True)
    good = [c for c in parsed if isinstance(c, Envelope)]
    wanted = {c.entity_id for c in good} | {r for c in good for r in references(c.entity, c.data)}
    seen, owners = sync_db.known(session, business.id, [c.change_id for c in good],
                                 sorted(wanted))
    # A photo is named by its content: the same picture from another business is no leak.
    if any(e.business_id != business.id and key[0] != "photo" for key, e in owners.items()):
        raise ForeignEntity("kiriman memuat id yang tidak bisa dipakai oleh usaha ini")
    results: list[dict[str, Any]] = []
    log: list[tuple[Any, ...]] = []
    fresh: dict[tuple[str, str], _New] = {}
    merged: dict[tuple[str, str], _New] = {}   # entities already stored, changed by this push
    applied: list[Envelope] = []
    now = utcnow()
    for change in parsed:
        if isinstance(change, Waiting):
            results.append({"change_id": change.change_id, "status": "waiting",
                            "reason": change.reason})
            continue
        if not isinstance(change, Envelope):
            results.append({"change_id": change[0], "status": "rejected", "reason": change[1]})
            continue
        text, digest = canonical(change)
        if change.change_id in seen:
            same = seen[change.change_id] == digest
            results.append({"change_id": change.change_id,
                            "status": "duplicate" if same else "conflict",
                            **({} if same else {"reason": "id perubahan dipakai ulang dengan "
                                                "isi berbeda (PC hasil salinan?)"})})
            continue
        key = (change.entity, change.entity_id)
        current = owners.get(key)
        known = current is not None or key in fresh
        if known and change.entity in INSERT_ONLY:
            results.append({"change_id": change.change_id, "status": "duplicate"})
            continue
        if change.entity in SHOP_STEPS:
            done, why = shop_step(session, business.id, change)
            if not done:
                results.append({"change_id": change.change_id, "status": "rejected",
                                "reason": why})
                continue
        if not known and change.op == "update" and change.entity in ("item", "party"):
            results.append({"change_id": change.change_id, "status": "rejected",
                            "reason": f"{change.entity} {change.entity_id} belum pernah dikirim"})
            continue
        business.last_seq += 1
        log.append((business.id, business.last_seq, change.change_id, device.id, change.entity,
                    change.entity_id, change.op, text, change.hlc, digest, now))
        if change.entity in SHOP_STEPS:
            pass  # what they change lives in the shop's own tables
        elif current is not None:
            state = merged.get(key) or _New(json.loads(current.data), None, 0,
                                           json.loads(current.clocks))
            state.data, state.clocks = _merged(change, state.data, state.clocks)
            state.seq = business.last_seq
            merged[key] = state
        else:
            fresh[key] = _new_state(fresh.get(key), change, text, business.last_seq)
        seen[change.change_id] = digest
        applied.append(change)
        results.append({"change_id": change.change_id, "status": "applied"})
    _insert(session, business, log, fresh)
    sync_db.finish(session, business=business, device_id=device.id, now=now, changed=[
        {"k_entity": entity, "k_id": entity_id,
         "k_data": canonical_text(state.data),
         "k_clocks": _clocks_text(state.clocks), "k_seq": state.seq}
        for (entity, entity_id), state in merged.items()])
    project_changes(session, business.id, applied)
    project_dinas(session, business.id, applied)
    if before_commit is not None:
        session.flush()
        before_commit(business)
    session.commit()
    return results, business


def _new_state(state: _New | None, change: Envelope, text: str, seq: int) -> _New:
    if state is None:
        state = _New({}, None, seq)
        if change.entity not in LWW and change.entity != "period":
            return _New(change.data, text, seq)
    state.data, state.clocks = _merged(change, state.data, state.clocks)
    state.text, state.seq = None, seq
    return state


_LOG_COLUMNS = ("business_id", "seq", "change_id", "device_id", "entity", "entity_id", "op",
                "data", "hlc", "hash", "received_at")
_ENTITY_COLUMNS = ("entity", "entity_id", "business_id", "data", "clocks", "updated_seq")
_TABLES: tuple[tuple[Table, tuple[str, ...]], ...] = (
    (ChangeLog.__table__, _LOG_COLUMNS),  # type: ignore[attr-defined]
    (Entity.__table__, _ENTITY_COLUMNS))  # type: ignore[attr-defined]


def _insert(session: Session, business: Head, log: list[tuple[Any, ...]],
            fresh: dict[tuple[str, str], _New]) -> None:
    entities = [(entity, entity_id, business.id,
                 state.text if state.text is not None
                 else canonical_text(state.data),
                 _clocks_text(state.clocks), state.seq)
                for (entity, entity_id), state in fresh.items()]
    conn = session.connection()
    for (table, columns), rows in zip(_TABLES, (log, entities), strict=True):
        if not rows:
            continue
        if conn.dialect.name == "postgresql":
            _copy(conn, table.name, columns, rows)
        else:
            conn.execute(insert(table), [dict(zip(columns, row, strict=True)) for row in rows])


def _clocks_text(clocks: dict[str, str]) -> str:
    """Field clocks as stored; most entities (entries) have none, and skip json for "{}"."""
    return json.dumps(clocks) if clocks else "{}"


def _copy(conn: Connection, table: str, columns: tuple[str, ...],
          rows: list[tuple[Any, ...]]) -> None:
    """PostgreSQL's COPY, in the session's transaction: far cheaper than one INSERT a row."""
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor, cursor.copy(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _merged(change: Envelope, data: dict[str, Any], clocks: dict[str, str]
            ) -> tuple[dict[str, Any], dict[str, str]]:
    """An entity's data and field clocks after a change (both may be updated in place)."""
    if change.entity in LWW:
        for name, value in change.data.items():
            if change.hlc > clocks.get(name, ""):
                data[name], clocks[name] = value, change.hlc
        return data, clocks
    if change.entity == "period":
        return {"through": max(data.get("through", ""), change.data["through"])}, clocks
    return change.data, clocks
