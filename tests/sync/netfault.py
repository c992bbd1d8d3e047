"""A small fault-injecting TCP proxy for tests (stdlib only).

Each accepted connection is relayed to ``upstream`` by two daemon threads ("up": client->server,
"down": server->client).  Faults are consumed by NEW connections at accept time, one use per
connection per fault kind: an already open keep-alive connection is not affected by them.  Link
shaping (``set_link``) is read for every chunk, so it also applies to live connections; bandwidth
belongs to the link (all connections share one pacer per direction).  "Abrupt" closes send a TCP
RST (SO_LINGER 0) to both peers, never a FIN first."""

from __future__ import annotations

import contextlib
import selectors
import socket
import struct
import threading
import time
from dataclasses import dataclass

_CHUNK = 1460  # forwarding granularity while bandwidth shaping is on
_POLL = 0.25  # socket timeout: blocked send/recv calls re-check the abort flag this often
_LINGER_RST = struct.pack("ii", 1, 0)


@dataclass(frozen=True)
class _Link:
    up_bps: int | None = None
    down_bps: int | None = None
    rtt: float = 0.0
    drop_every_bytes: int | None = None


class _Pacer:
    """Virtual clock of one direction: chunks are scheduled back to back, so overhead never drifts."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def reserve(self, nbytes: int, bps: int) -> float:
        """Return the monotonic time at which ``nbytes`` will have been 'transmitted'."""
        with self._lock:
            self._next = max(time.monotonic(), self._next) + nbytes * 8 / bps
            return self._next


class _Conn:
    def __init__(self, client: socket.socket, limits: dict[bool, int | None], delay: float) -> None:
        self.client = client
        self.server: socket.socket | None = None
        self.limits = limits  # up (True) / down (False) -> bytes to forward before the cut
        self.delay = delay
        self.dead = threading.Event()  # set on abort (only); wakes every sleep of this connection
        self.lock = threading.Lock()
        self.closed = False
        self.live = 2  # pump threads still using the sockets; the last one out closes them
        self.threads: list[threading.Thread] = []


def _close(sock: socket.socket | None, rst: bool) -> None:
    if sock is not None and rst:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _LINGER_RST)
    if sock is not None:
        sock.close()


def _counter(key: str, doc: str) -> property:
    def get(self: FaultProxy) -> int:
        with self._lock:
            return self._counts[key]

    return property(get, doc=doc)


def _check(**values: float | None) -> None:
    for name, value in values.items():
        if value is not None and value < 0:
            raise ValueError(f"{name} must be >= 0")


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], *, host: str = "127.0.0.1") -> None:
        self._upstream, self._host = upstream, host
        self._port: int | None = None
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._stopping = threading.Event()
        self._conns: set[_Conn] = set()
        self._pacers = {True: _Pacer(), False: _Pacer()}
        self._counts = dict.fromkeys(("bytes_up", "bytes_down", "connections", "cuts", "refused"), 0)
        self.reset()

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        if self._listener is not None or self._stopping.is_set():
            raise RuntimeError("a FaultProxy can only be started once")
        self._listener = socket.create_server((self._host, 0), backlog=128)
        self._listener.settimeout(_POLL)
        self._port = self._listener.getsockname()[1]
        self._acceptor = threading.Thread(target=self._accept_loop, args=(self._listener,),
                                          name=f"netfault-{self._port}", daemon=True)
        self._acceptor.start()
        return self

    def stop(self) -> None:
        """Close the listener and abort (RST) every live connection.  Idempotent, bounded time."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._listener is None or self._acceptor is None:
            return
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes accept() at once on Linux
        self._acceptor.join(2 * _POLL + 1)
        self._listener.close()
        with self._lock:
            conns = list(self._conns)
        for conn in conns:
            self._abort(conn, cut=False)
        deadline = time.monotonic() + 2.0
        for thread in [t for conn in conns for t in list(conn.threads)]:
            thread.join(max(0.0, deadline - time.monotonic()))

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._port is None:
            raise RuntimeError("FaultProxy is not started")
        return self._port

    @property
    def url(self) -> str:
        return f"http://{self._host}:{self.port}"

    # -- fault plan ------------------------------------------------------------------------------
    def drop_request_after(self, nbytes: int, times: int = 1) -> None:
        """Next `times` connections: forward only `nbytes` client->server, then RST both sides."""
        self._arm("drop_up", nbytes, times)

    def drop_response_after(self, nbytes: int, times: int = 1) -> None:
        """Next `times` connections: forward only `nbytes` server->client, then RST both sides."""
        self._arm("drop_down", nbytes, times)

    def delay_response(self, seconds: float, times: int = 1) -> None:
        """Next `times` connections: hold the first server->client byte for `seconds`."""
        self._arm("delay", seconds, times)

    def refuse(self, times: int = 1) -> None:
        """Next `times` connections: accept, then RST at once without forwarding anything."""
        self._arm("refuse", 0, times)

    def offline(self, flag: bool = True) -> None:
        """While on, refuse every new connection (live ones are left alone)."""
        with self._lock:
            self._offline = flag

    def set_link(self, *, up_bps: int | None = None, down_bps: int | None = None,
                 rtt: float = 0.0, drop_every_bytes: int | None = None) -> None:
        """Shape all traffic, live connections included (None = unlimited / never cut).

        `rtt`/2 is slept before forwarding a chunk that arrived while its direction was idle
        (nothing queued).  Once the bytes forwarded in both directions across all connections since
        the last cut would exceed `drop_every_bytes`, the connection carrying them is cut (RST)."""
        if 0 in (up_bps, down_bps):
            raise ValueError("bandwidth must be positive, or None for unlimited")
        _check(up_bps=up_bps, down_bps=down_bps, rtt=rtt, drop_every_bytes=drop_every_bytes)
        with self._lock:
            self._link = _Link(up_bps, down_bps, rtt, drop_every_bytes)
            self._since_cut = 0

    def reset(self) -> None:
        """Clear all faults and shaping (counters are kept)."""
        with self._lock:
            self._armed: dict[str, tuple[float, int]] = {}  # kind -> (value, connections left)
            self._offline = False
            self._link = _Link()
            self._since_cut = 0

    def _arm(self, kind: str, value: float, times: int) -> None:
        _check(value=value, times=times)
        with self._lock:
            self._armed.pop(kind, None)
            if times:
                self._armed[kind] = (value, times)

    def _take(self, kind: str) -> float | None:
        """Consume one use of an armed fault (the caller holds self._lock)."""
        if kind not in self._armed:
            return None
        value, times = self._armed.pop(kind)
        if times > 1:
            self._armed[kind] = (value, times - 1)
        return value

    # -- counters (thread-safe reads) ------------------------------------------------------------
    bytes_up = _counter("bytes_up", "client->server bytes forwarded")
    bytes_down = _counter("bytes_down", "server->client bytes forwarded")
    connections = _counter("connections", "accepted connections, refused ones included")
    cuts = _counter("cuts", "connections killed by a fault: drop_*, drop_every_bytes, refuse, offline")
    refused = _counter("refused", "connections refused by refuse()/offline() (also in `cuts`)")

    # -- machinery -------------------------------------------------------------------------------
    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                if self._stopping.wait(0.01):  # closing; otherwise e.g. EMFILE: don't spin
                    return
                continue
            with self._lock:
                self._counts["connections"] += 1
                refuse = self._offline or self._take("refuse") is not None
                if refuse:
                    self._counts["cuts"] += 1
                    self._counts["refused"] += 1
                else:
                    up, down = self._take("drop_up"), self._take("drop_down")
                    limits = {True: None if up is None else int(up),
                              False: None if down is None else int(down)}
                    conn = _Conn(client, limits, self._take("delay") or 0.0)
                    self._conns.add(conn)
            if refuse:
                _close(client, rst=True)
                continue
            client.settimeout(_POLL)
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            conn.threads.append(thread)
            thread.start()

    def _serve(self, conn: _Conn) -> None:
        try:
            server = socket.create_connection(self._upstream, timeout=5)
        except OSError:
            conn.live = 1  # no pump threads were started
            self._abort(conn, cut=False)
            self._finish(conn)
            return
        server.settimeout(_POLL)
        for sock in (conn.client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with conn.lock:
            conn.server = server
        down = threading.Thread(target=self._pump, args=(conn, server, conn.client, False), daemon=True)
        conn.threads.append(down)
        down.start()
        self._pump(conn, conn.client, server, True)

    def _pump(self, conn: _Conn, src: socket.socket, dst: socket.socket, up: bool) -> None:
        limit, seen = conn.limits[up], 0
        sel = selectors.DefaultSelector()
        sel.register(src, selectors.EVENT_READ)
        try:
            while not conn.dead.is_set():
                idle = not sel.select(0)  # nothing queued: the next chunk starts a new burst
                try:
                    data = src.recv(65536)
                except TimeoutError:
                    continue
                if not data:  # clean EOF (or woken by an abort): pass the half-close on
                    if not conn.dead.is_set():
                        dst.shutdown(socket.SHUT_WR)
                    return
                if not up and conn.delay:
                    delay, conn.delay = conn.delay, 0.0
                    if conn.dead.wait(delay):
                        return
                rtt = self._link.rtt
                if idle and rtt and conn.dead.wait(rtt / 2):
                    return
                cut = False
                if limit is not None and seen + len(data) > limit:
                    data, cut = data[: limit - seen], True
                seen += len(data)
                if not self._forward(conn, dst, data, up) or cut:
                    self._abort(conn, cut=True)  # a no-op (no cut counted) if already dead
                    return
        except OSError:
            self._abort(conn, cut=False)  # a peer reset us: pass the RST on to the other one
        finally:
            sel.close()
            self._finish(conn)

    def _forward(self, conn: _Conn, dst: socket.socket, data: bytes, up: bool) -> bool:
        """Send `data` paced by the link; False if the connection must be cut or is dead."""
        view, cut = memoryview(data), False
        while view and not cut:
            with self._lock:
                link = self._link
                bps = link.up_bps if up else link.down_bps
                piece, view = (view[:_CHUNK], view[_CHUNK:]) if bps else (view, view[:0])
                if link.drop_every_bytes is not None:
                    room = max(0, link.drop_every_bytes - self._since_cut)
                    if len(piece) > room:
                        piece, cut, self._since_cut = piece[:room], True, 0
                    else:
                        self._since_cut += len(piece)
            if bps and piece:
                done = self._pacers[up].reserve(len(piece), bps)
                if conn.dead.wait(max(0.0, done - time.monotonic())):
                    return False
            while piece:
                if conn.dead.is_set():
                    return False
                try:
                    sent = dst.send(piece)
                except TimeoutError:
                    continue
                piece = piece[sent:]
                with self._lock:
                    self._counts["bytes_up" if up else "bytes_down"] += sent
        return not cut

    def _abort(self, conn: _Conn, *, cut: bool) -> None:
        """Mark the connection dead and wake its threads; the last thread out sends the RSTs."""
        with conn.lock:
            if conn.dead.is_set():
                return
            conn.dead.set()
            for sock in (conn.client, conn.server):
                # SHUT_RD wakes a blocked recv() without putting anything on the wire
                if sock is not None and not conn.closed:
                    with contextlib.suppress(OSError):
                        sock.shutdown(socket.SHUT_RD)
        if cut:
            with self._lock:
                self._counts["cuts"] += 1

    def _finish(self, conn: _Conn) -> None:
        with conn.lock:
            conn.live -= 1
            if conn.live > 0 or conn.closed:
                return
            conn.closed = True
            _close(conn.client, rst=conn.dead.is_set())
            _close(conn.server, rst=conn.dead.is_set())
        with self._lock:
            self._conns.discard(conn)
