"""Tests of the fault-injecting proxy in tests/netfault.py, against a tiny real HTTP/1.1 server."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
import requests
from requests.exceptions import ChunkedEncodingError, ReadTimeout

from tests.sync.netfault import FaultProxy

BROKEN = (requests.ConnectionError, ChunkedEncodingError)  # a cut mid-body surfaces as the latter


class _Upstream(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.completed: list[str] = []  # "GET n" / "POST n" for every fully received request
        self.posts: list[bytes] = []

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # resets injected by the proxy are expected


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    timeout = 5
    server: _Upstream

    def do_GET(self) -> None:
        n = int(parse_qs(urlparse(self.path).query).get("n", ["100"])[0])
        self.server.completed.append(f"GET {n}")
        self._reply(b"x" * n)

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        body = self.rfile.read(length)
        if len(body) != length:
            return  # incomplete
        self.server.completed.append(f"POST {length}")
        self.server.posts.append(body)
        self._reply(str(len(body)).encode())

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def upstream() -> Iterator[_Upstream]:
    server = _Upstream()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def proxy(upstream: _Upstream) -> Iterator[FaultProxy]:
    with FaultProxy(("127.0.0.1", upstream.server_port)) as p:
        yield p


def _get(proxy: FaultProxy, n: int, timeout: float | tuple[float, float] = 5) -> requests.Response:
    r = requests.get(f"{proxy.url}/data?n={n}", timeout=timeout)
    r.raise_for_status()
    return r


def _post(proxy: FaultProxy, body: bytes) -> requests.Response:
    r = requests.post(f"{proxy.url}/echo", data=body, timeout=5)
    r.raise_for_status()
    return r


def test_pass_through_with_keep_alive_and_counters(proxy: FaultProxy, upstream: _Upstream) -> None:
    assert proxy.url == f"http://127.0.0.1:{proxy.port}"
    with requests.Session() as session:
        for n in (0, 10, 1000, 150_000):
            r = session.get(f"{proxy.url}/data?n={n}", timeout=5)
            assert r.status_code == 200
            assert r.content == b"x" * n
        r = session.post(f"{proxy.url}/echo", data=b"p" * 20_000, timeout=5)
        assert r.text == "20000"
    assert upstream.completed == ["GET 0", "GET 10", "GET 1000", "GET 150000", "POST 20000"]
    assert upstream.posts == [b"p" * 20_000]
    assert proxy.connections == 1  # one keep-alive TCP connection carried all five requests
    assert proxy.cuts == proxy.refused == 0
    assert 20_000 < proxy.bytes_up < 22_000
    assert 151_010 < proxy.bytes_down < 153_000


@pytest.mark.parametrize("nbytes", [20, 300])  # cut inside the headers / inside the body
def test_drop_request_after(proxy: FaultProxy, upstream: _Upstream, nbytes: int) -> None:
    proxy.drop_request_after(nbytes)
    with pytest.raises(requests.ConnectionError):
        _post(proxy, b"a" * 5000)
    assert proxy.bytes_up == nbytes
    assert proxy.bytes_down == 0
    assert proxy.cuts == 1
    time.sleep(0.1)  # let the server's handler thread run into the reset
    assert upstream.completed == [] and upstream.posts == []
    assert _post(proxy, b"b" * 5000).text == "5000"  # only the next connection was affected
    assert upstream.posts == [b"b" * 5000]


def test_drop_response_after_zero_loses_the_reply_of_a_committed_request(
    proxy: FaultProxy, upstream: _Upstream
) -> None:
    proxy.drop_response_after(0, times=2)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            _post(proxy, b"c" * 1234)
    assert upstream.posts == [b"c" * 1234] * 2  # the server did the work both times
    assert proxy.bytes_down == 0
    assert proxy.cuts == 2
    assert _post(proxy, b"d" * 10).text == "10"
    assert proxy.connections == 3


def test_drop_response_midway(proxy: FaultProxy) -> None:
    proxy.drop_response_after(5000)
    with pytest.raises(BROKEN):
        _get(proxy, 100_000)
    assert proxy.bytes_down == 5000
    assert proxy.cuts == 1
    assert len(_get(proxy, 100_000).content) == 100_000


def test_delay_response_triggers_read_timeout(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.delay_response(3.0)
    with pytest.raises(ReadTimeout):
        _get(proxy, 10, timeout=(1, 0.3))
    assert upstream.completed == ["GET 10"]
    assert _get(proxy, 10, timeout=(1, 0.3)).content == b"x" * 10


def test_bandwidth_shaping(proxy: FaultProxy) -> None:
    proxy.set_link(down_bps=400_000)  # 100 kB = 800 kbit -> 2 s
    started = time.monotonic()
    assert len(_get(proxy, 100_000, timeout=10).content) == 100_000
    elapsed = time.monotonic() - started
    assert 1.5 <= elapsed <= 4.0


def test_rtt_and_upload_shaping_still_deliver(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.set_link(up_bps=1_000_000, down_bps=5_000_000, rtt=0.1)
    with requests.Session() as session:
        for size in (1, 30_000):
            assert session.post(f"{proxy.url}/echo", data=b"e" * size, timeout=5).text == str(size)
    assert upstream.posts == [b"e", b"e" * 30_000]
    assert proxy.cuts == 0


def test_drop_every_bytes_counts_both_directions_across_connections(proxy: FaultProxy) -> None:
    proxy.set_link(drop_every_bytes=50_000)
    with pytest.raises(BROKEN):
        _get(proxy, 200_000)  # cut inside the first connection
    assert proxy.cuts == 1
    assert proxy.bytes_up + proxy.bytes_down == 50_000
    assert len(_get(proxy, 30_000).content) == 30_000  # the budget restarted after the cut
    with pytest.raises(BROKEN):
        _get(proxy, 30_000)  # the budget is shared by connections: 2 x 30 kB > 50 kB
    assert proxy.cuts == 2
    assert proxy.bytes_up + proxy.bytes_down == 100_000
    proxy.reset()
    assert len(_get(proxy, 200_000).content) == 200_000
    assert proxy.cuts == 2


def test_offline_and_refuse(proxy: FaultProxy, upstream: _Upstream) -> None:
    proxy.offline()
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            _get(proxy, 1)
    proxy.offline(False)
    _get(proxy, 1)
    proxy.refuse(times=2)
    for _ in range(2):
        with pytest.raises(requests.ConnectionError):
            _get(proxy, 1)
    _get(proxy, 1)
    assert upstream.completed == ["GET 1", "GET 1"]
    assert proxy.connections == 6
    assert proxy.refused == proxy.cuts == 4


def test_faults_only_hit_new_connections_and_reset_clears_them(proxy: FaultProxy) -> None:
    with requests.Session() as session:
        assert session.get(f"{proxy.url}/data?n=5", timeout=5).ok
        proxy.drop_response_after(0)
        assert session.get(f"{proxy.url}/data?n=5", timeout=5).ok  # the live connection is spared
        with pytest.raises(requests.ConnectionError):
            _get(proxy, 5)
    for arm in (proxy.drop_request_after, proxy.drop_response_after, proxy.refuse):
        arm(0)
    proxy.delay_response(5)
    proxy.offline()
    proxy.set_link(down_bps=1000, drop_every_bytes=1)
    proxy.reset()
    assert _get(proxy, 50_000).content == b"x" * 50_000
    with pytest.raises(ValueError):
        proxy.set_link(up_bps=0)
    with pytest.raises(ValueError):
        proxy.drop_request_after(-1)


def test_stop_aborts_live_connections_without_hanging(upstream: _Upstream) -> None:
    before = set(threading.enumerate())
    proxy = FaultProxy(("127.0.0.1", upstream.server_port)).start()
    session = requests.Session()
    assert session.get(f"{proxy.url}/data?n=5", timeout=5).ok  # an idle keep-alive connection
    proxy.set_link(down_bps=8_000)  # two crawling downloads, one of them also held back
    proxy.delay_response(30)
    errors: list[BaseException] = []

    def fetch(n: int) -> None:
        try:
            requests.get(f"{proxy.url}/data?n={n}", timeout=30).content  # noqa: B018
        except requests.RequestException as exc:
            errors.append(exc)

    fetchers = [threading.Thread(target=fetch, args=(n,), daemon=True) for n in (50_000, 100_000)]
    for t in fetchers:
        t.start()
    deadline = time.monotonic() + 5
    while len(upstream.completed) < 3 and time.monotonic() < deadline:  # both requests arrived
        time.sleep(0.02)
    assert proxy.connections == 3
    assert all(t.daemon for t in set(threading.enumerate()) - before - set(fetchers))
    stopper = threading.Thread(target=proxy.stop, daemon=True)
    stopper.start()
    stopper.join(5)
    assert not stopper.is_alive(), "stop() hung"
    for t in fetchers:
        t.join(5)
    assert len(errors) == 2 and not any(t.is_alive() for t in fetchers)
    with pytest.raises(requests.ConnectionError):
        session.get(f"{proxy.url}/data?n=5", timeout=5)
    proxy.stop()  # idempotent
    session.close()
