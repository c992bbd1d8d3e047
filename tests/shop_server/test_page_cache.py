"""The list pages' cache: same page while nothing changes, a new one as soon as a product does,
stale pages served (and said so) while a background render replaces them."""

from __future__ import annotations

import asyncio
import functools
import gzip

import pytest
from fastapi.testclient import TestClient

from server.shop.pagecache import Page, PageCache
from tests.shop_server.conftest import Mall


def test_home_and_search_are_kept_until_a_product_changes(client: TestClient,
                                                          mall: Mall) -> None:
    made = mall.seller("Keripik Bu Made")
    mall.listing(made, title="Keripik Pisang")
    first = client.get("/")
    again = client.get("/")
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert first.content == again.content and "Keripik Pisang" in again.text
    assert int(again.headers["age"]) <= 5 and again.headers["content-encoding"] == "gzip"
    assert client.get("/cari?q=keripik").headers["x-cache"] == "miss"
    assert client.get("/cari?q=keripik").headers["x-cache"] == "hit"

    listing = mall.listing(made, title="Kopi Robusta", category="minuman")  # a sync's push
    fresh = client.get("/")
    assert fresh.headers["x-cache"] == "miss" and "Kopi Robusta" in fresh.text
    assert "Kopi Robusta" in client.get("/cari?q=kopi").text
    client.get(f"/produk/{mall.product(listing).slug}")  # a view counts, the cache stays
    assert client.get("/").headers["x-cache"] == "hit"


def test_a_client_without_gzip_gets_the_same_page_plain(client: TestClient, mall: Mall) -> None:
    mall.listing(mall.seller("Tenun Ibu Sari"), title="Kain Endek", category="kain-tenun")
    zipped = client.get("/cari?kategori=kain-tenun")
    plain = client.get("/cari?kategori=kain-tenun", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.headers["x-cache"] == "hit"
    assert plain.content == zipped.content and "Kain Endek" in plain.text
    assert plain.headers["content-type"] == "text/html; charset=utf-8"
    assert plain.headers["vary"] == "Accept-Encoding"


def test_the_cache_can_be_turned_off(client: TestClient, mall: Mall,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUMBUNG_PAGE_CACHE_SECONDS", "0")
    mall.listing(mall.seller("Keripik Bu Made"), title="Keripik Pisang")
    assert [client.get("/").headers["x-cache"] for _ in range(2)] == ["off", "off"]


def test_a_stale_page_is_served_while_it_is_rendered_again() -> None:
    clock = [1000.0]
    renders: list[str] = []

    def render(text: str) -> Page:
        renders.append(text)
        return Page.of(text)

    async def scenario() -> list[tuple[str, str, float]]:
        cache, seen = PageCache(seconds=5, clock=lambda: clock[0]), []
        for text, now in (("v1", 1000.0), ("v2", 1004.0), ("v2", 1006.0), ("v3", 1006.0),
                          ("v4", 1100.0)):
            clock[0] = now
            served = await cache.page("home", functools.partial(render, text))
            seen.append((gzip.decompress(served.page.gzipped).decode(), served.origin,
                         served.age))
            while cache.refresher is not None and not cache.refresher.done():
                await asyncio.sleep(0.01)  # the background render of a stale page
        return seen

    seen = asyncio.run(scenario())
    assert seen == [("v1", "miss", 0.0), ("v1", "hit", 4.0), ("v1", "stale", 6.0),
                    ("v2", "hit", 0.0), ("v4", "miss", 0.0)]
    assert renders == ["v1", "v2", "v4"]  # v3 never rendered: v2 was fresh by then
