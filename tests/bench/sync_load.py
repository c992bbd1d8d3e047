"""(j) Server load: 200 devices' daily syncs against the mall on PostgreSQL with 2 workers.

Setup (untimed): 200 businesses, logins and enrolled devices written straight into a fresh
database; each device pushes its 3 products once. Every sync a device then makes is a typical
day in the real wire format, built by `sync_client.engine.encode_batch` from the benchmark
book's entries (fresh change and entry ids, the device's own clock stamps, 100 entries and 3
product price edits, gzip level 9 as the desktop sends it), then a pull from its cursor.

The load generator (asyncio streams speaking plain HTTP/1.1, one keep-alive connection per
device, about a tenth of httpx's CPU per request) runs in this process on the same 2 cores as
the server and PostgreSQL. It is open-loop: sync k starts at
k ÷ rate seconds whatever the earlier ones are doing, and a sync's latency runs from that
scheduled start to the end of its pull (a generator running late counts against the server,
never for it). The same run drives `GET /healthz` pairs at the same rate (baseline), and a
closed loop of all 200 devices syncing back to back (the most this machine manages).
"""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench.measure import Result
from tests.bench.rawhttp import Conn
from tests.bench.sync_server import Database, ServerProcess, database, pg_missing
from tests.bench.sync_wire import PIN, Say, SyncPc

DEVICES, RATE = 200, 100.0
PROBE_RATE = 50.0  # half the target: the latency of a server that is not saturated
SECONDS, QUICK_SECONDS = 20.0, 5.0
SATURATE_SECONDS = 10.0
ENTRIES, EDITS = 100, 3
TARGETS = {"rate": 100.0, "p99_s": 0.300}
HEADERS = {"User-Agent": "Lumbung-desktop/1", "Accept-Encoding": "gzip"}


@dataclass
class Device:
    """One simulated PC: its token, products, clock, cursor and prepared daily bodies."""

    token: str
    items: list[str]
    clock: str
    cursor: int = 0
    bodies: list[bytes] = field(default_factory=list)
    lock: asyncio.Lock | None = None
    http: Conn | None = None         # its own connection, like a PC


@dataclass
class Phase:
    """Latencies (s) of one phase, how long it took, and what went wrong."""

    latencies: list[float]
    seconds: float
    errors: int
    late: float = 0.0  # the generator's worst lag behind its schedule
    why: list[str] = field(default_factory=list)  # the first few errors

    @property
    def rate(self) -> float:
        """Completed syncs (or pairs) per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        """The q-quantile latency (nearest rank)."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class LoadRuns:
    """The three phases, or why the benchmark could not run."""

    db_kind: str = ""
    healthz: Phase | None = None
    syncs: Phase | None = None
    half: Phase | None = None
    saturated: Phase | None = None
    one: Phase | None = None         # the same rate, one POST /api/v1/sync per day
    one_saturated: Phase | None = None
    skipped: str = ""
    changes_per_sync: int = ENTRIES + EDITS


def _stamp(device: Device, n: int) -> str:
    return f"{1_800_000_000_000 + n:015d}:00000:{device.clock}"


def day_bodies(templates: list[Any], device: Device, days: int, first_day: int) -> list[bytes]:
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
        out.append(gzip.compress(body, 9))
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


async def _sync(device: Device, body: bytes) -> bool:
    assert device.http is not None
    auth = {**HEADERS, "Authorization": f"Bearer {device.token}"}
    pushed = await device.http.request("POST", "/api/v1/sync/push", {
        **auth, "Content-Encoding": "gzip", "Content-Type": "application/json"}, body)
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


async def _sync_one(device: Device, body: bytes) -> bool:
    """The same day as one `POST /api/v1/sync` (what the desktop sends since issue 17)."""
    assert device.http is not None
    raw = gzip.decompress(body)
    joined = gzip.compress(raw[:-1] + b',"since":%d,"limit":1000}' % device.cursor, 9)
    reply = await device.http.request("POST", "/api/v1/sync", {
        **HEADERS, "Authorization": f"Bearer {device.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"}, joined)
    answer = json.loads(reply.content) if reply.status == 200 else {}
    if answer.get("applied") != ENTRIES + EDITS:
        raise RuntimeError(f"sync {reply.status}: {reply.content[:120]!r}")
    device.cursor = answer["pull"]["next"]
    return True


async def _healthz(device: Device, _body: bytes) -> bool:
    assert device.http is not None
    first = await device.http.request("GET", "/healthz", HEADERS)
    second = await device.http.request("GET", "/healthz", HEADERS)
    return first.status == second.status == 200


