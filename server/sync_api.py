"""`POST /api/v1/sync/push` and `GET /api/v1/sync/pull` (see ../shared/docs/sync.md)."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlmodel import Session, col, select

from server.deps import current_device, db
from server.merge import store_changes
from server.models import Business, ChangeLog, Device
from server.validate import Reject, envelope

router = APIRouter(prefix="/api/v1/sync", tags=["sync"])
MAX_BODY = 2 * 1024 * 1024        # bytes on the wire per push
MAX_INFLATED = 16 * 1024 * 1024   # after gunzip (a zip bomb stops here)
MAX_CHANGES = 1000                # per push
MAX_PULL = 2000


@router.post("/push", summary="Send a batch of changes (gzip JSON), applied at most once each")
async def push(request: Request, device: Annotated[Device, Depends(current_device)],
               session: Annotated[Session, Depends(db)]) -> JSONResponse:
    raw = await request.body()  # already bounded and inflated (server/gzip_request.py)
    try:
        body = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise HTTPException(400, "Isi kiriman bukan JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("changes"), list):
        raise HTTPException(422, "Kiriman harus {\"changes\": [...]}")
    raw_changes: list[Any] = body["changes"]
    if len(raw_changes) > MAX_CHANGES:
        raise HTTPException(413, f"Terlalu banyak perubahan sekaligus (maks. {MAX_CHANGES})")
    parsed: list[Any] = []
    for raw_change in raw_changes:
        try:
            parsed.append(envelope(raw_change))
        except Reject as exc:
            cid = raw_change.get("change_id") if isinstance(raw_change, dict) else None
            parsed.append((str(cid)[:36] if cid else None, str(exc)))
    results, business = store_changes(session, device, parsed)
    payload = {"results": results, "seq": business.last_seq, "epoch": business.epoch,
               "server_time": int(time.time() * 1000)}
    landed = any(r["status"] in ("applied", "duplicate") for r in results)
    return JSONResponse(payload, status_code=200 if landed or not results else 422)


@router.get("/pull", summary="Changes of this business after a sequence, from other devices")
def pull(device: Annotated[Device, Depends(current_device)],
         session: Annotated[Session, Depends(db)],
         since: Annotated[int, Query(ge=0)] = 0,
         limit: Annotated[int, Query(ge=1, le=MAX_PULL)] = 500) -> dict[str, Any]:
    business = session.get(Business, device.business_id)
    assert business is not None
    rows = session.exec(
        select(ChangeLog).where(ChangeLog.business_id == device.business_id,
                                ChangeLog.seq > since, ChangeLog.device_id != device.id)
        .order_by(col(ChangeLog.seq)).limit(limit)).all()
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


@router.get("/business", summary="This device's business: ids, name, epoch and sequence")
def business_info(device: Annotated[Device, Depends(current_device)],
                  session: Annotated[Session, Depends(db)]) -> dict[str, Any]:
    business = session.get(Business, device.business_id)
    assert business is not None
    return {"id": business.id, "name": business.name, "slug": business.slug,
            "book_id": business.book_id, "epoch": business.epoch, "seq": business.last_seq,
            "device_id": device.id, "device_number": device.number}
