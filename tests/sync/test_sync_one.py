"""`POST /api/v1/sync` (push and pull in one request) on SQLite and PostgreSQL, and the
desktop using it, falling back to the push/pull pair on an older server."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from protocol.wire import entry_row
from server.sync_one import router as one_router
from sync_client.engine import Syncer
from sync_client.link import link
from sync_client.transport import Transport
from tests.sync.conftest import demo_pc
from tests.sync.helpers import books_of, linked_pair, sale, sync
from tests.sync.live import LiveServer
from tests.sync.test_server import HLC, entry, login

DEVICE = HLC.split(":", 2)[2]


def one(client: TestClient, headers: dict[str, str], batch: list[Any], since: int,
        limit: int = 1000) -> Any:
    body = {"v": 2, "device": DEVICE, "batch": batch, "since": since, "limit": limit}
    return client.post("/api/v1/sync", content=gzip.compress(json.dumps(body).encode()),
                       headers={**headers, "Content-Encoding": "gzip"})


def test_one_request_pushes_compact_rows_and_pulls_what_the_pair_would(
        client: TestClient, live: LiveServer) -> None:
    first = login(client, live, book_id="0192aaaa-bbbb-7ccc-8ddd-000000000001")
    changes = [entry(), entry(debit=2500, credit=2500), entry(debit=5, credit=4)]
    reply = one(client, first, [entry_row(changes[0]), changes[1], entry_row(changes[2])], 0)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["applied"] == 2
    (bad,) = body["results"]
    assert bad["i"] == 2 and bad["status"] == "rejected" and "tidak seimbang" in bad["reason"]
    assert body["pull"] == {"next": body["seq"], "has_more": False, "changes": []}  # own: never

    again = one(client, first, [entry_row(changes[0])], body["pull"]["next"]).json()
    assert again["applied"] == 0 and again["results"][0]["status"] == "duplicate"

    other = one(client, login(client, live, "kadek", "Warung Kadek"), [], 0).json()
    assert other["pull"]["changes"] == [] and other["epoch"] != body["epoch"]  # its own only


def test_the_page_equals_get_pull_and_pages_by_limit(client: TestClient,
                                                     live: LiveServer) -> None:
    pc1 = login(client, live, book_id="0192aaaa-bbbb-7ccc-8ddd-000000000003")
    made = live.user("made-b", "Keripik Bu Made")  # the same business, another login
    pc2_reply = client.post("/api/v1/auth/device", json={"username": "made-b",
                                                         "password": made})
    assert pc2_reply.status_code == 200, pc2_reply.text
    pc2 = {"Authorization": f"Bearer {pc2_reply.json()['token']}"}
    sent = [entry(debit=n, credit=n) for n in range(1, 4)]
    assert one(client, pc1, [entry_row(c) for c in sent], 0).json()["applied"] == 3
    first = one(client, pc2, [], 0, limit=2).json()["pull"]
    assert first["has_more"] and len(first["changes"]) == 2
    rest = one(client, pc2, [], first["next"], limit=2).json()["pull"]
    assert not rest["has_more"] and len(rest["changes"]) == 1
    pair = client.get("/api/v1/sync/pull", params={"since": 0, "limit": 2}, headers=pc2).json()
    assert pair["changes"] == first["changes"] and pair["next"] == first["next"]
    assert [c["change_id"] for c in first["changes"] + rest["changes"]] == \
        [c["change_id"] for c in sent]


@pytest.mark.parametrize("extra", [{"since": -1}, {"since": "0"}, {"limit": 0},
                                   {"limit": 10**6}, {"since": 0, "batch": {}}])
def test_a_bad_cursor_or_body_is_refused_whole(client: TestClient, live: LiveServer,
                                               extra: dict[str, Any]) -> None:
    headers = login(client, live)
    body = {"v": 2, "device": DEVICE, "batch": [], "since": 0, **extra}
    reply = client.post("/api/v1/sync", json=body, headers=headers)
    assert reply.status_code == 422
    assert client.post("/api/v1/sync", json={"since": 0}, headers={}).status_code == 401


def test_the_desktop_syncs_in_one_request_a_day(live: LiveServer, tmp_path: Path) -> None:
    pc1 = demo_pc(tmp_path)
    pc2 = linked_pair(live, tmp_path, pc1)
    sale(pc1, "15000", memo="pagi")
    sale(pc1, "27000", memo="siang")
    transport = Recording(live.url, sleep=lambda _s: None)
    result = Syncer(pc1.conn, pc1.data_dir, transport=transport).run()
    assert result.status == "ok" and result.pushed == 2 and result.pending == 0
    assert transport.seen == ["POST /api/v1/sync"]
    assert sync(pc2).pulled >= 2
    assert books_of(pc1) == books_of(pc2)


@dataclass
class Recording(Transport):
    """A transport that notes each request's method and path."""

    seen: list[str] = field(default_factory=list)

    def request(self, method: str, path: str, **kw: Any) -> Any:
        self.seen.append(f"{method} {path}")
        return super().request(method, path, **kw)


def test_an_older_server_gets_the_push_and_pull_pair(live: LiveServer, tmp_path: Path) -> None:
    routes = live.app.router.routes
    routes[:] = [r for r in routes if getattr(r, "original_router", None) is not one_router]
    pc1 = demo_pc(tmp_path)
    password = live.user("made", "Keripik Pisang Bu Made")
    link(pc1, server=live.url, username="made", password=password)
    transport = Recording(live.url, sleep=lambda _s: None)
    result = Syncer(pc1.conn, pc1.data_dir, transport=transport).run()
    assert result.status == "ok" and result.pushed > 0 and result.pending == 0
    assert transport.seen[0] == "POST /api/v1/sync"
    assert "POST /api/v1/sync/push" in transport.seen
    assert transport.seen[-1] == "GET /api/v1/sync/pull"
