"""The server database: SQLite in the data directory by default, PostgreSQL by URL.

Both run the same code and the same Alembic migrations. SQLite writers begin with
`BEGIN IMMEDIATE`, so a push takes the write lock before it reads the business's sequence; on
PostgreSQL the push locks the business row (`SELECT ... FOR UPDATE`). Either way, commits for
one business are serialised and a reader of the sequence never skips an uncommitted row.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, event, make_url
from sqlmodel import create_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url(data_dir: Path) -> str:
    """`LUMBUNG_DATABASE_URL`, or SQLite in the data directory."""
    url = os.environ.get("LUMBUNG_DATABASE_URL")
    if url:
        return url
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'mall.sqlite3'}"


def private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600), or make an old one so.

    It holds password hashes, device-token hashes and the form-signing secret. SQLite gives
    its -wal and -shm files the database file's mode.
    """
    if os.name != "posix":
        return  # Windows: the profile directory's ACL already keeps other users out
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    for extra in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if extra.exists():
            extra.chmod(0o600)


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs."""
    if url.startswith("sqlite"):
        database = make_url(url).database
        if database and database != ":memory:" and not database.startswith("file:"):
            private_file(Path(database))
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None  # let the begin hook below open transactions
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = FULL")
            cur.execute("PRAGMA foreign_keys = ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # Plan every statement for its own parameters: a plan that psycopg's prepared statements
    # would otherwise keep from when a table was small (a sequential scan) is never reused
    # after the table has grown, and `entity_id = ANY(...)` keeps using its index.
    # No JIT: a sync's lookups (a hundred index probes) are estimated, before any ANALYZE,
    # above `jit_above_cost`, and PostgreSQL then compiled each one with LLVM for ~4.7 ms
    # of CPU to run it in 0.4 ms; every statement here is a short OLTP statement.
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                         connect_args={"options": "-c plan_cache_mode=force_custom_plan "
                                                  "-c jit=off"})


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (idempotent)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
