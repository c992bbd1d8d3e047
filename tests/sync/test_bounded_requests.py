"""No small request can stall the mall: bodies are bounded per route, 422s never echo the
input, limits are counted before parsing, and half-open connections are dropped (issue 15).
"""

from __future__ import annotations

import asyncio
import gzip
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psutil
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from server.app import create_app
from server.gzip_request import BodyLimit, GzipRequestMiddleware
from server.security import IpThrottle
from server.serve import TimedHttpToolsProtocol, uvicorn_options
from server.shop.guard import ShopLimits
from tests.sync.live import sqlite_url

ROOT = Path(__file__).resolve().parents[2]
BOMB_ROUTES = ("/api/v1/orders", "/api/v1/auth/device")


def gzip_bomb(inflated: int = 16 * 1024 * 1024) -> bytes:
    """`{"pad":[{},{},...]}` of `inflated` bytes, gzipped to about a thousandth of that."""
    count = (inflated - 12) // 3
    return gzip.compress(b'{"pad":[' + b"{}," * count + b"{}]}", 9)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[tuple[int, psutil.Process]]:
    """`lumbung-server run` as its own process, on SQLite in a temporary data directory."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "LUMBUNG_DATABASE_URL"}
    proc = subprocess.Popen([sys.executable, "-m", "server.cli", "--data-dir", str(tmp_path),
                             "run", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            if proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.1)
                continue
        proc.kill()
        raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "no start")
    try:
        yield port, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _post(port: int, path: str, body: bytes, headers: dict[str, str]) -> tuple[int, int]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request("POST", path, body=body, headers=headers)
        reply = conn.getresponse()
        return reply.status, len(reply.read())
    finally:
        conn.close()


@pytest.mark.slow
def test_gzip_bombs_cost_the_server_neither_time_nor_memory(
        server_process: tuple[int, psutil.Process]) -> None:
    port, proc = server_process
    bomb = gzip_bomb()
    assert len(bomb) < 20_000  # the 16 KB request of the finding
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/faq")
    assert conn.getresponse().read()  # warm: templates loaded, secret made
    conn.close()
    before = proc.memory_info().rss
    peak, done = [before], threading.Event()

    def watch() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], proc.memory_info().rss)
            time.sleep(0.005)

    answers: list[tuple[int, int]] = []
    senders = [threading.Thread(target=lambda p=path: answers.append(_post(port, p, bomb,
                                                                           headers)))
               for path in BOMB_ROUTES for _ in range(4)]
    watcher = threading.Thread(target=watch)
    watcher.start()
    for sender in senders:
        sender.start()
    start = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/faq")
    faq = conn.getresponse()
    faq_status, faq_seconds = faq.status, time.monotonic() - start
    faq.read()
    conn.close()
    for sender in senders:
        sender.join(timeout=60)
    done.set()
    watcher.join()
    assert faq_status == 200 and faq_seconds <= 1.0
    assert [status for status, _size in answers] == [413] * 8
    assert all(size < 200 for _status, size in answers)
    assert peak[0] - before <= 100 * 1024 * 1024


@pytest.fixture
def app(tmp_path: Path) -> Iterator[FastAPI]:
    application = create_app(sqlite_url(tmp_path))
    yield application
    application.state.engine.dispose()


@pytest.mark.parametrize("path", BOMB_ROUTES)
def test_a_body_over_the_route_limit_is_refused_before_it_is_read(app: FastAPI,
                                                                  path: str) -> None:
    client = TestClient(app)
    plain = b'{"pad":[' + b"{}," * 700_000 + b"{}]}"  # 2 MB, as the finding sent unzipped
    reply = client.post(path, content=plain, headers={"Content-Type": "application/json"})
    assert reply.status_code == 413 and len(reply.content) < 200


@pytest.mark.parametrize("path", BOMB_ROUTES)
def test_a_422_names_the_fields_and_never_echoes_them(app: FastAPI, path: str) -> None:
    client = TestClient(app)
    body = json.dumps({"pad": [{"x": "y" * 50}] * 400, "username": ["a"] * 400}).encode()
    assert 20_000 < len(body) < 64 * 1024
    reply = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert reply.status_code == 422
    assert len(reply.content) < 2000 and b"yyyy" not in reply.content
    detail = reply.json()["detail"]
    assert 1 <= len(detail) <= 5
    assert all(set(error) == {"loc", "msg", "type"} for error in detail)
    assert all(error["loc"][0] == "body" for error in detail)


def test_login_and_order_limits_are_counted_before_the_body_is_read(app: FastAPI) -> None:
    app.state.ip_throttle = IpThrottle(per_minute=1)
    app.state.shop_limits = ShopLimits(orders_per_ip=1)
    client = TestClient(app)
    broken = {"Content-Type": "application/json"}
    for path in BOMB_ROUTES:
        first = client.post(path, content=b"{not json", headers=broken)
        assert first.status_code == 422  # the body was read: it counts
        second = client.post(path, content=b"{not json", headers=broken)
        assert second.status_code == 429, path  # refused without reading the body
    other = TestClient(app, client=("10.1.2.3", 4000))
    assert other.post("/api/v1/orders", content=b"{}", headers=broken).status_code == 422


def test_a_stalled_body_gets_408() -> None:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        raise AssertionError("the route must not run")

    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if not sent:
            sent.append({})
            return {"type": "http.request", "body": b'{"a":', "more_body": True}
        await asyncio.sleep(3600)  # the client stopped sending
        raise AssertionError

    answer: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        answer.append(message)

    middleware = GzipRequestMiddleware(app, default=BodyLimit(100, 100), stall_seconds=0.05)
    scope = {"type": "http", "path": "/api/v1/orders", "headers": []}
    asyncio.run(asyncio.wait_for(middleware(scope, receive, send), 5))
    assert answer[0]["status"] == 408


class _QuickHeaders(TimedHttpToolsProtocol):
    header_seconds = 0.3


def test_half_open_connections_are_closed(app: FastAPI) -> None:
    port = _free_port()
    options = {**uvicorn_options(), "http": _QuickHeaders}
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error",
                                           **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        while not server.started:
            time.sleep(0.01)
        for opening in (b"", b"GET /faq HT", b"GET /faq HTTP/1.1\r\nHost: x\r\n"):
            with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
                sock.sendall(opening)
                start = time.monotonic()
                assert sock.recv(100) == b""  # closed by the server, not by our timeout
                assert time.monotonic() - start < 3
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            assert sock.recv(100).startswith(b"HTTP/1.1 200")  # a whole request is answered
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def test_forwarded_addresses_are_believed_only_from_the_named_proxy() -> None:
    assert uvicorn_options()["proxy_headers"] is False
    behind = uvicorn_options(forwarded_allow_ips="127.0.0.1")
    assert behind["proxy_headers"] is True and behind["forwarded_allow_ips"] == "127.0.0.1"
