"""What the Dinas pages and exports show: groups, trends, the stage funnel, permit gaps.

Reads only `dinas_business` and `dinas_month` (and the storefront's own product counters):
never journal lines, parties or buyers. A group of fewer than `MIN_GROUP` businesses that
are not all at consent `profil` is suppressed, and counted in `suppressed`.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func
from sqlalchemy import select as columns
from sqlmodel import Session, col

from protocol.dinas import MIN_GROUP, SIZE_CLASSES, STAGES
from server.dinas.models import DinasBusiness, DinasMonth
from server.shop.models import Product

GROUPS = {"kecamatan": "Kecamatan", "desa": "Desa", "kategori": "Kategori",
          "kelas": "Kelas usaha", "tahap": "Tahap e-UMKM", "usaha": "Usaha"}
# Certificates each kind of product needs (the permit-gaps list); every business needs a NIB.
FOOD_WORDS = ("makan", "minum", "kue", "keripik", "kopi", "olahan")


@dataclass
class BusinessFigures:
    """One consenting business over the chosen months: sums, and its latest month's state."""

    business_id: str
    consent: str
    name: str
    nib: str
    desa: str
    kecamatan: str
    category: str
    profile: str
    omzet: int
    laba: int
    months: int
    aset: int
    modal: int
    tenaga_kerja: int
    kelas: str
    tahap: str

    def key(self, group: str) -> str:
        value = {"kategori": self.category, "usaha": self.name}.get(group)
        return (value if value is not None else str(getattr(self, group))) or "(kosong)"


@dataclass
class Group:
    """One row of the summary table."""

    key: str
    businesses: int
    omzet: int
    laba: int
    aset: int
    tenaga_kerja: int
    median_omzet: int
    median_laba: int
    kelas: dict[str, int] = field(default_factory=dict)
    tahap: dict[str, int] = field(default_factory=dict)
    nib: str = ""
    modal: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "businesses": self.businesses, "omzet": rupiah_text(self.omzet),
                "laba": rupiah_text(self.laba), "aset": rupiah_text(self.aset),
                "tenaga_kerja": self.tenaga_kerja, "kelas": self.kelas, "tahap": self.tahap}


@dataclass
class Summary:
    """The grouped figures of a period and how many groups were held back."""

    group: str
    start: str
    end: str
    groups: list[Group]
    suppressed: int

    def as_json(self) -> dict[str, Any]:
        return {"groups": [g.as_json() for g in self.groups], "suppressed": self.suppressed}


def rupiah_text(sen: int) -> str:
    """Money as rupiah in a decimal string ("1500.50"), as the exports carry it."""
    whole, part = divmod(abs(sen), 100)
    return f"{'-' if sen < 0 else ''}{whole}" + (f".{part:02d}" if part else "")


_BUSINESS_COLUMNS = ("business_id", "consent", "name", "nib", "desa", "kecamatan", "category",
                     "profile")
_FIGURES: dict[tuple[object, ...], list[BusinessFigures]] = {}
_TRENDS: dict[tuple[object, ...], list[MonthRow]] = {}
_CACHE_SIZE = 32


def figures(session: Session, *, start: str, end: str) -> list[BusinessFigures]:
    """Every consenting business with months in [start, end] (YYYY-MM).

    Kept per process until a business's Dinas rows change (`_version`): a Dinas officer
    paging through the dashboard does not sum 120,000 months again for every page.
    """
    key = (start, end, *_version(session))
    if key not in _FIGURES:
        if len(_FIGURES) >= _CACHE_SIZE:
            _FIGURES.clear()
        _FIGURES[key] = _figures(session, start=start, end=end)
    return list(_FIGURES[key])


def _figures(session: Session, *, start: str, end: str) -> list[BusinessFigures]:
    in_range = (col(DinasMonth.month) >= start, col(DinasMonth.month) <= end)
    sums = columns(col(DinasMonth.business_id), func.sum(DinasMonth.omzet).label("omzet"),
                   func.sum(DinasMonth.laba).label("laba"), func.count().label("months"),
                   func.max(DinasMonth.month).label("last")).where(*in_range) \
        .group_by(col(DinasMonth.business_id)).subquery()
    rows = session.execute(
        columns(*(getattr(DinasBusiness.__table__.c, c)  # type: ignore[attr-defined]
                  for c in _BUSINESS_COLUMNS),
                sums.c.omzet, sums.c.laba, sums.c.months, col(DinasMonth.aset),
                col(DinasMonth.modal), col(DinasMonth.tenaga_kerja), col(DinasMonth.kelas),
                col(DinasMonth.tahap))
        .join(sums, sums.c.business_id == DinasBusiness.business_id)
        .join(DinasMonth, (col(DinasMonth.business_id) == sums.c.business_id)
              & (col(DinasMonth.month) == sums.c.last))).all()
    return [BusinessFigures(business_id=r[0], consent=r[1], name=r[2], nib=r[3], desa=r[4],
                            kecamatan=r[5], category=r[6], profile=r[7], omzet=int(r[8]),
                            laba=int(r[9]), months=int(r[10]), aset=r[11], modal=r[12],
                            tenaga_kerja=r[13], kelas=r[14], tahap=r[15]) for r in rows]


def _version(session: Session) -> tuple[object, ...]:
    """Changes whenever a business's Dinas rows are rebuilt or removed."""
    count, latest = session.execute(columns(func.count(), func.max(
        col(DinasBusiness.updated_at)))).one()
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return (str(engine.url), count, latest)


def summarise(session: Session, *, group: str, start: str, end: str) -> Summary:
    """Figures grouped by `group` (one of GROUPS); `usaha` lists only businesses at profil."""
    return grouped(figures(session, start=start, end=end), group=group, start=start, end=end)


