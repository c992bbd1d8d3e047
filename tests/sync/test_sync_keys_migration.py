"""Migration 0011: change_log keyed by (business_id, seq), entity by (entity_id, entity), no
foreign keys to business, on SQLite and PostgreSQL; rows survive both ways, pushes still work
and a lookup by entity_id alone is served by the primary key."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import Session, SQLModel, select

from desktop.books.ids import new_id
from server import sync_db
from server.db import MIGRATIONS, make_engine
from server.models import ChangeLog, Entity
from tests.sync.live import LiveServer
from tests.sync.test_server import HLC, entry, login, push
from tests.sync.test_sync_statements import item_change

BEFORE, AFTER = "0010_order_lines", "0011_sync_keys"
DAY = dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)
BUSINESSES = ("b-1", "b-2")


def migrate(engine: Engine, target: str, *, down: bool = False) -> None:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def seed(conn: Connection) -> None:
    """Two businesses, five changes each (arriving interleaved), an entity per change."""
    for n, business in enumerate(BUSINESSES):
        conn.execute(text("INSERT INTO business (id, name, slug, epoch, last_seq, created_at) "
                          "VALUES (:id, :name, :slug, 'e', 5, :at)"),
                     {"id": business, "name": f"Usaha {n}", "slug": f"usaha-{n}", "at": DAY})
    for seq in range(1, 6):
        for n, business in enumerate(BUSINESSES):
            entity_id = f"{business}-item-{seq}"
            conn.execute(text(
                "INSERT INTO change_log (business_id, seq, change_id, device_id, entity, "
                "entity_id, op, data, hlc, hash, received_at) VALUES (:b, :seq, :cid, 'd', "
                "'item', :eid, 'insert', '{}', :hlc, 'h', :at)"), {
                "b": business, "seq": seq, "cid": f"c-{business}-{seq}", "eid": entity_id,
                "hlc": HLC, "at": DAY + dt.timedelta(minutes=2 * seq + n)})
            conn.execute(text("INSERT INTO entity (entity, entity_id, business_id, data, clocks, "
                              "updated_seq) VALUES ('item', :eid, :b, '{}', '{}', :seq)"),
                         {"eid": entity_id, "b": business, "seq": seq})


def contents(conn: Connection) -> tuple[list[Any], list[Any]]:
    log = conn.execute(text("SELECT business_id, seq, change_id, entity_id, received_at "
                            "FROM change_log ORDER BY business_id, seq")).all()
    entities = conn.execute(text("SELECT entity, entity_id, business_id, updated_seq "
                                 "FROM entity ORDER BY entity_id")).all()
    return [tuple(r) for r in log], [tuple(r) for r in entities]


def keys(engine: Engine, table: str) -> dict[str, Any]:
    found = inspect(engine)
    return {"pk": found.get_pk_constraint(table)["constrained_columns"],
            "fks": found.get_foreign_keys(table),
            "unique": sorted(u["column_names"] for u in found.get_unique_constraints(table)),
            "indexes": sorted(i["name"] for i in found.get_indexes(table)  # not a constraint's
                              if not i.get("duplicates_constraint")),
            "columns": [c["name"] for c in found.get_columns(table)]}


@pytest.fixture
def engine(db_url: str) -> Any:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def test_upgrade_keeps_rows_and_rekeys_both_tables(engine: Engine) -> None:
    migrate(engine, BEFORE)
    with engine.begin() as conn:
        seed(conn)
        before = contents(conn)
    assert keys(engine, "change_log")["pk"] == ["id"]
    assert keys(engine, "entity")["fks"]

    migrate(engine, AFTER)
    with engine.connect() as conn:
        assert contents(conn) == before
    log, ent = keys(engine, "change_log"), keys(engine, "entity")
    assert log["pk"] == ["business_id", "seq"]
    assert "id" not in log["columns"]
    assert log["fks"] == [] and ent["fks"] == []
    assert log["unique"] == [["business_id", "change_id"]]  # (business_id, seq) is the key
    assert ent["pk"] == ["entity_id", "entity"]
    assert ent["indexes"] == ["ix_entity_business_id"]


def test_models_describe_the_migrated_tables(engine: Engine) -> None:
    migrate(engine, AFTER)
    for model in (ChangeLog, Entity):
        table = model.__table__  # type: ignore[union-attr]
        found = keys(engine, table.name)
        assert found["pk"] == [c.name for c in table.primary_key.columns]
        assert found["fks"] == [] and not table.foreign_keys
        assert found["indexes"] == sorted(i.name for i in table.indexes)
        assert found["columns"] == [c.name for c in table.columns]

    def ours(obj: Any, name: str | None, kind: str, *_: Any) -> bool:
        return kind != "table" or name in ("change_log", "entity")

    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ours})
        diffs = compare_metadata(context, SQLModel.metadata)
    # SQLite's entity_id stays VARCHAR(36) on purpose (0003: it does not enforce lengths).
    def excused(diff: Any) -> bool:
        return (engine.dialect.name == "sqlite" and isinstance(diff, list)
                and diff[0][0] == "modify_type" and diff[0][3] == "entity_id")

    assert [d for d in diffs if not excused(d)] == []


def test_downgrade_restores_the_old_keys_and_a_numbered_id(engine: Engine) -> None:
    migrate(engine, BEFORE)
    with engine.begin() as conn:
        seed(conn)
        before = contents(conn)
    migrate(engine, AFTER)
    migrate(engine, BEFORE, down=True)
    with engine.begin() as conn:
        assert contents(conn) == before
        # Numbered in arrival order, the two businesses interleaved.
        order = conn.execute(text("SELECT business_id, seq FROM change_log ORDER BY id")).all()
        assert [tuple(r) for r in order] == [(b, s) for s in range(1, 6) for b in BUSINESSES]
        assert conn.execute(text("SELECT min(id), max(id) FROM change_log")).one() == (1, 10)
        # A new row gets the next id by itself, as the serial id always did.
        conn.execute(text(
            "INSERT INTO change_log (business_id, seq, change_id, device_id, entity, entity_id, "
            "op, data, hlc, hash, received_at) VALUES ('b-1', 6, 'c-new', 'd', 'item', 'x', "
            "'insert', '{}', :hlc, 'h', :at)"), {"hlc": HLC, "at": DAY})
        assert conn.execute(text("SELECT id FROM change_log WHERE change_id = 'c-new'")
                            ).scalar_one() == 11
    log, ent = keys(engine, "change_log"), keys(engine, "entity")
    assert log["pk"] == ["id"]
    assert log["unique"] == [["business_id", "change_id"], ["business_id", "seq"]]
    assert [f["referred_table"] for f in log["fks"]] == ["business"]
    assert ent["pk"] == ["entity", "entity_id"]
    assert [f["referred_table"] for f in ent["fks"]] == ["business"]
    assert ent["indexes"] == ["ix_entity_business_id", "ix_entity_entity_id"]
    migrate(engine, AFTER)  # and up again
    assert keys(engine, "entity")["pk"] == ["entity_id", "entity"]


def test_pushes_still_store_and_merge(client: TestClient, live: LiveServer) -> None:
    made = login(client, live)
    wayan = login(client, live, "wayan", "Warung Pak Wayan")
    item = new_id()
    for headers in (made, wayan):
        reply = push(client, headers, [entry(), entry()])
        assert [r["status"] for r in reply.json()["results"]] == ["applied"] * 2
    reply = push(client, made, [item_change(item, 1000, "insert")])
    assert reply.json()["results"][0]["status"] == "applied"
    later = item_change(item, 1500, "update") | {"hlc": HLC.replace("0017900", "0017901")}
    assert push(client, made, [later]).json()["results"][0]["status"] == "applied"
    # The other business cannot touch it: the owner check reads the entity by id alone.
    assert push(client, wayan, [item_change(item, 1, "update")]).status_code == 403
    with Session(live.app.state.engine) as session:
        stored = session.get(Entity, {"entity": "item", "entity_id": item})
        assert stored is not None and stored.updated_seq == 4
        assert json.loads(stored.data)["price"] == 1500
        seqs = {(r.business_id, r.seq) for r in session.exec(select(ChangeLog))}
    assert len(seqs) == 6
    assert sorted(s for _, s in seqs) == [1, 1, 2, 2, 3, 4]


def test_a_lookup_by_entity_id_alone_uses_the_primary_key(client: TestClient,
                                                          live: LiveServer) -> None:
    login(client, live)
    engine: Engine = live.app.state.engine
    with Session(engine) as session:
        business = session.exec(text("SELECT id FROM business")).scalar_one()  # type: ignore[call-overload]
    rows = [{"entity": "item", "entity_id": new_id(), "business_id": business, "data": "{}",
             "clocks": "{}", "updated_seq": n} for n in range(3000)]
    with engine.begin() as conn:
        conn.execute(Entity.__table__.insert(), rows)  # type: ignore[attr-defined]
        if engine.dialect.name == "postgresql":
            conn.execute(text("ANALYZE entity"))
    wanted = [rows[7]["entity_id"], rows[2000]["entity_id"], new_id()]
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            raw: Any = conn.connection.dbapi_connection
            with raw.cursor() as cursor:
                cursor.execute("EXPLAIN " + sync_db._PG_KNOWN,
                               {"b": business, "cids": "", "ids": ",".join(wanted)})
                plan = "\n".join(r[0] for r in cursor.fetchall())
            assert "entity_pkey" in plan, plan
        else:
            owners = sync_db._OWNERS.params(ids=wanted).compile(
                conn, compile_kwargs={"literal_binds": True})
            plan = "\n".join(str(r[-1]) for r in conn.exec_driver_sql(
                f"EXPLAIN QUERY PLAN {owners}"))
            assert "sqlite_autoindex_entity_1 (entity_id=?)" in plan, plan
    with Session(engine) as session:
        _seen, owners = sync_db.known(session, business, [], wanted)
        assert set(owners) == {("item", wanted[0]), ("item", wanted[1])}
