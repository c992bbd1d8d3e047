"""A keep-alive HTTP/1.1 connection on plain asyncio streams, for the load generators.

About a tenth of httpx's CPU per request: on a 2-core machine the generator competes with the
server, so it must cost as little as it can. Answers are read whole (Content-Length only; the
mall never sends chunked answers) and left compressed; `Reply.content` unpacks gzip on demand.
"""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass


@dataclass
class Reply:
    """One answer: status, the head as sent (status line and headers) and the raw body."""

    status: int
    head: bytes
    headers: dict[str, str]
    body: bytes

    @property
    def wire_bytes(self) -> int:
        """What came over the connection for this answer (head + body, before TCP)."""
        return len(self.head) + len(self.body)

    @property
    def content(self) -> bytes:
        """The body, unpacked when it came gzipped."""
        gzipped = self.headers.get("content-encoding", "").lower() == "gzip"
        return gzip.decompress(self.body) if gzipped else self.body


class Conn:
    """One keep-alive HTTP/1.1 connection; `headers` go with every request."""

    def __init__(self, host: str, port: int, headers: dict[str, str] | None = None) -> None:
        self.host, self.port, self.headers = host, port, headers or {}
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str, headers: dict[str, str] | None = None) -> Reply:
        """GET `target` (with `headers` instead of the connection's own, when given)."""
        return await self.request("GET", target, headers)

    async def request(self, method: str, target: str, headers: dict[str, str] | None = None,
                      body: bytes = b"") -> Reply:
        """Send one request; reconnects once when the server had closed an idle connection."""
        lines = [f"{method} {target} HTTP/1.1", f"Host: {self.host}:{self.port}",
                 *(f"{k}: {v}" for k, v in (self.headers if headers is None else headers)
                   .items())]
        if body or method != "GET":
            lines.append(f"Content-Length: {len(body)}")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode() + body
        for attempt in (1, 2):
            if self.streams is None:
                self.streams = await asyncio.open_connection(self.host, self.port)
            reader, writer = self.streams
            writer.write(data)
            try:
                return await self._read(reader)
            except (ConnectionError, asyncio.IncompleteReadError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> Reply:
        head = bytearray(await reader.readline())
        if not head:
            raise ConnectionResetError("closed")
        status = int(head.split()[1])
        headers: dict[str, str] = {}
        while (line := await reader.readline()) not in (b"\r\n", b""):
            head += line
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        head += b"\r\n"
        if "chunked" in headers.get("transfer-encoding", ""):
            raise ValueError("chunked answers are not expected from the mall")
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        return Reply(status, bytes(head), headers, body)

    async def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None
