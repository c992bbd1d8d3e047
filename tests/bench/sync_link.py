"""(i) The first sync and a typical day through a simulated slow village link.

`tests/sync/netfault.FaultProxy.set_link` shapes a proxy in front of the mall server to 128
kbit/s up, 384 kbit/s down, 400 ms round trip, and cuts the connection carrying the traffic
whenever ~2 MB have crossed since the last cut. The first sync of a fresh copy of the PC is
judged against payload ÷ bandwidth, where the payload is what the unshaped first sync of (h)
moved in the same run (each direction at its own speed). Then, on the same link, each
"typical day" posts 100 entries (sales of stock items, plain cash sales, expenses) and edits
3 products' prices, and syncs; its requests are counted and timed.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from desktop.books.forms import TxInput
from tests.bench.measure import Result
from tests.bench.sync_server import ServerProcess, add_owner, database
from tests.bench.sync_wire import PIN, FirstSync, Say, SyncPc, WireRuns, copy_pc, first_sync
from tests.sync.netfault import FaultProxy

UP_BPS, DOWN_BPS, RTT, DROP_EVERY = 128_000, 384_000, 0.4, 2_000_000
TARGETS = {"first_ratio": 1.5, "day_round_trips": 3, "day_s": 5.0}
DAYS, QUICK_DAYS = 5, 3
ENTRIES_A_DAY, EDITS_A_DAY = 100, 3
ITEMS = (("KP-ORI", "Keripik Pisang Original 250 g", 1_500_000),
         ("KP-COK", "Keripik Pisang Cokelat 250 g", 1_800_000),
         ("KP-BAL", "Keripik Pisang Balado 250 g", 1_700_000))


def ideal_seconds(sent: int, received: int) -> float:
    """Payload ÷ bandwidth: each direction's bytes at that direction's speed."""
    return sent * 8 / UP_BPS + received * 8 / DOWN_BPS


@dataclass(frozen=True)
class Day:
    """One typical day's sync on the slow link."""

    seconds: float
    round_trips: int  # requests started, a cut one included
    sent: int
    received: int
    pushed: int
    status: str


@dataclass
class LinkRuns:
    """The first sync over the slow link, its ideal time, and the typical days after it."""

    db_kind: str
    first: FirstSync
    ideal: float
    days: list[Day] = field(default_factory=list)


def bench_link(pc: SyncPc, wire: WireRuns, work: Path, say: Say, *, days: int) -> LinkRuns:
    """A fresh server and PC copy behind the shaped proxy: the first sync, then `days` days."""
    ideal = ideal_seconds(wire.sync.sent, wire.sync.received)
    with database(work, "link") as db:
        add_owner(db, "bench", "Toko Sinkron")
        with ServerProcess(db, work / "server-link.log", workers=2) as server, \
                FaultProxy(server.address) as proxy:
            proxy.set_link(up_bps=UP_BPS, down_bps=DOWN_BPS, rtt=RTT,
                           drop_every_bytes=DROP_EVERY)
            say(f"sync link: first sync of {pc.changes:,} changes at 128/384 kbit/s, 400 ms, "
                f"a cut every 2 MB (payload ÷ bandwidth = {ideal:.0f} s)")
            pc_dir = copy_pc(pc, work / "pc-link")
            first = first_sync(pc_dir, pc.slug, db, proxy, username="bench", say=say)
            say(f"sync link: first sync {first.status} in {first.seconds:.0f} s, "
                f"{first.cuts} cuts; now {days} typical days")
            runs = LinkRuns(db.kind, first, ideal)
            runs.days = typical_days(pc_dir, pc.slug, proxy, days)
    shutil.rmtree(work / "pc-link", ignore_errors=True)
    return runs


