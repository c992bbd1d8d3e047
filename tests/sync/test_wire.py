"""The compact (version-2) push: rows expand to exactly the object form, and the server checks them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from desktop.books.ids import new_id
from sync_client.engine import Syncer, encode_batch
from sync_client.transport import Refused, Transport
from sync_client.wire import b64_id, compact, expand, pending, stamp_device, text_id
from tests.sync.conftest import demo_pc
from tests.sync.helpers import fast
from tests.sync.live import LiveServer
from tests.sync.test_server import HLC, entry, login, push, stored

DEVICE = "0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000"


def push_v2(client: TestClient, headers: dict[str, str], batch: list[Any],
            device: str = DEVICE) -> Any:
    body = gzip.compress(json.dumps({"v": 2, "device": device, "batch": batch}).encode())
    return client.post("/api/v1/sync/push", content=body,
                       headers={**headers, "Content-Encoding": "gzip"})


def row(change: dict[str, Any]) -> list[Any]:
    """The compact row of an object-form entry from test_server.entry()."""
    d = change["data"]
    lines = [[a, dr - cr] + ([m] if m != d["memo"] or p is not None else []) for a, dr, cr, m, p
             in d["lines"]]
    stamp = ":".join(change["hlc"].split(":")[:2])
    return [b64_id(change["change_id"]), b64_id(change["entity_id"]), stamp, d["ref"],
            d["date"], d["kind"], d["memo"], None, lines]


def with_lines(lines: list[Any]) -> list[Any]:
    return [*row(entry())[:8], lines]


def with_extra(extra: Any) -> list[Any]:
    return [*row(entry()), extra]


def test_ids_round_trip_and_odd_ids_are_refused() -> None:
    for _ in range(50):
        value = new_id()
        assert text_id(b64_id(value)) == value and len(b64_id(value)) == 22
    for bad in ("", "A" * 21, "A" * 23, "A" * 21 + "=", "A" * 21 + "B", 7):
        with pytest.raises(ValueError):
            text_id(bad)


def test_every_change_of_the_demo_book_round_trips(tmp_path: Path) -> None:
    book = demo_pc(tmp_path)
    try:
        changes = pending(book.conn, limit=10_000)
        device = next(stamp_device(c.hlc) for c in changes if c.entity == "entry")
        rows = 0
        for change in changes:
            item = compact(change, device)
            if isinstance(item, list):
                rows += 1
                assert expand(item, device) == change.as_wire()
            else:
                assert item == change.as_wire()
        assert rows == sum(c.entity == "entry" for c in changes) > 200
        kept, body = encode_batch(changes, budget=20_000)
        assert 0 < len(kept) < len(changes) and len(body) <= 20_100
        assert json.loads(body)["device"] == device
    finally:
        book.close()


BAD_ROWS: list[Any] = [
    [], ["x"] * 8, ["x"] * 11, {"bukan": "perubahan"},
    ["kurang", "id", "s", "r", "2026-01-01", "k", "", None, []],
    with_lines([["1101", 0], ["4101", 0]]),
    with_lines([["1101", 5.5], ["4101", -5.5]]),
    with_lines([["1101", True], ["4101", -1]]),
    with_lines([["1101", 5, "", "", "lebih"], ["4101", -5]]),
    with_lines([["1101", 5, "", "bukan-id"], ["4101", -5]]),
    with_lines([["11", 5], ["4101", -5]]),
    with_extra({"rahasia": 1}),
    with_extra({}),
    with_extra({"moves": [["bukan-id", 1, 1]]}),
]


def test_malformed_rows_are_rejected_one_by_one(client: TestClient, live: LiveServer) -> None:
    pc = login(client, live)
    reply = push_v2(client, pc, [row(entry()), *BAD_ROWS])
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["v"] == 2 and body["applied"] == 1
    assert [(r["i"], r["status"]) for r in body["results"]] == [
        (n, "rejected") for n in range(1, len(BAD_ROWS) + 1)]
    assert all(r["reason"] for r in body["results"])
    assert stored(live) == 1


def test_rows_are_validated_like_objects_and_match_their_hash(client: TestClient,
                                                              live: LiveServer) -> None:
    pc = login(client, live)
    first, unbalanced, objects = entry(), entry(debit=1000, credit=999), entry()
    reply = push_v2(client, pc, [row(first), row(unbalanced), objects])
    assert reply.status_code == 200
    assert [(r["i"], r["status"]) for r in reply.json()["results"]] == [(1, "rejected")]
    assert "tidak seimbang" in reply.json()["results"][0]["reason"]
    again = push(client, pc, [first]).json()["results"]  # the object form of the same change
    assert [r["status"] for r in again] == ["duplicate"]
    rows_again = push_v2(client, pc, [row(first), objects]).json()
    assert [r["status"] for r in rows_again["results"]] == ["duplicate", "duplicate"]
    assert stored(live) == 2


@pytest.mark.parametrize("body", [
    {"v": 3, "device": DEVICE, "batch": []},
    {"v": 2, "device": "BUKAN:PERANGKAT", "batch": []},
    {"v": 2, "device": DEVICE, "batch": {}},
    {"v": 2, "device": DEVICE, "batch": [], "changes": []},
])
def test_a_broken_version_2_frame_is_refused_whole(client: TestClient, live: LiveServer,
                                                   body: dict[str, Any]) -> None:
    pc = login(client, live)
    reply = client.post("/api/v1/sync/push", content=gzip.compress(json.dumps(body).encode()),
                        headers={**pc, "Content-Encoding": "gzip"})
    assert reply.status_code == 422 and "detail" in reply.json()


class OldServer(Transport):
    """A transport to a server that knows only `{"changes": [...]}` bodies (and so not
    `POST /api/v1/sync` either)."""

    def request(self, method: str, path: str, **kw: Any) -> Any:
        if path == "/api/v1/sync":
            raise Refused(404, "Not Found")
        encoded = kw.get("encoded")
        if encoded is not None and encoded.startswith(b'{"v"'):
            self.refused = getattr(self, "refused", 0) + 1
            return {"detail": "Kiriman harus {\"changes\": [...]}"}
        return super().request(method, path, **kw)


def test_an_older_server_gets_the_object_form(tmp_path: Path, live: LiveServer) -> None:
    from sync_client.link import link

    book = demo_pc(tmp_path)
    try:
        password = live.user("made", "Keripik Pisang Bu Made")
        link(book, server=live.url, username="made", password=password)
        transport = OldServer(live.url, sleep=lambda _s: None)
        result = Syncer(book.conn, book.data_dir, transport=transport).run()
        assert result.status == "ok", result.message
        assert transport.refused == 1 and result.pending == 0 and stored(live) == result.pushed
    finally:
        book.close()


def test_the_transport_counts_what_crosses_the_wire(tmp_path: Path, live: LiveServer) -> None:
    from sync_client.link import link
    from tests.sync.netfault import FaultProxy

    book = demo_pc(tmp_path)
    try:
        with FaultProxy(live.address) as proxy:
            password = live.user("made", "Keripik Pisang Bu Made")
            link(book, server=proxy.url, username="made", password=password)
            up, down = proxy.bytes_up, proxy.bytes_down  # after the login
            transport = fast(proxy.url)
            result = Syncer(book.conn, book.data_dir, transport=transport).run()
            assert result.status == "ok"
            assert transport.round_trips == 2  # 250 changes and a page, then the rest
            assert transport.bytes_sent == proxy.bytes_up - up
            assert transport.bytes_received == proxy.bytes_down - down
    finally:
        book.close()


def test_the_stored_text_and_hash_come_from_one_dump() -> None:
    from server.merge import canonical
    from server.validate import envelope
    from sync_client.wire import payload_hash

    profile = {"change_id": new_id(), "entity": "profile", "entity_id": new_id(),
               "op": "update", "hlc": HLC, "schema": 1,
               "data": {"name": "Toko “Ñyoman”", "desa": "Sidemen"}}
    for change in (entry(memo="Keripik ñ “pisang”"), entry(), profile):
        parsed = envelope(change)
        text, digest = canonical(parsed)
        assert json.loads(text) == change["data"]
        assert digest == payload_hash(change)
