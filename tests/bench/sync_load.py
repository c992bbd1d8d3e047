"""(j) Server load: 200 devices' daily syncs against the mall on PostgreSQL with 2 workers.

Setup (untimed): 200 businesses, logins and enrolled devices written straight into a fresh
database; each device pushes its 3 products once. Every sync a device then makes is a typical
day in the real wire format, built by `sync_client.engine.encode_batch` from the benchmark
book's entries (fresh change and entry ids, the device's own clock stamps, 100 entries and 3
product price edits, gzip level 9 as the desktop sends it), sent as one `POST /api/v1/sync`
with the device's cursor (what the desktop sends since issue 17: the headline rows) or, for
comparison, as the older `POST /api/v1/sync/push` then `GET /api/v1/sync/pull`. Both paths'
bodies are compressed at preparation time (tests/bench/load_gen.py says how the cursor is
appended without recompressing), so neither pays for gzip inside the timed loop.

The load generator (asyncio streams speaking plain HTTP/1.1, one keep-alive connection per
device, about a tenth of httpx's CPU per request) runs in this process on the same 2 cores as
the server and PostgreSQL. It is open-loop: sync k starts at k ÷ rate seconds whatever the
earlier ones are doing, and a sync's latency runs from that scheduled start to the end of its
answer (a generator running late counts against the server, never for it). The database grows
with every sync, so the two paths take turns in ABBA order (pair, one, one, pair; each slot half
a phase) at 50/s, at 110/s and in the closed loop of all 200 devices back to back (the most this
machine manages), and each path's two slots are pooled. The target rate is offered with 10%
to spare (110/s): an open loop never completes more than it offers, so a run at exactly 100/s
could only ever come out a hair under it. `GET /healthz` pairs at the same rate give the
framework's floor. The warm-up runs ~1,000 syncs of each path. Runs before 2b0f982 saw
PostgreSQL's CPU per sync double in one slot after 800-900 syncs on a fresh database: that was
the JIT compiling the push's lookups once the tables' estimated size crossed
`jit_above_cost` (server/db.py now turns the JIT off). Each slot's rate, p99, CPU per sync and
the database's size are in the notes: ABBA evens out a drift that is linear in time, not a
step, nor a cost that grows faster than the database. A server that cannot keep up builds a
backlog that grows with a slot's length, so p99s far over the target are not comparable
between `--quick` and full runs. Per phase the server's process tree, PostgreSQL (this
database's backends and the cluster's shared processes) and this generator are charged their
process CPU, per sync.

`python -m tests.bench.sync_load [--quick]` runs this section alone on synthetic warung days.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.bench.load_gen import (
    CpuMeter,
    Day,
    Device,
    Job,
    Phase,
    closed_loop,
    metered,
    open_loop,
    pooled,
    prepare_day,
    uneven,
)
from tests.bench.measure import Result
from tests.bench.rawhttp import Conn
from tests.bench.sync_server import Database, ServerProcess, database, pg_missing
from tests.bench.sync_wire import PIN, Say, SyncPc

DEVICES, RATE = 200, 110.0  # the target rate and 10% more (see above)
PROBE_RATE = 50.0  # half the target: the latency of a server that is not saturated
SECONDS, QUICK_SECONDS = 20.0, 5.0  # per path and rate, in two ABBA slots of half that
SATURATE_SECONDS = 10.0             # per path, likewise
WARM_SECONDS = 5.0  # per path: ~1,000 syncs (plans, the pool, the server's caches)
ENTRIES, EDITS = 100, 3
TARGETS = {"rate": 100.0, "p99_s": 0.300}
HEADERS = {"User-Agent": "Lumbung-desktop/1", "Accept-Encoding": "gzip"}


@dataclass
class LoadRuns:
    """Each path's pooled phases at 50/s, 110/s and closed loop, or why it could not run."""

    db_kind: str = ""
    days_from: str = "the benchmark book's entries"
    healthz: Phase | None = None
    pair: Phase | None = None        # push + pull at RATE
    pair_half: Phase | None = None   # ... at PROBE_RATE
    pair_closed: Phase | None = None
    one: Phase | None = None         # one POST /api/v1/sync per day at RATE
    one_half: Phase | None = None
    one_closed: Phase | None = None
    skipped: str = ""
    changes_per_sync: int = ENTRIES + EDITS


