"""The seller's order form (a cart without script): every product of one seller with a
quantity box, the buyer's details once, one order of several lines.

The cart is the form itself: nothing is kept between pages, so it needs no cookie but the
CSRF one (under /toko) and works in any browser. Each product row posts its id, the price
the buyer saw and the quantity, as repeated fields in page order; rows with no quantity are
left out. Every line is checked (for sale, price unchanged, in stock) under the seller's lock,
and a refusal names the product.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from protocol.entities import MAX_ORDER_LINES
from server.deps import db
from server.models import Business
from server.shop import catalog, guard
from server.shop.models import Product
from server.shop.orders import OrderRefused, Want, available, place_cart, priced
from server.shop.web import app_secret, load_app_secret
from server.shop_forms import csrf_passed, form_page, order_key, order_limited, payment_text
from server.storefront import not_found

router = APIRouter(include_in_schema=False, dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
Field = Annotated[str, Form()]
Fields = Annotated[list[str], Form()]
FORM = "keranjang"


def _context(session: Session, business: Business, form: dict[str, Any],
             error: str = "", preview: list[tuple[Product, int, int, int]] | None = None
             ) -> dict[str, Any]:
    seller = catalog.seller_card(session, business)
    today = dt.date.today()
    rows = [{"p": p, "price": catalog.price_on(p, today), "left": available(session, p)}
            for p in catalog.business_products(session, business.id)]
    return {"seller": seller, "rows": rows, "form": form, "error": error,
            "instructions": payment_text(seller), "max_lines": MAX_ORDER_LINES,
            "preview": preview or [], "preview_total": sum(line[3] for line in preview or [])}


def _page(request: Request, session: Session, business: Business, form: dict[str, Any],
          error: str = "", status: int = 200,
          preview: list[tuple[Product, int, int, int]] | None = None) -> HTMLResponse:
    return form_page(request, "keranjang.html", FORM,
                     _context(session, business, form, error, preview), status=status,
                     path="/toko")


@router.get("/toko/{slug}/pesan")
def cart_form(request: Request, slug: str, session: SessionDep, produk: str = "") -> Response:
    business = catalog.business_by_slug(session, slug[:120])
    if business is None:
        return not_found(request, "Toko ini tidak ada di Mall.")
    chosen = catalog.product_by_slug(session, produk[:120]) if produk else None
    qty = {chosen.id: "1"} if chosen is not None and chosen.business_id == business.id else {}
    form = {"qty": qty, "nama": "", "hp": "", "alamat": "", "bayar": ""}
    return _page(request, session, business, form)


def _wants(session: Session, ids: list[str], prices: list[str],
           amounts: list[str]) -> list[Want]:
    """The rows with a quantity, as lines; refused with the product's name when one is not
    a number."""
    if not len(ids) == len(prices) == len(amounts) or len(ids) > 500:
        raise OrderRefused(422, "Formulir tidak lengkap. Muat ulang halaman, lalu isi lagi.")
    wants = []
    for product_id, price, amount in zip(ids, prices, amounts, strict=True):
        text = amount.strip()
        if text in ("", "0"):
            continue
        qty, seen = guard.ascii_int(text, digits=6), guard.ascii_int(price)
        if qty is None or seen is None:
            product = session.get(Product, catalog.plain(product_id)[:36])
            name = product.title if product is not None else "Produk"
            raise OrderRefused(422, f"{name}: jumlah harus angka, misalnya 1 atau 2.", "qty")
        if qty:
            wants.append(Want(catalog.plain(product_id)[:36], qty, seen))
    return wants


def _own(session: Session, business: Business, wants: list[Want]) -> list[Want]:
    """The lines, refused when one names a product that is not this seller's."""
    for want in wants:
        product = session.get(Product, want.product_id)
        if product is None or product.business_id != business.id:
            raise OrderRefused(404, "Ada produk yang tidak ada di toko ini. Muat ulang "
                                    "halaman, lalu isi lagi.")
    return wants


@router.post("/toko/{slug}/pesan")
def cart_post(request: Request, slug: str, session: SessionDep, csrf: Field = "",
              produk: Fields = [], harga: Fields = [], jumlah: Fields = [],  # noqa: B006
              nama: Field = "", hp: Field = "", alamat: Field = "", bayar: Field = "",
              aksi: Field = "") -> Response:
    business = catalog.business_by_slug(session, slug[:120])
    if business is None:
        return not_found(request, "Toko ini tidak ada di Mall.")
    typed = dict(zip(produk, jumlah, strict=False))
    form = {"qty": typed, "nama": nama, "hp": hp, "alamat": alamat, "bayar": bayar}

    def again(status: int, message: str) -> HTMLResponse:
        session.rollback()
        return _page(request, session, business, form, message, status)

    if not csrf_passed(request, csrf, FORM):
        return again(403, "Formulir ini kedaluwarsa atau tidak sah. Periksa isian, lalu kirim "
                          "lagi.")
    if aksi == "hitung":  # the total before ordering, without script
        try:
            wants = _own(session, business, _wants(session, produk, harga, jumlah))
        except OrderRefused as refused:
            return again(refused.status, refused.message)
        products = [session.get(Product, want.product_id) for want in wants]
        return _page(request, session, business, form, preview=priced(
            [p for p in products if p is not None], wants, dt.date.today()))
    if (limited := order_limited(request, hp)) is not None:
        return again(429, limited)
    try:
        wants = _own(session, business, _wants(session, produk, harga, jumlah))
        order = place_cart(session, wants=wants, buyer_name=nama, buyer_phone=hp,
                           address=alamat, payment_method=bayar)
    except OrderRefused as refused:
        return again(refused.status, refused.message)
    session.commit()
    key = order_key(app_secret(request), order.code)
    return RedirectResponse(f"/pesanan/{order.code}?kunci={key}&baru=1", status_code=303)

