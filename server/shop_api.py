"""The mall's JSON API: products, placing an order, an order's status, a business's orders.

`POST /api/v1/orders` takes JSON only (a cross-site HTML form cannot send it without a CORS
preflight, which this server never grants), so it needs no CSRF token; it shares the HTML
form's rate limits. `GET /api/v1/orders` lists the orders of the business whose device token
is sent (`Authorization: Bearer ...`, as for sync): one business never sees another's.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from protocol.rules import normalize_phone
from server.deps import current_device, db
from server.models import Business, Device
from server.schemas_shop import (
    MyOrdersOut,
    OrderCreated,
    OrderPublic,
    ProductsOut,
    StatsOut,
    shop_problems,
)
from server.shop import catalog
from server.shop.models import ShopOrder, ShopOrderLine
from server.shop.orders import (
    MAX_QTY,
    STATUSES,
    OrderRefused,
    business_orders,
    find_order,
    lines_of,
    order_lines,
    place_order,
)
from server.shop.web import client_ip, lookup_limit, shop_limits

router = APIRouter(prefix="/api/v1", tags=["shop"])
SessionDep = Annotated[Session, Depends(db)]


class OrderIn(BaseModel):
    """A buyer's order; `unit_price` (sen), when sent, must be the price shown to the buyer."""

    model_config = ConfigDict(extra="forbid")
    product_id: str = Field(min_length=1, max_length=36)
    qty: int = Field(ge=1, le=MAX_QTY)
    buyer_name: str = Field(max_length=200)
    buyer_phone: str = Field(max_length=40)
    address: str = Field(max_length=1000)
    payment_method: Literal["transfer", "qris", "cod"]
    unit_price: int | None = Field(default=None, ge=0, le=10**15)


def _refused(status: int, message: str, field: str = "") -> JSONResponse:
    return JSONResponse({"detail": message, **({"field": field} if field else {})},
                        status_code=status)


@router.get("/products", summary="Products on the mall, searched and filtered",
            response_model=ProductsOut, responses=shop_problems(422))
def products(session: SessionDep, q: Annotated[str, Query(max_length=100)] = "",
             category: Annotated[str, Query(max_length=30)] = "",
             kecamatan: Annotated[str, Query(max_length=120)] = "",
             desa: Annotated[str, Query(max_length=120)] = "",
             limit: Annotated[int, Query(ge=1, le=100)] = 24,
             offset: Annotated[int, Query(ge=0, le=100_000)] = 0) -> dict[str, Any]:
    filters = catalog.Filters(q=q, category=category, kecamatan=kecamatan, desa=desa)
    found, total = catalog.search_products(session, filters, limit=limit, offset=offset)
    today = dt.date.today()
    return {"items": [{"id": p.id, "slug": p.slug, "title": p.title,
                       "price": catalog.price_on(p, today), "business": p.seller,
                       "kecamatan": p.kecamatan} for p in found],
            "total": total}


@router.post("/orders", status_code=201, summary="Place an order (JSON)",
             responses={201: {"model": OrderCreated, "description": "The order is placed"},
                        **shop_problems(400, 404, 409, 422, 429)})
def create_order(body: OrderIn, request: Request, session: SessionDep) -> JSONResponse:
    limits = shop_limits(request)  # per address: counted before the body (server/limits.py)
    phone = normalize_phone(body.buyer_phone)
    if phone is not None and not limits.order_phone.hit(phone):
        return _refused(429, "Terlalu banyak pesanan dengan nomor HP ini; coba lagi dalam satu jam")
    try:
        order = place_order(session, product_id=body.product_id, qty=body.qty,
                            buyer_name=body.buyer_name, buyer_phone=body.buyer_phone,
                            address=body.address, payment_method=body.payment_method,
                            seen_price=body.unit_price)
    except OrderRefused as refused:
        session.rollback()
        return _refused(refused.status, refused.message, refused.field)
    session.commit()
    return JSONResponse({"code": order.code, "status": order.status, "total": order.total},
                        status_code=201)


def _public(order: ShopOrder, lines: list[ShopOrderLine]) -> dict[str, Any]:
    return {"lines": [{"product_id": line.product_id, "title": line.title, "qty": line.qty,
                       "unit_price": line.unit_price, "total": line.total} for line in lines],
            "code": order.code, "status": order.status,
            "status_label": STATUSES.get(order.status, order.status),
            "product_id": order.product_id, "title": order.title, "qty": order.qty,
            "unit_price": order.unit_price, "total": order.total,
            "payment_method": order.payment_method, "paid": order.paid,
            "created_at": order.created_at.isoformat(),
            "updated_at": order.updated_at.isoformat()}


@router.get("/orders/{code}", summary="An order's status, for the buyer's phone number",
            responses={200: {"model": OrderPublic, "description": "The order"},
                       **shop_problems(404, 422, 429)})
def order_status(code: str, request: Request, session: SessionDep,
                 phone: Annotated[str, Query(max_length=40)] = "") -> JSONResponse:
    if not lookup_limit(request).hit(client_ip(request)):
        return _refused(429, "Terlalu banyak percobaan; coba lagi dalam satu jam")
    order = find_order(session, code[:12], phone)
    if order is None:
        return _refused(404, "Kode pesanan atau nomor HP tidak cocok")
    return JSONResponse(_public(order, order_lines(session, order)))


@router.get("/shop/stats", summary="This business's products: views per day, orders, curation",
            response_model=StatsOut, responses=shop_problems(401, 422))
def my_stats(device: Annotated[Device, Depends(current_device)], session: SessionDep,
             days: Annotated[int, Query(ge=1, le=365)] = 30) -> dict[str, Any]:
    return {"items": [{"id": p.id, "slug": p.slug, "title": p.title, "curation": p.curation,
                       "curation_reason": p.curation_reason, "views": p.views,
                       "orders": p.orders, "views_by_day": per_day}
                      for p, per_day in catalog.business_views(session, device.business_id,
                                                               days=days)]}


@router.get("/orders", summary="This business's orders (device token)",
            response_model=MyOrdersOut, responses=shop_problems(401, 422))
def my_orders(device: Annotated[Device, Depends(current_device)], session: SessionDep,
              status: Annotated[str, Query(max_length=12)] = "",
              limit: Annotated[int, Query(ge=1, le=500)] = 100,
              offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> dict[str, Any]:
    business = session.get(Business, device.business_id)
    assert business is not None
    orders = business_orders(session, business.id, status=status or None, limit=limit,
                             offset=offset)
    lines = lines_of(session, [o.id for o in orders])
    return {"business": business.slug,
            "items": [{**_public(o, lines.get(o.id, [])), "id": o.id, "sku": o.sku,
                       "buyer_name": o.buyer_name, "buyer_phone": o.buyer_phone,
                       "address": o.address,
                       "status_note": o.status_note} for o in orders]}
