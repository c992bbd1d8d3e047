"""(j3) Debian's nginx in front of two `lumbung-server` processes on one PostgreSQL.

The deployment of docs/deploy.md, shrunk onto this machine: nginx balances over two server
processes (`lumbung-server run --workers 1` each, as on two hosts), both on one fresh
PostgreSQL database. Measured:
- daily syncs (one `POST /api/v1/sync` each, 100 entries + 3 price edits) from all devices back
  to back through nginx for a few seconds: syncs per second, latency, and how many requests
  each process answered (nginx's access log records the upstream of every request);
- a listing taken down through one process, and how long until the other process's cached
  home page (kept 120 s) no longer shows it (PostgreSQL LISTEN/NOTIFY; target ≤ 2 s).
Skipped, and said so, when nginx or PostgreSQL is missing.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import gzip
import json
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import requests

from tests.bench.load_gen import Device, closed_loop
from tests.bench.measure import Result
from tests.bench.sync_cpu import _templates
from tests.bench.sync_load import (
    ENTRIES,
    _items_body,
    _sync_one,
    create_devices,
    day_bodies,
)
from tests.bench.sync_server import Database, ServerProcess, database, free_port, pg_missing
from tests.bench.sync_wire import Say

DEVICES, SECONDS, QUICK_SECONDS = 60, 10.0, 5.0
SEEN_TARGET_S = 2.0
NGINX_CONF = """
daemon off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format upstream '$upstream_addr $status $request_time';
    access_log {work}/nginx-access.log upstream;
    client_body_temp_path {work}/body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    client_max_body_size 3m;
    upstream mall {{
        least_conn;
        server 127.0.0.1:{first};
        server 127.0.0.1:{second};
        keepalive 32;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://mall;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""


@dataclass
class PairRuns:
    """What nginx and the two processes did, or why it could not run."""

    syncs: int = 0
    seconds: float = 0.0
    errors: int = 0
    p50: float = 0.0
    p99: float = 0.0
    per_upstream: dict[str, int] = field(default_factory=dict)
    seen_s: float | None = None
    skipped: str = ""


@contextlib.contextmanager
def nginx(work: Path, first: int, second: int) -> Iterator[int]:
    """nginx on a free port in front of the two servers, until the block ends."""
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(NGINX_CONF.format(work=work, first=first, second=second, port=port))
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    with (work / "nginx-stderr.log").open("wb") as err:
        proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(work)],
                                stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.monotonic() + 20
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                    break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("nginx did not start: "
                                   f"{(work / 'nginx-stderr.log').read_text()[-2000:]}")
            time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _seen_elsewhere(db: Database, first: ServerProcess, second: ServerProcess) -> float | None:
    """Seconds until a listing taken down through `first` leaves `second`'s cached home page."""
    from server.app import create_app
    from tests.shop_server.conftest import Mall

    app = create_app(db.url, migrate=False)
    try:
        mall = Mall(app)
        made = mall.seller("Keripik Bu Made", username="made-nginx")
        listing = mall.listing(made, title="Keripik Pisang Nginx")
        deadline = time.monotonic() + 10  # until the other process keeps the page cached
        while requests.get(f"{second.url}/", timeout=10).headers.get("x-cache") != "hit" \
                and time.monotonic() < deadline:
            time.sleep(0.05)
        token = requests.post(f"{first.url}/api/v1/auth/device", timeout=10, json={
            "username": "made-nginx", "password": "rahasia-123",
            "book_id": str(uuid.uuid4())}).json()["token"]
        change = {"change_id": str(uuid.uuid4()), "entity": "listing", "entity_id": listing,
                  "op": "update", "data": {"published": False},
                  "hlc": "001790000000000:00000:0192aaaa-bbbb-7ccc-8ddd-eeeeffff0000",
                  "schema": 1}
        requests.post(f"{first.url}/api/v1/sync/push", timeout=10, data=gzip.compress(
            json.dumps({"changes": [change]}).encode()), headers={
            "Authorization": f"Bearer {token}", "Content-Encoding": "gzip"}).raise_for_status()
        changed = time.monotonic()
        while time.monotonic() - changed < 10:
            if "Keripik Pisang Nginx" not in requests.get(f"{second.url}/", timeout=10).text:
                return time.monotonic() - changed
            time.sleep(0.02)
        return None
    finally:
        app.state.engine.dispose()


async def _drive(port: int, devices: list[Device],
                 seconds: float) -> tuple[int, float, int, list[float]]:
    from tests.bench.rawhttp import Conn

    for device in devices:
        device.lock, device.http = asyncio.Lock(), Conn("127.0.0.1", port)
    try:
        phase = await closed_loop(devices, seconds, _sync_one)
    finally:
        for device in devices:
            if device.http is not None:
                await device.http.close()
    return len(phase.latencies), phase.seconds, phase.errors, sorted(phase.latencies)


def bench_pair(work: Path, say: Say, *, quick: bool) -> PairRuns:
    """Two servers, nginx, the devices' syncs through it, and the cross-process page check."""
    missing = pg_missing() or (None if shutil.which("nginx") or Path("/usr/sbin/nginx").exists()
                               else "nginx is not installed (apt-get install nginx)")
    if missing:
        return PairRuns(skipped=missing)
    seconds = QUICK_SECONDS if quick else SECONDS
    runs = PairRuns()
    env = {"LUMBUNG_PAGE_CACHE_SECONDS": "120"}
    with database(work, "nginx", require_pg=True) as db:
        say(f"nginx + 2 servers: {DEVICES} devices syncing back to back for {seconds:.0f} s")
        devices = create_devices(db, DEVICES)
        templates = _templates(ENTRIES * 4)
        days = int(seconds * 60 / DEVICES) + 4
        for n, device in enumerate(devices):
            device.bodies = day_bodies(templates, device, days, n * 100)[::-1]
        with ServerProcess(db, work / "server-a.log", workers=1, env=env) as first, \
                ServerProcess(db, work / "server-b.log", workers=1, env=env) as second, \
                nginx(work / "nginx", first.port, second.port) as port:
            for device in devices:
                requests.post(f"http://127.0.0.1:{port}/api/v1/sync/push",
                              data=_items_body(device), timeout=30, headers={
                                  "Authorization": f"Bearer {device.token}",
                                  "Content-Encoding": "gzip"}).raise_for_status()
            log = work / "nginx" / "nginx-access.log"
            log.write_text("")  # count the syncs only
            runs.syncs, runs.seconds, runs.errors, latencies = asyncio.run(
                _drive(port, devices, seconds))
            if latencies:
                runs.p50 = latencies[len(latencies) // 2]
                runs.p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
            time.sleep(0.5)  # nginx writes its log line after the answer
            runs.per_upstream = dict(collections.Counter(
                line.split()[0] for line in log.read_text().splitlines() if line.strip()))
            runs.seen_s = _seen_elsewhere(db, first, second)
    return runs


def pair_rows(runs: PairRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (j3)."""
    if runs.skipped:
        return [Result("j3", "nginx + 2 server processes: skipped", "s", [0.0],
                       note=runs.skipped)]
    counts = sorted(runs.per_upstream.values())
    spread = ", ".join(f"{k}: {v:,}" for k, v in sorted(runs.per_upstream.items()))
    checks["(j3) both server processes behind nginx answered syncs"] = (
        len(counts) == 2 and min(counts) > 0 and runs.errors == 0)
    checks["(j3) a listing taken down on one process left the other's page within 2 s"] = (
        runs.seen_s is not None and runs.seen_s <= SEEN_TARGET_S)
    rate = runs.syncs / runs.seconds if runs.seconds else 0.0
    return [
        Result("j3", f"daily syncs per second through nginx, {DEVICES} devices back to back",
               "/s", [rate], None, higher_is_better=True,
               note=f"one POST /api/v1/sync each; {runs.syncs:,} syncs, {runs.errors} errors, "
               f"p50 {runs.p50 * 1000:.0f} ms, p99 {runs.p99 * 1000:.0f} ms; requests per "
               f"process (nginx least_conn): {spread}"),
        Result("j3", "a listing taken down on one process, gone from the other's cached "
               "home page after", "s", [runs.seen_s if runs.seen_s is not None else 99.0],
               SEEN_TARGET_S, note="page cache 120 s; PostgreSQL LISTEN/NOTIFY"),
    ]


def main() -> None:
    """`python -m tests.bench.nginx_pair [--quick]`: section (j3) alone, printed."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        runs = bench_pair(Path(tmp), print, quick="--quick" in sys.argv)
    checks: dict[str, bool] = {}
    for row in pair_rows(runs, checks):
        print(json.dumps({"what": row.name, "value": row.value, "target": row.target,
                          "note": row.note}, ensure_ascii=False))
    print(json.dumps(checks, ensure_ascii=False))


if __name__ == "__main__":
    main()
