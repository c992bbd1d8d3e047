"""The load generator's parts for section (j): prepared bodies, open and closed loops, CPU meter.

A one-request sync body is the day's push with the device's cursor appended
(`{"changes": [...], "since": N, "limit": 1000}`), and the cursor is only known when the sync
starts. Recompressing the whole day then (gzip 9, ~0.75 ms) would be charged to the generator,
which shares the 2 cores with the server, while the push + pull pair sends a body gzipped at
preparation time. So the day minus its closing brace is deflated once, ahead of time, and ended
with a sync flush (byte-aligned, the deflate state kept); a sync only appends its suffix as a
final *stored* block (no compression work) and the gzip trailer, whose CRC-32 is the prefix's
carried on over the suffix. The server inflates it like any other gzip body.
"""

from __future__ import annotations

import asyncio
import struct
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import psutil  # type: ignore[import-untyped]

from tests.bench.rawhttp import Conn


@dataclass(frozen=True)
class Day:
    """One day's push, ready for either path: gzipped whole, and as a one-request prefix."""

    push: bytes   # the whole day, gzip 9 (the POST /api/v1/sync/push body)
    head: bytes   # gzip header + the day minus its closing `}`, deflated, sync-flushed
    crc: int      # CRC-32 of that prefix, uncompressed
    size: int     # its length, uncompressed

    def joined(self, since: int, limit: int = 1000) -> bytes:
        """The one-request body for cursor `since`, gzipped: no deflate work at request time."""
        suffix = b',"since":%d,"limit":%d}' % (since, limit)
        stored = b"\x01" + struct.pack("<HH", len(suffix), len(suffix) ^ 0xFFFF) + suffix
        trailer = struct.pack("<II", zlib.crc32(suffix, self.crc),
                              (self.size + len(suffix)) & 0xFFFFFFFF)
        return self.head + stored + trailer


def prepare_day(raw: bytes, push: bytes) -> Day:
    """`raw` is the day's JSON object, `push` the same gzipped; the prefix deflated at level 9."""
    if not raw.endswith(b"}"):
        raise ValueError("a day's body is a JSON object")
    prefix = raw[:-1]
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = packer.compress(prefix) + packer.flush(zlib.Z_SYNC_FLUSH)
    return Day(push, head, zlib.crc32(prefix), len(prefix))


@dataclass
class Device:
    """One simulated PC: its token, products, clock, cursor and prepared days."""

    token: str
    items: list[str]
    clock: str
    cursor: int = 0
    bodies: list[Day] = field(default_factory=list)
    lock: asyncio.Lock | None = None
    http: Conn | None = None         # its own connection, like a PC


@dataclass
class Cpu:
    """CPU seconds used during a phase: server tree, PostgreSQL, this generator, the machine."""

    server: float = 0.0
    pg: float = 0.0       # this database's backends
    pg_aux: float = 0.0   # PostgreSQL's shared processes (WAL writer, checkpointer, ...)
    gen: float = 0.0      # this process (time.process_time)
    machine: float = 0.0  # every core's non-idle time, whoever used it
    wall: float = 0.0

    def __add__(self, other: Cpu) -> Cpu:
        return Cpu(*(a + b for a, b in zip(vars(self).values(), vars(other).values(),
                                           strict=True)))


