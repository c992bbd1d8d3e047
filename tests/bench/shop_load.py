"""(k) The storefront under 100 concurrent requests: a closed-loop HTTP/1.1 load generator.

100 clients, each with its own keep-alive connection, send one request after another with no
pause (closed loop, as `ab -c 100` or `hey -c 100`): at any moment 100 requests are in the
server or on their way. A request's latency runs from just before its bytes are written to
the last byte of its answer. Answers are read whole and not decompressed (a phone sends
`Accept-Encoding: gzip` and the server answers gzip; decompressing would only load the
generator's share of the CPU).

The generator is plain asyncio streams in this process (tests/bench/rawhttp.py): on a 2-core
machine it competes with the server and PostgreSQL, which is why every
page kind is measured beside `GET /healthz` (a `SELECT 1` on the same server processes, same
concurrency, same run) and beside an unmatched address (404: the framework without a
database), in interleaved rounds so that noise from other work on the machine falls on all.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from tests.bench.load_gen import Latencies
from tests.bench.rawhttp import Conn as RawConn

CONCURRENCY = 100
PHONE = {"User-Agent": "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, "
                       "like Gecko) Chrome/124.0 Mobile Safari/537.36",
         "Accept": "text/html,application/xhtml+xml,image/avif,image/webp,*/*;q=0.8",
         "Accept-Encoding": "gzip, deflate, br", "Accept-Language": "id-ID,id;q=0.9"}


class Conn(RawConn):
    """A phone's keep-alive connection: its browser's headers go with every request."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__(host, port, PHONE)


@dataclass
class Phase(Latencies):
    """Latencies (s) of the requests of one kind, and what went wrong."""

    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    bytes: int = 0
    cache: dict[str, int] = field(default_factory=dict)  # X-Cache: hit / miss counts
    ages: list[float] = field(default_factory=list)  # Age: seconds since the page was rendered
    why: list[str] = field(default_factory=list)

    def age(self, q: float) -> float:
        """The q-quantile age of the pages served (0 without an Age header)."""
        ordered = sorted(self.ages)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0

    def add(self, other: Phase) -> None:
        """Fold another round of the same kind into this one."""
        self.latencies += other.latencies
        self.seconds += other.seconds
        self.errors += other.errors
        self.bytes += other.bytes
        self.ages += other.ages
        for key, count in other.cache.items():
            self.cache[key] = self.cache.get(key, 0) + count
        self.why = (self.why + other.why)[:5]


Urls = Callable[[int], str]


async def closed_loop(conns: list[Conn], urls: Urls, count: int, *, expect: int = 200,
                      offset: int = 0) -> Phase:
    """`count` requests spread over the connections, each sending its next as soon as the last
    is answered; latency per request. `offset`: where in the kind's address stream to start."""
    phase, issued = Phase(), 0
    start = time.perf_counter()

    async def client(conn: Conn) -> None:
        nonlocal issued
        while issued < count:
            target = urls(offset + issued)
            issued += 1
            began = time.perf_counter()
            try:
                reply = await conn.get(target)
            except Exception as exc:  # a broken request is an error, not a crash
                phase.errors += 1
                phase.why.append(f"{target}: {type(exc).__name__}: {exc}"[:160])
                await conn.close()
                continue
            phase.latencies.append(time.perf_counter() - began)
            phase.bytes += reply.wire_bytes
            state = reply.headers.get("x-cache", "-")
            phase.cache[state] = phase.cache.get(state, 0) + 1
            if "age" in reply.headers:
                phase.ages.append(float(reply.headers["age"]))
            if reply.status != expect:
                phase.errors += 1
                phase.why.append(f"{target}: HTTP {reply.status}")

    await asyncio.gather(*(client(c) for c in conns))
    phase.seconds = time.perf_counter() - start
    phase.why = phase.why[:5]
    return phase


@dataclass(frozen=True)
class Kind:
    """A page kind: its name, how its n-th address is chosen, every address it may use (the
    warm-up asks for each), and the status it must answer."""

    name: str
    urls: Urls
    pool: tuple[str, ...]
    expect: int = 200


def _cycle(pool: tuple[str, ...]) -> Urls:
    return lambda n: pool[n % len(pool)]


def _fixed(name: str, url: str, expect: int = 200) -> Kind:
    return Kind(name, lambda n: url, (url,), expect)


def kinds(categories: list[str], terms: list[str], seed: int = 6) -> list[Kind]:
    """The two floors and the three page kinds of the issue, each a seeded stream of addresses.

    Category pages: the 6 categories, 3 in 4 requests their first page, else page 2 or 3.
    Searches: the catalogue's search terms (product words, a word and a variant, kecamatan
    and desa names, a few that match nothing), drawn uniformly: no hot query for a cache to
    favour, every one of them asked again and again."""
    rng = random.Random(seed)
    cats = [f"/cari?kategori={c}" + ("" if rng.random() < 0.75 else f"&hal={rng.randint(2, 3)}")
            for c in categories for _ in range(8)]
    rng.shuffle(cats)
    words = [f"/cari?q={t.replace(' ', '+')}" for t in terms]
    picks = [rng.randrange(len(words)) for _ in range(8192)]
    return [_fixed("floor", "/healthz"), _fixed("framework", "/tidak-ada", 404),
            _fixed("home", "/"),
            Kind("category", lambda n: cats[n % len(cats)], tuple(sorted(set(cats)))),
            Kind("search", lambda n: words[picks[n % len(picks)]], tuple(words))]


async def drive(address: tuple[str, int], page_kinds: list[Kind], *, per_kind: int,
                rounds: int, warm: int, concurrency: int = CONCURRENCY,
                say: Callable[[str], None] = print) -> dict[str, Phase]:
    """Warm up, then `rounds` rounds of every kind in turn: `per_kind` requests each in all.

    The warm-up opens every connection and asks for each address of a kind `warm` times over
    (so every server process has rendered it once), then `warm` × 100 requests of the kind's
    own mix: the measured rounds see the server as it runs, not as it starts."""
    conns = [Conn(*address) for _ in range(concurrency)]
    results = {k.name: Phase() for k in page_kinds}
    try:
        for kind in page_kinds:
            await closed_loop(conns, _cycle(kind.pool), warm * len(kind.pool),
                              expect=kind.expect)
            await closed_loop(conns, kind.urls, warm * 100, expect=kind.expect)
        for number in range(rounds):
            say(f"shop load: round {number + 1}/{rounds}, {per_kind // rounds:,} requests of "
                f"each kind at {concurrency} concurrent")
            for kind in page_kinds:
                results[kind.name].add(await closed_loop(
                    conns, kind.urls, per_kind // rounds, expect=kind.expect,
                    offset=warm * 100 + number * per_kind))
    finally:
        for conn in conns:
            await conn.close()
    return results
