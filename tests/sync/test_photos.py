"""Photos as content-addressed, resumable uploads (server/photos_api.py, sync_client/photos.py):
the server keeps what arrives, a cut upload resumes from the last byte, a photo already there
is never sent again, and the change naming it is applied only once the photo is whole."""

from __future__ import annotations

import gzip
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from desktop.books.book import Book
from desktop.shop.listings import add_listing, photo_data
from desktop.shop.photos import prepare_photo
from server.models import ChangeLog, Entity
from sync_client.engine import Syncer
from sync_client.link import link
from sync_client.transport import Transport
from tests.shop.conftest import phone_photo
from tests.sync.conftest import demo_pc
from tests.sync.live import LiveServer
from tests.sync.netfault import FaultProxy
from tests.sync.test_server import HLC, login


@dataclass
class Recording(Transport):
    """A transport that notes each request (and each PUT's Content-Range)."""

    seen: list[str] = field(default_factory=list)

    def once(self, method: str, path: str, **kw: Any) -> Any:
        ranges = (kw.get("headers") or {}).get("Content-Range", "")
        self.seen.append(f"{method} {path.rsplit('/', 1)[-1][:8]} {ranges}".strip())
        return super().once(method, path, **kw)


def _photo_listing(book: Book, tmp_path: Path, count: int = 1) -> list[bytes]:
    files = [phone_photo(tmp_path / f"p{n}.jpg", seed=n) for n in range(count)]
    with book.write() as conn:
        listing = add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                              price=1_500_000, photos=files)
    return [photo_data(book.conn, sha) or b"" for sha in listing.photos]


def test_put_keeps_what_arrives_and_head_says_how_much(client: TestClient,
                                                       live: LiveServer) -> None:
    headers = login(client, live)
    jpeg = b"\xff\xd8\xff" + bytes(range(256)) * 40
    sha = hashlib.sha256(jpeg).hexdigest()
    url = f"/api/v1/photos/{sha}"
    assert client.head(url, headers=headers).headers["upload-offset"] == "0"
    first = client.put(url, content=jpeg[:4000], headers={
        **headers, "Content-Range": f"bytes 0-{len(jpeg) - 1}/{len(jpeg)}"})
    assert first.status_code == 204 and first.headers["upload-offset"] == "4000"
    assert first.headers["upload-complete"] == "0"
    wrong = client.put(url, content=jpeg[10:], headers={
        **headers, "Content-Range": f"bytes 10-{len(jpeg) - 1}/{len(jpeg)}"})
    assert wrong.status_code == 409 and wrong.headers["upload-offset"] == "4000"
    rest = client.put(url, content=jpeg[4000:], headers={
        **headers, "Content-Range": f"bytes 4000-{len(jpeg) - 1}/{len(jpeg)}"})
    assert rest.headers["upload-complete"] == "1"
    state = client.head(url, headers=headers).headers
    assert state["upload-complete"] == "1" and state["upload-length"] == str(len(jpeg))
    assert client.head(url).status_code == 401


def test_bytes_that_do_not_hash_to_the_name_are_thrown_away(client: TestClient,
                                                            live: LiveServer) -> None:
    headers = login(client, live)
    sha = "ab" * 32
    reply = client.put(f"/api/v1/photos/{sha}", content=b"\xff\xd8\xffbukan",
                       headers={**headers, "Content-Range": "bytes 0-7/8"})
    assert reply.status_code == 400 and "sha256" in reply.json()["detail"]
    assert client.head(f"/api/v1/photos/{sha}", headers=headers).headers["upload-offset"] == "0"
    too_big = client.put(f"/api/v1/photos/{sha}", content=b"x",
                         headers={**headers, "Content-Range": "bytes 0-0/99999999"})
    assert too_big.status_code == 413


