"""Photos as content-addressed, resumable uploads: `PUT` and `HEAD /api/v1/photos/{sha256}`.

A desktop uploads a listing photo's JPEG on its own, before the sync that names it, instead of
sending it base64 inside a change (sync_client/photos.py):
- `POST /api/v1/photos/held` asks about all of a sync's photos in one trip;
- `HEAD` answers how much of one the server holds: `Upload-Offset` (bytes kept so far) and
  `Upload-Length` (the whole, once known); `Upload-Complete: 1` when the server has it whole,
  from this upload or because any business already sent the same bytes: never send it again.
- `PUT` with `Content-Range: bytes START-END/TOTAL` sends bytes from START, which must be the
  offset the server holds. Every byte that arrives is kept, even when the connection drops in
  the middle, so the next attempt goes on from the last byte received. When the last byte is
  in, the whole must hash to the name, or the upload is thrown away (400).
- The photo change then goes in the sync without its `jpeg`; the server fills the bytes in
  from the upload (server/merge.py, `fill_photos`), so what is stored, hashed and pulled is
  exactly the change as it was always sent. A change naming a photo not yet complete waits.

This route is not buffered by server/gzip_request.py (it would drop a cut body whole); it
bounds its own body: at most `MAX_PHOTO_BYTES`, within `BODY_SECONDS`.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, Response
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import ClientDisconnect

from server.deps import bearer_token
from server.models import Entity, PhotoUpload, utcnow
from server.schemas import problems
from server.security import device_for_token
from server.validate import Waiting
from server.validate_shop import MAX_PHOTO_BYTES

router = APIRouter(prefix="/api/v1/photos", tags=["photos"])
PREFIX = "/api/v1/photos/"
BODY_SECONDS = 900.0
SHA = re.compile(r"[0-9a-f]{64}")
MAX_HELD = 500  # photos per question: ~34 KB of JSON, inside the 64 KB body limit
RANGE = re.compile(r"bytes ([0-9]{1,9})-([0-9]{1,9})/([0-9]{1,9})")
Sha = Annotated[str, Path(pattern="^[0-9a-f]{64}$")]


def held(session: Session, sha: str) -> tuple[int, int | None, bool]:
    """(offset, total, complete) of a photo on this server."""
    if session.get(Entity, {"entity": "photo", "entity_id": sha}) is not None:
        return 0, None, True
    upload = session.get(PhotoUpload, sha)
    if upload is None:
        return 0, None, False
    return upload.received, upload.total, upload.received == upload.total


def _headers(offset: int, total: int | None, complete: bool) -> dict[str, str]:
    headers = {"Upload-Offset": str(offset), "Upload-Complete": "1" if complete else "0",
               "Cache-Control": "no-store"}
    if total is not None:
        headers["Upload-Length"] = str(total)
    return headers


@router.head("/{sha}", summary="How much of a photo the server holds", response_class=Response,
             responses={200: {"description": "The state is in the headers"}, **problems(401)})
def head(sha: Sha, request: Request) -> Response:
    token = bearer_token(request)
    with Session(request.app.state.engine) as session:
        device_for_token(session, token)
        state = held(session, sha)
    return Response(status_code=200, headers=_headers(*state))


class Held(BaseModel):
    """The photos a PC is about to upload."""

    sha256: list[Annotated[str, StringConstraints(pattern="^[0-9a-f]{64}$")]] = Field(
        max_length=MAX_HELD)


@router.post("/held", summary="How much of each of these photos the server holds (one trip "
             "for a sync's photos instead of a HEAD each)", responses=problems(400, 401, 413))
def held_many(body: Held, request: Request) -> dict[str, dict[str, Any]]:
    token = bearer_token(request)
    with Session(request.app.state.engine) as session:
        device_for_token(session, token)
        states = {sha: held(session, sha) for sha in dict.fromkeys(body.sha256)}
    return {sha: {"offset": offset, "length": total, "complete": complete}
            for sha, (offset, total, complete) in states.items()}


@router.put("/{sha}", summary="Send a photo's bytes from the offset the server holds",
            responses={204: {"description": "Kept; `Upload-Offset` says how much"},
                       **problems(400, 401, 409, 413)}, status_code=204,
            response_class=Response)
async def put(sha: Sha, request: Request) -> Response:
    token = bearer_token(request)
    start, end, total = _range(request.headers.get("content-range", ""))
    engine: Engine = request.app.state.engine
    business = await run_in_threadpool(_check, engine, token, sha, start, total)
    if business is None:  # the server has it whole already
        return Response(status_code=204, headers=_headers(0, None, True))
    chunk = bytearray()
    try:
        async with asyncio.timeout(BODY_SECONDS):
            async for part in request.stream():
                chunk += part
                if len(chunk) > end - start + 1:
                    raise HTTPException(413, "Isi lebih panjang dari Content-Range")
    except (ClientDisconnect, TimeoutError):
        await run_in_threadpool(_keep, engine, sha, business, start, total, bytes(chunk))
        raise HTTPException(400, "Kiriman terputus; bagian yang sampai disimpan") from None
    state = await run_in_threadpool(_keep, engine, sha, business, start, total, bytes(chunk))
    return Response(status_code=204, headers=_headers(*state))


def _range(header: str) -> tuple[int, int, int]:
    found = RANGE.fullmatch(header.strip())
    if found is None:
        raise HTTPException(400, "Perlu Content-Range: bytes AWAL-AKHIR/TOTAL")
    start, end, total = (int(v) for v in found.groups())
    if not start <= end < total:
        raise HTTPException(400, "Content-Range tidak masuk akal")
    if total > MAX_PHOTO_BYTES:
        raise HTTPException(413, f"Foto terlalu besar (maks. {MAX_PHOTO_BYTES} byte)")
    return start, end, total


def _check(engine: Engine, token: str, sha: str, start: int, total: int) -> str | None:
    """The uploading device's business, or None when the photo is complete already."""
    with Session(engine) as session:
        device = device_for_token(session, token)
        offset, known, complete = held(session, sha)
        if complete:
            return None
        if known is not None and known != total:
            raise HTTPException(409, f"Panjang foto {total} berbeda dari {known} sebelumnya",
                                headers=_headers(offset, known, False))
        if start != offset:
            raise HTTPException(409, f"Server memegang {offset} byte; kirim dari situ",
                                headers=_headers(offset, known, False))
        return device.business_id


