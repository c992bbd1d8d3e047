"""Request bodies, bounded per route, and those sent with `Content-Encoding: gzip` inflated.

Every route has a limit (`BodyLimit`): bodies over its `wire` bytes as sent, or over its
`inflated` bytes once inflated (a zip bomb), get 413 before any route sees them, so no route
parses more than its limit. A broken or cut gzip stream gets 400. So does JSON that escapes
half of a surrogate pair (`"\\ud800"`): Python reads it as a string no UTF-8 database can
store, and every route would otherwise fail with a 500 when it wrote or echoed it. A client
that stops sending halfway (a half-open connection) gets 408 after `STALL_SECONDS` without a
byte, or once the route's `seconds` for the whole body are up.
"""

from __future__ import annotations

import asyncio
import json
import re
import zlib
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
STALL_SECONDS = 30.0  # no byte of the body for this long: the client is gone (Anki's stall rule)


@dataclass(frozen=True)
class BodyLimit:
    """The most a route reads: bytes as sent, bytes once inflated, and seconds for the body."""

    wire: int
    inflated: int
    seconds: float = 60.0


class GzipRequestMiddleware:
    """Pure ASGI middleware: buffers, checks and inflates the request body, per route."""

    def __init__(self, app: ASGIApp, *, default: BodyLimit,
                 routes: dict[str, BodyLimit] | None = None,
                 stall_seconds: float = STALL_SECONDS, unbuffered: str | None = None) -> None:
        self.app = app
        self.default = default
        self.routes = routes or {}
        self.unbuffered = unbuffered  # a path prefix whose PUTs read (and bound) their body
        self.stall_seconds = stall_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.unbuffered and scope["method"] == "PUT"
                                       and scope["path"].startswith(self.unbuffered)):
            await self.app(scope, receive, send)
            return
        limit = self.routes.get(scope["path"], self.default)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        if declared.isascii() and declared.isdigit() and int(declared) > limit.wire:
            await _error(send, 413, f"Kiriman terlalu besar (maks. {limit.wire} byte)")
            return
        gzipped = headers.get(b"content-encoding", b"").lower() == b"gzip"
        body, more = bytearray(), True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit.seconds
        while more:
            wait = min(self.stall_seconds, deadline - loop.time())
            try:
                if wait <= 0:
                    raise TimeoutError
                message = await asyncio.wait_for(receive(), wait)
            except TimeoutError:
                await _error(send, 408, "Kiriman berhenti di tengah jalan; coba kirim lagi")
                return
            if message["type"] == "http.disconnect":
                return  # the client went away mid-request: nothing is applied
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > limit.wire:
                await _error(send, 413, f"Kiriman terlalu besar (maks. {limit.wire} byte)")
                return
        if gzipped:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                data = inflater.decompress(bytes(body), limit.inflated)
            except zlib.error:
                await _error(send, 400, "Isi kiriman bukan gzip yang utuh")
                return
            if inflater.unconsumed_tail:
                await _error(send, 413, "Isi kiriman setelah dibuka terlalu besar")
                return
            if not inflater.eof:
                await _error(send, 400, "Isi kiriman gzip terpotong")
                return
            body = bytearray(data)
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"]
                                if k not in (b"content-encoding", b"content-length")] + \
                [(b"content-length", str(len(body)).encode())]
        if lone_surrogate(body):
            await _error(send, 400, "Isi kiriman memuat teks yang tidak sah (\\u pasangan "
                                    "surrogate yang tidak lengkap)")
            return
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


def lone_surrogate(body: bytes | bytearray) -> bool:
    """Whether a JSON body escapes half of a surrogate pair (bodies that are not JSON: False)."""
    if not _SURROGATE_ESCAPE.search(body):
        return False  # the usual case; a whole pair (an escaped emoji) still reads as one char
    try:
        json.dumps(json.loads(body), ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return True
    except (ValueError, RecursionError):
        return False  # not JSON: the route says so
    return False


async def _error(send: Send, status: int, detail: str) -> None:
    payload: Any = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
