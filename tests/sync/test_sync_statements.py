"""A sync costs the database the same number of statements whatever its number of changes
(issue 17: no per-row round trips), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from desktop.books.ids import new_id
from protocol.wire import entry_row
from tests.sync.live import LiveServer
from tests.sync.test_server import HLC, entry, login, push
from tests.sync.test_sync_one import one


@contextmanager
def counted(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement sent to the database while inside (an executemany or a COPY is one)."""
    seen: list[str] = []
    engine = client.app.state.engine  # type: ignore[attr-defined]
    if engine.dialect.name == "sqlite":
        def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            seen.append(statement)

        event.listen(engine, "before_cursor_execute", note)
        try:
            yield seen
        finally:
            event.remove(engine, "before_cursor_execute", note)
        return
    for name in ("execute", "executemany", "copy"):  # SQLAlchemy's statements and our own
        real = getattr(psycopg.Cursor, name)

        def wrapped(self: Any, query: Any, *args: Any, _real: Any = real, **kw: Any) -> Any:
            seen.append(str(query))
            return _real(self, query, *args, **kw)

        monkeypatch.setattr(psycopg.Cursor, name, wrapped)
    yield seen
    monkeypatch.undo()


def item_change(item_id: str, price: int, op: str = "update") -> dict[str, Any]:
    """A product's price change on the wire (`insert` carries the product's other fields)."""
    data: dict[str, Any] = {"price": price}
    if op == "insert":
        data |= {"sku": f"KP-{price}", "name": "Keripik", "unit": "bks", "category": "",
                 "account": "1301", "min_qty": 0}
    return {"change_id": new_id(), "entity": "item", "entity_id": item_id, "op": op,
            "hlc": HLC, "schema": 1, "data": data}


def test_a_sync_of_sixty_entries_sends_no_more_statements_than_one_of_three(
        client: TestClient, live: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    headers = login(client, live)
    items = [new_id(), new_id()]
    assert push(client, headers, [item_change(i, 1000, "insert") for i in items]).status_code == 200
    counts = []
    cursor = 0
    for size in (3, 60):
        batch = [entry_row(entry()) for _ in range(size)] + [item_change(i, 2000 + size)
                                                            for i in items]
        with counted(client, monkeypatch) as seen:
            reply = one(client, headers, batch, cursor)
        assert reply.status_code == 200, reply.text
        assert reply.json()["applied"] == size + 2
        cursor = reply.json()["pull"]["next"]
        counts.append(len(seen))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 12, counts  # lookups, two bulk inserts, the updates, the page


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_a_push_probes_its_ids_one_by_one_however_many_changes_the_business_has(
        client: TestClient, live: LiveServer) -> None:
    """Before any ANALYZE (a new mall, or tables that grew since) the ids a push brings
    are looked up by index, one probe each: never a read of every change the business ever
    stored, nor of every entity of every business; and a pull reads its page in sequence
    order from the cursor on."""
    from server import sync_db

    headers = login(client, live)
    for _ in range(3):
        reply = one(client, headers, [entry_row(entry()) for _ in range(300)], 0)
        assert reply.status_code == 200, reply.text
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with engine.connect() as conn:
        business = conn.exec_driver_sql("SELECT id FROM business").scalar_one()
        raw: Any = conn.connection.dbapi_connection
        ids = ",".join(new_id() for _ in range(100))
        plan = "\n".join(row[0] for row in raw.execute(
            "EXPLAIN " + sync_db._PG_KNOWN, {"b": business, "cids": ids, "ids": ids}))
        page = "\n".join(row[0] for row in raw.execute("EXPLAIN " + sync_db._PG_PAGE, {
            "b": business, "since": 850, "d": new_id(), "n": 1000}))
    assert page.split("\n")[1].strip().startswith("->  Index Scan"), page  # in seq order
    assert "change_log_business_id_change_id_key" in plan, plan
    assert "Seq Scan" not in plan, plan
    assert "Filter" not in plan, plan  # nothing read only to be thrown away
