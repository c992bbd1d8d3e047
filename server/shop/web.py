"""Rendering storefront pages: one Jinja2 environment (autoescaped), filters, safe headers.

Pages load no script, font or third-party resource; the stylesheet is inline and allowed by
its hash in the Content-Security-Policy, so nothing else can run or style the page. List pages
(home, search and browse) go through `cached_page`: rendered once, gzipped once, kept a few
seconds (server/shop/pagecache.py).
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any
from urllib.parse import quote

from babel.dates import format_date
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlmodel import Session

from server.mall_config import DEFAULT, MallConfig, current
from server.shop.catalog import CATEGORIES, CERTIFICATES, photos_of, price_on, promo_active, rupiah
from server.shop.guard import RateLimit, SharedRateLimit, ShopLimits, load_secret
from server.shop.orders import PAYMENT, STATUSES
from server.shop.pagecache import Page, PageCache, configured_seconds

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CSS = (TEMPLATES / "gaya.css").read_text(encoding="utf-8")
HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


@functools.lru_cache(maxsize=8)
def styled(color: str) -> tuple[str, dict[str, str]]:
    """The stylesheet in the mall's colour, and the headers allowing exactly it (its hash in
    the Content-Security-Policy, so nothing else can run or style the page)."""
    css = CSS.replace(DEFAULT.color, color)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    return css, {**HEADERS, "Content-Security-Policy": (
        f"default-src 'none'; img-src 'self'; style-src 'sha256-{digest}'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")}


def mall(request: Request) -> MallConfig:
    """The kabupaten's settings for its mall (name, logo, colour, contact, footer), the same
    for the whole request."""
    config = getattr(request.state, "mall", None)
    if config is None:
        config = request.state.mall = current(request.app.state)
    return config


def load_mall(request: Request) -> None:
    """Router dependency: have the settings read before the route opens its own transaction
    (on SQLite a second session inside a route's write transaction would wait on itself)."""
    mall(request)


def tanggal(value: dt.date | dt.datetime | str | None) -> str:
    """`22 Nov 2026`, as Indonesian readers write dates."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return str(format_date(value, "d MMM y", locale="id_ID"))


def hp(number: str) -> str:
    """`0812-3456-7890` from the stored `6281234567890`, as the owner wrote it on the form;
    anything else as it is."""
    if not (number.startswith("628") and number.isdigit()):
        return number
    local = "0" + number[2:]
    return "-".join(part for part in (local[:4], local[4:8], local[8:]) if part)


def berat(grams: int) -> str:
    """`250 g`, or `1,5 kg` from a kilogram up."""
    if grams >= 1000:
        kilos = f"{grams / 1000:.2f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{kilos} kg"
    return f"{grams} g"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(
        enabled_extensions=("html",), default_for_string=True, default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(rupiah=rupiah, tanggal=tanggal, berat=berat, hp=hp,
                       urlq=lambda s: quote(s, safe=""))
    env.globals.update(CATEGORIES=CATEGORIES, CERTIFICATES=CERTIFICATES, PAYMENT=PAYMENT,
                       STATUSES=STATUSES, photos_of=photos_of, price_on=price_on,
                       promo_active=promo_active)
    return env


ENV = _environment()


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200,
           headers: dict[str, str] | None = None) -> HTMLResponse:
    """A page from `server/templates/`, with the storefront's security headers."""
    config = mall(request)
    css, base = styled(config.color)
    page = ENV.get_template(name).render(request=request, today=dt.date.today(), MALL=config,
                                         CSS=css, **context)
    response = HTMLResponse(page, status_code=status, headers={**base, **(headers or {})})
    return response


Build = Callable[[Session], tuple[str, dict[str, Any]]]


def page_cache(request: Request) -> PageCache:
    """This app's cache of rendered list pages (one per server process)."""
    state = request.app.state
    if getattr(state, "page_cache", None) is None:
        state.page_cache = PageCache(configured_seconds())
    cache: PageCache = state.page_cache
    return cache


async def cached_page(request: Request, key: Hashable, build: Build, *,
                      today: dt.date) -> HTMLResponse:
    """The page `build(session)` names and fills, rendered on a worker thread unless this
    process has it from the last few seconds. `key` must hold everything the page depends on."""
    config = mall(request)
    css, base = styled(config.color)

    def work() -> Page:
        with Session(request.app.state.engine, expire_on_commit=False) as session:
            name, context = build(session)
            return Page.of(ENV.get_template(name).render(request=request, today=today,
                                                         MALL=config, CSS=css, **context))

    served = await page_cache(request).page((key, config), work)
    page = served.page
    headers = {**base, "X-Cache": served.origin, "Age": str(int(served.age))}
    # GZipMiddleware passes an encoded body through as it is, and adds Vary to a plain one
    if "gzip" in request.headers.get("accept-encoding", "").lower():
        return HTMLResponse(page.gzipped, status_code=page.status, headers={
            **headers, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return HTMLResponse(page.html(), status_code=page.status, headers=headers)


def load_app_secret(request: Request) -> None:
    """Router dependency: have the secret loaded before the route opens its own transaction
    (on SQLite a second session inside a route's write transaction would wait on itself)."""
    app_secret(request)


def app_secret(request: Request) -> bytes:
    """The form-signing secret of this app (loaded once per process)."""
    state = request.app.state
    if getattr(state, "shop_secret", None) is None:
        state.shop_secret = load_secret(state.engine)
    secret: bytes = state.shop_secret
    return secret


def client_ip(request: Request) -> str:
    """The address rate limits count by (uvicorn's --proxy-headers sets it behind a proxy)."""
    return request.client.host if request.client else "?"


def shop_limits(request: Request) -> ShopLimits:
    """This app's order and question rate limits (tests may replace `app.state.shop_limits`)."""
    return shop_limits_of(request.app.state)


def shop_limits_of(state: Any) -> ShopLimits:
    """The rate limits kept on an app's `state`."""
    if getattr(state, "shop_limits", None) is None:
        state.shop_limits = ShopLimits()
    limits: ShopLimits = state.shop_limits
    return limits


def lookup_limit(request: Request) -> RateLimit | SharedRateLimit:
    """This app's limit on order look-ups per address (30 an hour)."""
    return shop_limits(request).lookup_ip
