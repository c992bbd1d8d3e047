"""How uvicorn serves the mall: connection timeouts uvicorn itself lacks, and proxy addresses.

uvicorn times out an idle keep-alive connection only after a reply. A client that connects
and sends nothing, or half a request line and stops (a half-open connection, or a slowloris
holding sockets one byte at a time), stayed open for ever. `TimedHttpToolsProtocol` closes a
connection whose request headers have not all arrived `HEADER_SECONDS` after its first byte
(or after the connection opened). A body that stalls is ended by server/gzip_request.py.

Behind a reverse proxy, give uvicorn the proxy's address with `--forwarded-allow-ips`
(`lumbung-server run --forwarded-allow-ips 127.0.0.1`): only then is `X-Forwarded-For` read,
so the per-address rate limits count buyers, not the proxy. Never `*` on a server that is
reachable without the proxy: anyone could then name any address and walk past every limit.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_SECONDS = 10.0   # from a connection's first byte (or a request's) to its last header
KEEP_ALIVE_SECONDS = 5  # an idle connection between requests


class TimedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with a deadline for the request line and headers."""

    header_seconds = HEADER_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if self.cycle is None or self.cycle.response_complete:  # no request being answered
            self.transport.close()


def uvicorn_options(*, forwarded_allow_ips: str | None = None) -> dict[str, Any]:
    """The keyword arguments `uvicorn.run` and `uvicorn.Config` get for the mall."""
    options: dict[str, Any] = {"http": TimedHttpToolsProtocol,
                               "timeout_keep_alive": KEEP_ALIVE_SECONDS,
                               "h11_max_incomplete_event_size": 16 * 1024}
    if forwarded_allow_ips:
        options |= {"proxy_headers": True, "forwarded_allow_ips": forwarded_allow_ips}
    else:
        options["proxy_headers"] = False  # X-Forwarded-For from anyone would dodge every limit
    return options
