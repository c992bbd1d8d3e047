"""The statements of a sync's hot path, as Core statements built once (no ORM objects).

A daily sync runs each of these once, whatever the number of changes: the token's device, the
business row locked, the change ids already stored with the entities named (one statement on
PostgreSQL), one UPDATE of the business's sequence with the device's last contact, the
changed entities in one executemany, and the pulled page. Building them once and running
them on the session's connection skips the ORM's per-statement work (identity map, unit of
work, flush), which cost more server CPU per sync than the rest of the push (issue 17). On
PostgreSQL they go straight to psycopg's cursor as written below (its prepared statements
after the fifth run), without SQLAlchemy's compile cache and result objects: half the client
CPU per statement. SQLite runs the Core statements.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from psycopg.rows import namedtuple_row, tuple_row
from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.sql import Executable
from sqlmodel import Session

from server.models import Business, ChangeLog, Device, Entity
from server.security import AuthError, token_hash

_DEVICE = Device.__table__  # type: ignore[attr-defined]
_BUSINESS = Business.__table__  # type: ignore[attr-defined]
_LOG = ChangeLog.__table__  # type: ignore[attr-defined]
_ENTITY = Entity.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class SyncDevice:
    """What a sync needs of the device holding the token."""

    id: str
    business_id: str


@dataclass(slots=True)
class Head:
    """The business row as a push holds it locked: its id, epoch and sequence."""

    id: str
    epoch: str
    last_seq: int


@dataclass(slots=True)
class Stored:
    """An entity already stored (of any business): its owner, data and field clocks."""

    business_id: str
    data: str
    clocks: str


_BY_TOKEN = select(_DEVICE.c.id, _DEVICE.c.business_id, _DEVICE.c.revoked_at).where(
    _DEVICE.c.token_hash == bindparam("h"))
_HEAD = select(_BUSINESS.c.id, _BUSINESS.c.epoch, _BUSINESS.c.last_seq).where(
    _BUSINESS.c.id == bindparam("b"))
_LOCKED_HEAD = _HEAD.with_for_update()
_SEEN = select(_LOG.c.change_id, _LOG.c.hash).where(
    _LOG.c.business_id == bindparam("b"),
    _LOG.c.change_id.in_(bindparam("ids", expanding=True)))
_OWNERS = select(_ENTITY.c.entity, _ENTITY.c.entity_id, _ENTITY.c.business_id,
                 _ENTITY.c.data, _ENTITY.c.clocks).where(
    _ENTITY.c.entity_id.in_(bindparam("ids", expanding=True)))
_SET_SEQ = update(_BUSINESS).where(_BUSINESS.c.id == bindparam("b")).values(
    last_seq=bindparam("seq"))
_SEEN_NOW = update(_DEVICE).where(_DEVICE.c.id == bindparam("d")).values(
    last_seen=bindparam("at"))
_SET_ENTITY = update(_ENTITY).where(
    _ENTITY.c.entity == bindparam("k_entity"), _ENTITY.c.entity_id == bindparam("k_id")).values(
    data=bindparam("k_data"), clocks=bindparam("k_clocks"), updated_seq=bindparam("k_seq"))
_PAGE = select(_LOG.c.seq, _LOG.c.change_id, _LOG.c.entity, _LOG.c.entity_id, _LOG.c.op,
               _LOG.c.data, _LOG.c.hlc, _LOG.c.device_id, _LOG.c.received_at).where(
    _LOG.c.business_id == bindparam("b"), _LOG.c.seq > bindparam("since"),
    _LOG.c.device_id != bindparam("d")).order_by(_LOG.c.seq).limit(bindparam("n"))


# The same statements for psycopg, by name (checked against the Core ones by the suite, which
# runs on both databases).
_PG_BY_TOKEN = "SELECT id, business_id, revoked_at FROM device WHERE token_hash = %(h)s"
_PG_HEAD = "SELECT id, epoch, last_seq FROM business WHERE id = %(b)s"
_PG_LOCKED_HEAD = _PG_HEAD + " FOR UPDATE"
# What a push must know before it stores anything, in one statement: the payload hash of
# each of its change ids this business already stored (first column true), and every stored
# entity (of any business) with one of the ids it names (false). The ids go as one
# comma-joined text (they are UUIDs or sha256, checked before): no array to build per id.
# Both are found with one index probe per id, whatever the planner knows: with no statistics
# yet (a new mall, or a table that grew since the last ANALYZE) `change_id = ANY(...)` was
# planned as a read of every change the business ever stored, and `entity_id = ANY(...)` as
# a scan of the whole table, costs that grow with every entry (tests/sync/
# test_sync_statements.py reads the plan).
_PG_KNOWN = ("SELECT true, l.change_id, l.hash, NULL, NULL, NULL "
             "FROM unnest(string_to_array(%(cids)s, ',')) AS sent(id) CROSS JOIN LATERAL "
             "(SELECT change_id, hash FROM change_log WHERE business_id = %(b)s "
             "AND change_id = sent.id OFFSET 0) AS l "
             "UNION ALL SELECT false, e.entity, e.entity_id, e.business_id, e.data, e.clocks "
             "FROM unnest(string_to_array(%(ids)s, ',')) AS wanted(id) CROSS JOIN LATERAL "
             "(SELECT * FROM entity WHERE entity.entity_id = wanted.id OFFSET 0) AS e")
# One statement for both rows a push always updates.
_PG_FINISH = ("WITH seen AS (UPDATE device SET last_seen = %(at)s WHERE id = %(d)s) "
              "UPDATE business SET last_seq = %(seq)s WHERE id = %(b)s")
_PG_SET_ENTITY = ("UPDATE entity SET data = %(k_data)s, clocks = %(k_clocks)s, "
                  "updated_seq = %(k_seq)s WHERE entity = %(k_entity)s AND entity_id = %(k_id)s")
_PG_PAGE = ("SELECT seq, change_id, entity, entity_id, op, data, hlc, device_id, received_at "
            "FROM change_log WHERE business_id = %(b)s AND seq > %(since)s AND device_id != %(d)s "
            "ORDER BY seq LIMIT %(n)s")


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _rows(session: Session, core: Executable, pg: str, params: dict[str, Any], *,
          named: bool = False) -> list[Any]:
    """A query's rows: psycopg's own cursor on PostgreSQL, the Core statement elsewhere."""
    conn = session.connection()
    if not _pg(conn):
        return list(conn.execute(core, params))
    return _pg_rows(conn, pg, params, named=named)


def _pg_rows(conn: Connection, pg: str, params: dict[str, Any], *,
             named: bool = False) -> list[Any]:
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor(row_factory=namedtuple_row if named else tuple_row) as cursor:
        cursor.execute(pg, params)
        return list(cursor.fetchall())


def _write(session: Session, core: Executable, pg: str,
           params: dict[str, Any] | list[dict[str, Any]]) -> None:
    conn = session.connection()
    if not _pg(conn):
        conn.execute(core, params)
        return
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor:
        if isinstance(params, list):
            cursor.executemany(pg, params)
        else:
            cursor.execute(pg, params)


def token_device(session: Session, token: str) -> SyncDevice:
    """The live device holding this token (as `security.device_for_token`, without the ORM)."""
    rows = _rows(session, _BY_TOKEN, _PG_BY_TOKEN, {"h": token_hash(token)})
    if not rows:
        raise AuthError(401, "Token perangkat tidak dikenal; hubungkan ulang ke Mall")
    device_id, business_id, revoked_at = rows[0]
    if revoked_at is not None:
        raise AuthError(401, "Perangkat ini sudah dicabut aksesnya; hubungkan ulang ke Mall")
    return SyncDevice(device_id, business_id)


def head(session: Session, business_id: str, *, lock: bool) -> Head:
    """The business's id, epoch and sequence; `lock` holds its row until the commit."""
    rows = _rows(session, _LOCKED_HEAD if lock else _HEAD,
                 _PG_LOCKED_HEAD if lock else _PG_HEAD, {"b": business_id})
    if len(rows) != 1:
        raise LookupError(f"business {business_id} not found")
    return Head(*rows[0])


