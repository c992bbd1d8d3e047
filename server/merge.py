"""Storing pushed changes: at most once per change id, in one transaction per push.

Every accepted change gets the business's next sequence number and goes into the change log
(what devices pull); the entity's current state is kept beside it, merged field by field by
hybrid logical clock for profile, items, parties and accounts.
"""

from __future__ import annotations

import json
from typing import Any

from sqlmodel import Session, col, select

from server.models import Business, ChangeLog, Device, Entity, utcnow
from server.validate import Envelope, references
from sync_client.wire import payload_hash

LWW = {"profile", "item", "party", "account"}


def _hash(change: Envelope) -> str:
    return payload_hash({"entity": change.entity, "entity_id": change.entity_id,
                         "op": change.op, "data": change.data})


class ForeignEntity(Exception):
    """A change names an entity of another business: the whole push is refused."""


def store_changes(session: Session, device: Device,
                  parsed: list[Envelope | tuple[str | None, str]]
                  ) -> tuple[list[dict[str, Any]], Business]:
    """Apply a validated batch; returns a result per change and the business after it."""
    business = session.exec(select(Business).where(Business.id == device.business_id)
                            .with_for_update()).one()
    good = [c for c in parsed if isinstance(c, Envelope)]
    seen = {row.change_id: row.hash for row in session.exec(
        select(ChangeLog).where(ChangeLog.business_id == business.id,
                                col(ChangeLog.change_id).in_([c.change_id for c in good])))}
    wanted = {c.entity_id for c in good} | {r for c in good for r in references(c.entity, c.data)}
    owners = {(e.entity, e.entity_id): e for e in session.exec(
        select(Entity).where(col(Entity.entity_id).in_(wanted)))}
    foreign = [e for e in owners.values() if e.business_id != business.id]
    if foreign:
        raise ForeignEntity(f"{foreign[0].entity} {foreign[0].entity_id} milik usaha lain")
    results: list[dict[str, Any]] = []
    now = utcnow()
    for change in parsed:
        if not isinstance(change, Envelope):
            results.append({"change_id": change[0], "status": "rejected", "reason": change[1]})
            continue
        digest = _hash(change)
        if change.change_id in seen:
            same = seen[change.change_id] == digest
            results.append({"change_id": change.change_id,
                            "status": "duplicate" if same else "conflict",
                            **({} if same else {"reason": "id perubahan dipakai ulang dengan "
                                                "isi berbeda (PC hasil salinan?)"})})
            continue
        key = (change.entity, change.entity_id)
        current = owners.get(key)
        if current is not None and change.entity in ("entry", "asset"):
            results.append({"change_id": change.change_id, "status": "duplicate"})
            continue
        if current is None and change.op == "update" and change.entity in ("item", "party"):
            results.append({"change_id": change.change_id, "status": "rejected",
                            "reason": f"{change.entity} {change.entity_id} belum pernah dikirim"})
            continue
        business.last_seq += 1
        session.add(ChangeLog(business_id=business.id, seq=business.last_seq,
                              change_id=change.change_id, device_id=device.id,
                              entity=change.entity, entity_id=change.entity_id, op=change.op,
                              data=json.dumps(change.data, ensure_ascii=False), hlc=change.hlc,
                              hash=digest, received_at=now))
        owners[key] = _merge(session, current, change, business)
        seen[change.change_id] = digest
        results.append({"change_id": change.change_id, "status": "applied"})
    device.last_seen = now
    session.add(device)
    session.add(business)
    session.commit()
    return results, business


def _merge(session: Session, current: Entity | None, change: Envelope,
           business: Business) -> Entity:
    if current is None:
        current = Entity(entity=change.entity, entity_id=change.entity_id,
                         business_id=business.id, data="{}", clocks="{}")
    if change.entity in LWW:
        data, clocks = json.loads(current.data), json.loads(current.clocks)
        for name, value in change.data.items():
            if change.hlc > clocks.get(name, ""):
                data[name], clocks[name] = value, change.hlc
        current.data, current.clocks = json.dumps(data, ensure_ascii=False), json.dumps(clocks)
    elif change.entity == "period":
        old = json.loads(current.data).get("through", "")
        current.data = json.dumps({"through": max(old, change.data["through"])})
    else:
        current.data = json.dumps(change.data, ensure_ascii=False)
    current.updated_seq = business.last_seq
    session.add(current)
    return current
