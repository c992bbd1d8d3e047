"""`POST /api/v1/sync/push` and `GET /api/v1/sync/pull` (the contract: protocol/README.md).

A push body is `{"changes": [change, ...]}` (every change an object), or version 2:
`{"v": 2, "device": D, "batch": [...]}` where an entry insert may be a compact row
(protocol/wire.py); each row is expanded to the object form and checked exactly as one.
A version-2 reply lists only the changes not applied, by position (`i`), and counts the rest.
"""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from protocol import hlc as clock
from protocol.wire import BODY_VERSION, text_id
from server.deps import bearer_token, current_device, db
from server.merge import store_changes
from server.models import Business, Device
from server.photos_api import fill_photos
from server.schemas import BusinessOut, Problem, PullOut, PushOut, problems, push_body_schema
from server.sync_db import head, page_rows, token_device
from server.validate import Envelope, Reject, Waiting, compact_envelope, envelope

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])
MAX_CHANGES = 5000                # per push
MAX_PULL = 2000
MAX_SEQ = 2**63 - 1               # the largest cursor SQLite and PostgreSQL can compare
DEVICE = clock.DEVICE  # a compact body names the device of its stamps once
Parsed = Envelope | Waiting | tuple[str | None, str]


@router.post("/push", summary="Send a batch of changes (gzip JSON), applied at most once each",
             openapi_extra={"requestBody": push_body_schema(MAX_CHANGES)},
             responses={200: {"model": PushOut, "description": "Some changes landed"},
                        422: {"model": PushOut | Problem,
                              "description": "No change landed, or the body is not a push"},
                        **problems(400, 401, 403, 413)})
async def push(request: Request) -> JSONResponse:
    token = bearer_token(request)
    raw = await request.body()  # already bounded and inflated (server/gzip_request.py)
    # One trip to a worker thread does the rest (the token, the checks, one transaction): the
    # event loop never waits on the database, and a push costs one thread hop and one
    # connection checkout instead of four and two (each sync dependency is a hop of its own).
    return await run_in_threadpool(_push, request.app.state.engine, token, raw)


def _push(engine: Engine, token: str, raw: bytes) -> JSONResponse:
    with Session(engine, expire_on_commit=False) as session:
        device = token_device(session, token)
        body = read_json(raw)
        compact = isinstance(body, dict) and "v" in body
        fill_photos(session, _items(body))
        parsed = parse_compact(body) if compact else _parse_objects(body)
        results, business = store_changes(session, device, parsed)
    payload: dict[str, Any] = {"results": results, "seq": business.last_seq,
                               "epoch": business.epoch, "server_time": int(time.time() * 1000)}
    if compact:
        payload |= {"v": BODY_VERSION,
                    "applied": sum(r["status"] == "applied" for r in results),
                    "results": [{"i": n, **r} for n, r in enumerate(results)
                                if r["status"] != "applied"]}
    landed = any(r["status"] in ("applied", "duplicate") for r in results)
    return JSONResponse(payload, status_code=200 if landed or not results else 422)


def read_json(raw: bytes) -> Any:
    """A push body, parsed: orjson reads it at about a third of json's cost, and whatever
    orjson refuses (an integer beyond 64 bits, NaN, UTF-16, nesting past 1024) json judges as
    before, so the same bodies pass and fail. 400 when it is not JSON."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):  # nested too deep
        raise HTTPException(400, "Isi kiriman bukan JSON") from None


def _items(body: Any) -> list[Any]:
    """The body's list of changes (empty when it has none; parsing then says what is wrong)."""
    items = body.get("batch" if "v" in body else "changes") if isinstance(body, dict) else None
    return items if isinstance(items, list) else []


def _parse_objects(body: Any) -> list[Parsed]:
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        raise HTTPException(422, "Kiriman harus {\"changes\": [...]}")
    raw_changes: list[Any] = body["changes"]
    _bound(raw_changes)
    return [_checked(raw_change) for raw_change in raw_changes]


def parse_compact(body: dict[str, Any]) -> list[Parsed]:
    """A version-2 body's changes, each checked (compact rows expanded first)."""
    if set(body) != {"v", "device", "batch"} or body["v"] != BODY_VERSION \
            or not isinstance(body["batch"], list):
        raise HTTPException(422, f"Kiriman versi {BODY_VERSION} harus "
                                 "{\"v\": 2, \"device\": ..., \"batch\": [...]}")
    device = body["device"]
    if not isinstance(device, str) or not DEVICE.fullmatch(device):
        raise HTTPException(422, "'device' harus id perangkat pada stempel hlc")
    _bound(body["batch"])
    parsed: list[Parsed] = []
    now_ms = int(time.time() * 1000)
    for item in body["batch"]:
        if not isinstance(item, list):
            parsed.append(_checked(item))
            continue
        try:
            parsed.append(compact_envelope(item, device, now_ms=now_ms))
        except Reject as exc:
            cid = item[0] if item and isinstance(item[0], str) else None
            parsed.append((_row_id(cid), str(exc)))
    return parsed


def _row_id(compact_id: str | None) -> str | None:
    """The change id of a refused compact row, when its id is readable."""
    try:
        return text_id(compact_id) if compact_id else None
    except ValueError:
        return None


def _bound(changes: list[Any]) -> None:
    if len(changes) > MAX_CHANGES:
        raise HTTPException(413, f"Terlalu banyak perubahan sekaligus (maks. {MAX_CHANGES})")


def _checked(raw_change: Any) -> Parsed:
    if isinstance(raw_change, Waiting):
        return raw_change
    try:
        return envelope(raw_change)
    except Reject as exc:
        cid = raw_change.get("change_id") if isinstance(raw_change, dict) else None
        return (str(cid)[:36] if cid else None, str(exc))


@router.get("/pull", summary="Changes of this business after a sequence, from other devices",
            response_model=PullOut, responses=problems(401))
async def pull(request: Request, since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
               limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500) -> dict[str, Any]:
    token = bearer_token(request)
    return await run_in_threadpool(_pull, request.app.state.engine, token, since, limit)


def _pull(engine: Engine, token: str, since: int, limit: int) -> dict[str, Any]:
    with Session(engine, expire_on_commit=False) as session:
        device = token_device(session, token)
        business = head(session, device.business_id, lock=False)
        rows = page_rows(session, device, since, limit)
        session.commit()  # read-only; the connection goes back before the answer is serialised
    has_more = len(rows) == limit
    # The business row was read first; every change up to its sequence had committed by then.
    last = rows[-1].seq if rows else 0
    next_seq = last if has_more else max(business.last_seq, since, last)
    return {
        "epoch": business.epoch, "next": next_seq, "has_more": has_more,
        "server_time": int(time.time() * 1000),
        "changes": [
            {"seq": r.seq, "change_id": r.change_id, "entity": r.entity, "entity_id": r.entity_id,
             "op": r.op, "data": json.loads(r.data), "hlc": r.hlc, "device_id": r.device_id,
             "received_at": r.received_at.isoformat()}
            for r in rows
        ],
    }


@router.get("/business", summary="This device's business: ids, name, epoch and sequence",
            response_model=BusinessOut, responses=problems(401))
def business_info(device: Annotated[Device, Depends(current_device)],
                  session: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    business = session.get(Business, device.business_id)
    assert business is not None
    return {"id": business.id, "name": business.name, "slug": business.slug,
            "book_id": business.book_id, "epoch": business.epoch, "seq": business.last_seq,
            "device_id": device.id, "device_number": device.number}