def test_a_change_naming_a_photo_waits_until_the_photo_is_whole(live: LiveServer,
                                                                tmp_path: Path) -> None:
    client = TestClient(live.app)
    headers = login(client, live)
    photo = prepare_photo(phone_photo(tmp_path / "p.jpg"))
    jpeg, sha = photo.data, photo.sha256
    change = {"change_id": "0192aaaa-bbbb-7ccc-8ddd-000000000101", "entity": "photo",
              "entity_id": sha, "op": "insert", "schema": 1, "hlc": HLC,
              "data": {"width": photo.width, "height": photo.height}}

    def push() -> dict[str, Any]:
        return client.post("/api/v1/sync/push", content=gzip.compress(json.dumps(
            {"changes": [change]}).encode()), headers={**headers, "Content-Encoding": "gzip"}
        ).json()

    assert push()["results"][0]["status"] == "waiting"
    client.put(f"/api/v1/photos/{sha}", content=jpeg, headers={
        **headers, "Content-Range": f"bytes 0-{len(jpeg) - 1}/{len(jpeg)}"})
    assert push()["results"][0]["status"] == "applied"
    with Session(live.app.state.engine) as session:
        stored = session.exec(select(ChangeLog).where(ChangeLog.entity == "photo")).one()
        assert json.loads(stored.data)["jpeg"]  # stored, hashed and pulled as always
        assert session.get(Entity, {"entity": "photo", "entity_id": sha}) is not None


def test_a_cut_upload_resumes_from_the_last_byte_on_the_next_sync(
        live_sqlite: LiveServer, tmp_path: Path) -> None:
    book = demo_pc(tmp_path)
    try:
        with FaultProxy(live_sqlite.address) as proxy:
            password = live_sqlite.user("made", "Keripik Pisang Bu Made")
            link(book, server=proxy.url, username="made", password=password)
            (jpeg,) = _photo_listing(book, tmp_path)
            assert len(jpeg) > 60_000
            proxy.set_link(up_bps=512_000)  # bytes trickle in, as over a phone's uplink
            proxy.drop_request_after(40_000)  # the next connection dies mid-photo
            cut = Recording(proxy.url, sleep=lambda _s: None, retries=0)
            first = Syncer(book.conn, book.data_dir, transport=cut).run()
            assert first.status == "offline", first.message
            again = Recording(proxy.url, sleep=lambda _s: None)
            second = Syncer(book.conn, book.data_dir, transport=again).run()
            assert second.status == "ok" and second.pending == 0, second.message
        (put,) = again.seen  # the offset came with the one question about every photo
        offset = int(put.split("bytes ")[1].split("-")[0])
        assert put.startswith("PUT") and 20_000 < offset < 40_000, again.seen
        assert put.endswith(f"/{len(jpeg)}")
        with Session(live_sqlite.app.state.engine) as session:
            photo = session.exec(select(Entity).where(Entity.entity == "photo")).one()
            assert hashlib.sha256(jpeg).hexdigest() == photo.entity_id
    finally:
        book.close()


def test_a_photo_the_server_has_is_never_sent_again(live: LiveServer, tmp_path: Path) -> None:
    book = demo_pc(tmp_path)
    try:
        password = live.user("made", "Keripik Pisang Bu Made")
        link(book, server=live.url, username="made", password=password)
        assert Syncer(book.conn, book.data_dir).run().status == "ok"  # the books, first
        (jpeg,) = _photo_listing(book, tmp_path)
        sha = hashlib.sha256(jpeg).hexdigest()
        client = TestClient(live.app)
        other = login(client, live, "kadek", "Warung Kadek")  # another business sent it first
        client.put(f"/api/v1/photos/{sha}", content=jpeg, headers={
            **other, "Content-Range": f"bytes 0-{len(jpeg) - 1}/{len(jpeg)}"})
        transport = Recording(live.url, sleep=lambda _s: None)
        result = Syncer(book.conn, book.data_dir, transport=transport).run()
        assert result.status == "ok" and result.pending == 0, result.message
        assert [s for s in transport.seen if s.startswith("PUT")] == []
        assert transport.bytes_sent < len(jpeg)  # neither uploaded nor inline in the sync
    finally:
        book.close()


@pytest.fixture
def client(live: LiveServer) -> TestClient:
    return TestClient(live.app)
