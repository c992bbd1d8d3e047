"""A product change in one server process drops the list pages of every other, via PostgreSQL.

Several `lumbung-server` processes (on one host or several) share one PostgreSQL. A
transaction that changes a product sends `NOTIFY lumbung_catalog` (server/shop/pagecache.py
calls `announce` from its flush hook): PostgreSQL delivers it when, and only if, the
transaction commits. Every process keeps one connection listening on that channel in a
thread of its own (`CatalogListener`); a notice moves the process's catalog generation on, so
its cached pages are rendered anew at their next request: within milliseconds, where a page
would otherwise have been kept until it went stale (5 s, or 65 s on a saturated server).

A listener that loses its connection reconnects (waiting up to `RETRY_SECONDS`) and then moves
the generation on once, since a notice may have been missed meanwhile. SQLite has one process
and no NOTIFY: nothing is sent and nothing listens.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session as OrmSession

CHANNEL = "lumbung_catalog"
POLL_SECONDS = 0.5      # how often the listener looks at its stop flag
RETRY_SECONDS = 5.0
LOG = logging.getLogger(__name__)


def announce(session: OrmSession) -> None:
    """Queue the notice in the session's transaction (PostgreSQL only, once per transaction)."""
    if session.info.get("catalog_announced"):
        return
    bind = session.get_bind()
    if bind.dialect.name != "postgresql":
        return
    session.connection().exec_driver_sql(f"NOTIFY {CHANNEL}")
    session.info["catalog_announced"] = True


def listen_url(engine: Engine) -> str:
    """The engine's URL as psycopg takes it (password kept, driver name dropped)."""
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


class CatalogListener:
    """One thread, one connection: `on_notice()` for every notice on the channel."""

    def __init__(self, url: str, on_notice: Callable[[], None], *,
                 retry_seconds: float = RETRY_SECONDS) -> None:
        self.url, self.on_notice, self.retry_seconds = url, on_notice, retry_seconds
        self.stopping = threading.Event()
        self.listening = threading.Event()  # set while LISTEN is in force (tests wait on it)
        self.thread = threading.Thread(target=self._run, name="catalog-listener", daemon=True)

    def start(self) -> CatalogListener:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=POLL_SECONDS * 4)

    def _run(self) -> None:
        first = True
        while not self.stopping.is_set():
            try:
                self._listen(missed=not first)
            except Exception as exc:  # the database went away: try again shortly
                LOG.warning("catalog listener lost its connection: %s", exc)
            self.listening.clear()
            first = False
            self.stopping.wait(self.retry_seconds)

    def _listen(self, *, missed: bool) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            if missed:
                self.on_notice()  # something may have changed while no one listened
            while not self.stopping.is_set():
                for _notice in conn.notifies(timeout=POLL_SECONDS):
                    self.on_notice()


def listen_while_serving(app: Any, on_notice: Callable[[], None]) -> None:
    """Listen from the app's startup to its shutdown (PostgreSQL only; an app that is never
    served, such as a test's, opens no connection for it)."""
    engine: Engine = app.state.engine
    if engine.dialect.name != "postgresql":
        return

    def start() -> None:
        app.state.catalog_listener = CatalogListener(listen_url(engine), on_notice).start()

    def stop() -> None:
        listener = getattr(app.state, "catalog_listener", None)
        if listener is not None:
            listener.stop()

    app.router.on_startup.append(start)
    app.router.on_shutdown.append(stop)
