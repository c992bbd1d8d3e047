"""The mall's own sales statistics for the Dinas: product page openings, orders and their
value, per group of consenting businesses, over the chosen months.

Counted from the storefront's own tables only: the daily opening counters
(`product_view_day`, which identify no visitor), and each order's business, time, status and
total (`shop_order`), never its buyer. Refused and cancelled orders are not counted. A group
of fewer than `MIN_GROUP` businesses that are not all at consent `profil` is left out, as in
every other Dinas table.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlmodel import Session, col

from protocol.dinas import MIN_GROUP
from server.dinas import report
from server.dinas.models import DinasBusiness
from server.shop.models import Product, ProductViewDay, ShopOrder

NOT_SOLD = ("ditolak", "dibatalkan")
KEEP_SECONDS = 60.0  # openings are counted all day; the Dinas's table may lag a minute


@dataclass
class MallFigures:
    """One business's, or one group's, mall figures in the period."""

    key: str
    businesses: int = 0
    products: int = 0
    views: int = 0
    orders: int = 0
    value: int = 0  # sen

    def add(self, other: MallFigures) -> None:
        self.businesses += other.businesses
        self.products += other.products
        self.views += other.views
        self.orders += other.orders
        self.value += other.value


_KEPT: dict[tuple[str, str, str], tuple[float, dict[str, MallFigures]]] = {}


def per_business(session: Session, *, start: str, end: str,
                 only: list[str] | None = None) -> dict[str, MallFigures]:
    """business_id -> its figures, for consenting businesses with listings or orders.

    The whole table is kept for `KEEP_SECONDS` per period; `only` reads just those."""
    key = (str(session.get_bind().engine.url), start, end)
    if only is None:
        at, found = _KEPT.get(key, (0.0, {}))
        if found and time.monotonic() - at < KEEP_SECONDS:
            return found
    first = dt.date.fromisoformat(f"{start}-01")
    year, month = int(end[:4]), int(end[5:7])
    after = dt.date(year + month // 12, month % 12 + 1, 1)  # the day after the period
    consenting = columns(col(DinasBusiness.business_id))
    if only is not None:
        consenting = consenting.where(col(DinasBusiness.business_id).in_(only))
    out: dict[str, MallFigures] = {}

    def row(business_id: str) -> MallFigures:
        return out.setdefault(business_id, MallFigures(business_id, businesses=1))

    for business_id, products in session.execute(
            columns(col(Product.business_id), func.count())
            .where(col(Product.business_id).in_(consenting.scalar_subquery()))
            .group_by(col(Product.business_id))):
        row(business_id).products = int(products)
    for business_id, views in session.execute(
            columns(col(Product.business_id), func.sum(ProductViewDay.views))
            .join(Product, col(Product.id) == ProductViewDay.product_id)
            .where(col(ProductViewDay.day) >= first, col(ProductViewDay.day) < after,
                   col(Product.business_id).in_(consenting.scalar_subquery()))
            .group_by(col(Product.business_id))):
        row(business_id).views = int(views or 0)
    since = dt.datetime.combine(first, dt.time(), dt.UTC)
    until = dt.datetime.combine(after, dt.time(), dt.UTC)
    for business_id, orders, value in session.execute(
            columns(col(ShopOrder.business_id), func.count(), func.sum(ShopOrder.total))
            .where(col(ShopOrder.created_at) >= since, col(ShopOrder.created_at) < until,
                   col(ShopOrder.status).not_in(NOT_SOLD),
                   col(ShopOrder.business_id).in_(consenting.scalar_subquery()))
            .group_by(col(ShopOrder.business_id))):
        found_row = row(business_id)
        found_row.orders, found_row.value = int(orders), int(value or 0)
    if only is None:
        if len(_KEPT) >= 8:
            _KEPT.clear()
        _KEPT[key] = (time.monotonic(), out)
    return out


def forget() -> None:
    _KEPT.clear()


def mall_stats(session: Session, *, group: str, start: str, end: str) -> list[MallFigures]:
    """The figures per group of the period's consenting businesses (as `report.summarise`
    groups them); small groups of businesses not all at `profil` are left out."""
    figures = per_business(session, start=start, end=end)
    grouping = report.grouping(session, group=group, start=start, end=end)
    out = []
    for key in sorted(grouping.buckets):
        bucket = grouping.buckets[key]
        members = [(bucket[b].consent, figures[b]) for b in bucket if b in figures]
        if not members or (len(members) < MIN_GROUP and
                           any(consent != "profil" for consent, _f in members)):
            continue
        total = MallFigures(key)
        for _consent, found in members:
            total.add(found)
        out.append(total)
    return out
