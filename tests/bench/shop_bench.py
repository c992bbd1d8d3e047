"""Section (k): the storefront with 10,000 products of 1,000 businesses (issue 6; `--only shop`).

1. A fresh PostgreSQL database (SQLite if there is none, and the rows say so), filled by
   `shop_data.load_catalog` (straight into the tables, not through sync: see its docstring).
2. `lumbung-server --database-url URL run --workers 2`, as an operator starts it (page cache
   on, its default 5 s). `shop_load.drive`: warm-up, then 2 rounds of each kind in turn at 100
   concurrent — `GET /healthz` (the floor: same processes, `SELECT 1`), an unmatched address
   (404, the framework alone), home, category and search pages. Then the page weights
   (`shop_weight`): `/` and product pages with 3 photos, as a phone's first visit.
3. A second server on the same database with `LUMBUNG_PAGE_CACHE_SECONDS=0`: the same three
   page kinds rendered for every request (contrast: what the cache buys), and a check that
   it serves byte-for-byte the pages the first one served from its cache.
"""

from __future__ import annotations

import asyncio
import gzip
import importlib.util
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tests.bench.measure import Result
from tests.bench.shop_data import FULL, QUICK, Catalog, load_catalog
from tests.bench.shop_load import CONCURRENCY, Conn, Phase, drive, kinds
from tests.bench.shop_weight import Weight, weigh_pages
from tests.bench.sync_server import ServerProcess, database

TARGETS = {"p50_s": 0.050, "p99_s": 0.200, "home_bytes": 300_000, "product_bytes": 150_000}
WORKERS = 2
RUNS = {"full": {"per_kind": 10_000, "rounds": 2, "warm": 8, "uncached": 2_000, "pages": 10},
        "quick": {"per_kind": 1_000, "rounds": 2, "warm": 4, "uncached": 200, "pages": 3}}
PAGES = ("home", "category", "search")
SAME = ("/", "/cari?kategori=minuman", "/cari?q=keripik", "/cari?q=kopi+bubuk")
Say = Callable[[str], None]


@dataclass
class ShopRuns:
    """Everything section (k) measured, and on what."""

    db_kind: str = ""
    catalog: Catalog = field(default_factory=Catalog)
    cached: dict[str, Phase] = field(default_factory=dict)
    uncached: dict[str, Phase] = field(default_factory=dict)
    home: Weight | None = None
    products: list[Weight] = field(default_factory=list)
    pages_on: dict[str, bytes] = field(default_factory=dict)
    pages_off: dict[str, bytes] = field(default_factory=dict)
    runs: dict[str, int] = field(default_factory=dict)


async def _pages(address: tuple[str, int], paths: tuple[str, ...]) -> dict[str, bytes]:
    """Each page's HTML as served (gunzipped)."""
    conn, out = Conn(*address), {}
    try:
        for path in paths:
            reply = await conn.get(path)
            gz = reply.headers.get("content-encoding") == "gzip"
            out[path] = gzip.decompress(reply.body) if gz else reply.body
    finally:
        await conn.close()
    return out


def http_stack() -> str:
    """Which HTTP parser and event loop uvicorn picks in this environment ("auto")."""
    found = {name: importlib.util.find_spec(name) is not None for name in ("httptools", "uvloop")}
    return (f"HTTP {'httptools' if found['httptools'] else 'h11'}, loop "
            f"{'uvloop' if found['uvloop'] else 'asyncio'}")