def _keep(engine: Engine, sha: str, business: str, start: int, total: int,
          chunk: bytes) -> tuple[int, int | None, bool]:
    """Append what arrived, only at the offset held (the row locked: two senders cannot
    interleave); a whole that does not hash to its name is thrown away."""
    with Session(engine, expire_on_commit=False) as session:
        upload = session.get(PhotoUpload, sha, with_for_update=True)
        if upload is None and start == 0:
            upload = PhotoUpload(sha256=sha, business_id=business, total=total,
                                 received=len(chunk), data=chunk, updated_at=utcnow())
        elif upload is not None and chunk and upload.received == start:
            upload.data = bytes(upload.data) + chunk
            upload.received += len(chunk)
            upload.updated_at = utcnow()
        if upload is None:
            return 0, None, False
        wrong = upload.received == upload.total and \
            hashlib.sha256(upload.data).hexdigest() != sha
        if wrong and upload in session:
            session.delete(upload)
        elif not wrong:
            session.add(upload)
        session.commit()
        if wrong:
            raise HTTPException(400, "Isi foto tidak cocok dengan sha256-nya; kirim ulang")
        return upload.received, upload.total, upload.received == upload.total


def photo_bytes(session: Session, sha: str) -> bytes | None:
    """A complete upload's bytes (None while incomplete or unknown)."""
    upload = session.get(PhotoUpload, sha)
    if upload is None or upload.received != upload.total:
        return None
    return bytes(upload.data)


def fill_photos(session: Session, items: list[Any]) -> None:
    """Photo changes sent without their `jpeg` get it from the upload or the photo already
    here, in place; one whose bytes are not here whole becomes `Waiting`."""
    for n, item in enumerate(items):
        if not isinstance(item, dict) or item.get("entity") != "photo":
            continue
        data, sha = item.get("data"), item.get("entity_id")
        if not isinstance(data, dict) or "jpeg" in data or not isinstance(sha, str) \
                or not SHA.fullmatch(sha):
            continue
        jpeg = _jpeg_text(session, sha)
        if jpeg is None:
            cid = item.get("change_id")
            items[n] = Waiting(str(cid)[:36] if cid else None,
                               "foto belum lengkap di server; dikirim lagi di sinkronisasi "
                               "berikutnya")
        else:
            data["jpeg"] = jpeg


def _jpeg_text(session: Session, sha: str) -> str | None:
    entity = session.get(Entity, {"entity": "photo", "entity_id": sha})
    if entity is not None:
        text = json.loads(entity.data).get("jpeg")
        return text if isinstance(text, str) else None
    raw = photo_bytes(session, sha)
    return base64.b64encode(raw).decode("ascii") if raw is not None else None