Job = Callable[[Device, bytes], Any]


async def _open_loop(devices: list[Device], job: Job, rate: float, seconds: float) -> Phase:
    total = int(rate * seconds)
    latencies: list[float] = []
    errors, late, why = 0, 0.0, list[str]()
    start = time.perf_counter() + 0.05

    async def one(k: int) -> None:
        nonlocal errors, late
        due = start + k / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        late = max(late, time.perf_counter() - due)
        device = devices[k % len(devices)]
        assert device.lock is not None
        async with device.lock:  # a PC runs one sync at a time (engine.py's file lock)
            body = device.bodies.pop() if job is not _healthz and device.bodies else b""
            try:
                ok = await job(device, body)
            except Exception as exc:  # a refused or broken request is an error, not a crash
                ok = False
                why.append(f"{type(exc).__name__}: {exc}"[:160])
        latencies.append(time.perf_counter() - due)
        errors += not ok

    await asyncio.gather(*(one(k) for k in range(total)))
    return Phase(latencies, time.perf_counter() - start, errors, late, why[:5])


async def _closed_loop(devices: list[Device], seconds: float, job: Job = _sync) -> Phase:
    latencies: list[float] = []
    errors, why = 0, list[str]()
    start = time.perf_counter()
    stop = start + seconds

    async def run(device: Device) -> None:
        nonlocal errors
        while time.perf_counter() < stop and device.bodies:
            began = time.perf_counter()
            try:
                ok = await job(device, device.bodies.pop())
            except Exception as exc:
                ok = False
                why.append(f"{type(exc).__name__}: {exc}"[:160])
            latencies.append(time.perf_counter() - began)
            errors += not ok

    await asyncio.gather(*(run(d) for d in devices))
    return Phase(latencies, time.perf_counter() - start, errors, why=why[:5])


async def _drive(address: tuple[str, int], devices: list[Device], seconds: float,
                 say: Say) -> LoadRuns:
    for device in devices:
        device.lock, device.http = asyncio.Lock(), Conn(*address)
    try:
        for device in devices:  # each device's products, once (and its connection opens)
            setup = await device.http.request(  # type: ignore[union-attr]
                "POST", "/api/v1/sync/push", {**HEADERS, "Content-Encoding": "gzip",
                                              "Authorization": f"Bearer {device.token}"},
                _items_body(device))
            if setup.status != 200:
                raise RuntimeError(f"setup push refused ({setup.status}): "
                                   f"{setup.content[:300]!r}")
        say(f"sync load: warm-up, then /healthz pairs at {RATE:.0f}/s for {seconds:.0f} s")
        await _open_loop(devices, _sync, RATE, 2.0)
        runs = LoadRuns()
        runs.healthz = await _open_loop(devices, _healthz, RATE, seconds)
        say(f"sync load: daily syncs at {PROBE_RATE:.0f}/s, then {RATE:.0f}/s, "
            f"{seconds:.0f} s each")
        runs.half = await _open_loop(devices, _sync, PROBE_RATE, seconds)
        runs.syncs = await _open_loop(devices, _sync, RATE, seconds)
        say(f"sync load: closed loop, {len(devices)} devices back to back for "
            f"{SATURATE_SECONDS:.0f} s")
        runs.saturated = await _closed_loop(devices, SATURATE_SECONDS)
        say(f"sync load: one request per sync, {RATE:.0f}/s for {seconds:.0f} s, then closed loop")
        runs.one = await _open_loop(devices, _sync_one, RATE, seconds)
        runs.one_saturated = await _closed_loop(devices, SATURATE_SECONDS, _sync_one)
    finally:
        for device in devices:
            if device.http is not None:
                await device.http.close()
    return runs


def bench_load(pc: SyncPc, work: Path, say: Say, *, quick: bool) -> LoadRuns:
    """Create the devices, prepare their days, start the server and drive it."""
    missing = pg_missing()
    if missing:
        return LoadRuns(skipped=missing)
    seconds = QUICK_SECONDS if quick else SECONDS
    # the open loop spreads RATE × seconds syncs over the devices; the closed loop may need more
    days = int((RATE * (2 + 2 * seconds) + PROBE_RATE * seconds
                + 2 * RATE * 1.5 * SATURATE_SECONDS) / DEVICES) + 2
    templates = entry_templates(pc, min(pc.entries, 3000))
    with database(work, "load", require_pg=True) as db:
        say(f"sync load: {DEVICES} businesses and devices; {days} days of pushes each")
        devices = create_devices(db, DEVICES)
        for n, device in enumerate(devices):
            device.bodies = day_bodies(templates, device, days, n * days)[::-1]
        with ServerProcess(db, work / "server-load.log", workers=2) as server:
            runs = asyncio.run(_drive(server.address, devices, seconds, say))
        runs.db_kind = db.kind
    return runs


