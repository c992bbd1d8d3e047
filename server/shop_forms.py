"""The storefront's forms: ordering, asking a question, and looking an order up.

Only these pages set a cookie: the CSRF cookie (HttpOnly, SameSite=Lax, under /produk) that a
post must match with its hidden token. Orders are rate-limited per address and per phone,
questions per address. A refused post shows the form again, filled in, with the reason.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import time
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session, col, select

from protocol.rules import normalize_phone
from server.deps import db
from server.models import Business
from server.shop import catalog, guard
from server.shop.models import Product, ShopOrder
from server.shop.orders import OrderRefused, available, find_order, order_lines, place_order
from server.shop.questions import ask_question
from server.shop.web import app_secret, client_ip, load_app_secret, lookup_limit, mall, render, shop_limits
from server.storefront import not_found, wa_link

router = APIRouter(include_in_schema=False, dependencies=[Depends(load_app_secret)])
SessionDep = Annotated[Session, Depends(db)]
Field = Annotated[str, Form()]
DEFAULT_PAYMENT = {
    "transfer": "Setelah penjual menerima pesanan, nomor rekening dikirim lewat WhatsApp. "
                "Transfer sesuai total, lalu kirim foto bukti transfer ke penjual.",
    "qris": "Setelah penjual menerima pesanan, kode QRIS dikirim lewat WhatsApp. Pindai dengan "
            "aplikasi bank atau dompet digital dan bayar sesuai total.",
    "cod": "Bayar tunai kepada penjual atau kurir saat barang sampai. Siapkan uang pas.",
}
KEY_HOURS = 24
COOKIE_OK = re.compile(r"[A-Za-z0-9_-]{16,64}")


def form_page(request: Request, template: str, form_name: str, context: dict[str, Any], *,
              status: int = 200, path: str = "/produk") -> HTMLResponse:
    """A form page with a CSRF token in `context['csrf']` and its cookie set."""
    cookie = request.cookies.get(guard.CSRF_COOKIE, "")
    if not COOKIE_OK.fullmatch(cookie):
        cookie = guard.new_csrf_cookie()
    context["csrf"] = guard.csrf_token(app_secret(request), cookie, form_name)
    response = render(request, template, context, status=status)
    response.set_cookie(guard.CSRF_COOKIE, cookie, max_age=guard.CSRF_MAX_AGE, path=path,
                        httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


def csrf_passed(request: Request, token: str, form_name: str) -> bool:
    """Whether a post carries the token of the visitor's own form page."""
    return guard.csrf_ok(app_secret(request), request.cookies.get(guard.CSRF_COOKIE), token,
                         form_name)


def order_limited(request: Request, phone_text: str) -> str | None:
    """Count an order against the network's and the phone number's limits; the message for
    the buyer when one is spent (both order forms ask this before placing anything)."""
    limits = shop_limits(request)
    if not limits.order_ip.hit(client_ip(request)):
        return "Terlalu banyak pesanan dari jaringan ini. Coba lagi dalam satu jam."
    phone = normalize_phone(phone_text)
    if phone is not None and not limits.order_phone.hit(phone):
        return ("Terlalu banyak pesanan dengan nomor HP ini. Coba lagi dalam satu jam, atau "
                "hubungi penjual lewat WhatsApp.")
    return None


def payment_text(seller: dict[str, Any]) -> dict[str, str]:
    """How to pay by each method: the seller's own words, else the mall's."""
    return {k: seller["payment"].get(k) or text for k, text in DEFAULT_PAYMENT.items()}


def _order_context(session: Session, product: Product, form: dict[str, str],
                   error: str = "") -> dict[str, Any]:
    business = session.get(Business, product.business_id)
    assert business is not None
    seller = catalog.seller_card(session, business)
    return {"p": product, "seller": seller, "price": catalog.price_on(product, dt.date.today()),
            "left": available(session, product), "form": form, "error": error,
            "instructions": payment_text(seller)}


def _unsold(request: Request, session: Session, slug: str) -> HTMLResponse:
    exists = session.exec(select(Product.id).where(Product.slug == catalog.plain(slug[:120]))
                          ).first()
    if exists is None:
        return not_found(request, "Produk ini tidak ada di Mall.")
    return render(request, "galat.html", {"heading": "Tidak dijual", "message":
                  "Maaf, produk ini sedang tidak dijual di Mall."}, status=409)


