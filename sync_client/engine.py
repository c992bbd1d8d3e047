"""One sync of one business: push the outbox, then pull other devices' changes.

- Push in bounded batches (adaptive: halve on timeout, grow on success), oldest first; each
  result is written to the outbox in one local transaction, so a drop costs at most one batch.
  A batch is a version-2 body (entry inserts as compact rows, see wire.py), bounded by count
  and by encoded bytes; a server that does not know that body gets the object form instead.
- Pull pages after the cursor; a page and the new cursor are applied in one transaction.
- A new server epoch (the server was restored from a backup) makes this PC re-send every kept
  outbox row (the server ignores what it already has) and pull from zero.
- Only one sync runs per business (a file lock, across the app and the CLI); a second one
  returns `busy` at once. Progress goes to a callback; cancelling stops between batches.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from desktop.books import hlc
from desktop.books.outbox import pending_count
from desktop.books.store.connection import write_tx
from sync_client import state, wire
from sync_client.apply import SetAside, apply_changes
from sync_client.credentials import load_token
from sync_client.dinas_queue import queue_dinas
from sync_client.photos import by_reference, upload_photos
from sync_client.retention import prune_outbox
from sync_client.shop_stats import fetch_stats
from sync_client.shop_stock import queue_stock_levels
from sync_client.transport import (
    Offline,
    Refused,
    ServerTrouble,
    Transport,
    Unauthorized,
    Unreachable,
)
from sync_client.wire import BODY_VERSION, Change, pending, stamp_device

# A typical day (about 100 entries and a few edits) goes in one push; a first sync grows to
# batches of ~150 KB gzipped, which keeps the round trips a small share of a slow uplink's
# time while a dropped connection still costs only one batch.
MIN_BATCH, START_BATCH, MAX_BATCH = 10, 250, 4000
MAX_BATCH_BYTES = 1_000_000      # encoded JSON per push, before gzip (the server allows 16 MB)
PULL_PAGE = 1000


@dataclass
class Progress:
    """Where a sync is: phase ('kirim' or 'terima'), changes done and total, bytes moved."""

    phase: str
    done: int
    total: int
    bytes_sent: int
    bytes_received: int


@dataclass
class SyncResult:
    """What `lumbung sync --json` prints."""

    status: str                     # ok | offline | error | busy | cancelled
    pushed: int = 0
    pulled: int = 0
    pending: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    set_aside: list[dict[str, str]] = field(default_factory=list)  # pulled, not storable here
    message: str = ""
    epoch_changed: bool = False
    clock_skew_ms: int = 0
    bytes_sent: int = 0
    bytes_received: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Cancelled(Exception):
    """The user stopped the sync between batches."""


@dataclass
class Syncer:
    """Syncs one book connection with its linked server."""

    conn: sqlite3.Connection
    data_dir: Path
    on_progress: Callable[[Progress], None] | None = None
    should_cancel: Callable[[], bool] | None = None
    transport: Transport | None = None
    batch: int = START_BATCH
    compact: bool = True            # version-2 bodies, until a server shows it does not know them
    one: bool = True                # POST /api/v1/sync, until a server answers 404 to it
    photos_held: set[str] | None = None  # photos the server holds whole (sent by hash)

    def run(self) -> SyncResult:
        """Sync now; never raises for network trouble (that is a status)."""
        link = state.read(self.conn)
        if link is None:
            return SyncResult("error", pending=pending_count(self.conn),
                              message="Usaha ini belum terhubung ke Mall")
        lock = FileLock(str(self.data_dir / "sync" / f"{link.book_id}.lock"))
        (self.data_dir / "sync").mkdir(parents=True, exist_ok=True)
        try:
            lock.acquire(timeout=0)
        except Timeout:
            return SyncResult("busy", pending=pending_count(self.conn),
                              message="Sinkronisasi lain sedang berjalan")
        try:
            return self._run(link)
        finally:
            lock.release()

    def _run(self, link: state.Link) -> SyncResult:
        token = load_token(self.data_dir, link.book_id)
        transport = self.transport or Transport(link.server, token)
        transport.token = token
        result = SyncResult("ok")
        try:
            with write_tx(self.conn):
                queue_stock_levels(self.conn)  # the storefront's "tersedia / habis"
                queue_dinas(self.conn)         # monthly summaries, only with consent
            self.photos_held = upload_photos(self.conn, transport)
            if self.one:
                from sync_client.sync_one import sync_once  # it builds on this module

                try:
                    sync_once(self, transport, link, result)
                except Refused as exc:
                    if exc.status != 404:
                        raise
                    self.one = False  # an older server: the push and pull pair
            if not self.one:
                self._push(transport, link, result)
                self._pull(transport, link, result)
            fetch_stats(self.conn, transport)
            with write_tx(self.conn):
                state.set_value(self.conn, "sync_last_ok",
                                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
                prune_outbox(self.conn)
        except Offline as exc:
            result.status, result.message = "offline", f"Tidak terhubung ke Mall ({exc})"[:300]
        except ServerTrouble as exc:
            result.status, result.message = "error", f"Server Mall sedang bermasalah: {exc}"[:300]
        except Unauthorized as exc:
            result.status = "error"
            result.message = f"Mall menolak perangkat ini: {exc}. Data di PC ini tetap aman."
        except Refused as exc:
            result.status, result.message = "error", f"Mall menolak ({exc.status}): {exc}"
        except Cancelled:
            result.status, result.message = "cancelled", "Sinkronisasi dihentikan"
        result.pending = pending_count(self.conn)
        result.bytes_sent, result.bytes_received = transport.bytes_sent, transport.bytes_received
        return result

    def _progress(self, phase: str, done: int, total: int, transport: Transport) -> None:
        if self.should_cancel is not None and self.should_cancel():
            raise Cancelled
        if self.on_progress is not None:
            self.on_progress(Progress(phase, done, total, transport.bytes_sent,
                                      transport.bytes_received))

    def _push(self, transport: Transport, link: state.Link, result: SyncResult) -> None:
        total = pending_count(self.conn)
        after = link.repush_after if link.repush_after is not None else 0
        repush = link.repush_after is not None
        while True:
            self._progress("kirim", result.pushed, max(total, result.pushed), transport)
            batch = pending(self.conn, after=after, limit=self.batch, include_acked=repush)
            if not batch:
                break
            batch = by_reference(batch, self.photos_held)
            batch, body = encode_batch(batch, compact=self.compact)
            try:
                reply = transport.request("POST", "/api/v1/sync/push", encoded=body,
                                          ok=(200, 422))
            except Unreachable:
                raise  # no connection at all: smaller batches will not get through either
            except Offline:
                if self.batch <= MIN_BATCH:
                    raise
                self.batch = max(MIN_BATCH, self.batch // 2)  # smaller gets through a bad link
                continue
            if "results" not in reply:
                if not self.compact:
                    raise Refused(422, str(reply.get("detail", "kiriman ditolak")))
                self.compact = False  # an older server refused the whole body: send objects
                continue
            self.batch = min(MAX_BATCH, self.batch * 2)
            with write_tx(self.conn):
                self._record(batch, reply, result)
                after = batch[-1].seq
                if repush:
                    state.set_value(self.conn, "sync_repush_after", str(after))
                self._clock(reply, transport, result)
                if reply["epoch"] != link.epoch:
                    self._new_epoch(link, reply["epoch"], result)
                    after, repush = 0, True
        if repush:
            with write_tx(self.conn):
                state.clear(self.conn, "sync_repush_after")
            link.repush_after = None

    def _record(self, batch: list[Change], reply: dict[str, Any], result: SyncResult) -> None:
        """Each change's outcome into the outbox (in the caller's transaction)."""
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        for change, outcome in zip(batch, _outcomes(batch, reply), strict=True):
            if outcome.get("status") in ("applied", "duplicate"):
                self.conn.execute("UPDATE outbox SET acked_at = COALESCE(acked_at, ?) "
                                  "WHERE seq = ?", (now, change.seq))
                result.pushed += 1  # a duplicate is ours, its reply was lost
            elif outcome.get("status") in ("rejected", "conflict"):
                reason = str(outcome.get("reason", ""))
                self.conn.execute("UPDATE outbox SET rejected = ? WHERE seq = ?",
                                  (reason, change.seq))
                result.rejected.append({"entity": change.entity,
                                        "entity_id": change.entity_id, "reason": reason})

    def _new_epoch(self, link: state.Link, epoch: str, result: SyncResult) -> None:
        """The server was restored: send everything again and pull from zero (in the tx)."""
        state.set_value(self.conn, "sync_epoch", epoch)
        state.set_value(self.conn, "sync_cursor", "0")
        state.set_value(self.conn, "sync_repush_after", "0")
        link.epoch, link.cursor, link.repush_after = epoch, 0, 0
        result.epoch_changed = True

    def _pull(self, transport: Transport, link: state.Link, result: SyncResult) -> None:
        while True:
            self._progress("terima", result.pulled, result.pulled, transport)
            page = transport.request("GET", "/api/v1/sync/pull",
                                     params={"since": link.cursor, "limit": PULL_PAGE})
            if page["epoch"] != link.epoch:
                with write_tx(self.conn):
                    self._new_epoch(link, page["epoch"], result)
                self._push(transport, link, result)
                continue
            with write_tx(self.conn):
                self._apply_page(page, page.get("server_time"), link, result)
                self._clock(page, transport, result)
            if not page["has_more"]:
                break

    def _apply_page(self, page: dict[str, Any], server_ms: Any, link: state.Link,
                    result: SyncResult) -> None:
        """A pulled page and its cursor (in the caller's transaction)."""
        aside: list[SetAside] = []
        apply_changes(self.conn, page["changes"], aside=aside,
                      now_ms=int(server_ms) if isinstance(server_ms, int) else None)
        state.set_value(self.conn, "sync_cursor", str(page["next"]))
        link.cursor = page["next"]
        result.pulled += len(page["changes"])
        result.set_aside += [kept.as_dict() for kept in aside]

    def _clock(self, reply: dict[str, Any], transport: Transport, result: SyncResult) -> None:
        if "server_time" in reply:
            result.clock_skew_ms = hlc.set_offset(self.conn, int(reply["server_time"]),
                                                  transport.last_rtt_ms)


def encode_batch(batch: list[Change], *, compact: bool = True,
                 budget: int = MAX_BATCH_BYTES) -> tuple[list[Change], bytes]:
    """The push body (JSON) for as many changes as fit the byte budget (at least one)."""
    device = next((stamp_device(c.hlc) for c in batch if c.entity == "entry"), "") or "-"
    parts: list[bytes] = []
    size = 0
    for change in batch:
        item = wire.compact(change, device) if compact else change.as_wire()
        part = json.dumps(item, separators=(",", ":"), ensure_ascii=False).encode()
        size += len(part) + 1
        if parts and size > budget:
            break
        parts.append(part)
    kept = batch[:len(parts)]
    if not compact:
        return kept, b'{"changes":[' + b",".join(parts) + b"]}"
    head = json.dumps({"v": BODY_VERSION, "device": device}, separators=(",", ":")).encode()
    return kept, head[:-1] + b',"batch":[' + b",".join(parts) + b"]}"


def _outcomes(batch: list[Change], reply: dict[str, Any]) -> list[dict[str, Any]]:
    """The server's verdict on each change of the batch, in order.

    A version-2 reply lists only what was not applied (by position); the object form lists
    every change by id.
    """
    if reply.get("v") == BODY_VERSION:
        listed = {r.get("i"): r for r in reply["results"]}
        return [listed.get(n, {"status": "applied"}) for n in range(len(batch))]
    by_id = {r.get("change_id"): r for r in reply["results"]}
    return [by_id.get(change.change_id, {}) for change in batch]
