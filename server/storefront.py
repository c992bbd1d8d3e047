"""The storefront's pages: home, search and browse, product, seller, FAQ, and photos.

Server-rendered HTML in Bahasa Indonesia, no script, no cookie (forms live in
server/shop_forms.py); a product page view adds one to its counters and nothing else. Home and
search/browse pages are the same for every buyer, so each server process keeps them rendered
for a few seconds (server/shop/pagecache.py); the route itself then touches no database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response
from sqlmodel import Session

from server.deps import db
from server.dinas.ovop import flagship_desa
from server.mall_config import logo_png
from server.models import Business
from server.shop import catalog
from server.shop.orders import available
from server.shop.questions import product_questions
from server.shop.thumbs import SIZES, photo_bytes
from server.shop.web import cached_page, mall, page_cache, render

router = APIRouter(include_in_schema=False)
SessionDep = Annotated[Session, Depends(db)]
PHOTO = re.compile(r"([0-9a-f]{64})(?:-([0-9]{1,5}))?\.jpg")
BOTS = re.compile(r"bot|crawl|spider|slurp|preview", re.IGNORECASE)


def not_found(request: Request, message: str) -> HTMLResponse:
    """The page for an address that shows nothing."""
    return render(request, "galat.html", {"heading": "Tidak ditemukan", "message": message},
                  status=404)


def wa_link(number: str, message: str) -> str:
    """A WhatsApp click-to-chat link with a prefilled message ("" without a number)."""
    return f"https://wa.me/{number}?text={quote(message)}" if number else ""


def places(request: Request, session: Session) -> list[tuple[str, list[str]]]:
    """Kecamatan and desa with products (shared by every list page while it is fresh)."""
    return page_cache(request).remember("places", lambda: catalog.places(session))


@router.get("/")
async def home(request: Request) -> HTMLResponse:
    today = dt.date.today()

    def build(session: Session) -> tuple[str, dict[str, Any]]:
        return "beranda.html", {"promos": catalog.promo_products(session, today),
                                "fresh": catalog.new_products(session),
                                "places": places(request, session)}

    return await cached_page(request, ("home", today), build, today=today)


@router.get("/cari")
async def search(request: Request, q: Annotated[str, Query(max_length=100)] = "",
                 kategori: Annotated[str, Query(max_length=30)] = "",
                 kecamatan: Annotated[str, Query(max_length=120)] = "",
                 desa: Annotated[str, Query(max_length=120)] = "",
                 hal: Annotated[int, Query(ge=1, le=1000)] = 1) -> HTMLResponse:
    today = dt.date.today()
    category = kategori if kategori in catalog.CATEGORIES else ""
    filters = catalog.Filters(q=q, category=category, kecamatan=kecamatan, desa=desa)

    def build(session: Session) -> tuple[str, dict[str, Any]]:
        return "cari.html", search_context(request, session, filters, hal)

    return await cached_page(request, ("cari", today, filters, hal), build, today=today)


def search_context(request: Request, session: Session, filters: catalog.Filters,
                   hal: int) -> dict[str, Any]:
    """What the search and browse page shows for these filters, on page `hal`."""
    q, category, kecamatan, desa = filters.q, filters.category, filters.kecamatan, filters.desa
    products, total = catalog.search_products(session, filters, offset=(hal - 1) * catalog.PAGE)
    heading = f"Hasil pencarian “{q}”" if q.strip() else \
        catalog.CATEGORIES[category] if category else \
        f"Produk Kec. {kecamatan}" if kecamatan else f"Produk Desa {desa}" if desa \
        else "Semua produk"

    def page_url(number: int) -> str:
        params = {k: v for k, v in (("q", q), ("kategori", category), ("kecamatan", kecamatan),
                                    ("desa", desa)) if v}
        return "/cari?" + urlencode({**params, "hal": number})

    return {"heading": heading, "q": q, "category": category, "kecamatan": kecamatan,
            "desa": desa, "products": products, "total": total,
            "places": places(request, session),
            "prev_url": page_url(hal - 1) if hal > 1 else "",
            "next_url": page_url(hal + 1) if hal * catalog.PAGE < total else ""}


@router.get("/produk/{slug}")
def product_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    product = catalog.product_by_slug(session, slug[:120])
    if product is None:
        return not_found(request, "Produk ini tidak ada atau sedang tidak dijual.")
    business = session.get(Business, product.business_id)
    assert business is not None
    today = dt.date.today()
    seller = catalog.seller_card(session, business)
    dims = catalog.photo_sizes(session, catalog.photos_of(product))
    photos = [sha for sha in catalog.photos_of(product) if sha in dims]
    url = str(request.url_for("product_page", slug=product.slug))
    context = {
        "p": product, "seller": seller, "price": catalog.price_on(product, today),
        "promo": catalog.promo_active(product, today), "photos": photos,
        "main_size": _fit(dims[photos[0]]) if photos else (320, 320),
        "certs": json.loads(product.certificates), "left": available(session, product),
        "related": catalog.related_products(session, product),
        "questions": product_questions(session, product.id),
        "unggulan": flagship_desa(session, product.id),
        "wa_link": wa_link(seller["whatsapp"], f"Halo {seller['name']}, saya mau tanya tentang "
                                               f"“{product.title}” di {mall(request).name}: {url}")}
    page = render(request, "produk.html", context)
    if request.method == "GET" and not BOTS.search(request.headers.get("user-agent", "")):
        catalog.count_view(session, product.id, today)
        session.commit()
    return page


def _fit(size: tuple[int, int]) -> tuple[int, int]:
    """The 320 px copy's width and height, from the original's (for the page's layout)."""
    width, height = size
    if not width or not height:
        return 320, 320
    scale = min(1.0, 320 / max(width, height))
    return round(width * scale), round(height * scale)


@router.get("/toko/{slug}")
def seller_page(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    business = catalog.business_by_slug(session, slug[:120])
    if business is None:
        return not_found(request, "Toko ini tidak ada di Mall.")
    if catalog.seller_deactivated(session, business.id):
        return not_found(request, "Toko ini sedang tidak aktif di Mall.")
    seller = catalog.seller_card(session, business)
    return render(request, "toko.html", {
        "seller": seller, "products": catalog.business_products(session, business.id),
        "wa_link": wa_link(seller["whatsapp"], f"Halo {seller['name']}, saya melihat toko Anda "
                                               f"di {mall(request).name}.")})


@router.get("/faq")
def faq(request: Request) -> HTMLResponse:
    return render(request, "faq.html", {})


@router.get("/logo/{sha}.png")
def logo(sha: str, session: SessionDep) -> Response:
    """The mall's logo, as the fresh PNG made when it was set (named by its hash)."""
    png = logo_png(session, sha[:64])
    if png is None:
        return Response(status_code=404)
    return Response(png, media_type="image/png", headers={
        "Cache-Control": "public, max-age=31536000, immutable",
        "X-Content-Type-Options": "nosniff"})


@router.get("/foto/{name}")
def photo(request: Request, name: str, session: SessionDep) -> Response:
    match = PHOTO.fullmatch(name)
    size = int(match.group(2)) if match and match.group(2) else None
    if match is None or (size is not None and size not in SIZES):
        return Response("Foto tidak ditemukan", status_code=404, media_type="text/plain")
    etag = f'"{match.group(1)}-{size or 0}"'
    headers = {"Cache-Control": "public, max-age=31536000, immutable", "ETag": etag,
               "X-Content-Type-Options": "nosniff"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    data = photo_bytes(session, match.group(1), size)
    if data is None:
        return Response("Foto tidak ditemukan", status_code=404, media_type="text/plain")
    return Response(data, media_type="image/jpeg", headers=headers)