class Latencies:
    """Rate and quantiles of a phase's `latencies` (s) over its `seconds` (both load tests)."""

    latencies: list[float]
    seconds: float

    @property
    def rate(self) -> float:
        """Completed syncs, pairs or requests per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, q: float) -> float:
        """The q-quantile latency (nearest rank)."""
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@dataclass
class Phase(Latencies):
    """Latencies (s) of one phase, how long it took, what went wrong and the CPU it cost."""

    latencies: list[float]
    seconds: float
    errors: int
    late: float = 0.0  # the generator's worst lag behind its schedule
    why: list[str] = field(default_factory=list)  # the first few errors
    cpu: Cpu = field(default_factory=Cpu)
    parts: list[Phase] = field(default_factory=list)  # the slots pooled into this one
    db_mb: float = 0.0  # the database's size at the end

    def per_sync(self, what: str) -> float:
        """CPU seconds of `server`, `pg` (+ its shared processes) or `gen` per completed sync."""
        used = self.cpu.pg + self.cpu.pg_aux if what == "pg" else getattr(self.cpu, what)
        return float(used) / len(self.latencies) if self.latencies else 0.0

    def slots(self) -> str:
        """Each pooled slot's rate, p99, server + PostgreSQL CPU per sync and database size."""
        return " / ".join(f"{p.rate:.0f}/s p99 {p.pct(0.99) * 1000:.0f} ms CPU "
                          f"{p.per_sync('server') * 1000:.1f} + {p.per_sync('pg') * 1000:.1f} "
                          f"ms, db {p.db_mb:.0f} MB" for p in self.parts)

    def cpu_note(self) -> str:
        """CPU per sync by process group, and how busy the 2 cores were."""
        busy = self.cpu.machine / self.cpu.wall if self.cpu.wall else 0.0
        ours = (self.cpu.server + self.cpu.pg + self.cpu.pg_aux + self.cpu.gen) / self.cpu.wall \
            if self.cpu.wall else 0.0
        return (f"CPU per sync: server {self.per_sync('server') * 1000:.2f} ms, PostgreSQL "
                f"{self.per_sync('pg') * 1000:.2f} ms (of which shared processes "
                f"{self.cpu.pg_aux / max(1, len(self.latencies)) * 1000:.2f}), generator "
                f"{self.per_sync('gen') * 1000:.2f} ms; cores busy {busy:.2f} of "
                f"{psutil.cpu_count()} ({ours:.2f} by these)")


def pooled(parts: list[Phase]) -> Phase:
    """Slots of the same path and rate as one phase (latencies pooled, times and CPU summed)."""
    cpu = Cpu()
    for part in parts:
        cpu = cpu + part.cpu
    return Phase([x for p in parts for x in p.latencies], sum(p.seconds for p in parts),
                 sum(p.errors for p in parts), max((p.late for p in parts), default=0.0),
                 [w for p in parts for w in p.why][:5], cpu, parts,
                 max((p.db_mb for p in parts), default=0.0))


def uneven(*phases: Phase) -> str:
    """A warning when a slot ran at under half another's rate: a pooled figure would hide it."""
    rates = [p.rate for phase in phases for p in phase.parts]
    return ("UNEVEN: a slot ran at under half the best slot's rate, compare the slots, not "
            "the pooled rates; " if rates and min(rates) < max(rates) / 2 else "")


