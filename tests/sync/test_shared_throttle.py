"""Login throttles shared by every server process: guesses spread over two processes (two apps
on one PostgreSQL, as behind nginx) count once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from server.app import create_app
from server.security import create_user
from server.throttle_db import SharedIpThrottle, SharedLoginThrottle
from tests.sync.test_logins import BOOK, PASSWORD, Clock

# Several processes over one database is PostgreSQL's case (SQLite serves from one process
# and keeps its throttles in memory), so only that kind of db_url is made here.
pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)


@pytest.fixture
def two_apps(db_url: str) -> Iterator[tuple[FastAPI, FastAPI]]:
    if db_url.startswith("sqlite"):
        pytest.skip("SQLite serves from one process; its throttles stay in memory (a second "
                    "writer would wait on the request's own write lock)")
    first, second = create_app(db_url), create_app(db_url, migrate=False)
    with Session(first.state.engine) as session:
        create_user(session, username="made", password=PASSWORD, role="umkm",
                    business_name="Keripik Bu Made")
    yield first, second
    for app in (first, second):
        app.state.engine.dispose()


def _login(app: FastAPI, password: str, ip: str = "10.6.6.6") -> int:
    client = TestClient(app, client=(ip, 1))
    return client.post("/api/v1/auth/device", json={
        "username": "made", "password": password, "book_id": BOOK}).status_code


def test_guesses_through_two_processes_add_up(two_apps: tuple[FastAPI, FastAPI]) -> None:
    clock = Clock()
    for app in two_apps:
        assert isinstance(app.state.login_throttle, SharedLoginThrottle)
        app.state.login_throttle = SharedLoginThrottle(app.state.engine, clock=clock)
    first, second = two_apps
    # five free tries for an address and name: three here, two there, then both refuse
    assert [_login(first, "tebakan") for _ in range(3)] == [401] * 3
    assert [_login(second, "tebakan") for _ in range(2)] == [401] * 2
    assert _login(first, "tebakan") == 429 and _login(second, "tebakan") == 429
    clock.now += 2  # the wait has passed: the owner, from that address, gets in via either
    assert _login(second, PASSWORD) == 200
    assert _login(first, "tebakan") == 401  # and a success cleared the count for both


def test_the_per_minute_cap_per_address_is_shared(two_apps: tuple[FastAPI, FastAPI]) -> None:
    first, second = two_apps
    for app in two_apps:
        app.state.ip_throttle = SharedIpThrottle(app.state.engine, per_minute=3, clock=Clock())
    assert [_login(app, "salah", ip="10.9.9.9") for app in (first, second, first)] == [401] * 3
    assert _login(second, "salah", ip="10.9.9.9") == 429
    assert _login(first, "salah", ip="10.1.1.1") == 401  # another address: its own count


def test_postgresql_servers_share_their_throttles_by_default(db_url: str) -> None:
    app = create_app(db_url)
    try:
        shared = app.state.engine.dialect.name == "postgresql"
        assert isinstance(app.state.login_throttle, SharedLoginThrottle) == shared
        assert isinstance(app.state.ip_throttle, SharedIpThrottle) == shared
    finally:
        app.state.engine.dispose()
