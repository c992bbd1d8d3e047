"""(h) Bytes on the wire for the first sync of the benchmark book, beside the CSV's own sizes.

A PC holding the whole book (imported with `lumbung journal import`, one year per import) links
to a fresh mall server and syncs once through a pass-through FaultProxy (no shaping), so the
bytes that cross the socket are counted twice: by the proxy and by `Transport` (request and
status lines, headers and bodies). Baselines from the same run: the journal CSV raw, gzipped
(level 6, as `gzip`) and with `zstd -19` (the binary, or the `zstandard` module).
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from tests.bench.bookfile import read_only
from tests.bench.generate import HEADER, BookFiles
from tests.bench.measure import Result, run_process
from tests.bench.procs import ROOT, clean_env, lumbung_bin
from tests.bench.sync_server import PASSWORD, Database, ServerProcess, add_owner, database
from tests.sync.netfault import FaultProxy

PIN = "1234"
TARGET_BYTES = 60.0  # per entry, both directions, bodies and headers
Say = Callable[[str], None]


@dataclass(frozen=True)
class SyncPc:
    """A never-synced PC with the whole book: where it is and what its outbox holds."""

    data_dir: Path
    slug: str
    entries: int
    changes: int
    imports: int


@dataclass
class FirstSync:
    """One first sync: time, bytes by Transport and by the proxy, requests and outcome."""

    seconds: float
    sent: int
    received: int
    proxy_up: int
    proxy_down: int
    round_trips: int
    attempts: int
    pushed: int
    rejected: int
    status: str
    message: str
    server_changes: int
    cuts: int = 0

    @property
    def total(self) -> int:
        """Both directions, as Transport counted them."""
        return self.sent + self.received


@dataclass
class WireRuns:
    """The first sync on an unshaped link, and the CSV baselines."""

    pc: SyncPc
    db_kind: str
    sync: FirstSync
    csv_bytes: int
    gzip_bytes: int
    zstd_bytes: int | None
    zstd_how: str
    notes: list[str] = field(default_factory=list)


def _lumbung(*args: str | Path) -> str:
    done = run_process([lumbung_bin(), *(str(a) for a in args)], env=clean_env(), cwd=ROOT)
    return done.stdout


def split_by_year(csv: Path, folder: Path) -> list[Path]:
    """The journal CSV cut into one file per year (entries never span a year)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, TextIO] = {}
    paths: list[Path] = []
    head = ",".join(HEADER) + "\n"
    with csv.open(encoding="utf-8") as source:
        next(source)
        for line in source:
            year = line[:4]
            if year not in files:
                paths.append(folder / f"{year}.csv")
                files[year] = paths[-1].open("w", encoding="utf-8")
                files[year].write(head)
            files[year].write(line)
    for out in files.values():
        out.close()
    return paths


def prepare_pc(book: BookFiles, work: Path, say: Say) -> SyncPc:
    """Create a business and import the book a year at a time (every import < 100,000 entries)."""
    data_dir = work / "sync-pc"
    years = split_by_year(book.csv, work / "sync-csv")
    say(f"sync: importing the {book.entries:,}-entry book into a new PC, "
        f"{len(years)} imports (one per year)")
    slug = json.loads(_lumbung("--data-dir", data_dir, "business", "create", "--name",
                               "Toko Sinkron", "--pin", PIN, "--json"))["slug"]
    for path in years:
        _lumbung("--data-dir", data_dir, "journal", "import", path, "--business", slug,
                 "--pin", PIN, "--json")
    shutil.rmtree(work / "sync-csv")
    file = next((data_dir / "books").glob("*.sqlite3"))
    conn = read_only(file)
    try:
        changes = int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        conn.close()
    return SyncPc(data_dir, slug, book.entries, changes, len(years))


def copy_pc(pc: SyncPc, dest: Path) -> Path:
    """A copy of the never-synced PC to sync (each benchmark needs its own first sync)."""
    shutil.copytree(pc.data_dir, dest)
    return dest


def quiet_keyring() -> None:
    """Tokens go to files in the benchmark's data directories, never the runner's keyring."""
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())  # type: ignore[no-untyped-call]


def server_changes(db: Database) -> int:
    """Rows in the server's change log."""
    from sqlmodel import Session, func, select

    from server.db import make_engine
    from server.models import ChangeLog

    engine = make_engine(db.url)
    try:
        with Session(engine) as session:
            return int(session.exec(select(func.count()).select_from(ChangeLog)).one())
    finally:
        engine.dispose()


