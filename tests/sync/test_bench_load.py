"""The load benchmark's one-request bodies (tests/bench/load_gen.py, section j): the day
deflated ahead of time with the cursor appended as a stored block must be the same JSON as
the plain body, gzip that the server's inflater takes whole, and a sync the server applies."""

from __future__ import annotations

import gzip
import json
import zlib

import pytest
from fastapi.testclient import TestClient

from protocol.wire import entry_row
from tests.bench.load_gen import Device, prepare_day
from tests.bench.sync_cpu import _templates
from tests.bench.sync_load import day_bodies
from tests.sync.live import LiveServer
from tests.sync.test_server import HLC, entry, login

CURSORS = [0, 7, 1000, 123_456_789, 2**40]


def _plain(raw: bytes, since: int) -> bytes:
    return raw[:-1] + b',"since":%d,"limit":1000}' % since


@pytest.mark.parametrize("since", CURSORS)
def test_a_joined_body_unpacks_to_the_day_with_its_cursor(since: int) -> None:
    device = Device("token", ["a", "b", "c"], "0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000")
    for day in day_bodies(_templates(300), device, 3, 0):
        raw = gzip.decompress(day.push)
        joined = day.joined(since)
        assert gzip.decompress(joined) == _plain(raw, since)
        assert json.loads(gzip.decompress(joined)) == {**json.loads(raw), "since": since,
                                                        "limit": 1000}
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)  # as server/gzip_request.py does
        assert inflater.decompress(joined) == _plain(raw, since)
        assert inflater.eof and not inflater.unused_data


def test_the_prefix_is_deflated_once_and_only_the_suffix_differs() -> None:
    raw = json.dumps({"v": 2, "batch": [{"n": n} for n in range(500)]}).encode()
    day = prepare_day(raw, gzip.compress(raw, 9))
    first, second = day.joined(1), day.joined(99_999)
    assert first.startswith(day.head) and second.startswith(day.head)
    assert len(day.head) < len(raw) // 4  # compressed, not stored
    assert len(second) - len(first) == 4  # four more digits, stored as they are
    with pytest.raises(ValueError):
        prepare_day(b"[1, 2]", b"")


def test_the_server_applies_a_joined_body(client: TestClient, live: LiveServer) -> None:
    headers = login(client, live)
    raw = json.dumps({"v": 2, "device": HLC.split(":", 2)[2],
                      "batch": [entry_row(entry()), entry_row(entry(debit=2500, credit=2500))]
                      }).encode()
    day = prepare_day(raw, gzip.compress(raw, 9))
    reply = client.post("/api/v1/sync", content=day.joined(0),
                        headers={**headers, "Content-Encoding": "gzip"})
    assert reply.status_code == 200, reply.text
    assert reply.json()["applied"] == 2
    assert reply.json()["pull"]["changes"] == []  # its own changes never come back
