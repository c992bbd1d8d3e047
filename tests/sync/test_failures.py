"""The failures of sync.md, through real sockets and a fault-injecting proxy on 127.0.0.1."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from filelock import FileLock
from sqlmodel import Session, func, select

from desktop.books.book import Book
from desktop.books.outbox import pending_count
from server.cli import main as server_cli
from server.models import ChangeLog
from sync_client import apply as apply_module
from sync_client.engine import Syncer
from sync_client.link import link
from tests.sync.conftest import demo_pc
from tests.sync.helpers import books_of, fast, linked_pair, sale, set_price, sync
from tests.sync.live import LiveServer, sqlite_url
from tests.sync.netfault import FaultProxy


def server_count(live: LiveServer) -> int:
    with Session(live.app.state.engine) as session:
        return int(session.exec(select(func.count()).select_from(ChangeLog)).one())


def outbox_size(book: Book) -> int:
    return int(book.conn.execute("SELECT count(*) FROM outbox").fetchone()[0])


@pytest.fixture
def pc(tmp_path: Path) -> Book:
    book = demo_pc(tmp_path)
    yield book
    book.close()


@pytest.fixture
def proxy(live_sqlite: LiveServer) -> FaultProxy:
    with FaultProxy(live_sqlite.address) as fault:
        yield fault


def linked(pc: Book, live: LiveServer, url: str) -> None:
    password = live.user("made", "Keripik Pisang Bu Made")
    link(pc, server=url, username="made", password=password)


def test_1_reply_lost_after_the_server_committed(pc: Book, live_sqlite: LiveServer,
                                                 proxy: FaultProxy) -> None:
    linked(pc, live_sqlite, proxy.url)
    proxy.drop_response_after(0, times=2)  # two pushes commit, their replies never arrive
    result = sync(pc, proxy.url)
    assert result.status == "ok" and proxy.cuts == 2
    assert server_count(live_sqlite) == outbox_size(pc)  # nothing twice
    assert pending_count(pc.conn) == 0


def test_2_drops_mid_request_and_mid_response(pc: Book, live_sqlite: LiveServer,
                                              proxy: FaultProxy) -> None:
    linked(pc, live_sqlite, proxy.url)
    proxy.drop_request_after(2000, times=3)  # cut inside the gzip body: the server sees half
    result = sync(pc, proxy.url)
    assert result.status == "ok" and proxy.cuts >= 3
    assert server_count(live_sqlite) == outbox_size(pc)
    # a second PC pulls through a link that cuts its first pages mid-response
    from desktop.books.business import open_business
    from sync_client.link import restore_from_server

    proxy.drop_response_after(3000, times=2)
    ref, restored = restore_from_server(pc.data_dir.parent / "pc2", server=proxy.url,
                                        username="made", password="rahasia-123",
                                        pin="4321", transport=fast(proxy.url))
    assert restored.status == "ok"
    copy = open_business(pc.data_dir.parent / "pc2", ref.id, "4321")
    assert books_of(copy) == books_of(pc)
    copy.close()


def test_3_a_failed_pull_apply_leaves_books_and_cursor_as_they_were(
        pc: Book, live_sqlite: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    second = linked_pair(live_sqlite, pc.data_dir.parent, pc)
    for n in range(5):
        sale(pc, f"{1000 + n}")
    assert sync(pc).status == "ok"
    before = books_of(second)
    cursor = second.conn.execute("SELECT value FROM meta WHERE key = 'sync_cursor'").fetchone()
    real = apply_module._entry
    calls = []

    def dies_on_third(conn, change):  # type: ignore[no-untyped-def]
        calls.append(change)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the app is killed mid-page
        return real(conn, change)

    monkeypatch.setitem(apply_module._HANDLERS, "entry", dies_on_third)
    with pytest.raises(KeyboardInterrupt):
        Syncer(second.conn, second.data_dir).run()
    assert books_of(second) == before
    assert second.conn.execute("SELECT value FROM meta WHERE key = 'sync_cursor'"
                               ).fetchone() == cursor
    monkeypatch.setitem(apply_module._HANDLERS, "entry", real)
    assert sync(second).pulled == 5
    assert books_of(second) == books_of(pc)
    second.close()


def test_3_killed_during_local_writes_keeps_outbox_and_data_together(tmp_path: Path) -> None:
    book = demo_pc(tmp_path)
    file, business, key = book.business.file, book.business.id, book.key
    book.close()
    script = (
        "import sys\nfrom pathlib import Path\n"
        "from desktop.books.business import open_business\n"
        "from desktop.books.forms import TxInput, post_tx\n"
        f"book = open_business(Path({str(tmp_path / 'pc1')!r}), {business!r}, '1234')\n"
        "print('ready', flush=True)\n"
        "for n in range(100000):\n"
        "    post_tx(book, TxInput(type='penjualan-tunai', date='2026-11-20', amount='1000'))\n"
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             cwd=Path(__file__).parents[2])
    assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
    time.sleep(1.5)
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    from desktop.books.store.connection import open_db

    conn = open_db(file, key=key)
    entries = {r[0] for r in conn.execute(  # Penyesuaian HPP are derived per PC, never queued
        "SELECT id FROM entry WHERE kind != 'penyesuaian-hpp'")}
    queued = {r[0] for r in conn.execute("SELECT entity_id FROM outbox WHERE entity = 'entry'")}
    assert entries == queued and len(entries) > 288  # some were written before the kill
    conn.close()


def test_4_a_second_sync_at_once_returns_busy(pc: Book, live_sqlite: LiveServer) -> None:
    linked(pc, live_sqlite, live_sqlite.url)
    lock = FileLock(str(pc.data_dir / "sync" / f"{pc.business.id}.lock"))
    with lock:  # another sync (e.g. the CLI while the app syncs) holds it
        busy = sync(pc)
    assert busy.status == "busy" and busy.pending == pending_count(pc.conn) > 0
    assert sync(pc).status == "ok"


def test_5_errors_and_timeouts_back_off_and_retry(pc: Book, live_sqlite: LiveServer,
                                                  proxy: FaultProxy,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    linked(pc, live_sqlite, proxy.url)
    import server.sync_api as api
    import server.sync_one as one

    real, failures = api.store_changes, []

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if len(failures) < 2:
            failures.append(1)
            raise RuntimeError("basis data sedang sibuk")  # becomes a 500
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "store_changes", flaky)
    monkeypatch.setattr(one, "store_changes", flaky)
    waits: list[float] = []
    transport = fast(proxy.url, timeout=(2, 0.5))
    transport.sleep = waits.append
    result = Syncer(pc.conn, pc.data_dir, transport=transport).run()
    assert result.status == "ok" and len(failures) == 2 and len(waits) >= 2
    assert all(0 <= w <= transport.max_backoff for w in waits)
    timed = fast(proxy.url, timeout=(2, 0.3))
    timed.sleep = waits.append
    before = len(waits)
    proxy.delay_response(1.0, times=1)  # the first reply stalls past the read timeout
    assert timed.request("GET", "/healthz")["status"] == "ok"
    assert len(waits) == before + 1
    proxy.offline()
    sale(pc, "5000")  # the books stay usable while the mall is away
    down = sync(pc, proxy.url)
    assert down.status == "offline" and down.pending == 1
    proxy.offline(False)
    assert sync(pc, proxy.url).pending == 0


def test_6_a_rejected_change_is_shown_and_not_retried(pc: Book,
                                                      live_sqlite: LiveServer) -> None:
    linked(pc, live_sqlite, live_sqlite.url)
    with pc.write() as conn:  # a change this server version cannot accept
        conn.execute("UPDATE outbox SET data = ? WHERE seq = (SELECT MIN(seq) FROM outbox "
                     "WHERE entity = 'item')", (json.dumps({"sku": "X", "price": -5}),))
    first = sync(pc)
    assert first.status == "ok" and len(first.rejected) == 1
    assert "price" in first.rejected[0]["reason"]
    assert server_count(live_sqlite) == outbox_size(pc) - 1
    again = sync(pc)
    assert again.pushed == 0 and again.rejected == [] and again.pending == 0


@pytest.mark.parametrize("first_to_sync", ["pc1", "pc2"])
def test_7_two_pcs_work_offline_then_converge(pc: Book, live_sqlite: LiveServer,
                                              first_to_sync: str) -> None:
    second = linked_pair(live_sqlite, pc.data_dir.parent, pc)
    assert books_of(second) == books_of(pc)
    for n in range(3):
        sale(pc, f"{2000 + n}", memo="pc1")
        sale(second, f"{3000 + n}", memo="pc2")
    set_price(pc, "KRP-ORI", 1_600_000)
    time.sleep(0.05)  # within a few ms the two edits would be concurrent, and either may win
    set_price(second, "KRP-ORI", 1_700_000)  # edited later: wins everywhere
    set_price(pc, "KRP-CKL", 1_900_000)      # only one side touched it: kept
    order = [pc, second] if first_to_sync == "pc1" else [second, pc]
    for book in (*order, *order):
        assert sync(book).status == "ok"
    assert books_of(pc) == books_of(second)
    prices = dict(pc.conn.execute("SELECT sku, price FROM item"))
    assert prices["KRP-ORI"] == 1_700_000 and prices["KRP-CKL"] == 1_900_000
    refs = [r[0] for r in pc.conn.execute("SELECT ref FROM entry WHERE memo = 'pc2'")]
    assert refs and all(ref.endswith("/2") for ref in refs)
    second.close()


def test_8_a_clock_two_years_ahead_does_not_win_over_later_edits(
        pc: Book, live_sqlite: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    second = linked_pair(live_sqlite, pc.data_dir.parent, pc)
    import desktop.books.hlc as hlc

    real = time.time
    monkeypatch.setattr(hlc, "_wall", lambda: real() + 2 * 365 * 86400)
    set_price(second, "KRP-ORI", 1_111_100)  # PC2's clock is two years ahead
    monkeypatch.setattr(hlc, "_wall", real)
    assert sync(second).status == "ok"
    assert sync(pc).status == "ok"
    assert dict(pc.conn.execute("SELECT sku, price FROM item"))["KRP-ORI"] == 1_111_100
    set_price(pc, "KRP-ORI", 2_222_200)  # made after seeing PC2's edit: must win
    for book in (pc, second, pc):
        assert sync(book).status == "ok"
    for book in (pc, second):
        assert dict(book.conn.execute("SELECT sku, price FROM item"))["KRP-ORI"] == 2_222_200
    assert books_of(pc) == books_of(second)
    second.close()


def test_8_a_clock_ten_minutes_fast_is_corrected_by_the_server(
        pc: Book, live_sqlite: LiveServer, monkeypatch: pytest.MonkeyPatch) -> None:
    second = linked_pair(live_sqlite, pc.data_dir.parent, pc)
    import desktop.books.hlc as hlc

    real = time.time
    fast_clock = lambda: real() + 600  # noqa: E731 - PC2 runs ten minutes fast, always
    monkeypatch.setattr(hlc, "_wall", fast_clock)
    result = sync(second)
    assert result.status == "ok" and abs(result.clock_skew_ms + 600_000) < 5_000
    set_price(second, "KRP-ORI", 1_111_100)
    monkeypatch.setattr(hlc, "_wall", real)
    time.sleep(0.05)
    set_price(pc, "KRP-ORI", 2_222_200)  # later in real time, without seeing PC2's edit
    monkeypatch.setattr(hlc, "_wall", fast_clock)
    assert sync(second).status == "ok"
    monkeypatch.setattr(hlc, "_wall", real)
    for book in (pc, second):
        assert sync(book).status == "ok"
        assert dict(book.conn.execute("SELECT sku, price FROM item"))["KRP-ORI"] == 2_222_200
    second.close()


def test_8_network_delay_is_not_taken_for_a_wrong_clock(pc: Book) -> None:
    import desktop.books.hlc as hlc

    now = int(hlc._wall() * 1000)  # the clock stamps are read from, whatever day it is
    with pc.conn:
        assert hlc.set_offset(pc.conn, now + 700, rtt_ms=1500) == 0   # within the trip
        assert hlc.set_offset(pc.conn, now + 1500, rtt_ms=100) == 0   # within two seconds
        assert abs(hlc.set_offset(pc.conn, now - 300_000, rtt_ms=100) + 300_050) < 1_000


def test_9_revoked_device_gets_a_clear_message_and_keeps_its_data(
        pc: Book, live_sqlite: LiveServer) -> None:
    linked(pc, live_sqlite, live_sqlite.url)
    assert sync(pc).status == "ok"
    sale(pc, "7000")
    device = pc.conn.execute("SELECT value FROM meta WHERE key = 'sync_device_id'").fetchone()[0]
    assert server_cli(["--database-url", live_sqlite.db_url, "admin", "revoke-device",
                       device]) == 0
    before = books_of(pc)
    result = sync(pc)
    assert result.status == "error" and "dicabut" in result.message
    assert "aman" in result.message and result.pending == 1
    assert books_of(pc) == before
    from sync_client.transport import Unauthorized

    with pytest.raises(Unauthorized, match="salah"):
        link(pc, server=live_sqlite.url, username="made", password="salah-sekali")


def test_10_server_restored_from_an_older_backup(tmp_path: Path) -> None:
    url = sqlite_url(tmp_path)
    live = LiveServer(url).start()
    book = demo_pc(tmp_path)
    try:
        linked(book, live, live.url)
        assert sync(book).status == "ok"
        db = Path(url.removeprefix("sqlite:///"))
        snapshot = tmp_path / "cadangan.sqlite3"
        import sqlite3

        copy = sqlite3.connect(db)
        copy.execute(f"VACUUM INTO '{snapshot}'")
        copy.close()
        for n in range(4):
            sale(book, f"{4000 + n}")
        assert sync(book).pushed == 4
        live.stop()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        shutil.copy(snapshot, db)
        assert server_cli(["--database-url", url, "admin", "new-epoch"]) == 0
        live = LiveServer(url).start()
        assert server_count(live) == outbox_size(book) - 4  # the backup lacks the last four
        # the restarted server listens on a new port; the PC is pointed at it
        book.conn.execute("UPDATE meta SET value = ? WHERE key = 'sync_server'", (live.url,))
        result = sync(book)
        assert result.status == "ok" and result.epoch_changed
        assert server_count(live) == outbox_size(book)
    finally:
        book.close()
        live.stop()


def test_11_first_sync_over_a_slow_dropping_link_resumes_after_a_restart(
        tmp_path: Path, live_sqlite: LiveServer, proxy: FaultProxy) -> None:
    book = demo_pc(tmp_path)
    for n in range(700):
        sale(book, f"{1000 + n}", day=f"2026-{1 + n % 11:02d}-{1 + n % 28:02d}")
    linked(book, live_sqlite, proxy.url)
    proxy.set_link(up_bps=2_000_000, down_bps=4_000_000, rtt=0.02, drop_every_bytes=10_000)
    seen: list[int] = []
    stop_after = threading.Event()

    def progress(p):  # type: ignore[no-untyped-def]
        seen.append(p.done)
        if p.done >= 300:
            stop_after.set()  # the owner closes the app half-way

    first = Syncer(book.conn, book.data_dir, transport=fast(proxy.url), batch=100,
                   on_progress=progress, should_cancel=stop_after.is_set).run()
    assert first.status == "cancelled", (first, seen)
    assert 300 <= first.pushed < outbox_size(book)
    assert seen == sorted(seen) and proxy.cuts >= 1
    book.close()
    from desktop.books.business import open_business

    book = open_business(tmp_path / "pc1", book.business.id, "1234")  # the app restarts
    second = Syncer(book.conn, book.data_dir, transport=fast(proxy.url)).run()
    assert second.status == "ok", second.message
    assert first.pushed + second.pushed == outbox_size(book) == server_count(live_sqlite)
    assert proxy.cuts >= 3
    book.close()


def test_8_a_huge_import_keeps_stamps_sortable(pc: Book) -> None:
    import desktop.books.hlc as hlc

    with pc.write() as conn:
        stamps = list(hlc.stamps(conn, 250_001, wall=lambda: 1_800_000_000.0))
        after = next(hlc.stamps(conn, 1, wall=lambda: 1_800_000_000.0))
    for stamp in (stamps[0], stamps[99_999], stamps[100_000], stamps[-1], after):
        hlc.decode(stamp)  # five-digit counters only
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps) and after > stamps[-1]