def bench_shop(work: Path, say: Say, *, quick: bool,
               scale: dict[str, int] | None = None) -> ShopRuns:
    """Load the catalogue, run both servers, weigh the pages."""
    runs = ShopRuns(runs=RUNS["quick" if quick else "full"])
    scale = scale or (QUICK if quick else FULL)
    r = runs.runs
    with database(work, "shop") as db:
        runs.db_kind = db.kind
        say(f"shop: {scale['products']:,} products of {scale['businesses']:,} businesses into "
            f"{db.kind} (photos included: this takes a minute on the full scale)")
        runs.catalog = cat = load_catalog(db.url, scale)
        say(f"shop: loaded in {cat.seconds:.0f} s; server with {WORKERS} workers, page cache on")
        page_kinds = kinds(cat.categories, cat.search_terms)
        with ServerProcess(db, work / "server-shop.log", workers=WORKERS) as server:
            runs.cached = asyncio.run(drive(server.address, page_kinds, per_kind=r["per_kind"],
                                            rounds=r["rounds"], warm=r["warm"], say=say))
            say("shop: page weights (a phone's first visit)")
            slugs = cat.heavy_slugs[:r["pages"]]
            runs.home, *runs.products = weigh_pages(server.address,
                                                    ["/", *(f"/produk/{s}" for s in slugs)])
            runs.pages_on = asyncio.run(_pages(server.address, SAME))
        say(f"shop: the same pages with the page cache off, {r['uncached']:,} requests each")
        off = {"LUMBUNG_PAGE_CACHE_SECONDS": "0"}
        with ServerProcess(db, work / "server-shop-off.log", workers=WORKERS, env=off) as server:
            runs.pages_off = asyncio.run(_pages(server.address, SAME))
            runs.uncached = asyncio.run(drive(
                server.address, [k for k in page_kinds if k.name in PAGES],
                per_kind=r["uncached"], rounds=1, warm=1, say=say))
    return runs


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _cache(phase: Phase) -> str:
    total = sum(phase.cache.values()) or 1
    shares = ", ".join(f"{k} {v * 100 / total:.1f}%" for k, v in sorted(phase.cache.items()))
    return (f"{shares}; age of the pages served (Age header) p50 {phase.age(0.5):.0f} s, "
            f"p99 {phase.age(0.99):.0f} s, max {max(phase.ages, default=0):.0f} s")


def latency_rows(runs: ShopRuns) -> list[Result]:
    """p50 and p99 of each page kind at 100 concurrent, beside /healthz on the same server."""
    floor, bare = runs.cached["floor"], runs.cached["framework"]
    base = "`GET /healthz` (SELECT 1), same server, same concurrency"
    where = (f"{runs.db_kind}; `lumbung-server run --workers {WORKERS}` ({http_stack()}); "
             "the load generator shares the 2 cores")
    what = {"home": "`/` home page", "category": "category page `/cari?kategori=…`",
            "search": "search page `/cari?q=…`"}
    rows = []
    for name in PAGES:
        got = runs.cached[name]
        n = f"{len(got.latencies):,}"
        rows.append(Result(
            "k", f"{what[name]}: p50 of {n} requests, {CONCURRENCY} concurrent", "s",
            [got.pct(0.5)], TARGETS["p50_s"], base, [floor.pct(0.5)],
            note=f"{got.rate:,.0f} requests/s ({floor.rate:,.0f}/s for /healthz); "
                 f"{got.errors} errors; page cache: {_cache(got)}; {where}"
                 + (f"; errors: {'; '.join(got.why)}" if got.why else "")))
        rows.append(Result("k", f"{what[name]}: p99", "s", [got.pct(0.99)], TARGETS["p99_s"],
                           base, [floor.pct(0.99)], note=f"max {_ms(max(got.latencies))}"))
    rows.append(Result(
        "k", f"floor without database: an unmatched address (404), p50 at {CONCURRENCY} "
        "concurrent", "s", [bare.pct(0.5)], None, base, [floor.pct(0.5)],
        note=f"p99 {_ms(bare.pct(0.99))} (/healthz {_ms(floor.pct(0.99))}); "
             f"{bare.rate:,.0f} requests/s; routing, middleware and HTTP only"))
    for name in PAGES:
        off, on = runs.uncached[name], runs.cached[name]
        rows.append(Result(
            "k", f"contrast: {what[name]} with the page cache off, p50 of "
                 f"{len(off.latencies):,} at {CONCURRENCY} concurrent", "s", [off.pct(0.5)],
            None, "same page, cache on", [on.pct(0.5)],
            note=f"p99 {_ms(off.pct(0.99))}; {off.rate:,.0f} requests/s; every request "
                 f"queries and renders (LUMBUNG_PAGE_CACHE_SECONDS=0); {off.errors} errors"))
    return rows


