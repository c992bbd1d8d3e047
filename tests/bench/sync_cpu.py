"""(j2) CPU per daily sync: the server process and its PostgreSQL backends, old path vs new.

A daily sync is 100 entries and 3 product price edits (compact gzip body, as the desktop sends
it) and a pull from the device's cursor. The old path is `POST /api/v1/sync/push` then
`GET /api/v1/sync/pull`; the new path is one `POST /api/v1/sync`. Both run in the same run,
against the same `lumbung-server run --workers 1` process on a fresh PostgreSQL database,
alternating in rounds so that neither gets a warmer cache.

CPU is read from process CPU times (user + system, psutil from /proc), never from wall time:
the server process and its children, and the PostgreSQL backends connected to the benchmark's
own database (`postgres: user db ...` in their command line), so other databases on the same
PostgreSQL do not count. PostgreSQL's shared background processes (WAL writer, checkpointer)
are not counted; the WAL written per sync is reported beside them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]
import requests

from tests.bench.load_gen import Day, Device
from tests.bench.measure import Result
from tests.bench.sync_load import EDITS, ENTRIES, _items_body, create_devices, day_bodies
from tests.bench.sync_server import Database, ServerProcess, database, pg_missing

DEVICES = 20
ROUNDS, QUICK_ROUNDS = 6, 3   # each round: every device syncs once on each path
TARGETS = {"app_s": 0.005, "pg_s": 0.003}
Say = Callable[[str], None]


@dataclass
class PathCost:
    """CPU seconds and syncs on one path."""

    app: float = 0.0
    pg: float = 0.0
    syncs: int = 0
    requests: int = 0
    wal_bytes: int = 0

    def per_sync(self, what: str) -> float:
        """CPU seconds per sync of the server (`app`) or of PostgreSQL (`pg`)."""
        return float(getattr(self, what)) / self.syncs if self.syncs else 0.0


@dataclass
class CpuRuns:
    """Both paths, or why the benchmark could not run."""

    old: PathCost = field(default_factory=PathCost)
    new: PathCost = field(default_factory=PathCost)
    db_kind: str = ""
    db_bytes_per_sync: float = 0.0   # growth of the database (tables and indexes) per sync
    skipped: str = ""


def _templates(count: int) -> list[Any]:
    """Entry changes shaped like a warung's day (cash and credit sales, purchases)."""
    from desktop.books.ids import new_id
    from sync_client.wire import Change

    kinds = [("penjualan-tunai", "1101", "4101"), ("pembelian-tunai", "5101", "1101"),
             ("penjualan-kredit", "1103", "4101")]
    out = []
    for n in range(count):
        kind, dr, cr = kinds[n % 3]
        amount = 500_000 + 2_500 * (n % 97)
        out.append(Change(0, new_id(), "entry", new_id(), "insert", {
            "ref": f"PT-2026-{n:06d}", "date": f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            "kind": kind, "memo": f"Nota {n}", "party": None,
            "lines": [[dr, amount, 0, f"Nota {n}", None], [cr, 0, amount, f"Nota {n}", None]]},
            ""))
    return out


class Meter:
    """CPU seconds used so far by the server process tree and this database's backends."""

    def __init__(self, server_pid: int, db_name: str) -> None:
        self.server = psutil.Process(server_pid)
        self.db_name = db_name
        self.dead: dict[int, float] = {}
        self.last: dict[int, float] = {}

    def app(self) -> float:
        total = 0.0
        for proc in [self.server, *self.server.children(recursive=True)]:
            try:
                t = proc.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.NoSuchProcess:
                continue
        return total

    def pg(self) -> float:
        """Backends of this database; one that exited keeps what it was last seen using."""
        seen: dict[int, float] = {}
        for proc in psutil.process_iter(["name", "cmdline"]):
            cmd = " ".join(proc.info.get("cmdline") or [])
            if not cmd.startswith("postgres:") or f" {self.db_name} " not in cmd:
                continue
            try:
                t = proc.cpu_times()
            except psutil.NoSuchProcess:
                continue
            seen[proc.pid] = t.user + t.system
        for pid, used in self.last.items():
            if pid not in seen:
                self.dead[pid] = used
        self.last = seen
        return sum(seen.values()) + sum(self.dead.values())


def _db_size(url: str) -> int:
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute("CHECKPOINT")  # dirty pages out, so the files have grown to their size
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def _wal_lsn(url: str) -> int:
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as conn:
        row = conn.execute("SELECT pg_current_wal_lsn() - '0/0'::pg_lsn").fetchone()
    return int(row[0]) if row else 0


def _old(http: requests.Session, url: str, device: Device, day: Day) -> int:
    auth = {"Authorization": f"Bearer {device.token}"}
    pushed = http.post(f"{url}/api/v1/sync/push", data=day.push, headers={
        **auth, "Content-Encoding": "gzip", "Content-Type": "application/json"})
    if pushed.status_code != 200 or pushed.json().get("applied") != ENTRIES + EDITS:
        raise RuntimeError(f"push {pushed.status_code}: {pushed.text[:200]}")
    page = http.get(f"{url}/api/v1/sync/pull", params={"since": device.cursor, "limit": 1000},
                    headers=auth)
    if page.status_code != 200:
        raise RuntimeError(f"pull {page.status_code}: {page.text[:200]}")
    device.cursor = page.json()["next"]
    return 2