def known(session: Session, business_id: str, change_ids: list[str], ids: list[str]
          ) -> tuple[dict[str, str], dict[tuple[str, str], Stored]]:
    """The payload hash of each of these change ids this business already stored, and the
    stored entities (of any business, any kind) with these ids: one statement on PostgreSQL."""
    if not change_ids and not ids:
        return {}, {}
    conn = session.connection()
    seen: Sequence[Any]
    found: Sequence[Any]
    if _pg(conn):
        rows = _pg_rows(conn, _PG_KNOWN, {
            "b": business_id, "cids": ",".join(change_ids), "ids": ",".join(ids)})
        seen = [r[1:3] for r in rows if r[0]]
        found = [r[1:] for r in rows if not r[0]]
    else:
        seen = conn.execute(_SEEN, {"b": business_id, "ids": change_ids}).all() \
            if change_ids else []
        found = conn.execute(_OWNERS, {"ids": ids}).all() if ids else []
    return ({r[0]: r[1] for r in seen},
            {(r[0], r[1]): Stored(r[2], r[3], r[4]) for r in found})


def finish(session: Session, *, business: Head, device_id: str, now: dt.datetime,
           changed: list[dict[str, Any]]) -> None:
    """The business's new sequence, the device's last contact and the merged entities."""
    if changed:
        _write(session, _SET_ENTITY, _PG_SET_ENTITY, changed)
    if _pg(session.connection()):
        _write(session, _SET_SEQ, _PG_FINISH, {"b": business.id, "seq": business.last_seq,
                                               "d": device_id, "at": now})
        return
    session.connection().execute(_SET_SEQ, {"b": business.id, "seq": business.last_seq})
    session.connection().execute(_SEEN_NOW, {"d": device_id, "at": now})


def page_rows(session: Session, device: SyncDevice, since: int, limit: int) -> list[Any]:
    """The changes of the device's business after `since`, from its other devices."""
    return _rows(session, _PAGE, _PG_PAGE, {
        "b": device.business_id, "since": since, "d": device.id, "n": limit}, named=True)
