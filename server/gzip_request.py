"""Request bodies sent with `Content-Encoding: gzip`, inflated with hard limits.

Bodies over `max_body` bytes on the wire, or over `max_inflated` once inflated (a zip bomb),
get 413 before any route sees them; a broken or cut gzip stream gets 400.
"""

from __future__ import annotations

import json
import zlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class GzipRequestMiddleware:
    """Pure ASGI middleware: buffers, checks and inflates the request body."""

    def __init__(self, app: ASGIApp, *, max_body: int, max_inflated: int) -> None:
        self.app = app
        self.max_body = max_body
        self.max_inflated = max_inflated

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await _error(send, 413, f"Kiriman terlalu besar (maks. {self.max_body} byte)")
            return
        gzipped = headers.get(b"content-encoding", b"").lower() == b"gzip"
        body, more = bytearray(), True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return  # the client went away mid-request: nothing is applied
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > self.max_body:
                await _error(send, 413, f"Kiriman terlalu besar (maks. {self.max_body} byte)")
                return
        if gzipped:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            try:
                data = inflater.decompress(bytes(body), self.max_inflated)
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
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": bytes(body), "more_body": False}

        await self.app(scope, replay, send)


async def _error(send: Send, status: int, detail: str) -> None:
    payload: Any = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
