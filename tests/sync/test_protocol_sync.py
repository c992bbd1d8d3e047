"""The mall refuses what a desktop could not store; what slips through anyway is set aside on
the desktop, reported by name, and sync goes on (issue 15, findings 2 and 3)."""

from __future__ import annotations

import gzip
import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from desktop.books.book import Book
from desktop.books.business import get_profile, open_business
from protocol import wire
from server.models import Business, ChangeLog, utcnow
from sync_client.apply import set_aside_list
from sync_client.link import restore_from_server
from tests.sync.conftest import demo_pc
from tests.sync.helpers import linked_pair, sale, sync
from tests.sync.live import LiveServer

FAR = "999999999999999:99999:0192aaaa"
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def pc(tmp_path: Path) -> Iterator[Book]:
    book = demo_pc(tmp_path)
    yield book
    book.close()


def _change(entity: str, op: str, data: dict[str, Any], *, stamp: str = "001790000000000:00000:ab",
            entity_id: str | None = None) -> dict[str, Any]:
    return {"change_id": str(uuid.uuid4()), "entity": entity,
            "entity_id": entity_id or str(uuid.uuid4()), "op": op, "data": data, "hlc": stamp,
            "schema": 1}


def _push(client: TestClient, token: str, changes: list[dict[str, Any]]) -> Any:
    return client.post("/api/v1/sync/push", content=gzip.compress(json.dumps(
        {"changes": changes}).encode()), headers={"Authorization": f"Bearer {token}",
                                                 "Content-Encoding": "gzip",
                                                 "Content-Type": "application/json"})


@pytest.mark.parametrize(("change", "reason"), [
    (_change("item", "update", {"price": 5}, stamp=FAR), "masa depan"),
    (_change("profile", "update", {"type": SCRIPT}), "'type' harus salah satu dari: dagang"),
    (_change("profile", "update", {"taxpayer": "koperasi"}), "'taxpayer'"),
    (_change("party", "insert", {"name": "Bu Komang", "kind": "musuh"}), "'kind'"),
    (_change("asset", "insert", {"name": "Etalase", "account": "1501", "acquired": "2026-01-02",
                                 "cost": 0, "residual": 0, "life_months": 24}), "'cost'"),
    (_change("account", "insert", {"code": "5x01", "name": "Beban", "group": "52"}), "4 angka"),
    (_change("account", "insert", {"code": "5901", "name": "Beban", "group": "99"}), "'group'"),
])
def test_the_mall_refuses_what_no_desktop_could_store(live_sqlite: LiveServer, change: dict[str, Any],
                                                      reason: str) -> None:
    client = TestClient(live_sqlite.app)
    password = live_sqlite.user("made", "Keripik Pisang Bu Made")
    token = client.post("/api/v1/auth/device", json={
        "username": "made", "password": password, "book_id": str(uuid.uuid4())}).json()["token"]
    reply = _push(client, token, [change])
    assert reply.status_code == 422
    (result,) = reply.json()["results"]
    assert result["status"] == "rejected" and reason in result["reason"], result
    with Session(live_sqlite.app.state.engine) as session:
        assert session.exec(select(ChangeLog)).all() == []


def _slip_in(live: LiveServer, entity: str, entity_id: str, data: dict[str, Any],
             stamp: str) -> None:
    """Store a change as an older mall, which checked less, would have stored it."""
    with Session(live.app.state.engine) as session:
        business = session.exec(select(Business)).one()
        business.last_seq += 1
        text = wire.canonical_data(data)
        session.add(ChangeLog(business_id=business.id, seq=business.last_seq,
                              change_id=str(uuid.uuid4()), device_id=str(uuid.uuid4()),
                              entity=entity, entity_id=entity_id, op="update", data=text,
                              hlc=stamp, hash=wire.hash_of(entity, entity_id, "update", text),
                              received_at=utcnow()))
        session.add(business)
        session.commit()


def test_a_bad_change_that_slipped_in_is_set_aside_and_sync_goes_on(
        pc: Book, live_sqlite: LiveServer, tmp_path: Path) -> None:
    second = linked_pair(live_sqlite, tmp_path, pc)
    profile_id = get_profile(pc.conn).id
    _slip_in(live_sqlite, "profile", profile_id, {"type": SCRIPT}, "001790000000000:00000:ab")
    _slip_in(live_sqlite, "profile", profile_id, {"owner": "Made Sari"}, FAR)
    good = sale(pc, "12500")
    assert sync(pc).status == "ok"
    result = sync(second)
    assert result.status == "ok", result.message
    assert [(kept["name"], kept["entity"]) for kept in result.set_aside] == [
        ("profil usaha", "profile"), ("profil usaha", "profile")]
    assert "'type'" in result.set_aside[0]["reason"]
    assert "masa depan" in result.set_aside[1]["reason"]
    assert second.conn.execute("SELECT 1 FROM entry WHERE id = ?", (good,)).fetchone()
    profile = get_profile(second.conn)
    assert profile.type == get_profile(pc.conn).type and profile.owner != "Made Sari"
    (stamp,) = second.conn.execute("SELECT value FROM meta WHERE key = 'hlc'").fetchone()
    assert len(stamp.split(":")[0]) == 15  # the clock was not dragged to the far future
    sale(second, "7000")  # and the books still take new entries
    assert sync(second).status == "ok" and sync(pc).status == "ok"
    assert [kept.name for kept in set_aside_list(second.conn)] == ["profil usaha"] * 2
    # a new PC restores the business past the bad rows too
    ref, restored = restore_from_server(tmp_path / "pc3", server=live_sqlite.url,
                                        username="made", password="rahasia-123", pin="5678")
    assert restored.status == "ok" and len(restored.set_aside) == 2
    third = open_business(tmp_path / "pc3", ref.id, "5678")
    assert third.conn.execute("SELECT count(*) FROM entry").fetchone()[0] == \
        pc.conn.execute("SELECT count(*) FROM entry").fetchone()[0]
    third.close()
    second.close()
