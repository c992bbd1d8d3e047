"""The sync API on SQLite and PostgreSQL: auth, idempotency, validation and limits."""

from __future__ import annotations

import gzip
import io
import json
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from desktop.books.ids import new_id
from server.models import ChangeLog, Entity
from server.sync_api import MAX_CHANGES
from tests.sync.live import LiveServer

HLC = "001790000000000:00000:0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000"


def entry(debit: int = 1000, credit: int = 1000, **extra: Any) -> dict[str, Any]:
    return {"change_id": new_id(), "entity": "entry", "entity_id": new_id(), "op": "insert",
            "hlc": HLC, "schema": 1, "data": {
                "ref": "PT-2026-000001", "date": "2026-11-20", "kind": "penjualan-tunai",
                "memo": "", "party": None,
                "lines": [["1101", debit, 0, "", None], ["4101", 0, credit, "", None]],
                **extra}}


def login(client: TestClient, live: LiveServer, username: str = "made",
          business: str = "Keripik Bu Made", book_id: str | None = None) -> dict[str, str]:
    password = live.user(username, business)
    reply = client.post("/api/v1/auth/device", json={
        "username": username, "password": password, "book_id": book_id or str(uuid.uuid4())})
    assert reply.status_code == 200, reply.text
    return {"Authorization": f"Bearer {reply.json()['token']}"}


def push(client: TestClient, headers: dict[str, str], changes: list[Any]) -> Any:
    body = gzip.compress(json.dumps({"changes": changes}).encode())
    return client.post("/api/v1/sync/push", content=body,
                       headers={**headers, "Content-Encoding": "gzip"})


def stored(live: LiveServer) -> int:
    with Session(live.app.state.engine) as session:
        return int(session.exec(select(func.count()).select_from(ChangeLog)).one())


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"
    assert client.get("/docs").status_code == 200
    assert "/api/v1/sync/push" in client.get("/openapi.json").json()["paths"]


def test_push_is_idempotent_and_pull_pages_other_devices(client: TestClient,
                                                         live: LiveServer) -> None:
    book_id = str(uuid.uuid4())
    pc1 = login(client, live, book_id=book_id)
    changes = [entry() for _ in range(5)]
    first = push(client, pc1, changes)
    assert first.status_code == 200
    assert [r["status"] for r in first.json()["results"]] == ["applied"] * 5
    again = push(client, pc1, changes)  # the reply was lost; the PC sends the batch again
    assert [r["status"] for r in again.json()["results"]] == ["duplicate"] * 5
    assert again.json()["seq"] == 5 and stored(live) == 5
    changed = dict(changes[0], data={**changes[0]["data"], "memo": "lain"})
    conflict = push(client, pc1, [changed]).json()["results"][0]
    assert conflict["status"] == "conflict" and "berbeda" in conflict["reason"]
    assert client.get("/api/v1/sync/pull", headers=pc1).json()["changes"] == []  # own changes
    second = client.post("/api/v1/auth/device", json={
        "username": "made", "password": "rahasia-123", "book_id": book_id}).json()
    pc2 = {"Authorization": f"Bearer {second['token']}"}
    assert second["device_number"] == 2
    page = client.get("/api/v1/sync/pull", params={"since": 0, "limit": 3}, headers=pc2).json()
    assert [c["seq"] for c in page["changes"]] == [1, 2, 3] and page["has_more"]
    rest = client.get("/api/v1/sync/pull", params={"since": page["next"]}, headers=pc2).json()
    assert [c["seq"] for c in rest["changes"]] == [4, 5] and not rest["has_more"]
    assert rest["changes"][0]["data"] == changes[3]["data"]


def test_one_bad_change_is_rejected_and_the_rest_land(client: TestClient,
                                                      live: LiveServer) -> None:
    pc = login(client, live)
    batch = [entry(), entry(debit=1000, credit=999), entry()]
    reply = push(client, pc, batch)
    assert reply.status_code == 200
    statuses = [r["status"] for r in reply.json()["results"]]
    assert statuses == ["applied", "rejected", "applied"]
    assert "tidak seimbang" in reply.json()["results"][1]["reason"]
    assert stored(live) == 2


@pytest.mark.parametrize("bad, reason", [
    (entry(debit=1000, credit=900), "tidak seimbang"),
    ({**entry(), "entity": "rahasia"}, "tidak dikenal"),
    ({**entry(), "entity_id": "../../etc/passwd"}, "UUID"),
    ({**entry(), "hlc": "kemarin"}, "hlc"),
    (entry(lines=[["1101", 5, 5, "", None], ["4101", 0, 0, "", None]]), "tepat satu"),
    ({**entry(), "extra": 1}, "extra"),
    ("bukan objek", "objek"),
])
def test_invalid_changes_get_422_and_nothing_is_stored(client: TestClient, live: LiveServer,
                                                       bad: Any, reason: str) -> None:
    pc = login(client, live)
    reply = push(client, pc, [bad])
    assert reply.status_code == 422
    assert reason in reply.json()["results"][0]["reason"]
    assert stored(live) == 0


