"""The shop API's answers as models, so `/openapi.json` describes them for a phone app.

As in server/schemas.py, the routes build plain dicts; these document them, and the
schemathesis run checks every answer against them.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

STATUS = Literal["baru", "diterima", "ditolak", "dibayar", "dikirim", "selesai", "dibatalkan"]
PAYMENT = Literal["transfer", "qris", "cod"]


class ShopProblem(BaseModel):
    """A refusal: the reason in Indonesian, and the field it is about when there is one.

    A body that does not fit the request's schema gets FastAPI's list of errors instead.
    """

    detail: str | list[dict[str, Any]]
    field: str | None = None


class ProductItem(BaseModel):
    """A product in a list; `price` is today's price in sen (the promo price while it runs)."""

    id: str
    slug: str
    title: str
    price: int
    business: str
    kecamatan: str


class ProductsOut(BaseModel):
    """One page of products, and how many match in all."""

    items: list[ProductItem]
    total: int


class OrderCreated(BaseModel):
    """A placed order: its code (kept by the buyer) and total in sen."""

    code: str
    status: Literal["baru"]
    total: int


class OrderLinePublic(BaseModel):
    """One product of an order."""

    product_id: str
    title: str
    qty: int
    unit_price: int
    total: int


class OrderPublic(BaseModel):
    """What the buyer may see of an order, given its code and phone number; `product_id`,
    `title`, `qty` and `unit_price` are its first line's, `lines` every product's."""

    code: str
    status: STATUS
    status_label: str
    product_id: str
    title: str
    qty: int
    unit_price: int
    total: int
    payment_method: PAYMENT
    paid: bool
    created_at: str
    updated_at: str
    lines: list[OrderLinePublic]


class OrderOwn(OrderPublic):
    """An order as its seller sees it (device token)."""

    id: str
    sku: str
    buyer_name: str
    buyer_phone: str
    address: str
    status_note: str


class MyOrdersOut(BaseModel):
    """The seller's orders, newest first."""

    business: str
    items: list[OrderOwn]


class ProductStats(BaseModel):
    """One product's curation state and visits (counted per day, never per person)."""

    id: str
    slug: str
    title: str
    curation: str
    curation_reason: str
    views: int
    orders: int
    views_by_day: list[tuple[str, int]] = Field(description="[ISO date, views] per day")


class StatsOut(BaseModel):
    """The seller's products with their visitor statistics."""

    items: list[ProductStats]


_REASONS = {
    400: "The body is not JSON",
    401: "No device token, or a wrong or revoked one",
    404: "No such product, or the order code and phone do not match",
    409: "The product is not on sale, its price changed, or the stock is short",
    422: "A field is missing or not valid (named in `field`)",
    429: "Too many orders or lookups from this network or phone number; try later",
}


def shop_problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    """`responses=` entries for the shop API's refusals."""
    return {code: {"model": ShopProblem, "description": _REASONS[code]} for code in codes}
