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

from sqlalchemy import String, Table, any_, bindparam, insert, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from protocol.rules import INSERT_ONLY, LWW
from protocol.wire import canonical_data, hash_of
from server.dinas.project import project_dinas
from server.models import Business, ChangeLog, Device, Entity, utcnow
from server.shop.sync_hooks import SHOP_STEPS, project_changes, shop_step
from server.validate import Envelope, Waiting, references


def canonical(change: Envelope) -> tuple[str, str]:
    """The data as stored and the payload hash (protocol/wire.py), from one JSON dump."""
    text = canonical_data(change.data)
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


def store_changes(session: Session, device: Device,
                  parsed: list[Envelope | Waiting | tuple[str | None, str]], *,
                  before_commit: Callable[[Business], None] | None = None
                  ) -> tuple[list[dict[str, Any]], Business]:
    """Apply a validated batch; returns a result per change and the business after it.

    New change-log rows and new entities are inserted in bulk (a first sync brings thousands
    per push); entities that already exist are merged through the session. `before_commit`
    runs last in the push's transaction, the business row still locked (a combined sync
    reads its page there: every sequence up to the business's has committed or is this push's).
    """
    business = session.exec(select(Business).where(Business.id == device.business_id)
                            .with_for_update()).one()
    good = [c for c in parsed if isinstance(c, Envelope)]
    seen: dict[str, str] = dict(session.execute(
        select(ChangeLog.change_id, ChangeLog.hash).where(
            ChangeLog.business_id == business.id,
            _among(session, col(ChangeLog.change_id), [c.change_id for c in good]))).all())
    wanted = {c.entity_id for c in good} | {r for c in good for r in references(c.entity, c.data)}
    owners = {(e.entity, e.entity_id): e for e in _entities(session, sorted(wanted))}
    # A photo is named by its content: the same picture from another business is no leak.
    foreign = [e for e in owners.values() if e.business_id != business.id
               and e.entity != "photo"]
    if foreign:
        raise ForeignEntity("kiriman memuat id yang tidak bisa dipakai oleh usaha ini")
    results: list[dict[str, Any]] = []
    log: list[dict[str, Any]] = []
    fresh: dict[tuple[str, str], _New] = {}
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
        log.append({"business_id": business.id, "seq": business.last_seq,
                    "change_id": change.change_id, "device_id": device.id,
                    "entity": change.entity, "entity_id": change.entity_id, "op": change.op,
                    "data": text, "hlc": change.hlc, "hash": digest, "received_at": now})
        if change.entity in SHOP_STEPS:
            pass  # what they change lives in the shop's own tables
        elif current is not None:
            data, clocks = _merged(change, json.loads(current.data), json.loads(current.clocks))
            current.data = json.dumps(data, ensure_ascii=False)
            current.clocks, current.updated_seq = json.dumps(clocks), business.last_seq
            session.add(current)
        else:
            fresh[key] = _new_state(fresh.get(key), change, text, business.last_seq)
        seen[change.change_id] = digest
        applied.append(change)
        results.append({"change_id": change.change_id, "status": "applied"})
    _insert(session, business, log, fresh)
    project_changes(session, business.id, applied)
    project_dinas(session, business.id, applied)
    device.last_seen = now
    session.add(device)
    session.add(business)
    if before_commit is not None:
        session.flush()
        before_commit(business)
    session.commit()
    return results, business


def _among(session: Session, column: Any, values: list[str]) -> ColumnElement[bool]:
    """`column IN values`; on PostgreSQL one array parameter instead of one per value."""
    if session.get_bind().dialect.name == "postgresql":
        found: ColumnElement[bool] = column == any_(bindparam("among", values,
                                                               type_=ARRAY(String)))
        return found
    listed: ColumnElement[bool] = column.in_(values)
    return listed


def _entities(session: Session, ids: list[str]) -> list[Entity]:
    """The entities (of any business, any kind) with these ids.

    On PostgreSQL one index probe per id, whatever the planner knows: with no statistics yet
    (a new mall, or a table that grew since the last ANALYZE) `entity_id = ANY(...)` is planned
    as a scan of the whole table, a cost that grows with every entry of every business.
    """
    if session.get_bind().dialect.name != "postgresql":
        return list(session.exec(select(Entity).where(col(Entity.entity_id).in_(ids))))
    probe = text("SELECT e.* FROM unnest(:ids) AS wanted(id) CROSS JOIN LATERAL "
                 "(SELECT * FROM entity WHERE entity.entity_id = wanted.id OFFSET 0) AS e"
                 ).bindparams(bindparam("ids", ids, type_=ARRAY(String)))
    return list(session.execute(select(Entity).from_statement(probe)).scalars())


def _new_state(state: _New | None, change: Envelope, text: str, seq: int) -> _New:
    if state is None:
        state = _New({}, None, seq)
        if change.entity not in LWW and change.entity != "period":
            return _New(change.data, text, seq)
    state.data, state.clocks = _merged(change, state.data, state.clocks)
    state.text, state.seq = None, seq
    return state


def _insert(session: Session, business: Business, log: list[dict[str, Any]],
            fresh: dict[tuple[str, str], _New]) -> None:
    entities = [{"entity": entity, "entity_id": entity_id, "business_id": business.id,
                 "data": state.text if state.text is not None
                 else json.dumps(state.data, ensure_ascii=False),
                 "clocks": json.dumps(state.clocks), "updated_seq": state.seq}
                for (entity, entity_id), state in fresh.items()]
    tables: list[tuple[Table, list[dict[str, Any]]]] = [
        (ChangeLog.__table__, log), (Entity.__table__, entities)]  # type: ignore[attr-defined]
    for table, rows in tables:
        if not rows:
            continue
        if session.get_bind().dialect.name == "postgresql":
            _copy(session, table.name, rows)
        else:
            session.execute(insert(table), rows)


def _copy(session: Session, table: str, rows: list[dict[str, Any]]) -> None:
    """PostgreSQL's COPY, in the session's transaction: far cheaper than one INSERT a row."""
    columns = list(rows[0])
    raw = session.connection().connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(  # type: ignore[attr-defined]
            f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


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
