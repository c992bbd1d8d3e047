"""Changes the server itself makes (curation decisions, buyers' orders) for desktops to pull.

They go into the change log exactly like pushed ones (server/merge.py): the business row is
locked, its sequence moves on by one, and the row carries a payload hash. The device is
`SERVER_DEVICE`, a fixed id no desktop ever has: the pull returns every change whose device is
not the puller's, which a NULL device would never satisfy in SQL.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from sqlmodel import Session, select

from protocol.wire import payload_hash
from server.models import Business, ChangeLog, utcnow

SERVER_DEVICE = "00000000-0000-0000-0000-000000000000"


def server_hlc() -> str:
    """A clock stamp from the server's own time (the one clock in the system that is right)."""
    return f"{int(time.time() * 1000):015d}:00000:{SERVER_DEVICE}"


def lock_business(session: Session, business_id: str) -> Business:
    """The business row, locked until the transaction ends (serialises its sequence)."""
    return session.exec(select(Business).where(Business.id == business_id)
                        .with_for_update()).one()


def append_change(session: Session, *, business_id: str, entity: str, entity_id: str,
                  data: dict[str, Any], op: str = "update") -> ChangeLog:
    """Add a server-made change with the business's next sequence; the caller commits."""
    business = lock_business(session, business_id)
    business.last_seq += 1
    row = ChangeLog(business_id=business.id, seq=business.last_seq,
                    change_id=str(uuid.uuid4()), device_id=SERVER_DEVICE, entity=entity,
                    entity_id=entity_id, op=op, data=json.dumps(data, ensure_ascii=False),
                    hlc=server_hlc(),
                    hash=payload_hash({"entity": entity, "entity_id": entity_id, "op": op,
                                       "data": data}),
                    received_at=utcnow())
    session.add(business)
    session.add(row)
    session.flush()
    return row