def _stamp(device: Device, n: int) -> str:
    return f"{1_800_000_000_000 + n:015d}:00000:{device.clock}"


def day_bodies(templates: list[Any], device: Device, days: int, first_day: int) -> list[Day]:
    """A device's daily pushes, each 100 book entries and 3 price edits, encoded and gzipped."""
    from desktop.books.ids import new_id
    from sync_client.engine import encode_batch
    from sync_client.wire import Change

    out = []
    for day in range(first_day, first_day + days):
        start = (day * ENTRIES) % max(1, len(templates) - ENTRIES)
        changes = [Change(0, new_id(), "entry", new_id(), "insert", t.data,
                          _stamp(device, day * 1000 + n))
                   for n, t in enumerate(templates[start:start + ENTRIES])]
        changes += [Change(0, new_id(), "item", item, "update", {"price": 1_500_000 + day * 100},
                           _stamp(device, day * 1000 + ENTRIES + n))
                    for n, item in enumerate(device.items[:EDITS])]
        kept, body = encode_batch(changes)
        assert len(kept) == len(changes)
        out.append(prepare_day(body, gzip.compress(body, 9)))
    return out


def entry_templates(pc: SyncPc, count: int) -> list[Any]:
    """The first `count` entries of the benchmark book as wire changes (the real encoder's input)."""
    from desktop.books.business import open_business
    from sync_client.wire import pending

    book = open_business(pc.data_dir, pc.slug, PIN)
    try:
        return [c for c in pending(book.conn, limit=count + 1) if c.entity == "entry"][:count]
    finally:
        book.close()


def create_devices(db: Database, count: int) -> list[Device]:
    """Businesses, umkm logins and one enrolled device each, straight into the database."""
    from sqlmodel import Session

    from server.db import make_engine, upgrade
    from server.models import AppUser, Business
    from server.security import enrol_device, hash_password

    engine = make_engine(db.url)
    upgrade(engine)
    password = hash_password("rahasia-bench-123")  # one argon2 hash shared by every login
    devices = []
    try:
        with Session(engine, expire_on_commit=False) as session:
            for n in range(count):
                business = Business(id=str(uuid.uuid4()), name=f"Usaha Beban {n}",
                                    slug=f"usaha-beban-{n}", book_id=str(uuid.uuid4()),
                                    epoch=str(uuid.uuid4()))
                user = AppUser(username=f"beban{n}", password_hash=password, role="umkm",
                               business_id=business.id)
                session.add(business)
                session.flush()  # no ORM relationships: the business row must exist first
                session.add(user)
                session.flush()
                _device, token = enrol_device(session, user, name=f"pc-{n}")
                devices.append(Device(token, [str(uuid.uuid4()) for _ in range(EDITS)],
                                      str(uuid.uuid4())))
    finally:
        engine.dispose()
    return devices


def _items_body(device: Device) -> bytes:
    from sync_client.wire import Change

    changes = [Change(0, str(uuid.uuid4()), "item", item, "insert",
                      {"sku": f"KP-{n}", "name": f"Keripik {n}", "unit": "bks", "category": "",
                       "price": 1_500_000, "account": "1301", "min_qty": 0},
                      _stamp(device, n)).as_wire() for n, item in enumerate(device.items)]
    return gzip.compress(json.dumps({"changes": changes}).encode(), 9)


async def _sync(device: Device) -> bool:
    """Push + pull: the day's pre-gzipped body, then a pull from the device's cursor."""
    assert device.http is not None
    auth = {**HEADERS, "Authorization": f"Bearer {device.token}"}
    pushed = await device.http.request("POST", "/api/v1/sync/push", {
        **auth, "Content-Encoding": "gzip", "Content-Type": "application/json"},
        device.bodies.pop().push)
    status, reply = pushed.status, pushed.content
    if status != 200 or json.loads(reply).get("applied") != ENTRIES + EDITS:
        raise RuntimeError(f"push {status}: {reply[:120]!r}")
    pulled = await device.http.request(
        "GET", f"/api/v1/sync/pull?since={device.cursor}&limit=1000", auth)
    status, page = pulled.status, pulled.content
    if status != 200:
        raise RuntimeError(f"pull {status}: {page[:120]!r}")
    device.cursor = json.loads(page)["next"]
    return True


