"""The mall server for the sync benchmarks: a fresh database and `lumbung-server run` processes.

Every benchmark gets its own PostgreSQL database (created and dropped here) and its own server
process, started the way an operator starts it (`lumbung-server --database-url URL run
--workers N`). Without PostgreSQL the wire and link benchmarks fall back to SQLite and say so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import requests

from tests.bench.procs import ROOT, clean_env

PG_ADMIN = os.environ.get("LUMBUNG_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
PASSWORD = "rahasia-bench-123"


@dataclass(frozen=True)
class Database:
    """A server database URL and what it is ("postgresql 15.2" or "sqlite")."""

    url: str
    kind: str


def pg_missing() -> str | None:
    """Why PostgreSQL cannot be used (None when it can)."""
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: not here
        return f"PostgreSQL unreachable at {PG_ADMIN}: {exc}"


@contextlib.contextmanager
def database(work: Path, purpose: str, *, require_pg: bool = False) -> Iterator[Database]:
    """A fresh, empty server database on PostgreSQL (else SQLite in `work`), dropped after."""
    missing = pg_missing()
    if missing:
        if require_pg:
            raise RuntimeError(missing)
        folder = work / f"mall-{purpose}"
        folder.mkdir(parents=True, exist_ok=True)
        yield Database(f"sqlite:///{folder / 'mall.sqlite3'}", "sqlite (PostgreSQL missing)")
        return
    import psycopg

    name = f"lumbung_bench_{purpose}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        version = admin.execute("SHOW server_version").fetchone()
        version = (str(version[0]).split()[0],) if version else None
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    try:
        yield Database(f"{base}/{name}", f"PostgreSQL {version[0] if version else '?'}")
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def server_bin() -> str:
    """The `lumbung-server` console script of this venv."""
    beside = Path(sys.executable).with_name("lumbung-server")
    found = str(beside) if beside.exists() else shutil.which("lumbung-server")
    if not found:
        raise SystemExit("lumbung-server is not installed; run `make bench`")
    return found


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """`lumbung-server --database-url URL run --workers N` on 127.0.0.1, until `stop()`."""

    def __init__(self, db: Database, log: Path, *, workers: int = 2,
                 env: dict[str, str] | None = None) -> None:
        self.db = db
        self.workers = workers
        self.env = env or {}  # server settings (LUMBUNG_*) on top of the cleaned environment
        self.port = free_port()
        self.log = log
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        return ("127.0.0.1", self.port)

    def start(self) -> ServerProcess:
        argv = [server_bin(), "--database-url", self.db.url, "run", "--host", "127.0.0.1",
                "--port", str(self.port), "--workers", str(self.workers)]
        with self.log.open("ab") as out:
            self.proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT,
                                         env={**clean_env(), **self.env}, cwd=ROOT,
                                         start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"lumbung-server exited: {self.log.read_text()[-2000:]}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("lumbung-server did not answer /healthz within 60 s")

    def stop(self) -> None:
        """SIGTERM to the server's own process group (its workers), SIGKILL if it lingers."""
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def add_owner(db: Database, username: str, business: str) -> None:
    """A umkm login with its business, straight into the database (argon2 once)."""
    from sqlmodel import Session

    from server.db import make_engine, upgrade
    from server.security import create_user

    engine = make_engine(db.url)
    try:
        upgrade(engine)
        with Session(engine) as session:
            create_user(session, username=username, password=PASSWORD, role="umkm",
                        business_name=business)
    finally:
        engine.dispose()
