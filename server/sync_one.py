"""`POST /api/v1/sync`: one request that pushes a batch and pulls the page after a cursor.

The body is a version-2 push body (protocol/wire.py) with the pull cursor beside it:
    {"v": 2, "device": D, "batch": [...], "since": N, "limit": L}
The batch may be empty (a PC with nothing to send still pulls). The answer is the version-2
push answer (`applied`, the `results` not applied by position `i`, `seq`, `epoch`,
`server_time`) with the page in `pull`: `{"next", "has_more", "changes"}`, each change as
`GET /pull` gives it. A daily sync is then one request, one thread hop, one token lookup and
one connection checkout instead of two of each. The push commits before the page is read,
so the page never holds this device's own changes and its cursor covers them.

Older desktops keep using `/push` and `/pull` (server/sync_api.py); a desktop that gets 404
here (an older server) falls back to them.
"""

from __future__ import annotations

import json
import time
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from protocol.wire import BODY_VERSION
from server.deps import bearer_token
from server.merge import store_changes
from server.photos_api import fill_photos
from server.schemas import problems, push_body_schema
from server.sync_api import MAX_CHANGES, MAX_PULL, MAX_SEQ, parse_compact, read_json
from server.sync_db import Head, SyncDevice, head, page_rows, token_device

router = APIRouter(tags=["sync"])
PULL_PAGE = 1000


def _body_schema() -> dict[str, Any]:
    """The version-2 push body with `since` and `limit` beside it (see the module's doc)."""
    doc = push_body_schema(MAX_CHANGES)
    v2 = dict(doc["content"]["application/json"]["schema"]["anyOf"][1])
    v2["properties"] = {**v2["properties"],
                        "since": {"type": "integer", "minimum": 0, "maximum": MAX_SEQ},
                        "limit": {"type": "integer", "minimum": 1, "maximum": MAX_PULL}}
    v2["required"] = [*v2["required"], "since"]
    return {**doc, "content": {"application/json": {"schema": v2}}}


@router.post("/api/v1/sync", summary="Push a batch and pull the page after a cursor, at once",
             openapi_extra={"requestBody": _body_schema()},
             responses={200: {"description": "The push's results and the pulled page"},
                        **problems(400, 401, 403, 413, 422)})
async def sync(request: Request) -> Response:
    token = bearer_token(request)
    raw = await request.body()  # already bounded and inflated (server/gzip_request.py)
    return await run_in_threadpool(_sync, request.app.state.engine, token, raw)


def _sync(engine: Engine, token: str, raw: bytes) -> Response:
    body = read_json(raw)
    since, limit = _cursor(body)
    with Session(engine, expire_on_commit=False) as session:
        device = token_device(session, token)
        if isinstance(body.get("batch"), list):
            fill_photos(session, body["batch"])
        parsed = parse_compact(body)
        if not parsed:
            pulled = pull_page(session, device, since=since, limit=limit)
            results: list[dict[str, Any]] = []
        else:
            read: list[Page] = []
            results, _business_after = store_changes(session, device, parsed, before_commit=lambda b: (
                read.append(_page(b, page_rows(session, device, since, limit), since, limit))))
            pulled = read[0]
    head: dict[str, Any] = {
        "v": BODY_VERSION, "applied": sum(r["status"] == "applied" for r in results),
        "results": [{"i": n, **r} for n, r in enumerate(results) if r["status"] != "applied"],
        "seq": pulled.seq, "epoch": pulled.epoch, "server_time": int(time.time() * 1000)}
    text = json.dumps(head, ensure_ascii=False)[:-1] + ',"pull":' + pulled.json() + "}"
    return Response(text.encode(), media_type="application/json")


def _cursor(body: Any) -> tuple[int, int]:
    """`since` and `limit` taken out of the body (what is left is a version-2 push body)."""
    if not isinstance(body, dict):
        raise HTTPException(422, "Kiriman harus objek JSON")
    since, limit = body.pop("since", None), body.pop("limit", PULL_PAGE)
    for name, value, top in (("since", since, MAX_SEQ), ("limit", limit, MAX_PULL)):
        if type(value) is not int or not (name == "since" or value >= 1) or not 0 <= value <= top:
            raise HTTPException(422, f"'{name}' harus bilangan bulat 0 sampai {top}")
    return since, limit


class Page:
    """One pulled page, its rows kept as read: the stored data text goes out unparsed."""

    def __init__(self, business: Head, next_seq: int, has_more: bool,
                 rows: list[Any]) -> None:
        self.epoch, self.seq = business.epoch, business.last_seq
        self.next, self.has_more, self.rows = next_seq, has_more, rows

    def json(self) -> str:
        """The page as JSON; a change's data is spliced in as stored (canonical JSON)."""
        dumps = json.dumps
        changes = ",".join(
            f'{{"seq":{r.seq},"change_id":{dumps(r.change_id)},"entity":{dumps(r.entity)},'
            f'"entity_id":{dumps(r.entity_id)},"op":{dumps(r.op)},"data":{r.data},'
            f'"hlc":{dumps(r.hlc)},"device_id":{dumps(r.device_id)},'
            f'"received_at":"{r.received_at.isoformat()}"}}' for r in self.rows)
        return (f'{{"next":{self.next},"has_more":{"true" if self.has_more else "false"},'
                f'"changes":[{changes}]}}')


def pull_page(session: Session, device: SyncDevice, *, since: int, limit: int) -> Page:
    """The changes of the device's business after `since`, from its other devices.

    The business row is read first: every change up to its sequence had committed by then,
    so a page that is not full may move the cursor to it.
    """
    business = head(session, device.business_id, lock=False)
    rows = page_rows(session, device, since, limit)
    session.commit()  # read-only; the connection goes back before the answer is serialised
    return _page(business, rows, since, limit)


def _page(business: Head, rows: list[Any], since: int, limit: int) -> Page:
    has_more = len(rows) == limit
    last = rows[-1].seq if rows else 0
    next_seq = last if has_more else max(business.last_seq, since, last)
    return Page(business, next_seq, has_more, rows)
