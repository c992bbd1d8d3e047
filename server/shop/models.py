"""The mall's shop tables: projections of synced listings, and what buyers create.

`product` and `product_photo` are rebuilt from the merged `entity` rows (server/shop/project.py)
and never edited by hand; `shop_order`, `product_question` and the daily view counts are made
on the server. Money is integer sen everywhere.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, LargeBinary, Text
from sqlmodel import Field, SQLModel

from server.models import utcnow


class Product(SQLModel, table=True):
    """A listing as the storefront shows it: one row per listing, found by slug or id."""

    id: str = Field(primary_key=True, max_length=36)             # the listing's uuid
    business_id: str = Field(foreign_key="business.id", index=True, max_length=36)
    slug: str = Field(unique=True, max_length=120)                # the mall's address, kept
    sku: str = Field(default="", max_length=60)
    item_id: str = Field(default="", max_length=36)
    title: str = Field(default="", max_length=200)
    description: str = Field(default="", sa_column=Column(Text, nullable=False))
    category: str = Field(default="lainnya", index=True, max_length=30)
    price: int = Field(default=0, sa_column=Column(BigInteger, nullable=False))
    promo_price: int | None = Field(default=None, sa_column=Column(BigInteger))
    promo_start: str | None = Field(default=None, max_length=10)
    promo_end: str | None = Field(default=None, max_length=10)
    weight_grams: int = 0
    return_policy: str = Field(default="", sa_column=Column(Text, nullable=False))
    certificates: str = Field(default="[]", max_length=200)      # JSON list
    photos: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON sha256s
    stock_qty: int | None = None                                  # None: the desktop sent none
    published: bool = False
    curation: str = Field(default="draf", index=True, max_length=10)
    curation_reason: str = Field(default="", max_length=500)
    shown_hash: str = Field(default="", max_length=64)
    seller: str = Field(default="", max_length=200)               # the profile's name
    desa: str = Field(default="", max_length=120)
    kecamatan: str = Field(default="", index=True, max_length=120)
    kabupaten: str = Field(default="", max_length=120)
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False))
    views: int = 0
    orders: int = 0
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    approved_at: dt.datetime | None = None


class ProductPhoto(SQLModel, table=True):
    """A listing photo (the desktop's JPEG, ≤1024 px) by sha256; smaller copies made once."""

    __tablename__ = "product_photo"
    sha256: str = Field(primary_key=True, max_length=64)
    business_id: str = Field(foreign_key="business.id", index=True, max_length=36)
    jpeg: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    width: int = 0
    height: int = 0
    thumb: bytes | None = Field(default=None, sa_column=Column(LargeBinary))           # 320 px
    mini: bytes | None = Field(default=None, sa_column=Column(LargeBinary))            # 160 px


class ProductViewDay(SQLModel, table=True):
    """How many times a product page was opened on one day (no visitor is identified)."""

    __tablename__ = "product_view_day"
    product_id: str = Field(primary_key=True, foreign_key="product.id", max_length=36)
    day: dt.date = Field(primary_key=True)
    views: int = 0


class ShopOrder(SQLModel, table=True):
    """A buyer's order: made here, pulled by the seller's desktop as an `order` change. Its
    products are its `shop_order_line` rows; the columns below hold the first line's and the
    whole order's total."""

    __tablename__ = "shop_order"
    id: str = Field(primary_key=True, max_length=36)
    code: str = Field(unique=True, max_length=12)
    business_id: str = Field(foreign_key="business.id", index=True, max_length=36)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=36)
    sku: str = Field(default="", max_length=60)
    title: str = Field(default="", max_length=200)
    qty: int
    unit_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    total: int = Field(sa_column=Column(BigInteger, nullable=False))
    buyer_name: str = Field(max_length=100)
    buyer_phone: str = Field(index=True, max_length=20)
    address: str = Field(max_length=500)
    payment_method: str = Field(max_length=10)
    status: str = Field(default="baru", max_length=12)
    status_note: str = Field(default="", max_length=500)
    paid: bool = False                                            # the owner says money came
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ShopOrderLine(SQLModel, table=True):
    """One product of an order, in the buyer's order; a one-product order has one line, and
    the order row keeps its first line's product, sku, title, qty and price as before."""

    __tablename__ = "shop_order_line"
    order_id: str = Field(primary_key=True, foreign_key="shop_order.id", max_length=36)
    position: int = Field(primary_key=True)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=36)
    sku: str = Field(default="", max_length=60)
    title: str = Field(default="", max_length=200)
    qty: int
    unit_price: int = Field(sa_column=Column(BigInteger, nullable=False))
    total: int = Field(sa_column=Column(BigInteger, nullable=False))


class ProductQuestion(SQLModel, table=True):
    """A public question on a product, and the seller's answer once given."""

    __tablename__ = "product_question"
    id: str = Field(primary_key=True, max_length=36)
    product_id: str = Field(foreign_key="product.id", index=True, max_length=36)
    business_id: str = Field(foreign_key="business.id", max_length=36)
    name: str = Field(max_length=60)
    question: str = Field(max_length=1000)
    answer: str = Field(default="", max_length=2000)
    hidden: bool = False
    created_at: dt.datetime = Field(default_factory=utcnow)
    answered_at: dt.datetime | None = None


class ShopSetting(SQLModel, table=True):
    """Server-wide settings kept in the database (the form-signing secret)."""

    __tablename__ = "shop_setting"
    key: str = Field(primary_key=True, max_length=40)
    value: str = Field(max_length=200)


class RateCount(SQLModel, table=True):
    """Events per key in one fixed window (orders, questions, lookups), shared by every worker
    process; the key is a hash of the address or phone, and old windows are deleted."""

    __tablename__ = "rate_count"
    bucket: str = Field(primary_key=True, max_length=20)
    key: str = Field(primary_key=True, max_length=32)
    window_start: int = Field(sa_column=Column(BigInteger, primary_key=True))
    hits: int = 0