def weight_rows(runs: ShopRuns) -> list[Result]:
    """Home and product page weight on a phone's first visit."""
    assert runs.home is not None
    home, products = runs.home, runs.products
    photos = sum(p.url.startswith("/foto/") for p in home.parts)
    rows = [Result("k", f"home page first load on a phone: HTML + {photos} card photos "
                        "+ favicon", "kB", [home.total], TARGETS["home_bytes"],
                   "same page with the 1024 px originals", [home.originals_wire],
                   note=home.describe())]
    if products:
        worst = max(products, key=lambda w: w.total)
        rows.append(Result(
            "k", f"product page first load, heaviest of {len(products)} products with 3 photos",
            "kB", [w.total for w in products], TARGETS["product_bytes"],
            "same pages with the 1024 px originals", [w.originals_wire for w in products],
            aggregate="max",
            note=f"median {statistics.median(w.total for w in products):,.0f} B; heaviest "
                 f"{worst.describe()}"))
    return rows


def _count(html: bytes) -> int | None:
    found = re.search(rb'<p class="kecil">(\d+) produk', html)
    return int(found.group(1)) if found else None


def shop_checks(runs: ShopRuns, checks: dict[str, bool]) -> None:
    """What makes the numbers mean something: real pages, real counts, no errors."""
    cat = runs.catalog
    phases = [*runs.cached.values(), *runs.uncached.values()]
    checks["every storefront request under load answered its status (200; 404 for the "
           "unmatched address)"] = all(p.errors == 0 for p in phases)
    home = runs.pages_on.get("/", b"")
    cards = home.count(b'<li class="kartu">')
    checks[f"home page shows {min(8, cat.promos_today) + 8} product cards (promos and new)"] = (
        cards == min(8, cat.promos_today) + 8)
    checks[f"category page counts the {cat.per_category.get('minuman', 0):,} shown "
           "`minuman` products the loader wrote"] = (
        _count(runs.pages_on.get("/cari?kategori=minuman", b"")) ==
        cat.per_category.get("minuman", 0))
    checks["home, category and search pages from the cache are byte-identical to the same "
           "pages rendered with the cache off"] = (
        bool(runs.pages_on) and runs.pages_on == runs.pages_off)
    weights = [w for w in [runs.home, *runs.products] if w is not None]
    checks["weighed pages and every photo they name answered 200 (image/jpeg)"] = (
        bool(weights) and all(w.ok() for w in weights))


def shop_rows(work: Path, meta: dict[str, object], checks: dict[str, bool], *, quick: bool,
              say: Say) -> list[Result]:
    """Run section (k); its rows, with what they depend on recorded in `meta`."""
    from server.shop.pagecache import DEFAULT_SECONDS, STALE_SECONDS

    runs = bench_shop(work, say, quick=quick)
    shop_checks(runs, checks)
    cat = runs.catalog
    meta["shop"] = {
        "database": runs.db_kind, "businesses": cat.businesses, "products_shown": cat.shown,
        "products_hidden": cat.hidden, "photos": cat.photos, "photo_bytes": cat.photo_bytes,
        "promos_today": cat.promos_today, "search_terms": len(cat.search_terms),
        "load_seconds": round(cat.seconds, 1), "workers": WORKERS, "http": http_stack(),
        "concurrency": CONCURRENCY, "runs": runs.runs, "targets": TARGETS,
        "page_cache_seconds": DEFAULT_SECONDS, "page_cache_stale_seconds": STALE_SECONDS,
        "cache": {name: phase.cache for name, phase in runs.cached.items()},
        "rates": {name: round(phase.rate, 1) for name, phase in runs.cached.items()}}
    return latency_rows(runs) + weight_rows(runs)