def _new(http: requests.Session, url: str, device: Device, day: Day) -> int:
    reply = http.post(f"{url}/api/v1/sync", data=day.joined(device.cursor), headers={
        "Authorization": f"Bearer {device.token}", "Content-Encoding": "gzip",
        "Content-Type": "application/json"})
    answer = reply.json() if reply.status_code == 200 else {}
    if answer.get("applied") != ENTRIES + EDITS:
        raise RuntimeError(f"sync {reply.status_code}: {reply.text[:200]}")
    device.cursor = answer["pull"]["next"]
    return 1


def _measure(meter: Meter, db: Database, path: PathCost, run: Callable[[], int]) -> None:
    wal, app, pg = _wal_lsn(db.url), meter.app(), meter.pg()
    path.requests += run()
    path.app += meter.app() - app
    path.pg += meter.pg() - pg
    path.wal_bytes += _wal_lsn(db.url) - wal
    path.syncs += 1


def bench_cpu(work: Path, say: Say, *, quick: bool) -> CpuRuns:
    """Devices and days prepared, then rounds of old and new syncs on one server process."""
    missing = pg_missing()
    if missing:
        return CpuRuns(skipped=missing)
    rounds = QUICK_ROUNDS if quick else ROUNDS
    runs = CpuRuns()
    templates = _templates(ENTRIES * 4)
    with database(work, "cpu", require_pg=True) as db:
        say(f"sync CPU: {DEVICES} devices, {rounds} rounds of a daily sync on each path")
        devices = create_devices(db, DEVICES)
        for n, device in enumerate(devices):
            device.bodies = day_bodies(templates, device, 2 * rounds + 2, n * 100)[::-1]
        name = db.url.rsplit("/", 1)[1]
        with ServerProcess(db, work / "server-cpu.log", workers=1) as server, \
                requests.Session() as http:
            assert server.proc is not None
            for device in devices:
                http.post(f"{server.url}/api/v1/sync/push", data=_items_body(device), headers={
                    "Authorization": f"Bearer {device.token}", "Content-Encoding": "gzip",
                    "Content-Type": "application/json"}).raise_for_status()
            for device in devices:  # warm both paths (imports, plans, the pool)
                _old(http, server.url, device, device.bodies.pop())
                _new(http, server.url, device, device.bodies.pop())
            meter = Meter(server.proc.pid, name)
            size = _db_size(db.url)
            meter.pg()
            for _ in range(rounds):
                for device in devices:
                    _measure(meter, db, runs.old, lambda d=device: _old(  # type: ignore[misc]
                        http, server.url, d, d.bodies.pop()))
                    _measure(meter, db, runs.new, lambda d=device: _new(  # type: ignore[misc]
                        http, server.url, d, d.bodies.pop()))
            grown = _db_size(db.url) - size
            runs.db_bytes_per_sync = grown / (runs.old.syncs + runs.new.syncs)
        runs.db_kind = db.kind
    return runs


def cpu_rows(runs: CpuRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (j2): app and PostgreSQL CPU per daily sync, new path beside old."""
    if runs.skipped or not runs.new.syncs:
        return [Result("j2", "CPU per daily sync: skipped", "s", [0.0], note=runs.skipped)]
    old, new = runs.old, runs.new
    checks["(j2) the one-request sync costs the server less CPU than push + pull"] = (
        new.app + new.pg < old.app + old.pg)
    where = (f"{new.syncs} syncs per path, {ENTRIES} entries + {EDITS} price edits each, "
             f"`lumbung-server run --workers 1` on {runs.db_kind}; process CPU times "
             "(user + system) of the server and of this database's backends")
    old_how = "old path: POST /sync/push + GET /sync/pull"
    return [
        Result("j2", "app CPU per daily sync, one POST /api/v1/sync", "s",
               [new.per_sync("app")], TARGETS["app_s"], old_how,
               [old.per_sync("app")], note=where),
        Result("j2", "PostgreSQL CPU per daily sync (its backends)", "s",
               [new.per_sync("pg")], TARGETS["pg_s"], old_how, [old.per_sync("pg")],
               note=f"WAL per sync: {new.wal_bytes / new.syncs / 1024:.0f} KB new, "
               f"{old.wal_bytes / old.syncs / 1024:.0f} KB old"),
        Result("j2", "database growth per daily sync (tables and indexes)", "kB",
               [runs.db_bytes_per_sync], None,
               note="pg_database_size after a CHECKPOINT, over every sync of both paths"),
        Result("j2", "requests per daily sync", "n", [new.requests / new.syncs], None, old_how,
               [old.requests / old.syncs]),
    ]


def main() -> None:
    """`python -m tests.bench.sync_cpu [--quick]`: section (j2) alone, printed."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        runs = bench_cpu(Path(tmp), print, quick="--quick" in sys.argv)
    for row in cpu_rows(runs, {}):
        print(json.dumps({"what": row.name, "value": row.value, "target": row.target,
                          "old": row.baseline, "note": row.note}, ensure_ascii=False))


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"{time.perf_counter() - started:.0f} s", flush=True)