async def _sync_one(device: Device) -> bool:
    """The same day as one `POST /api/v1/sync` (what the desktop sends since issue 17)."""
    assert device.http is not None
    reply = await device.http.request("POST", "/api/v1/sync", {
        **HEADERS, "Authorization": f"Bearer {device.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"}, device.bodies.pop().joined(device.cursor))
    answer = json.loads(reply.content) if reply.status == 200 else {}
    if answer.get("applied") != ENTRIES + EDITS:
        raise RuntimeError(f"sync {reply.status}: {reply.content[:120]!r}")
    device.cursor = answer["pull"]["next"]
    return True


async def _healthz(device: Device) -> bool:
    assert device.http is not None
    first = await device.http.request("GET", "/healthz", HEADERS)
    second = await device.http.request("GET", "/healthz", HEADERS)
    return first.status == second.status == 200


async def _abba(meter: CpuMeter, run: Callable[[Job], Awaitable[Phase]]) -> tuple[Phase, Phase]:
    """`run(job)` four times, pair, one, one, pair: a drift with the growing database (or
    anything else) that is linear in time lands on both paths alike. Each path's two slots pooled."""
    slots: dict[Job, list[Phase]] = {_sync: [], _sync_one: []}
    for job in (_sync, _sync_one, _sync_one, _sync):
        slots[job].append(await metered(meter, run(job)))
    return pooled(slots[_sync]), pooled(slots[_sync_one])


def _offered(devices: list[Device], rate: float, seconds: float,
             turn: list[int]) -> Callable[[Job], Awaitable[Phase]]:
    """An open-loop slot for `job`; each slot starts with the device after the last slot's
    last, so every device takes its turn (a slot of 125 syncs would otherwise reuse 0-124)."""
    def run(job: Job) -> Awaitable[Phase]:
        first, turn[0] = turn[0], turn[0] + int(rate * seconds)
        return open_loop(devices, job, rate, seconds, first)
    return run


async def _drive(address: tuple[str, int], devices: list[Device], seconds: float,
                 meter: CpuMeter, say: Say) -> LoadRuns:
    for device in devices:
        device.lock, device.http = asyncio.Lock(), Conn(*address)
    slot, closed, turn = seconds / 2, SATURATE_SECONDS / 2, [0]
    try:
        for device in devices:  # each device's products, once (and its connection opens)
            setup = await device.http.request(  # type: ignore[union-attr]
                "POST", "/api/v1/sync/push", {**HEADERS, "Content-Encoding": "gzip",
                                              "Authorization": f"Bearer {device.token}"},
                _items_body(device))
            if setup.status != 200:
                raise RuntimeError(f"setup push refused ({setup.status}): "
                                   f"{setup.content[:300]!r}")
        say(f"sync load: warm-up of both paths, then /healthz pairs at {RATE:.0f}/s for "
            f"{seconds:.0f} s")
        await _offered(devices, RATE, WARM_SECONDS, turn)(_sync)
        await _offered(devices, RATE, WARM_SECONDS, turn)(_sync_one)
        runs = LoadRuns()
        runs.healthz = await metered(meter, open_loop(devices, _healthz, RATE, seconds))
        for rate in (PROBE_RATE, RATE):
            say(f"sync load: {rate:.0f} syncs/s offered, pair/one/one/pair, {slot:.1f} s each")
            pair, one = await _abba(meter, _offered(devices, rate, slot, turn))
            if rate == RATE:
                runs.pair, runs.one = pair, one
            else:
                runs.pair_half, runs.one_half = pair, one
        say(f"sync load: closed loop, {len(devices)} devices back to back, pair/one/one/pair, "
            f"{closed:.0f} s each")
        runs.pair_closed, runs.one_closed = await _abba(
            meter, lambda job: closed_loop(devices, closed, job))
    finally:
        for device in devices:
            if device.http is not None:
                await device.http.close()
    return runs


