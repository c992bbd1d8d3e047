"""Logins tell no one which names exist, slow guessers down without locking owners out, never
need a password on the command line, and the mall's database is private to its owner."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from server.app import create_app
from server.cli import main as server_cli
from server.models import AppUser
from server.security import AuthError, IpThrottle, LoginThrottle, create_user
from tests.sync.live import sqlite_url

PASSWORD = "rahasia-123"
BOOK = "0192aaaa-0000-7000-8000-000000000001"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(sqlite_url(tmp_path))
    with Session(application.state.engine) as session:
        create_user(session, username="made", password=PASSWORD, role="umkm",
                    business_name="Keripik Bu Made")
    yield application
    application.state.engine.dispose()


def _login(client: TestClient, username: str, password: str) -> tuple[int, str, str | None]:
    reply = client.post("/api/v1/auth/device", json={"username": username, "password": password,
                                                     "book_id": BOOK})
    return reply.status_code, reply.json()["detail"] if reply.status_code != 200 else "", \
        reply.headers.get("retry-after")


def test_known_and_unknown_names_get_the_same_answers(app: FastAPI) -> None:
    app.state.login_throttle = LoginThrottle(clock=Clock())
    known = [_login(TestClient(app, client=("10.0.0.1", 1)), "made", "salah-terus")
             for _ in range(8)]
    unknown = [_login(TestClient(app, client=("10.0.0.2", 1)), "tidak-ada", "salah-terus")
               for _ in range(8)]
    assert known == unknown
    assert [status for status, _detail, _wait in known] == [401] * 5 + [429] * 3
    assert known[0][1] == "Nama pengguna atau kata sandi salah"


def test_a_guesser_slows_down_but_never_locks_the_owner_out(app: FastAPI) -> None:
    clock = Clock()
    app.state.login_throttle = LoginThrottle(clock=clock)
    app.state.ip_throttle = IpThrottle(per_minute=1000)  # the per-minute cap is not this test's
    guesser = TestClient(app, client=("10.6.6.6", 1))
    owner = TestClient(app, client=("10.0.0.9", 1))
    for _ in range(30):
        _login(guesser, "made", "tebakan")
        clock.now += 1
    assert _login(guesser, "made", "tebakan")[0] == 429
    assert _login(owner, "made", PASSWORD)[0] == 200  # from the owner's own address: at once
    # The guesser waits longer after each failure, never for good.
    status, _detail, wait = _login(guesser, "made", PASSWORD)
    assert status == 429 and wait is not None and 1 <= int(wait) <= 300
    clock.now += 301
    assert _login(guesser, "made", PASSWORD)[0] == 200


def test_guessers_on_many_addresses_slow_a_name_by_seconds_only() -> None:
    clock = Clock()
    throttle = LoginThrottle(clock=clock)
    for n in range(200):
        throttle.failed(f"10.9.{n}.1", "made")  # each address guesses once
    with pytest.raises(AuthError, match="detik") as refused:
        throttle.check("10.0.0.9", "made")
    assert refused.value.retry_after is not None and refused.value.retry_after <= 11
    clock.now += 11
    throttle.check("10.0.0.9", "made")


def test_passwords_never_need_the_command_line(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    url = sqlite_url(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("kata-sandi-baru\n"))
    assert server_cli(["--database-url", url, "admin", "create-user", "--username", "wayan",
                       "--role", "kurator", "--password-stdin"]) == 0
    asked: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or "diganti-lagi-1")
    assert server_cli(["--database-url", url, "admin", "reset-password", "--username",
                       "wayan"]) == 0
    assert asked == ["Kata sandi: ", "Ulangi kata sandi: "]
    app = create_app(url)
    try:
        with Session(app.state.engine) as session:
            user = session.exec(select(AppUser).where(AppUser.username == "wayan")).one()
            assert user.role == "kurator" and user.password_hash.startswith("$argon2id$")
    finally:
        app.state.engine.dispose()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_mall_database_is_readable_by_its_owner_only(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LUMBUNG_DATABASE_URL", raising=False)  # --data-dir must decide
    data = tmp_path / "mall"
    assert server_cli(["--data-dir", str(data), "admin", "list-users"]) == 0
    for path in [data / "mall.sqlite3", *data.glob("mall.sqlite3-*")]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    old = tmp_path / "old.sqlite3"
    old.write_bytes(b"")
    old.chmod(0o644)
    create_app(f"sqlite:///{old}").state.engine.dispose()
    assert stat.S_IMODE(old.stat().st_mode) == 0o600
