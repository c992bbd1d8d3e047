"""A sync in as few requests as it takes: `POST /api/v1/sync` pushes a batch and pulls a page.

A typical day (about 100 entries and a few edits, a page of the other PCs' changes) is one
request instead of a push and a pull. Each answer's outcomes, page and cursor are written in
one local transaction, so a drop costs at most one batch, as with the pair. A server that does
not know the route answers 404 before anything is done; the caller then uses the pair.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.books.outbox import pending_count
from desktop.books.store.connection import write_tx
from sync_client import state
from sync_client.photos import by_reference
from sync_client.transport import Offline, Transport, Unreachable
from sync_client.wire import pending

if TYPE_CHECKING:
    from sync_client.engine import Syncer, SyncResult


def sync_once(syncer: Syncer, transport: Transport, link: state.Link,
              result: SyncResult) -> None:
    """Push every pending change and pull every page, a batch and a page per request."""
    from sync_client.engine import MAX_BATCH, MIN_BATCH, PULL_PAGE, encode_batch

    conn = syncer.conn
    total = pending_count(conn)
    after = link.repush_after if link.repush_after is not None else 0
    repush = link.repush_after is not None
    while True:
        syncer._progress("kirim", result.pushed, max(total, result.pushed), transport)
        asked = syncer.batch
        found = by_reference(pending(conn, after=after, limit=asked, include_acked=repush),
                             syncer.photos_held)
        batch, body = encode_batch(found) if found else ([], b'{"v":2,"device":"-","batch":[]}')
        body = body[:-1] + b',"since":%d,"limit":%d}' % (link.cursor, PULL_PAGE)
        try:
            reply = transport.request("POST", "/api/v1/sync", encoded=body)
        except Unreachable:
            raise
        except Offline:
            if syncer.batch <= MIN_BATCH or not batch:
                raise
            syncer.batch = max(MIN_BATCH, syncer.batch // 2)
            continue
        if batch:
            syncer.batch = min(MAX_BATCH, syncer.batch * 2)
        page = reply["pull"]
        with write_tx(conn):
            syncer._record(batch, reply, result)
            if batch:
                after = batch[-1].seq
                if repush:
                    state.set_value(conn, "sync_repush_after", str(after))
            syncer._clock(reply, transport, result)
            new_epoch = reply["epoch"] != link.epoch
            if new_epoch:  # restored from a backup: send everything again, pull from zero
                syncer._new_epoch(link, reply["epoch"], result)
                after, repush = 0, True
            else:
                syncer._apply_page(page, reply.get("server_time"), link, result)
        more = len(found) == asked or len(batch) < len(found)
        if not new_epoch and not more and not page["has_more"]:
            break
    if repush:
        with write_tx(conn):
            state.clear(conn, "sync_repush_after")
        link.repush_after = None