def grouped(people: list[BusinessFigures], *, group: str, start: str, end: str) -> Summary:
    """The businesses' figures grouped, small groups held back (see `summarise`)."""
    if group == "usaha":
        people = [p for p in people if p.consent == "profil"]
    buckets: dict[str, list[BusinessFigures]] = {}
    for p in people:
        buckets.setdefault(p.key(group), []).append(p)
    shown, suppressed = [], 0
    for key in sorted(buckets):
        members = buckets[key]
        if len(members) < MIN_GROUP and any(m.consent != "profil" for m in members):
            suppressed += 1
            continue
        shown.append(_group(key, members))
    return Summary(group, start, end, shown, suppressed)


def _group(key: str, members: list[BusinessFigures]) -> Group:
    kelas = Counter(m.kelas for m in members)
    tahap = Counter(m.tahap for m in members)
    return Group(
        key=key, businesses=len(members), omzet=sum(m.omzet for m in members),
        laba=sum(m.laba for m in members), aset=sum(m.aset for m in members),
        tenaga_kerja=sum(m.tenaga_kerja for m in members),
        median_omzet=int(statistics.median(m.omzet for m in members)),
        median_laba=int(statistics.median(m.laba for m in members)),
        kelas={k: kelas[k] for k in SIZE_CLASSES if kelas[k]},
        tahap={t: tahap[t] for t in STAGES if tahap[t]},
        nib=members[0].nib if len(members) == 1 else "",
        modal=sum(m.modal for m in members))


@dataclass
class MonthRow:
    """The kabupaten's total and median of one month (suppressed under MIN_GROUP)."""

    month: str
    businesses: int
    omzet: int
    laba: int
    median_omzet: int
    median_laba: int


def trend(session: Session, *, start: str, end: str) -> list[MonthRow]:
    """Per month: businesses, omzet and laba totals and medians; months under 3 left out.

    On PostgreSQL the medians are computed in the database (`percentile_cont`), elsewhere
    from the rows.
    """
    key = (start, end, *_version(session))
    if key not in _TRENDS:
        if len(_TRENDS) >= _CACHE_SIZE:
            _TRENDS.clear()
        _TRENDS[key] = _trend(session, start=start, end=end)
    return list(_TRENDS[key])


def _trend(session: Session, *, start: str, end: str) -> list[MonthRow]:
    where = (col(DinasMonth.month) >= start, col(DinasMonth.month) <= end)
    if session.get_bind().dialect.name == "postgresql":
        median = func.percentile_cont(0.5).within_group
        found = session.execute(
            columns(col(DinasMonth.month), func.count(), func.sum(DinasMonth.omzet),
                    func.sum(DinasMonth.laba), median(col(DinasMonth.omzet)).label("mo"),
                    median(col(DinasMonth.laba)).label("ml"))
            .where(*where).group_by(col(DinasMonth.month)).order_by(col(DinasMonth.month))
            .having(func.count() >= MIN_GROUP)).all()
        return [MonthRow(m, int(n), int(o), int(la), int(mo), int(ml))
                for m, n, o, la, mo, ml in found]
    rows = session.execute(columns(col(DinasMonth.month), col(DinasMonth.omzet),
                                   col(DinasMonth.laba)).where(*where)).all()
    by_month: dict[str, list[tuple[int, int]]] = {}
    for month, omzet, laba in rows:
        by_month.setdefault(month, []).append((omzet, laba))
    out = []
    for month in sorted(by_month):
        values = by_month[month]
        if len(values) < MIN_GROUP:
            continue
        out.append(MonthRow(month, len(values), sum(v[0] for v in values),
                            sum(v[1] for v in values),
                            int(statistics.median(v[0] for v in values)),
                            int(statistics.median(v[1] for v in values))))
    return out


def permit_gaps(people: list[BusinessFigures]) -> list[tuple[str, str, list[str]]]:
    """(name, desa, missing) for businesses at profil lacking NIB, P-IRT or halal."""
    gaps = []
    for p in people:
        if p.consent != "profil":
            continue
        profile = json.loads(p.profile or "{}")
        needed = ["nib"]
        if any(word in p.category.lower() for word in FOOD_WORDS):
            needed += ["pirt", "halal"]
        missing = [c for c in needed if not profile.get(f"{c}_no") and not (c == "nib" and p.nib)]
        if missing:
            gaps.append((p.name, p.desa, missing))
    return sorted(gaps)


def mall_stats(session: Session, people: list[BusinessFigures], *, group: str
               ) -> list[tuple[str, int, int, int]]:
    """(key, products, views, orders) of the mall's own counters, by group; small groups out."""
    by_business = {p.business_id: p for p in people}
    if not by_business:
        return []
    rows = session.execute(
        columns(col(Product.business_id), func.count(), func.sum(Product.views),
                func.sum(Product.orders))
        .join(DinasBusiness, col(DinasBusiness.business_id) == Product.business_id)
        .group_by(col(Product.business_id))).all()
    buckets: dict[str, list[tuple[BusinessFigures, int, int, int]]] = {}
    for business_id, products, views, orders in rows:
        p = by_business.get(business_id)
        if p is None:
            continue  # consenting, but without months in the period
        buckets.setdefault(p.key(group), []).append((p, products, int(views or 0),
                                                     int(orders or 0)))
    out = []
    for key in sorted(buckets):
        members = buckets[key]
        if len(members) < MIN_GROUP and any(m[0].consent != "profil" for m in members):
            continue
        out.append((key, sum(m[1] for m in members), sum(m[2] for m in members),
                    sum(m[3] for m in members)))
    return out
