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
from urllib.parse import urlsplit

import requests

CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 60.0   # idle time between bytes (requests has no total timeout)
GZIP_LEVEL = 9        # a first sync is bound by a slow uplink, never by this CPU


class Offline(Exception):
    """The server could not be reached (or kept timing out)."""


class Unreachable(Offline):
    """Not even a connection could be made (no signal, wrong address, server down)."""


CONNECT_FAILURES = ("NewConnectionError", "Connection refused", "Name or service not known",
                    "Temporary failure in name resolution", "No route to host",
                    "Network is unreachable")


def _offline(exc: Exception) -> Offline:
    """A connect failure is Unreachable (retrying smaller batches cannot help)."""
    text = str(exc)
    if isinstance(exc, requests.exceptions.ConnectTimeout) or any(
            marker in text for marker in CONNECT_FAILURES):
        return Unreachable(text)
    return Offline(text)


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
    bytes_sent: int = 0           # request lines, headers and bodies, as on the wire
    bytes_received: int = 0       # status lines, headers and (compressed) bodies
    round_trips: int = 0          # HTTP requests that got an answer (retries included)
    attempts: int = 0             # HTTP requests started, answered or not
    last_rtt_ms: int = 0          # the last answered request, for reading the server's clock

    def url(self, path: str) -> str:
        return self.base_url.rstrip("/") + path

    def _headers(self) -> dict[str, str]:
        headers = {"Accept-Encoding": "gzip", "User-Agent": "Lumbung-desktop/1"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        return headers

    def request(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] |
                None = None, ok: tuple[int, ...] = (200,), retry: bool = True,
                encoded: bytes | None = None) -> Any:
        """Send, retrying connection errors, timeouts and 5xx; returns the decoded JSON.

        `body` is encoded here; `encoded` is a body already encoded as JSON (a push measures
        its batch while building it). Either is sent gzip-compressed.
        """
        headers = self._headers()
        data = None
        if body is not None:
            encoded = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
        if encoded is not None:
            data = gzip.compress(encoded, GZIP_LEVEL)
            headers |= {"Content-Encoding": "gzip", "Content-Type": "application/json"}
        attempts = self.retries + 1 if retry else 1
        last: Exception | None = None
        for attempt in range(attempts):
            if attempt:
                cap = min(self.max_backoff, self.backoff * 2 ** (attempt - 1))
                self.sleep(random.uniform(0, cap))  # full jitter
            started = time.monotonic()
            self.attempts += 1
            try:
                response = self.session.request(method, self.url(path), data=data,
                                                params=params, headers=headers,
                                                timeout=self.timeout)
                payload = response.content
            except (requests.ConnectionError, requests.Timeout,
                    requests.exceptions.ChunkedEncodingError) as exc:
                last = _offline(exc)
                continue
            self.last_rtt_ms = int((time.monotonic() - started) * 1000)
            self.round_trips += 1
            self.bytes_sent += _request_bytes(response.request)
            self.bytes_received += _response_bytes(response, payload)
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


    def once(self, method: str, path: str, *, data: bytes | None = None,
             headers: dict[str, str] | None = None, ok: tuple[int, ...] = (200, 204)
             ) -> requests.Response:
        """One request, no retries (the caller resumes: a photo upload asks where it stands).

        Raises as `request` does: Offline, Unauthorized, Refused, ServerTrouble.
        """
        self.attempts += 1
        try:
            response = self.session.request(method, self.url(path), data=data,
                                            headers={**self._headers(), **(headers or {})},
                                            timeout=self.timeout)
            payload = response.content
        except (requests.ConnectionError, requests.Timeout,
                requests.exceptions.ChunkedEncodingError) as exc:
            raise _offline(exc) from None
        self.round_trips += 1
        self.bytes_sent += _request_bytes(response.request)
        self.bytes_received += _response_bytes(response, payload)
        if response.status_code >= 500:
            raise ServerTrouble(f"{response.status_code}: {payload[:200]!r}")
        if response.status_code == 401:
            raise Unauthorized(_detail(payload))
        if response.status_code not in ok:
            raise Refused(response.status_code, _detail(payload))
        return response


def _detail(payload: bytes) -> str:
    try:
        detail = json.loads(payload).get("detail", "")
    except (json.JSONDecodeError, AttributeError):
        detail = payload[:200].decode(errors="replace")
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:300]


def _header_lines(headers: Any) -> int:
    # "Name: value\r\n" per header, then the blank line that ends them.
    return sum(len(k) + len(str(v)) + 4 for k, v in headers.items()) + 2


def _request_bytes(request: requests.PreparedRequest) -> int:
    """A request as http.client writes it: request line, Host, the headers, the body."""
    url = urlsplit(request.url or "")
    target = url.path + (f"?{url.query}" if url.query else "")
    line = len(f"{request.method} {target} HTTP/1.1\r\n")
    host = 0 if "Host" in request.headers else len(f"Host: {url.netloc}\r\n")
    body = request.body
    size = len(body) if isinstance(body, (bytes, str)) else 0
    return line + host + _header_lines(request.headers) + size


def _response_bytes(response: requests.Response, payload: bytes) -> int:
    """A response as received: status line, headers, and the body before it was inflated."""
    line = len(f"HTTP/1.1 {response.status_code} {response.reason}\r\n")
    raw = response.raw.tell() if response.raw is not None else len(payload)
    chunked = response.headers.get("Transfer-Encoding", "").lower() == "chunked"
    framing = 0 if not chunked else len(f"{raw:x}\r\n\r\n0\r\n\r\n")  # one chunk
    return line + _header_lines(response.headers) + int(raw) + framing
