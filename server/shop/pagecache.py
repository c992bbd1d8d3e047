"""Rendered list pages (home, search and browse) kept for a few seconds, gzipped once.

Every buyer who opens the home page or a category sees the same page, so each server process
renders it once and answers the next requests with the same gzipped bytes, for at most
`LUMBUNG_PAGE_CACHE_SECONDS` (default 5; 0 turns the cache off). After that, for up to
`STALE_SECONDS` more, a request still gets the page it had while a background render replaces
it (a proxy's "serve stale while updating"): no buyer waits for the routine re-render of a page
others keep asking for. A page nobody asked for in that minute is rendered anew while its buyer
waits, and others asking for it meanwhile wait for that same render. Every answer says how old
its page is in the `Age` header: an idle server re-renders within milliseconds of the 5 s; a
saturated one (tests/bench, section k) falls behind, most-asked pages first, never past 65 s.

A page is dropped as soon as this process commits a change to a product (a sync's projection,
a kurator's decision, an order, a profile's new name or place: every one of them goes through
the ORM and is seen by the session hooks below), so its next request renders it anew. On
PostgreSQL the same hook sends a notice that every other server process, on any host, hears
within milliseconds (server/shop/notify.py) and drops its pages too.
A product page's view counter is a plain UPDATE, not a change to what list pages show, and
keeps the cache.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

import anyio
import anyio.to_thread
from sqlalchemy import event
from sqlalchemy.orm import Session as OrmSession

from server.shop.models import Product
from server.shop.notify import announce

DEFAULT_SECONDS = 5
STALE_SECONDS = 60.0
MAX_PAGES = 1024
WAITED_RENDERS = 4   # threads rendering pages that requests wait for, per server process
LOG = logging.getLogger(__name__)
T = TypeVar("T")


class _Catalog:
    """How many product changes this process has committed or been told of (read without a
    lock: one int; moved on under one, from worker threads and the catalog listener)."""

    generation = 0
    lock = threading.Lock()

    @classmethod
    def bump(cls) -> None:
        with cls.lock:
            cls.generation += 1


def catalog_changed() -> None:
    """A product changed somewhere else (another server process): every page is stale."""
    _Catalog.bump()


def storefront_changed(session: OrmSession) -> None:
    """Something storefront pages show changed without a product row changing (a seller's
    Terverifikasi mark, or the seller taken off the mall): drop every cached page when this
    session commits, here and in the other server processes."""
    session.info["catalog_changed"] = True
    announce(session)


@event.listens_for(OrmSession, "after_flush")
def _note_change(session: OrmSession, _context: Any) -> None:
    if any(isinstance(obj, Product) for obj in chain(session.new, session.dirty,
                                                     session.deleted)):
        session.info["catalog_changed"] = True
        announce(session)  # the other server processes hear of it when this commits


@event.listens_for(OrmSession, "after_commit")
def _committed(session: OrmSession) -> None:
    session.info.pop("catalog_announced", None)
    if session.info.pop("catalog_changed", False):
        _Catalog.bump()


@event.listens_for(OrmSession, "after_soft_rollback")
def _rolled_back(session: OrmSession, _previous: Any) -> None:
    session.info.pop("catalog_changed", None)
    session.info.pop("catalog_announced", None)


def configured_seconds() -> int:
    """`LUMBUNG_PAGE_CACHE_SECONDS`, whole seconds (default 5; 0 or less: no cache)."""
    raw = os.environ.get("LUMBUNG_PAGE_CACHE_SECONDS", "").strip()
    if not raw:
        return DEFAULT_SECONDS
    try:
        return int(raw)
    except ValueError:
        LOG.warning("LUMBUNG_PAGE_CACHE_SECONDS=%r is not a whole number of seconds; "
                    "using %d", raw, DEFAULT_SECONDS)
        return DEFAULT_SECONDS


@dataclass(frozen=True)
class Page:
    """A rendered page: its status and its HTML, gzipped."""

    status: int
    gzipped: bytes

    @classmethod
    def of(cls, html: str, status: int = 200) -> Page:
        """Compress once (level 9, no timestamp: the same page gives the same bytes)."""
        packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
        return cls(status, packer.compress(html.encode()) + packer.flush())

    def html(self) -> bytes:
        """The page uncompressed, for a client that does not take gzip."""
        return zlib.decompress(self.gzipped, 16 + zlib.MAX_WBITS)


@dataclass(frozen=True)
class Served:
    """A page as answered: where it came from ("hit", "stale", "wait", "miss" or "off") and
    how many seconds ago it was rendered (the `Age` header)."""

    page: Page
    origin: str
    age: float = 0.0


class PageCache:
    """Pages by key for `seconds`, at most `size` of them, least recently used dropped first.

    Used from one event loop (one per server process); `remember` may be called from worker
    threads. Renders run on worker threads: at most WAITED_RENDERS at once for requests that
    wait for them, and one at a time in the background for stale pages, the page most asked
    for since it went stale first (the home page before a search nobody repeats)."""

    def __init__(self, seconds: float = DEFAULT_SECONDS, size: int = MAX_PAGES, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds, self.size, self.clock = seconds, size, clock
        self.pages: OrderedDict[Hashable, tuple[float, int, Page]] = OrderedDict()
        self.flying: dict[Hashable, tuple[int, asyncio.Task[Page]]] = {}
        self.stale: dict[Hashable, tuple[int, Callable[[], Page]]] = {}  # asked for, rendering
        self.refresher: asyncio.Task[None] | None = None
        self.values: dict[Hashable, tuple[float, int, Any]] = {}
        self.lock = threading.Lock()
        self.limiter: anyio.CapacityLimiter | None = None

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def _fresh(self, entry: tuple[float, int, Any] | None) -> bool:
        return entry is not None and entry[0] > self.clock() \
            and entry[1] == _Catalog.generation

    async def page(self, key: Hashable, render: Callable[[], Page]) -> Served:
        """The page for `key`; `render` makes it (on a worker thread) when it must."""
        if not self.enabled:
            return Served(await anyio.to_thread.run_sync(render), "off")
        entry = self.pages.get(key)
        if entry is not None and entry[1] == _Catalog.generation:
            expired = self.clock() - entry[0]
            age = expired + self.seconds
            if expired <= 0:
                self.pages.move_to_end(key)
                return Served(entry[2], "hit", age)
            if expired < STALE_SECONDS:
                self.pages.move_to_end(key)
                self._ask_refresh(key, render)
                return Served(entry[2], "stale", age)
        flying = self.flying.get(key)
        if flying is not None and flying[0] == _Catalog.generation:
            return Served(await asyncio.shield(flying[1]), "wait")
        if self.limiter is None:  # made on the event loop; a few threads, not the 40 of the
            self.limiter = anyio.CapacityLimiter(WAITED_RENDERS)  # pool: they share one GIL
        task = self._start(key, render, self.limiter)
        return Served(await asyncio.shield(task), "miss")

    def _start(self, key: Hashable, render: Callable[[], Page],
               limiter: anyio.CapacityLimiter | None) -> asyncio.Task[Page]:
        """Render in a task of its own: a client that goes away does not stop it."""
        task = asyncio.ensure_future(self._fill(key, render, limiter))
        task.add_done_callback(lambda done: done.cancelled() or done.exception())
        self.flying[key] = (_Catalog.generation, task)
        return task

    async def _fill(self, key: Hashable, render: Callable[[], Page],
                    limiter: anyio.CapacityLimiter | None) -> Page:
        generation = _Catalog.generation
        try:
            page = await anyio.to_thread.run_sync(render, limiter=limiter)
        finally:
            if self.flying.get(key, (0, None))[1] is asyncio.current_task():
                del self.flying[key]
        if page.status == 200 and generation == _Catalog.generation:
            self.pages[key] = (self.clock() + self.seconds, generation, page)
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)
        return page

    def _ask_refresh(self, key: Hashable, render: Callable[[], Page]) -> None:
        asked, _render = self.stale.get(key, (0, render))
        self.stale[key] = (asked + 1, render)
        if self.refresher is None or self.refresher.done():
            self.refresher = asyncio.ensure_future(self._refresh())

    async def _refresh(self) -> None:
        """Re-render stale pages one at a time, the most asked-for first."""
        while self.stale:
            key = max(self.stale, key=lambda k: self.stale[k][0])
            _asked, render = self.stale.pop(key)
            if key in self.flying or self._fresh(self.pages.get(key)):
                continue  # a request is rendering it, or already did
            try:
                await self._start(key, render, None)
            except Exception:  # the stale page stays; the next request asks again
                LOG.exception("re-rendering %r failed", key)

    def remember(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value that list pages share (the places list), kept by the same rules as pages."""
        if not self.enabled:
            return compute()
        with self.lock:
            entry = self.values.get(key)
            if entry is not None and self._fresh(entry):
                found: T = entry[2]
                return found
        generation, expires = _Catalog.generation, self.clock() + self.seconds
        value = compute()
        if generation == _Catalog.generation:
            with self.lock:
                self.values[key] = (expires, generation, value)
        return value
