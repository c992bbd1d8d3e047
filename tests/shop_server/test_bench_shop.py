"""The storefront benchmark's code path (tests/bench, section k) at a tiny scale.

The loader fills a fresh mall database, a real `lumbung-server run` serves it, the load
generator drives every page kind and the page weight counts what a phone downloads. Nothing
here is timed: the assertions are about answers, counts and bytes.
"""

from __future__ import annotations

import asyncio
import gzip
import re
from pathlib import Path

import pytest

from tests.bench.shop_data import TINY, load_catalog
from tests.bench.shop_load import Conn, drive, kinds
from tests.bench.shop_weight import Resources, largest, weigh_pages
from tests.bench.sync_server import Database, ServerProcess
from tests.sync.conftest import db_url  # noqa: F401 - a fresh SQLite or PostgreSQL per test

pytestmark = pytest.mark.slow


def test_srcset_and_linked_resources_are_counted() -> None:
    parser = Resources()
    parser.feed('<link rel="stylesheet" href="/a.css"><img src="/x-160.jpg" '
                'srcset="/x-160.jpg 160w, /x-320.jpg 320w"><script src="/s.js"></script>'
                '<img src="/x-160.jpg"><link rel="canonical" href="/elsewhere">')
    assert parser.urls == ["/a.css", "/x-160.jpg", "/x-320.jpg", "/s.js"]
    assert parser.images == 2 and not parser.has_icon
    assert largest("/a.jpg 1x, /b.jpg 3x, /c.jpg 2x") == "/b.jpg"


def test_loader_load_and_page_weight_on_a_real_server(db_url: str, tmp_path: Path) -> None:  # noqa: F811
    catalog = load_catalog(db_url, TINY)
    assert (catalog.businesses, catalog.shown) == (TINY["businesses"], TINY["products"])
    assert catalog.photos >= catalog.shown and catalog.heavy_slugs
    with ServerProcess(Database(db_url, "test"), tmp_path / "server.log", workers=1) as server:
        home, product = weigh_pages(server.address, ["/", f"/produk/{catalog.heavy_slugs[0]}"])
        results = asyncio.run(drive(server.address, kinds(catalog.categories,
                                                          catalog.search_terms[:10]),
                                    per_kind=20, rounds=2, warm=1, concurrency=5,
                                    say=lambda _text: None))
        category = asyncio.run(Conn(*server.address).get("/cari?kategori=makanan-olahan"))

    # every page kind answered, every request counted
    for name, phase in results.items():
        assert phase.errors == 0 and len(phase.latencies) == 20, (name, phase.why)
    assert sum(results["home"].cache.values()) == 20 and results["home"].cache.get("hit")

    # the home page: HTML in gzip, then each card's photo and the favicon
    cards = home.html_text.count('<li class="kartu">')
    assert home.html.status == 200 and home.html.encoding == "gzip" and cards >= 8
    photos = [p for p in home.parts if p.url.startswith("/foto/")]
    shown = re.findall(r'<img src="([^"]+)"', home.html_text)
    assert home.images == len(shown) == cards and home.ok()
    assert [p.url for p in photos] == list(dict.fromkeys(shown))  # each address once
    assert all(re.fullmatch(r"/foto/[0-9a-f]{64}-160\.jpg", p.url) for p in photos)
    assert all(p.kind == "image/jpeg" and p.body > 2_000 for p in photos)
    assert [p.url for p in home.parts if not p.url.startswith("/foto/")] == ["/favicon.ico"]
    assert home.total == home.html.wire + sum(p.wire for p in home.parts)
    assert home.image_bytes > home.html.wire and home.originals_wire > 5 * home.total

    # a product with 3 photos: the 320 px main photo, the other two small, related cards
    assert product.ok() and product.images >= 3
    assert any(p.url.endswith("-320.jpg") for p in product.parts)
    assert product.originals_wire > product.total

    # a category page counts what the loader wrote for it
    html = gzip.decompress(category.body).decode()
    count = re.search(r'<p class="kecil">(\d+) produk', html)
    assert count and int(count.group(1)) == catalog.per_category.get("makanan-olahan", 0)
