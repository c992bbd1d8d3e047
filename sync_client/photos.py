"""Listing photos go up on their own, content-addressed and resumable, before the sync.

For the photo changes still in the outbox, the PC asks the server in one trip how much of
each JPEG it holds (`POST /api/v1/photos/held`) and sends only the rest (`PUT` with
`Content-Range`); after a drop it asks again for that photo (`HEAD`) and goes on.
A photo the server already has, from this PC or any other, is never sent again; a dropped
connection costs only the bytes in flight, since the next attempt (or the next sync) goes on
from the last byte the server kept. The photo change itself then goes in the sync without
its bytes: the server fills them in from the upload (server/photos_api.py).

An older server answers 404: the photos then go inside their changes as before.
"""

from __future__ import annotations

import base64
import json
import random
import sqlite3
from typing import Any

from sync_client.transport import Offline, Refused, Transport
from sync_client.wire import Change

MAX_HELD = 500  # photos asked about at once (server/photos_api.py); the rest HEAD first


def upload_photos(conn: sqlite3.Connection, transport: Transport) -> set[str] | None:
    """Upload the JPEG of every unsent photo change; the sha256s the server now holds whole,
    or None when the server does not take photo uploads (an older server)."""
    rows = conn.execute("SELECT entity_id, data FROM outbox WHERE entity = 'photo' AND "
                        "acked_at IS NULL AND rejected IS NULL ORDER BY seq").fetchall()
    photos: dict[str, bytes] = {}
    for sha, data in rows:
        try:
            photos[sha] = base64.b64decode(json.loads(data)["jpeg"])
        except (ValueError, KeyError, TypeError):
            continue  # sent inline; the server says what is wrong with it
    if not photos:
        return set()
    try:  # one trip for all of them; each then goes on from where the server stands
        states = transport.request("POST", "/api/v1/photos/held",
                                   body={"sha256": list(photos)[:MAX_HELD]})
    except Refused as exc:
        if exc.status in (404, 405):
            return None
        raise
    held: set[str] = set()
    for sha, jpeg in photos.items():
        state = states.get(sha) if isinstance(states, dict) else None
        try:
            upload_one(transport, sha, jpeg, known=state if isinstance(state, dict) else None)
        except Refused as exc:
            if exc.status in (404, 405):
                return None
            continue  # refused (too large, not a JPEG hash): sent inline, refused there
        held.add(sha)
    return held


def upload_one(transport: Transport, sha: str, jpeg: bytes, *,
               known: dict[str, Any] | None = None) -> None:
    """Send what the server lacks of one photo, resuming after drops (Offline after the
    transport's retries). `known` is the server's state from `/held` (else: HEAD first)."""
    path = f"/api/v1/photos/{sha}"
    for attempt in range(transport.retries + 1):
        if attempt:
            cap = min(transport.max_backoff, transport.backoff * 2 ** (attempt - 1))
            transport.sleep(random.uniform(0, cap))
        try:
            if known is not None and attempt == 0:
                complete, offset = bool(known.get("complete")), int(known.get("offset", 0))
            else:
                state = transport.once("HEAD", path)
                complete = state.headers.get("Upload-Complete") == "1"
                offset = int(state.headers.get("Upload-Offset", "0"))
            if complete:
                return
            end = len(jpeg) - 1
            done = transport.once("PUT", path, data=jpeg[offset:], headers={
                "Content-Range": f"bytes {offset}-{end}/{len(jpeg)}",
                "Content-Type": "image/jpeg"})
            if done.headers.get("Upload-Complete") == "1":
                return
        except Offline:
            if attempt == transport.retries:
                raise
        except Refused as exc:
            if exc.status != 409:  # 409: another attempt moved the offset; ask again
                raise
    raise Offline("foto belum terkirim utuh")


def by_reference(changes: list[Change], held: set[str] | None) -> list[Change]:
    """The changes as sent: a photo the server holds whole goes without its bytes."""
    if not held:
        return changes
    return [Change(c.seq, c.change_id, c.entity, c.entity_id, c.op,
                   {k: v for k, v in c.data.items() if k != "jpeg"}, c.hlc)
            if c.entity == "photo" and c.entity_id in held else c for c in changes]