def load_rows(runs: LoadRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (j): throughput and latency of daily syncs beside /healthz."""
    if runs.skipped or runs.syncs is None or runs.healthz is None or runs.saturated is None \
            or runs.half is None:
        return [Result("j", "server load: skipped", "s", [0.0], note=runs.skipped)]
    syncs, health, sat, half = runs.syncs, runs.healthz, runs.saturated, runs.half
    checks["every daily sync under load (j) had all 103 changes applied, no errors"] = (
        syncs.errors == 0 and sat.errors == 0 and half.errors == 0)
    errors = "; ".join(syncs.why + sat.why + health.why + half.why)
    where = (f"{DEVICES} devices, each sync a push of {ENTRIES} entries + {EDITS} price edits "
             f"(compact gzip body, ~{runs.changes_per_sync} changes) then a pull; server "
             f"`lumbung-server run --workers 2` on {runs.db_kind}; the load generator (asyncio, "
             "plain HTTP/1.1) shares the same 2 cores")
    pairs = "two `GET /healthz` (SELECT 1) at the same rate"
    return [
        *_one_rows(runs, checks),
        Result("j", f"daily syncs completed per second, offered {RATE:.0f}/s for "
               f"{syncs.seconds:.0f} s", "/s", [syncs.rate], TARGETS["rate"],
               "/healthz pairs completed per second", [health.rate], higher_is_better=True,
               note=f"{where}; {len(syncs.latencies):,} syncs, {syncs.errors} errors; the "
               f"generator ran at most {syncs.late * 1000:.0f} ms behind its schedule"
               + (f"; errors: {errors}" if errors else "")),
        Result("j", "daily sync latency p50 (push + pull, from its scheduled start)", "s",
               [syncs.pct(0.50)], None, pairs, [health.pct(0.50)]),
        Result("j", "daily sync latency p99", "s", [syncs.pct(0.99)], TARGETS["p99_s"], pairs,
               [health.pct(0.99)], note=f"max {max(syncs.latencies) * 1000:.0f} ms"),
        Result("j", f"daily sync latency p99 at {PROBE_RATE:.0f} syncs/s offered (half the "
               "target rate)", "s", [half.pct(0.99)], None, pairs, [health.pct(0.99)],
               note=f"{len(half.latencies):,} syncs, {half.rate:.1f}/s completed, p50 "
               f"{half.pct(0.5) * 1000:.0f} ms, max {max(half.latencies) * 1000:.0f} ms"),
        Result("j", f"most syncs per second: all {DEVICES} devices back to back (closed loop)",
               "/s", [sat.rate], None, note=f"{len(sat.latencies):,} syncs in "
               f"{sat.seconds:.1f} s, {sat.errors} errors; latency p50 "
               f"{sat.pct(0.5) * 1000:.0f} ms, p99 {sat.pct(0.99) * 1000:.0f} ms"),
    ]


def _one_rows(runs: LoadRuns, checks: dict[str, bool]) -> list[Result]:
    """The one-request sync (POST /api/v1/sync) beside push + pull, in the same run."""
    one, sat, old = runs.one, runs.one_saturated, runs.syncs
    if one is None or sat is None or old is None:
        return []
    checks["every one-request daily sync under load (j) applied all 103 changes"] = (
        one.errors == 0 and sat.errors == 0)
    pair = "push + pull (two requests)"
    return [
        Result("j", f"one-request daily syncs completed per second, offered {RATE:.0f}/s",
               "/s", [one.rate], TARGETS["rate"], pair, [old.rate], higher_is_better=True,
               note=f"POST /api/v1/sync; {len(one.latencies):,} syncs, {one.errors} errors"
               + (f"; {'; '.join(one.why)}" if one.why else "")),
        Result("j", "one-request daily sync latency p99", "s", [one.pct(0.99)],
               TARGETS["p99_s"], pair, [old.pct(0.99)],
               note=f"p50 {one.pct(0.5) * 1000:.0f} ms"),
        Result("j", "one-request syncs per second, all devices back to back", "/s",
               [sat.rate], None, pair, [runs.saturated.rate if runs.saturated else 0.0],
               higher_is_better=True, note=f"p50 {sat.pct(0.5) * 1000:.0f} ms, p99 "
               f"{sat.pct(0.99) * 1000:.0f} ms"),
    ]
