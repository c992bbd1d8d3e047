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
from sqlalchemy import Engine, event
from sqlmodel import create_engine

MIGRATIONS = Path(__file__).with_name("migrations")


def default_url(data_dir: Path) -> str:
    """`LUMBUNG_DATABASE_URL`, or SQLite in the data directory."""
    url = os.environ.get("LUMBUNG_DATABASE_URL")
    if url:
        return url
    data_dir.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{data_dir / 'mall.sqlite3'}"


def make_engine(url: str) -> Engine:
    """An engine with the settings each backend needs."""
    if url.startswith("sqlite"):
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
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True,
                         connect_args={"options": "-c plan_cache_mode=force_custom_plan"})


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (idempotent)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
