"""HTTP to the mall: explicit timeouts, gzip bodies, retries with full-jitter backoff.

Offline is a normal state: connection failures and timeouts become `Offline` after the retries,
server trouble (5xx) becomes `ServerTrouble`, and a refused token `Unauthorized`. A push is
idempotent (change ids), so retrying a POST whose reply was lost is safe.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0   # idle time between bytes (requests has no total timeout)


class Offline(Exception):
    """The server could not be reached (or kept timing out)."""


class ServerTrouble(Exception):
    """The server answered 5xx after every retry."""


class Unauthorized(Exception):
    """The token was refused (revoked, or the login is wrong); the message says what to do."""


class Refused(Exception):
    """A 4xx other than 401 (and other than a push's per-change rejections)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Transport:
    """One `requests.Session` to one server."""

    base_url: str
    token: str | None = None
    retries: int = 4
    backoff: float = 0.5          # first wait's upper bound; doubles per retry
    max_backoff: float = 30.0
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)
    sleep: Callable[[float], None] = time.sleep
    session: requests.Session = field(default_factory=requests.Session)
    bytes_sent: int = 0
    bytes_received: int = 0
    last_rtt_ms: int = 0          # the last answered request, for reading the server's clock

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def _headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "gzip", "User-Agent": "Lumbung-desktop/1"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] |
                None = None, ok: tuple[int, ...] = (200,), retry: bool = True) -> Any:
        """Send, retrying connection errors, timeouts and 5xx; returns the decoded JSON."""
        headers = self._headers()
        data = None
        if body is not None:
            data = gzip.compress(json.dumps(body, separators=(",", ":")).encode(), 6)
            headers |= {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        attempts = self.retries + 1 if retry else 1
        last: Exception | None = None
        for attempt in range(attempts):
            if attempt:
                cap = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                self.sleep(random.uniform(0, cap))  # full jitter
            started = time.monotonic()
            try:
                response = self.session.request(method, self.url(path), data=data,
                                                params=params, headers=headers,
                                                timeout=self.timeout)
                payload = response.content
            except (requests.ConnectionError, requests.Timeout,
                    requests.exceptions.ChunkedEncodingError) as exc:
                last = Offline(str(exc))
                continue
            self.last_rtt_ms = int((time.monotonic() - started) * 1000)
            self.bytes_sent += len(data or b"") + _header_bytes(response.request.headers)
            self.bytes_received += int(response.raw.tell() if response.raw else len(payload)) \
                + _header_bytes(response.headers)
            if response.status_code >= 500:
                last = ServerTrouble(f"{response.status_code}: {payload[:200]!r}")
                continue
            detail = _detail(payload)
            if response.status_code == 401:
                raise Unauthorized(detail)
            if response.status_code not in ok:
                raise Refused(response.status_code, detail)
            try:
                return json.loads(payload)
            except json.JSONDecodeError:
                last = Offline("jawaban server terpotong")
        assert last is not None
        raise last


def _detail(payload: bytes) -> str:
    try:
        detail = json.loads(payload).get("detail", "")
    except (json.JSONDecodeError, AttributeError):
        detail = payload[:200].decode(errors="replace")
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:300]


def _header_bytes(headers: Any) -> int:
    # Request line / status line plus "Name: value\r\n" per header, as on the wire.
    return 40 + sum(len(k) + len(str(v)) + 4 for k, v in headers.items())
