"""Bounded work per request: body limits per route, rate limits before any body is read, and
a 422 answer that never echoes what was sent.

A public form or an order is a few hundred bytes, so every route but the sync push reads at
most `SMALL` (64 KB, inflated or not); a push may bring a first sync's batch. The login and
order limits per address are counted before the body is read, so a flood of bodies costs the
server a counter, not a parse. FastAPI's own 422 repeats the input of every error: a 16 KB
gzip body of `{"pad": [{}, {}, ...]}` came back as a 16 MB reply; here each error is its
place, a short message and a type.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from server.gzip_request import BodyLimit
from server.security import AuthError
from server.shop.web import shop_limits_of

SMALL = BodyLimit(wire=64 * 1024, inflated=64 * 1024, seconds=60)
# A push batch starts at 64 KB and grows; 2 MB over a 20 kbit/s edge link takes ~14 minutes.
PUSH = BodyLimit(wire=2 * 1024 * 1024, inflated=16 * 1024 * 1024, seconds=900)
ROUTES = {"/api/v1/sync/push": PUSH, "/api/v1/sync": PUSH}
MAX_ERRORS = 5  # a body with a million wrong fields gets five reasons, not a million


async def validation_error(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's 422 shape (`detail`: a list of `loc`, `msg`, `type`), without the input."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": [p if isinstance(p, int) else str(p)[:60] for p in e.get("loc", ())][:8],
               "msg": str(e.get("msg", ""))[:200], "type": str(e.get("type", ""))[:60]}
              for e in list(errors)[:MAX_ERRORS]]
    return JSONResponse({"detail": detail}, status_code=422)


class EarlyLimits:
    """Pure ASGI middleware: the per-address limit of a login or an order, before the body.

    The limits live on `app.state` (tests replace them), reached through `scope["app"]`.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "POST":
            refusal = await self._refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)

    async def _refusal(self, scope: Scope) -> JSONResponse | None:
        state: Any = scope["app"].state
        ip = scope["client"][0] if scope.get("client") else "?"
        if scope["path"] == "/api/v1/auth/device":
            try:
                state.ip_throttle.check(ip)
            except AuthError as exc:
                return JSONResponse({"detail": exc.message}, status_code=exc.status,
                                    headers={"Retry-After": str(exc.retry_after or 60),
                                             "Connection": "close"})
        elif scope["path"] == "/api/v1/orders":
            limit = shop_limits_of(state).order_ip
            if not await run_in_threadpool(limit.hit, ip):  # on PostgreSQL, a database upsert
                return JSONResponse(
                    {"detail": "Terlalu banyak pesanan dari jaringan ini; coba lagi dalam "
                               "satu jam"}, status_code=429, headers={"Connection": "close"})
        return None
