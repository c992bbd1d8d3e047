"""Outbox retention: old acknowledged rows go, the rest (and the newest row) stay."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop.books.book import Book
from server.cli import main as server_cli
from sync_client.link import link
from sync_client.retention import prune_outbox
from tests.sync.conftest import demo_pc
from tests.sync.helpers import sale, sync
from tests.sync.live import LiveServer


def later(book: Book) -> dt.datetime:
    """91 days after the newest acknowledgement: past the 90 days acknowledged rows are kept."""
    acked = book.conn.execute("SELECT max(acked_at) FROM outbox").fetchone()[0]
    return dt.datetime.fromisoformat(acked) + dt.timedelta(days=91)


def rows(book: Book, where: str = "1") -> int:
    return int(book.conn.execute(f"SELECT count(*) FROM outbox WHERE {where}").fetchone()[0])


def test_old_acknowledged_rows_go_and_the_rest_stay(tmp_path: Path, live_sqlite: LiveServer
                                                    ) -> None:
    pc = demo_pc(tmp_path)
    link(pc, server=live_sqlite.url, username="made",
         password=live_sqlite.user("made", "Keripik Pisang Bu Made"))
    assert sync(pc).status == "ok"
    sale(pc, "10000")  # waiting: never pruned
    with pc.write() as conn:
        assert prune_outbox(conn) == 0  # everything was acknowledged today
        conn.execute("UPDATE outbox SET rejected = 'uji' WHERE seq = (SELECT min(seq) "
                     "FROM outbox)")
        gone = prune_outbox(conn, now=later(pc))
    assert gone > 100
    assert rows(pc, "acked_at IS NULL") == 1 and rows(pc, "rejected IS NOT NULL") == 1
    assert rows(pc) == 2
    with pc.write() as conn:  # with only the newest acknowledged row left, it stays
        conn.execute("UPDATE outbox SET rejected = NULL")
    assert sync(pc).status == "ok"
    with pc.write() as conn:
        assert prune_outbox(conn, now=later(pc)) == 1
    newest = rows(pc)
    assert newest == 1
    last = pc.conn.execute("SELECT max(seq) FROM outbox").fetchone()[0]
    sale(pc, "20000")
    assert pc.conn.execute("SELECT max(seq) FROM outbox").fetchone()[0] == last + 1
    assert sync(pc).pushed == 1
    # a server restored from a backup is sent again exactly what the outbox still holds
    assert server_cli(["--database-url", live_sqlite.db_url, "admin", "new-epoch"]) == 0
    result = sync(pc)
    assert result.status == "ok" and result.epoch_changed
    assert result.pushed == rows(pc) == 2
    pc.close()
