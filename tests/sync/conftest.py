"""Server databases (SQLite and PostgreSQL), a live server, and PCs with books."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from desktop.books.book import Book
from desktop.books.business import open_business
from desktop.books.demo import create_demo
from tests.sync.live import LiveServer, sqlite_url

PG_ADMIN = os.environ.get("LUMBUNG_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_available() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: not here
        return f"PostgreSQL tidak terjangkau di {PG_ADMIN}: {exc}"


PG_MISSING = _pg_available()


@pytest.fixture(autouse=True)
def _no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    # Tokens go to the 0600 file, never into the keyring of whoever runs the tests.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty server database of each kind."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
        return
    if PG_MISSING:
        pytest.skip(PG_MISSING)
    import psycopg

    name = f"lumbung_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://")
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def live(db_url: str) -> Iterator[LiveServer]:
    """A real server on 127.0.0.1 on each database."""
    server = LiveServer(db_url).start()
    yield server
    server.stop()


@pytest.fixture
def live_sqlite(tmp_path: Path) -> Iterator[LiveServer]:
    """A real server on SQLite only (network-fault tests)."""
    server = LiveServer(sqlite_url(tmp_path)).start()
    yield server
    server.stop()


@pytest.fixture
def client(live: LiveServer) -> TestClient:
    return TestClient(live.app)


def demo_pc(root: Path, name: str = "pc1") -> Book:
    """A PC with the demo business (three months of books), opened."""
    data = root / name
    ref, _ = create_demo(data)
    return open_business(data, ref.id, "1234")