def bench_load(pc: SyncPc | None, work: Path, say: Say, *, quick: bool) -> LoadRuns:
    """Create the devices, prepare their days, start the server and drive it (without a PC:
    synthetic warung days, as section j2 uses)."""
    missing = pg_missing()
    if missing:
        return LoadRuns(skipped=missing)
    seconds = QUICK_SECONDS if quick else SECONDS
    # warm-ups, both paths at both open-loop rates, and closed loops of up to 1.5 × RATE per s;
    # a device out of days ends its closed loop early (and says so among the errors)
    days = int((2 * RATE * WARM_SECONDS + 2 * (RATE + PROBE_RATE) * seconds
                + 2 * 1.5 * RATE * SATURATE_SECONDS) / DEVICES) + 2
    if pc is None:
        from tests.bench.sync_cpu import _templates

        templates, days_from = _templates(ENTRIES * 4), "synthetic warung entries"
    else:
        templates, days_from = entry_templates(pc, min(pc.entries, 3000)), LoadRuns.days_from
    with database(work, "load", require_pg=True) as db:
        say(f"sync load: {DEVICES} businesses and devices; {days} days of pushes each")
        devices = create_devices(db, DEVICES)
        for n, device in enumerate(devices):
            device.bodies = day_bodies(templates, device, days, n * days)[::-1]
        with ServerProcess(db, work / "server-load.log", workers=2) as server:
            assert server.proc is not None
            meter = CpuMeter(server.proc.pid, db.url)
            runs = asyncio.run(_drive(server.address, devices, seconds, meter, say))
        runs.db_kind, runs.days_from = db.kind, days_from
    return runs