def first_sync(pc_dir: Path, slug: str, db: Database, proxy: FaultProxy, *, username: str,
               say: Say) -> FirstSync:
    """Link the PC through `proxy` and run its first sync, counting everything."""
    from desktop.books.business import open_business
    from sync_client.engine import Progress, Syncer
    from sync_client.link import link
    from sync_client.transport import Transport

    book = open_business(pc_dir, slug, PIN)
    try:
        link(book, server=proxy.url, username=username, password=PASSWORD)
        up0, down0, cuts0 = proxy.bytes_up, proxy.bytes_down, proxy.cuts  # after the login
        transport = Transport(proxy.url)
        shown = [time.monotonic()]

        def progress(p: Progress) -> None:
            if time.monotonic() - shown[0] > 60:
                shown[0] = time.monotonic()
                say(f"  {p.phase} {p.done:,}/{p.total:,}, {p.bytes_sent / 1e6:.1f} MB sent")

        started = time.perf_counter()
        result = Syncer(book.conn, book.data_dir, transport=transport,
                        on_progress=progress).run()
        seconds = time.perf_counter() - started
    finally:
        book.close()
    return FirstSync(seconds, transport.bytes_sent, transport.bytes_received,
                     proxy.bytes_up - up0, proxy.bytes_down - down0, transport.round_trips,
                     transport.attempts, result.pushed, len(result.rejected), result.status, result.message,
                     server_changes(db), proxy.cuts - cuts0)


def zstd_size(path: Path) -> tuple[int | None, str]:
    """`zstd -19` of the file: the `zstandard` module, else the binary, else None."""
    try:
        import zstandard  # type: ignore[import-not-found]

        return len(zstandard.ZstdCompressor(level=19).compress(path.read_bytes())), \
            "zstandard module, level 19"
    except ImportError:
        pass
    binary = shutil.which("zstd")
    if binary is None:
        return None, "zstd not available (neither the zstandard module nor the zstd binary)"
    done = subprocess.run([binary, "-19", "-T1", "-q", "-c", str(path)], capture_output=True,
                          check=True)
    return len(done.stdout), "zstd binary, -19, one thread"


def bench_wire(pc: SyncPc, book: BookFiles, work: Path, say: Say) -> WireRuns:
    """The first sync of a copy of the PC through an unshaped proxy, and the CSV baselines."""
    quiet_keyring()
    data = book.csv.read_bytes()
    gz = len(gzip.compress(data, 6))
    say("sync wire: zstd -19 of the journal CSV (baseline)")
    zstd, how = zstd_size(book.csv)
    with database(work, "wire") as db:
        add_owner(db, "bench", "Toko Sinkron")
        with ServerProcess(db, work / "server-wire.log", workers=2) as server, \
                FaultProxy(server.address) as proxy:
            say(f"sync wire: first sync of {pc.changes:,} changes on {db.kind} "
                "(localhost, unshaped)")
            sync = first_sync(copy_pc(pc, work / "pc-wire"), pc.slug, db, proxy,
                              username="bench", say=say)
    shutil.rmtree(work / "pc-wire", ignore_errors=True)
    return WireRuns(pc, db.kind, sync, len(data), gz, zstd, how)


def wire_rows(runs: WireRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (h): bytes per entry against the CSV, gzip and zstd baselines."""
    pc, sync = runs.pc, runs.sync
    n = pc.entries
    per_entry = sync.total / n
    checks["first sync (h) finished ok with every change acknowledged and stored"] = (
        sync.status == "ok" and sync.pushed == pc.changes == sync.server_changes
        and sync.rejected == 0)
    checks["Transport's byte count equals the bytes the proxy forwarded (h)"] = (
        sync.sent == sync.proxy_up and sync.received == sync.proxy_down)
    how = (f"{sync.total:,} bytes = {sync.sent:,} sent + {sync.received:,} received "
           f"(request/status lines, headers, gzip bodies) in {sync.round_trips} requests for "
           f"{pc.changes:,} changes ({n:,} entries); proxy counted {sync.proxy_up:,} + "
           f"{sync.proxy_down:,}; server on {runs.db_kind}; the PC imported the book in "
           f"{pc.imports} imports (one per year)")
    rows = [
        Result("h", f"first sync of the {n:,}-entry book: bytes on the wire per entry", "B",
               [per_entry], TARGET_BYTES, "the journal CSV, raw, per entry",
               [runs.csv_bytes / n], note=how),
        Result("h", "same, beside the journal CSV gzipped (level 6, as `gzip`)", "B",
               [per_entry], None, "journal CSV gzip -6 per entry", [runs.gzip_bytes / n]),
    ]
    if runs.zstd_bytes is not None:
        rows.append(Result("h", "same, beside the journal CSV with zstd -19", "B", [per_entry],
                           None, "journal CSV zstd -19 per entry", [runs.zstd_bytes / n],
                           note=runs.zstd_how))
    rows.append(Result("h", f"first sync of {pc.changes:,} changes on localhost, unshaped "
                       "(push + pull, whole sync)", "s", [sync.seconds], None,
                       note=f"{sync.round_trips} requests; client, proxy and server on this "
                       f"machine; server on {runs.db_kind}, 2 workers"))
    return rows
