"""Request bodies sent with `Content-Encoding: gzip`, inflated with hard limits.

Bodies over `max_body` bytes on the wire, or over `max_inflated` once inflated (a zip bomb),
get 413 before any route sees them; a broken or cut gzip stream gets 400. So does JSON that
escapes half of a surrogate pair (`"\\ud800"`): Python reads it as a string no UTF-8 database
can store, and every route would otherwise fail with a 500 when it wrote or echoed it.
"""

from __future__ import annotations

import json
import re
import zlib
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


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
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(payload)).encode())]})
    await send({"type": "http.response.body", "body": payload})