@router.get("/produk/{slug}/pesan")
def order_form(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    product = catalog.product_by_slug(session, slug[:120])
    if product is None:
        return _unsold(request, session, slug)
    form = {"jumlah": "1", "nama": "", "hp": "", "alamat": "", "bayar": ""}
    return form_page(request, "pesan.html", "pesan", _order_context(session, product, form))


@router.post("/produk/{slug}/pesan")
def order_post(request: Request, slug: str, session: SessionDep, csrf: Field = "",
               harga: Field = "", jumlah: Field = "", nama: Field = "", hp: Field = "",
               alamat: Field = "", bayar: Field = "") -> Response:
    product = catalog.product_by_slug(session, slug[:120])
    if product is None:
        return _unsold(request, session, slug)
    form = {"jumlah": jumlah, "nama": nama, "hp": hp, "alamat": alamat, "bayar": bayar}

    def again(status: int, message: str) -> HTMLResponse:
        session.rollback()
        fresh = catalog.product_by_slug(session, slug[:120]) or product
        return form_page(request, "pesan.html", "pesan",
                         _order_context(session, fresh, form, message), status=status)

    if not csrf_passed(request, csrf, "pesan"):
        return again(403, "Formulir ini kedaluwarsa atau tidak sah. Periksa isian, lalu kirim "
                          "lagi.")
    if (limited := order_limited(request, hp)) is not None:
        return again(429, limited)
    price, qty = guard.ascii_int(harga), guard.ascii_int(jumlah.strip(), digits=6)
    if price is None or qty is None:
        return again(422, "Jumlah harus angka, misalnya 1 atau 2.")
    try:
        order = place_order(session, product_id=product.id, qty=qty,
                            buyer_name=nama, buyer_phone=hp, address=alamat,
                            payment_method=bayar, seen_price=price)
    except OrderRefused as refused:
        return again(refused.status, refused.message)
    session.commit()
    key = order_key(app_secret(request), order.code)
    return RedirectResponse(f"/pesanan/{order.code}?kunci={key}&baru=1", status_code=303)


def order_key(secret: bytes, code: str, *, now: float | None = None) -> str:
    """A link key that shows an order without its phone for a day (the buyer's own link)."""
    stamp = str(int(time.time() if now is None else now))
    return f"{stamp}.{guard.sign(secret, f'pesanan:{code}:{stamp}')[:32]}"


def _key_ok(secret: bytes, code: str, key: str) -> bool:
    stamp, _, mac = key.partition(".")
    when = guard.ascii_int(stamp, digits=12)
    if when is None or time.time() - when > KEY_HOURS * 3600:
        return False
    return hmac.compare_digest(mac, guard.sign(secret, f"pesanan:{code}:{stamp}")[:32])


def qris_image(payload: str) -> str:
    """The seller's QRIS as a small PNG data URI (about 1 KB), or "" when there is none."""
    if not payload:
        return ""
    import segno

    return str(segno.make_qr(payload, error="m", boost_error=False).png_data_uri(scale=4))


def _order_page(request: Request, session: Session, order: ShopOrder, *, fresh: bool) -> HTMLResponse:
    business = session.get(Business, order.business_id)
    assert business is not None
    seller = catalog.seller_card(session, business)
    instructions = payment_text(seller)[order.payment_method]
    lines = order_lines(session, order)
    what = ", ".join(f"{line.qty} × {line.title}" for line in lines) or order.title
    link = wa_link(seller["whatsapp"], f"Halo {seller['name']}, saya memesan {what} "
                                       f"dengan kode {order.code} di {mall(request).name}.")
    shown = {p.id: p for p in session.exec(select(Product).where(
        col(Product.id).in_([line.product_id for line in lines]), catalog.visible()))}
    qris = qris_image(seller["qris"]) if order.payment_method == "qris" else ""
    return render(request, "pesanan.html", {"order": order, "lines": lines, "shown": shown,
                                            "instructions": instructions, "wa_link": link,
                                            "fresh": fresh, "qris_image": qris,
                                            "seller_name": seller["name"]},
                  headers={"Cache-Control": "no-store"})


@router.get("/pesanan")
def lookup_form(request: Request) -> HTMLResponse:
    return render(request, "pesanan_cari.html", {"code": "", "error": ""})


@router.post("/pesanan")
def lookup(request: Request, session: SessionDep, kode: Field = "",
           hp: Field = "") -> HTMLResponse:
    code = catalog.plain(kode).strip().upper()[:12]
    if not lookup_limit(request).hit(client_ip(request)):
        return render(request, "pesanan_cari.html", {"code": code, "error":
                      "Terlalu banyak percobaan. Coba lagi dalam satu jam."}, status=429)
    order = find_order(session, code, hp)
    if order is None:
        return render(request, "pesanan_cari.html", {"code": code, "error":
                      "Kode pesanan atau nomor HP tidak cocok. Periksa lagi."}, status=404)
    return _order_page(request, session, order, fresh=False)


@router.get("/pesanan/{code}")
def order_status(request: Request, code: str, session: SessionDep, kunci: str = "",
                 baru: str = "") -> HTMLResponse:
    code = catalog.plain(code).strip().upper()[:12]
    if kunci and _key_ok(app_secret(request), code, kunci):
        order = session.exec(select(ShopOrder).where(ShopOrder.code == code)).first()
        if order is not None:
            return _order_page(request, session, order, fresh=baru == "1")
    return render(request, "pesanan_cari.html", {"code": code, "error": ""})


@router.get("/produk/{slug}/tanya")
def question_form(request: Request, slug: str, session: SessionDep) -> HTMLResponse:
    product = catalog.product_by_slug(session, slug[:120])
    if product is None:
        return _unsold(request, session, slug)
    return form_page(request, "tanya.html", "tanya", {"p": product, "error": "",
                                                      "form": {"nama": "", "pertanyaan": ""}})


@router.post("/produk/{slug}/tanya")
def question_post(request: Request, slug: str, session: SessionDep, csrf: Field = "",
                  nama: Field = "", pertanyaan: Field = "") -> Response:
    product = catalog.product_by_slug(session, slug[:120])
    if product is None:
        return _unsold(request, session, slug)
    form = {"nama": nama, "pertanyaan": pertanyaan}

    def again(status: int, message: str) -> HTMLResponse:
        session.rollback()
        return form_page(request, "tanya.html", "tanya", {"p": product, "error": message,
                                                          "form": form}, status=status)

    if not csrf_passed(request, csrf, "tanya"):
        return again(403, "Formulir ini kedaluwarsa atau tidak sah. Kirim lagi.")
    if not shop_limits(request).question_ip.hit(client_ip(request)):
        return again(429, "Terlalu banyak pertanyaan dari jaringan ini. Coba lagi nanti.")
    try:
        ask_question(session, product=product, name=nama, question=pertanyaan)
    except OrderRefused as refused:
        return again(refused.status, refused.message)
    session.commit()
    return RedirectResponse(f"/produk/{product.slug}#tanya-jawab", status_code=303)