class CpuMeter:
    """Process CPU (user + system, from /proc) of the server's tree and of PostgreSQL.

    PostgreSQL: the backends connected to this benchmark's database (other databases on the
    same cluster, e.g. tests running beside, are left out) and the cluster's shared processes,
    which do this load's WAL writing and checkpoints but also anyone else's.
    """

    def __init__(self, server_pid: int, db_url: str) -> None:
        self.server = psutil.Process(server_pid)
        self.db_url = db_url.replace("postgresql+psycopg://", "postgresql://")
        self.db_name = db_url.rsplit("/", 1)[1]
        self.gone: dict[int, tuple[float, float]] = {}  # exited backends: last seen use
        self.last: dict[int, tuple[float, float]] = {}

    def _server(self) -> float:
        total = 0.0
        for proc in [self.server, *self.server.children(recursive=True)]:
            try:
                t = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            total += t.user + t.system + t.children_user + t.children_system
        return total

    def _pg(self) -> tuple[float, float]:
        seen: dict[int, tuple[float, float]] = {}
        for proc in psutil.process_iter(["cmdline"]):
            cmd = " ".join(proc.info.get("cmdline") or [])
            ours = f" {self.db_name} " in f"{cmd} "
            shared = cmd.startswith("postgres:") and "(" not in cmd and "[local]" not in cmd
            if not (ours or shared or "bin/postgres " in cmd):  # the postmaster is shared too
                continue
            try:
                t = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            used = t.user + t.system
            seen[proc.pid] = (used, 0.0) if ours else (0.0, used)
        for pid, used in self.last.items():
            if pid not in seen:
                self.gone[pid] = used
        self.last = seen
        every = [*seen.values(), *self.gone.values()]
        return sum(u[0] for u in every), sum(u[1] for u in every)

    def read(self) -> Cpu:
        """Totals so far (differences of two readings are what a phase used)."""
        times = psutil.cpu_times()  # guest time is already inside user: not added again
        busy = sum(getattr(times, name, 0.0) for name in
                   ("user", "nice", "system", "irq", "softirq", "steal"))
        pg, aux = self._pg()
        return Cpu(self._server(), pg, aux, time.process_time(), busy, time.perf_counter())

    def db_mb(self) -> float:
        """The database's size now (MB): once past shared_buffers, every sync reads more."""
        import psycopg

        with psycopg.connect(self.db_url, autocommit=True) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
        return int(row[0]) / 1e6 if row else 0.0

    @staticmethod
    def used(before: Cpu, after: Cpu) -> Cpu:
        """What was used between two readings."""
        return Cpu(*(b - a for a, b in zip(vars(before).values(), vars(after).values(),
                                           strict=True)))


Job = Callable[[Device], Awaitable[bool]]  # takes its own prepared day, if it needs one


async def open_loop(devices: list[Device], job: Job, rate: float, seconds: float,
                    first: int = 0) -> Phase:
    """Sync k starts at k ÷ rate s whatever the earlier ones are doing; latency from that start.
    Sync k is device `first + k`'s (round the list)."""
    total = int(rate * seconds)
    latencies: list[float] = []
    errors, late, why = 0, 0.0, list[str]()
    start = time.perf_counter() + 0.05

    async def one(k: int) -> None:
        nonlocal errors, late
        due = start + k / rate
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        late = max(late, time.perf_counter() - due)
        device = devices[(first + k) % len(devices)]
        assert device.lock is not None
        async with device.lock:  # a PC runs one sync at a time (engine.py's file lock)
            try:
                ok = await job(device)
            except Exception as exc:  # a refused or broken request is an error, not a crash
                ok = False
                why.append(f"{type(exc).__name__}: {exc}"[:160])
        latencies.append(time.perf_counter() - due)
        errors += not ok

    await asyncio.gather(*(one(k) for k in range(total)))
    return Phase(latencies, time.perf_counter() - start, errors, late, why[:5])


async def closed_loop(devices: list[Device], seconds: float, job: Job) -> Phase:
    """Every device syncs back to back until `seconds` have passed (or its days run out)."""
    latencies: list[float] = []
    errors, why = 0, list[str]()
    start = time.perf_counter()
    stop = start + seconds

    async def run(device: Device) -> None:
        nonlocal errors
        while time.perf_counter() < stop and device.bodies:
            began = time.perf_counter()
            try:
                ok = await job(device)
            except Exception as exc:
                ok = False
                why.append(f"{type(exc).__name__}: {exc}"[:160])
            latencies.append(time.perf_counter() - began)
            errors += not ok
        if not device.bodies and time.perf_counter() < stop:  # the phase is cut short
            why.append("a device ran out of prepared days before the closed loop ended")

    await asyncio.gather(*(run(d) for d in devices))
    return Phase(latencies, time.perf_counter() - start, errors, why=why[:5])


async def metered(meter: CpuMeter | None, loop: Awaitable[Phase]) -> Phase:
    """Run one phase, with the CPU each process group used during it."""
    before = meter.read() if meter else Cpu()
    phase = await loop
    if meter:
        phase.cpu = meter.used(before, meter.read())
        phase.db_mb = meter.db_mb()
    return phase