def test_garbage_bodies_and_oversized_pushes_are_refused(client: TestClient,
                                                         live: LiveServer) -> None:
    pc = login(client, live)
    gz = {**pc, "Content-Encoding": "gzip"}
    assert client.post("/api/v1/sync/push", content=b"\x1f\x8bnot gzip", headers=gz
                       ).status_code == 400
    assert client.post("/api/v1/sync/push", content=gzip.compress(b"{nope"), headers=gz
                       ).status_code == 400
    assert client.post("/api/v1/sync/push", content=gzip.compress(b"[1, 2]"), headers=gz
                       ).status_code == 422
    assert client.post("/api/v1/sync/push", content=gzip.compress(b'{"a":1}')[:-6], headers=gz
                       ).status_code == 400
    bomb = gzip.compress(b" " * (64 * 1024 * 1024))  # 64 MB of spaces in ~64 KB
    assert client.post("/api/v1/sync/push", content=bomb, headers=gz).status_code == 413
    assert client.post("/api/v1/sync/push", content=b"x" * (3 * 1024 * 1024), headers=pc
                       ).status_code == 413
    assert push(client, pc, [entry() for _ in range(MAX_CHANGES + 1)]).status_code == 413
    assert stored(live) == 0


def test_another_businesss_ids_are_refused_whole(client: TestClient, live: LiveServer) -> None:
    made = login(client, live)
    mine = entry()
    assert push(client, made, [mine]).status_code == 200
    sari = login(client, live, username="sari", business="Tenun Sari")
    steal = dict(entry(), entity_id=mine["entity_id"])
    point = entry(party=None, reverses=mine["entity_id"])
    for batch in ([steal], [entry(), point]):
        reply = push(client, sari, batch)
        detail = reply.json()["detail"]
        assert reply.status_code == 403 and "tidak bisa dipakai" in detail
        assert mine["entity_id"] not in detail and "usaha lain" not in detail  # confirms nothing
    assert stored(live) == 1
    with Session(live.app.state.engine) as session:
        owners = {e.business_id for e in session.exec(select(Entity))}
    assert len(owners) == 1


def test_tokens_logins_and_revocation(client: TestClient, live: LiveServer) -> None:
    assert client.post("/api/v1/sync/push", content=b"{}").status_code == 401
    assert client.get("/api/v1/sync/pull", headers={"Authorization": "Bearer palsu"}
                      ).status_code == 401
    pc = login(client, live)
    for _ in range(5):
        wrong = client.post("/api/v1/auth/device", json={"username": "made", "password": "x"})
        assert wrong.status_code in (401, 429)
    slowed = client.post("/api/v1/auth/device", json={"username": "made",
                                                      "password": "rahasia-123"})
    assert slowed.status_code == 429 and "coba lagi" in slowed.json()["detail"]
    assert int(slowed.headers["retry-after"]) > 0
    from server.cli import main as server_cli

    devices = client.get("/api/v1/sync/business", headers=pc).json()
    assert server_cli(["--database-url", live.db_url, "admin", "revoke-device",
                       devices["device_id"]]) == 0
    refused = client.get("/api/v1/sync/pull", headers=pc)
    assert refused.status_code == 401 and "dicabut" in refused.json()["detail"]


def test_an_admin_resets_a_password(client: TestClient, live: LiveServer,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from server.cli import main as server_cli

    login(client, live)
    for _ in range(4):
        client.post("/api/v1/auth/device", json={"username": "made", "password": "x"})
    monkeypatch.setattr("sys.stdin", io.StringIO("baru-rahasia-9\n"))
    assert server_cli(["--database-url", live.db_url, "admin", "reset-password", "--username",
                       "made", "--password-stdin"]) == 0
    again = client.post("/api/v1/auth/device", json={"username": "made",
                                                     "password": "baru-rahasia-9"})
    assert again.status_code == 200, again.text
    assert server_cli(["--database-url", live.db_url, "admin", "reset-password", "--username",
                       "tidak-ada", "--password", "apa-saja-123"]) != 0


def test_a_second_book_cannot_take_over_a_linked_account(client: TestClient,
                                                         live: LiveServer) -> None:
    login(client, live, book_id=str(uuid.uuid4()))
    other = client.post("/api/v1/auth/device", json={
        "username": "made", "password": "rahasia-123", "book_id": str(uuid.uuid4())})
    assert other.status_code == 409 and "buku usaha lain" in other.json()["detail"]


def test_profile_fields_merge_by_clock_on_the_server(client: TestClient,
                                                     live: LiveServer) -> None:
    pc = login(client, live)
    profile = str(uuid.uuid4())

    def edit(stamp: str, **fields: str) -> dict[str, Any]:
        return {"change_id": new_id(), "entity": "profile", "entity_id": profile,
                "op": "update", "hlc": stamp, "schema": 1, "data": fields}

    late = "001790000000009:00000:b"
    early = "001790000000001:00000:a"
    push(client, pc, [edit(late, phone="0811"), edit(early, phone="0899", desa="Sidemen")])
    with Session(live.app.state.engine) as session:
        state = session.get(Entity, {"entity": "profile", "entity_id": profile})
        assert state is not None
        assert json.loads(state.data) == {"phone": "0811", "desa": "Sidemen"}