def typical_days(pc_dir: Path, slug: str, proxy: FaultProxy, days: int) -> list[Day]:
    """Stock the shop (synced, untimed), then per day post, edit and sync (timed)."""
    from desktop.books.business import open_business
    from desktop.books.forms import post_tx
    from desktop.books.stock import add_item, update_item
    from sync_client.engine import Syncer
    from sync_client.transport import Transport

    book = open_business(pc_dir, slug, PIN)
    rng = random.Random(20_260_101)
    start = dt.date(2026, 1, 2)
    try:
        with book.write() as conn:
            for sku, name, price in ITEMS:
                add_item(conn, sku=sku, name=name, unit="bks", price=price)
        for sku, _name, _price in ITEMS:
            post_tx(book, TxInput(type="pembelian-persediaan", date=start, item=sku,
                                  qty="100000", amount="500000000"))
        Syncer(book.conn, book.data_dir, transport=Transport(proxy.url)).run()
        out = []
        for n in range(days):
            day = start + dt.timedelta(days=n + 1)
            for form in one_day(rng, day):
                post_tx(book, form)
            with book.write() as conn:
                for sku, _name, price in ITEMS[:EDITS_A_DAY]:
                    update_item(conn, sku=sku, price=price + 10_000 * (n + 1))
            transport = Transport(proxy.url)
            began = time.perf_counter()
            result = Syncer(book.conn, book.data_dir, transport=transport).run()
            out.append(Day(time.perf_counter() - began, transport.attempts,
                           transport.bytes_sent, transport.bytes_received, result.pushed,
                           result.status))
        return out
    finally:
        book.close()


def one_day(rng: random.Random, day: dt.date) -> list[TxInput]:
    """100 forms of a keripik shop's day: 60 stock sales, 25 plain cash sales, 15 expenses."""
    forms: list[TxInput] = []
    for n in range(ENTRIES_A_DAY):
        if n % 20 < 12:
            sku = ITEMS[n % len(ITEMS)][0]
            forms.append(TxInput(type="penjualan-tunai", date=day, item=sku,
                                 qty=str(rng.randint(1, 12)), via="kas" if n % 3 else "qris"))
        elif n % 20 < 17:
            forms.append(TxInput(type="penjualan-tunai", date=day,
                                 amount=str(rng.randint(5, 400) * 500),
                                 memo=f"Titipan warung {rng.randint(1, 40)}"))
        else:
            forms.append(TxInput(type="beban", date=day, amount=str(rng.randint(2, 200) * 1000),
                                 account=rng.choice(("5201", "5204", "5203"))))
    return forms


def link_rows(runs: LinkRuns, wire: WireRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (i): the first sync against payload ÷ bandwidth, and typical days."""
    first = runs.first
    checks["first sync over the slow link (i) finished ok, everything stored"] = (
        first.status == "ok" and first.pushed == wire.pc.changes == first.server_changes)
    checks["every typical day (i) synced ok and pushed its 103 changes"] = bool(runs.days) and all(
        d.status == "ok" and d.pushed == ENTRIES_A_DAY + EDITS_A_DAY for d in runs.days)
    link = "128 kbit/s up, 384 kbit/s down, 400 ms round trip, a cut every 2 MB"
    payload = (f"payload = (h)'s {wire.sync.sent:,} B up at 128 kbit/s + "
               f"{wire.sync.received:,} B down at 384 kbit/s")
    rows = [Result(
        "i", f"first sync of the {wire.pc.entries:,}-entry book over the slow link", "s",
        [first.seconds], TARGETS["first_ratio"], "payload ÷ bandwidth", [runs.ideal],
        target_on="ratio",
        note=f"{link}; {payload}; the proxy forwarded {first.proxy_up:,} B up and "
        f"{first.proxy_down:,} B down (cut requests and their retries included) in "
        f"{first.attempts} requests ({first.round_trips} answered), {first.cuts} connections "
        f"cut; server on {runs.db_kind}, 2 workers")]
    if not runs.days:
        return rows
    days = runs.days
    median_sent = sorted(d.sent for d in days)[len(days) // 2]
    median_received = sorted(d.received for d in days)[len(days) // 2]
    rows += [
        Result("i", "typical day (100 entries, 3 product edits): requests per sync", "n",
               [float(d.round_trips) for d in days], TARGETS["day_round_trips"],
               "push + pull, the fewest possible", [2.0] * len(days),
               note=f"requests started per day, a cut one included: "
               f"{', '.join(str(d.round_trips) for d in days)}"),
        Result("i", "typical day (100 entries, 3 product edits): sync time on the slow link",
               "s", [d.seconds for d in days], TARGETS["day_s"], "payload ÷ bandwidth",
               [ideal_seconds(d.sent, d.received) for d in days],
               note=f"{link}; median {median_sent:,} B up, {median_received:,} B down a day"),
    ]
    return rows