def load_rows(runs: LoadRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (j): the one-request sync (the target) beside push + pull."""
    one, one_half, one_closed = runs.one, runs.one_half, runs.one_closed
    pair, pair_half, pair_closed = runs.pair, runs.pair_half, runs.pair_closed
    health = runs.healthz
    if runs.skipped or one is None or one_half is None or one_closed is None or pair is None \
            or pair_half is None or pair_closed is None or health is None:
        return [Result("j", "server load: skipped", "s", [0.0], note=runs.skipped)]
    checks["every push + pull daily sync under load (j) had all 103 changes applied, no "
           "errors"] = pair.errors == 0 and pair_half.errors == 0 and pair_closed.errors == 0
    checks["every one-request daily sync under load (j) applied all 103 changes, no errors"] = (
        one.errors == 0 and one_half.errors == 0 and one_closed.errors == 0)
    checks["every /healthz pair under load (j) answered 200"] = health.errors == 0
    errors = "; ".join(one.why + one_half.why + one_closed.why + pair.why + pair_half.why
                       + pair_closed.why + health.why)
    where = (f"{DEVICES} devices, each sync {ENTRIES} entries + {EDITS} price edits ({runs.days_from}, "
             f"compact gzip body) and a pull from its cursor, sent as one POST /api/v1/sync; "
             f"server `lumbung-server run --workers 2` on {runs.db_kind}; the load generator "
             "(asyncio, plain HTTP/1.1) shares the same 2 cores; paths in ABBA order (pair, one, "
             "one, pair), each path's two slots pooled")
    vs, closed_vs = "push + pull, same run (ABBA)", "push + pull, closed loop"
    return [
        Result("j", f"one-request daily syncs completed per second, offered {RATE:.0f}/s",
               "/s", [one.rate], TARGETS["rate"], vs, [pair.rate], higher_is_better=True,
               note=uneven(one, pair) + f"{where}; {len(one.latencies):,} syncs in "
               f"{one.seconds:.0f} s, {one.errors} errors (push + pull {pair.errors}); slots "
               f"{one.slots()} (push + pull {pair.slots()}); the generator ran at most "
               f"{max(one.late, pair.late) * 1000:.0f} ms behind its schedule; one-request "
               f"{one.cpu_note()}; push + pull {pair.cpu_note()}; /healthz pairs at the same "
               f"rate: {health.rate:.1f}/s, p50 {health.pct(0.5) * 1000:.1f} ms, p99 "
               f"{health.pct(0.99) * 1000:.1f} ms" + (f"; errors: {errors}" if errors else "")),
        Result("j", "one-request daily sync latency p50 (from its scheduled start)", "s",
               [one.pct(0.50)], None, vs, [pair.pct(0.50)]),
        Result("j", "one-request daily sync latency p99", "s", [one.pct(0.99)],
               TARGETS["p99_s"], vs, [pair.pct(0.99)],
               note=f"max {max(one.latencies) * 1000:.0f} ms (push + pull "
               f"{max(pair.latencies) * 1000:.0f} ms)"),
        Result("j", f"one-request daily sync latency p99 at {PROBE_RATE:.0f} syncs/s offered "
               "(half the target rate)", "s", [one_half.pct(0.99)], None, vs,
               [pair_half.pct(0.99)], note=uneven(one_half, pair_half)
               + f"{len(one_half.latencies):,} syncs, {one_half.rate:.1f}/s completed, p50 "
               f"{one_half.pct(0.5) * 1000:.0f} ms (push + pull "
               f"{pair_half.pct(0.5) * 1000:.0f} ms), slots {one_half.slots()} (push + "
               f"pull {pair_half.slots()}); one-request {one_half.cpu_note()}; push + pull "
               f"{pair_half.cpu_note()}"),
        Result("j", f"server CPU per one-request daily sync at {RATE:.0f}/s (its workers)", "s",
               [one.per_sync("server")], None, vs, [pair.per_sync("server")],
               note="process CPU (user + system, /proc) of lumbung-server's process tree over "
               "the phase ÷ syncs completed"),
        Result("j", f"PostgreSQL CPU per one-request daily sync at {RATE:.0f}/s", "s",
               [one.per_sync("pg")], None, vs, [pair.per_sync("pg")],
               note="this database's backends plus the cluster's shared processes (WAL writer, "
               "checkpointer, ...: anyone else's writes count there too)"),
        Result("j", f"load generator CPU per one-request daily sync at {RATE:.0f}/s", "s",
               [one.per_sync("gen")], None, vs, [pair.per_sync("gen")],
               note="time.process_time of the benchmark process over the phase ÷ syncs: what the "
               "generator takes from the 2 cores the server needs"),
        Result("j", f"one-request syncs per second, all {DEVICES} devices back to back (closed "
               "loop)", "/s", [one_closed.rate], None, closed_vs, [pair_closed.rate],
               higher_is_better=True, note=uneven(one_closed, pair_closed)
               + f"{len(one_closed.latencies):,} syncs in {one_closed.seconds:.1f} s, slots "
               f"{one_closed.slots()} (push + pull "
               f"{pair_closed.slots()}), p50 {one_closed.pct(0.5) * 1000:.0f} ms, p99 "
               f"{one_closed.pct(0.99) * 1000:.0f} ms (push + pull: p50 "
               f"{pair_closed.pct(0.5) * 1000:.0f} ms, p99 {pair_closed.pct(0.99) * 1000:.0f} "
               f"ms); one-request {one_closed.cpu_note()}; push + pull "
               f"{pair_closed.cpu_note()}"),
    ]


def load_meta(runs: LoadRuns) -> dict[str, object]:
    """What results.json keeps of (j): the order and each phase's rate, p99 and CPU per sync."""
    phases = {"one_100": runs.one, "pair_100": runs.pair, "one_50": runs.one_half,
              "pair_50": runs.pair_half, "one_closed": runs.one_closed,
              "pair_closed": runs.pair_closed}
    return {"devices": DEVICES, "offered_per_s": RATE, "skipped": runs.skipped,
            "targets": TARGETS,
            "order": f"ABBA: pair, one, one, pair at {PROBE_RATE:.0f}/s, {RATE:.0f}/s, closed",
            "phases": {name: {"rate": p.rate, "p99_s": p.pct(0.99), "syncs": len(p.latencies),
                              **{f"{what}_cpu_s": p.per_sync(what)
                                 for what in ("server", "pg", "gen")}}
                       for name, p in phases.items() if p is not None}}


def main() -> None:
    """`python -m tests.bench.sync_load [--quick]`: section (j) alone, on synthetic days."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        runs = bench_load(None, Path(tmp), print, quick="--quick" in sys.argv)
    checks: dict[str, bool] = {}
    for row in load_rows(runs, checks):
        print(json.dumps({"what": row.name, "value": row.value, "target": row.target,
                          "status": row.status, "baseline": row.baseline, "note": row.note},
                         ensure_ascii=False))
    print(json.dumps(checks, ensure_ascii=False))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"{time.perf_counter() - started:.0f} s", flush=True)
