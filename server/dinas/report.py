"""What the Dinas pages and exports show: groups, trends, the stage funnel, permit gaps.

Reads only `dinas_business` and `dinas_month` (the mall's own counters: server/dinas/mall.py):
never journal lines, parties or buyers. A group of fewer than `MIN_GROUP` businesses that
are not all at consent `profil` is suppressed, and counted in `suppressed`.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, func, true
from sqlalchemy import select as columns
from sqlmodel import Session, col

from protocol.dinas import MIN_GROUP, SIZE_CLASSES, STAGES
from server.dinas.models import DinasBusiness, DinasMonth
from server.dinas.monthly import Monthly, MonthRow, month_rows

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
        value = self.category if group == "kategori" else self.name if group == "usaha" \
            else getattr(self, group)
        return str(value) or "(kosong)"


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
    business_id: str = ""  # a group of one business (every `usaha` row, unless names repeat)

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
_KEPT: dict[tuple[str, str, str], Kept] = {}
_KEPT_PERIODS = 8
_REFETCH_ALL = 500  # more changed businesses than this: read them all again
_LATE = dt.timedelta(minutes=10)  # a sync's rows are stamped this long before commit at most
_RECHECK_SECONDS = 600.0


@dataclass
class Kept:
    """One period's figures as last read, and what was worked out from them.

    `stamps` is each business's `dinas_business.updated_at` when read: a sync that changes a
    business's Dinas rows changes its stamp, so only those businesses are read again, and
    `derived` (grouped tables, the trend, the permit gaps) is worked out again from memory.
    """

    stamps: dict[str, object]
    people: dict[str, BusinessFigures]
    derived: dict[str, Any] = field(default_factory=dict)
    monthly: Monthly | None = None
    renewed: bool = False  # read again for some changed businesses at least once
    checked: float = 0.0  # when every stamp was last read (time.monotonic)

    def listed(self) -> list[BusinessFigures]:
        if "_list" not in self.derived:
            self.derived["_list"] = sorted(self.people.values(), key=lambda p: p.business_id)
        return list(self.derived["_list"])


def kept(session: Session, *, start: str, end: str) -> Kept:
    """The period's figures, read again only for the businesses whose Dinas rows changed."""
    key = (_engine_key(session), start, end)
    in_request = session.info.setdefault("dinas_kept", {})
    if key in in_request:  # one read of the stamps per request (per session)
        return in_request[key]  # type: ignore[no-any-return]
    found = _KEPT.pop(key, None)  # popped and put back: the least recently used goes first
    stamps = _stamps(session, found)
    if found is None or found.stamps != stamps:
        changed = [b for b, at in stamps.items() if found is None or found.stamps.get(b) != at]
        if found is None or len(changed) > _REFETCH_ALL:
            found = Kept(stamps, {p.business_id: p for p in
                                  _figures(session, start=start, end=end)})
            found.checked = time.monotonic()
        else:
            people = {b: p for b, p in found.people.items() if b in stamps}
            for b in changed:
                people.pop(b, None)
            people.update((p.business_id, p) for p in
                          _figures(session, start=start, end=end, only=changed))
            moved = {*changed, *(set(found.stamps) - set(stamps))}
            if found.monthly is not None:
                found.monthly.renew(session, sorted(moved))
            derived = {k: v.renewed(found.people, people, moved) for k, v in
                       found.derived.items() if isinstance(v, Grouping | GapMap)}
            found = Kept(stamps, people, derived, monthly=found.monthly, renewed=True,
                         checked=found.checked)
    while len(_KEPT) >= _KEPT_PERIODS:
        _KEPT.pop(next(iter(_KEPT)))
    _KEPT[key] = in_request[key] = found
    return found


def _stamps(session: Session, found: Kept | None) -> dict[str, object]:
    """Every consenting business's `updated_at`.

    After a complete read, only the rows stamped since a little before the newest stamp kept
    are read (by index); all of them again when the count shows a business left, and every
    `_RECHECK_SECONDS` in case a sync's transaction committed later than `_LATE` after it
    stamped its rows."""
    stamp = col(DinasBusiness.updated_at)
    if found is not None and found.stamps and \
            time.monotonic() - found.checked < _RECHECK_SECONDS:
        newest: Any = max(found.stamps.values())  # type: ignore[type-var]
        recent = session.execute(columns(col(DinasBusiness.business_id), stamp)
                                 .where(stamp > newest - _LATE)).all()
        stamps = {**found.stamps, **dict(recent)}
        if len(stamps) == session.execute(columns(func.count()).select_from(
                DinasBusiness)).scalar_one():
            return stamps
    if found is not None:
        found.checked = time.monotonic()
    return dict(session.execute(
        columns(col(DinasBusiness.business_id), stamp)).all())


def forget() -> None:
    """Drop every kept period (the next view reads everything again)."""
    _KEPT.clear()


def figures(session: Session, *, start: str, end: str) -> list[BusinessFigures]:
    """Every consenting business with months in [start, end] (YYYY-MM)."""
    return kept(session, start=start, end=end).listed()


def _figures(session: Session, *, start: str, end: str, only: list[str] | None = None
             ) -> list[BusinessFigures]:
    """The period's sums of each business from its running totals: the last month up to `end`
    (which must be ≥ `start`) less the last month before `start`; the state is the last
    month's. Two index look-ups per business on (business_id, month), whatever the period."""
    business = DinasBusiness.__table__.c  # type: ignore[attr-defined]
    month = DinasMonth.__table__.c  # type: ignore[attr-defined]
    last_m = DinasMonth.__table__.alias("last_m")  # type: ignore[attr-defined]
    before_m = DinasMonth.__table__.alias("before_m")  # type: ignore[attr-defined]
    where = [business.business_id.in_(only)] if only is not None else []
    if only == []:
        return []
    if session.get_bind().dialect.name == "postgresql":
        last = columns(month).where(month.business_id == business.business_id,
                                    month.month <= end) \
            .order_by(month.month.desc()).limit(1).lateral("last_m")
        before = columns(month.cum_omzet, month.cum_laba, month.seq).where(
            month.business_id == business.business_id, month.month < start) \
            .order_by(month.month.desc()).limit(1).lateral("before_m")
        joined = DinasBusiness.__table__.join(  # type: ignore[attr-defined]
            last, (last.c.month >= start)).outerjoin(before, true())
        last_c, before_c = last.c, before.c
    else:
        def newest(condition: Any) -> Any:
            return columns(func.max(month.month)).where(
                month.business_id == business.business_id, condition).scalar_subquery()
        joined = DinasBusiness.__table__.join(  # type: ignore[attr-defined]
            last_m, (last_m.c.business_id == business.business_id)
            & (last_m.c.month == newest(month.month <= end)) & (last_m.c.month >= start)
        ).outerjoin(before_m, (before_m.c.business_id == business.business_id)
                    & (before_m.c.month == newest(month.month < start)))
        last_c, before_c = last_m.c, before_m.c
    rows = session.execute(
        columns(*(getattr(business, c) for c in _BUSINESS_COLUMNS),
                last_c.cum_omzet - func.coalesce(before_c.cum_omzet, 0),
                last_c.cum_laba - func.coalesce(before_c.cum_laba, 0),
                last_c.seq - func.coalesce(before_c.seq, 0),
                last_c.aset, last_c.modal, last_c.tenaga_kerja, last_c.kelas, last_c.tahap)
        .select_from(joined).where(*where)).all()
    return [BusinessFigures(business_id=r[0], consent=r[1], name=r[2], nib=r[3], desa=r[4],
                            kecamatan=r[5], category=r[6], profile=r[7], omzet=int(r[8]),
                            laba=int(r[9]), months=int(r[10]), aset=r[11], modal=r[12],
                            tenaga_kerja=r[13], kelas=r[14], tahap=r[15]) for r in rows]


def _engine_key(session: Session) -> str:
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    return str(engine.url)


def summarise(session: Session, *, group: str, start: str, end: str) -> Summary:
    """Figures grouped by `group` (one of GROUPS); `usaha` lists only businesses at profil.

    Kept with the period's figures until a business's Dinas rows change."""
    found = kept(session, start=start, end=end)
    if f"_summary:{group}" not in found.derived:
        found.derived[f"_summary:{group}"] = grouping(
            session, group=group, start=start, end=end).summary(start, end)
    return found.derived[f"_summary:{group}"]  # type: ignore[no-any-return]


def grouping(session: Session, *, group: str, start: str, end: str) -> Grouping:
    """The period's businesses by group (kept and renewed like the figures)."""
    found = kept(session, start=start, end=end)
    if f"_grouping:{group}" not in found.derived:
        found.derived[f"_grouping:{group}"] = Grouping.of(found.listed(), group)
    return found.derived[f"_grouping:{group}"]  # type: ignore[no-any-return]


def grouped(people: list[BusinessFigures], *, group: str, start: str, end: str) -> Summary:
    """The businesses' figures grouped, small groups held back (see `summarise`)."""
    return Grouping.of(people, group).summary(start, end)


@dataclass
class Grouping:
    """The businesses of each group and its row (None: held back), kept so that a sync's
    change to a few businesses works out again only the groups they left or joined."""

    group: str
    buckets: dict[str, dict[str, BusinessFigures]]
    rows: dict[str, Group | None]

    @classmethod
    def of(cls, people: list[BusinessFigures], group: str) -> Grouping:
        made = cls(group, {}, {})
        for p in people:
            if group != "usaha" or p.consent == "profil":
                made.buckets.setdefault(p.key(group), {})[p.business_id] = p
        for key in made.buckets:
            made.rows[key] = _row(key, made.buckets[key])
        return made

    def renewed(self, old: dict[str, BusinessFigures], new: dict[str, BusinessFigures],
                changed: set[str]) -> Grouping:
        """A copy with the `changed` businesses moved from their `old` to their `new` state
        (absent from `new`: gone); the copy shares the groups they did not touch."""
        made = Grouping(self.group, dict(self.buckets), dict(self.rows))
        touched = set()
        for business_id in changed:
            for state, adding in ((old.get(business_id), False), (new.get(business_id), True)):
                if state is None or (self.group == "usaha" and state.consent != "profil"):
                    continue
                key = state.key(self.group)
                if key not in touched:
                    made.buckets[key] = dict(made.buckets.get(key, {}))
                    touched.add(key)
                if adding:
                    made.buckets[key][business_id] = state
                else:
                    made.buckets[key].pop(business_id, None)
        for key in touched:
            if made.buckets[key]:
                made.rows[key] = _row(key, made.buckets[key])
            else:
                del made.buckets[key], made.rows[key]
        return made

    def summary(self, start: str, end: str) -> Summary:
        shown = [row for _key, row in sorted(self.rows.items()) if row is not None]
        return Summary(self.group, start, end, shown, len(self.rows) - len(shown))


def _row(key: str, bucket: dict[str, BusinessFigures]) -> Group | None:
    members = [bucket[b] for b in sorted(bucket)]
    if len(members) < MIN_GROUP and any(m.consent != "profil" for m in members):
        return None
    return _group(key, members)


def _group(key: str, members: list[BusinessFigures]) -> Group:
    if len(members) == 1:  # every `usaha` row: no sums, medians or counters to work out
        m = members[0]
        return Group(key=key, businesses=1, omzet=m.omzet, laba=m.laba, aset=m.aset,
                     tenaga_kerja=m.tenaga_kerja, median_omzet=m.omzet, median_laba=m.laba,
                     kelas={m.kelas: 1} if m.kelas in SIZE_CLASSES else {},
                     tahap={m.tahap: 1} if m.tahap in STAGES else {}, nib=m.nib, modal=m.modal,
                     business_id=m.business_id)
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


def trend(session: Session, *, start: str, end: str) -> list[MonthRow]:
    """Per month: businesses, omzet and laba totals and medians; months under 3 left out.

    Kept with the period's figures. The first view of a period has PostgreSQL work them out;
    once a business's Dinas rows change, every value is kept in memory and a changed
    business's months are taken out and put in again (server/dinas/monthly.py).
    """
    found = kept(session, start=start, end=end)
    if "_trend" not in found.derived:
        if found.monthly is None and not found.renewed and \
                session.get_bind().dialect.name == "postgresql":
            found.derived["_trend"] = month_rows(session, start=start, end=end)
        else:
            if found.monthly is None:
                found.monthly = Monthly.read(session, start=start, end=end)
            found.derived["_trend"] = found.monthly.rows()
    return list(found.derived["_trend"])


def gaps(session: Session, *, start: str, end: str) -> list[tuple[str, str, list[str]]]:
    """`permit_gaps` of the period's businesses, kept like `trend`."""
    found = kept(session, start=start, end=end)
    if "_gaps" not in found.derived:
        known = found.derived.get("_gapmap")
        if known is None:
            known = found.derived["_gapmap"] = GapMap.of(found.listed())
        found.derived["_gaps"] = sorted(known.gaps.values())
    return [(name, desa, list(missing)) for name, desa, missing in found.derived["_gaps"]]


@dataclass
class GapMap:
    """Each business's permit gaps (name, desa, missing), renewed like a `Grouping`."""

    gaps: dict[str, tuple[str, str, tuple[str, ...]]]

    @classmethod
    def of(cls, people: list[BusinessFigures]) -> GapMap:
        return cls({p.business_id: gap for p in people if (gap := _gap(p))})

    def renewed(self, old: dict[str, BusinessFigures], new: dict[str, BusinessFigures],
                changed: set[str]) -> GapMap:
        made = GapMap(dict(self.gaps))
        for business_id in changed:
            made.gaps.pop(business_id, None)
            state = new.get(business_id)
            if state is not None and (gap := _gap(state)):
                made.gaps[business_id] = gap
        return made


def _gap(p: BusinessFigures) -> tuple[str, str, tuple[str, ...]] | None:
    if p.consent != "profil":
        return None
    missing = _missing(p.profile, p.category, p.nib)
    return (p.name, p.desa, missing) if missing else None


def permit_gaps(people: list[BusinessFigures]) -> list[tuple[str, str, list[str]]]:
    """(name, desa, missing) for businesses at profil lacking NIB, P-IRT or halal."""
    return [(name, desa, list(missing)) for name, desa, missing in
            sorted(GapMap.of(people).gaps.values())]


@lru_cache(maxsize=20_000)
def _missing(profile_text: str, category: str, nib: str) -> tuple[str, ...]:
    """The permits a business at profil lacks (read once per distinct profile)."""
    profile = json.loads(profile_text or "{}")
    needed = ["nib"]
    if any(word in category.lower() for word in FOOD_WORDS):
        needed += ["pirt", "halal"]
    return tuple(c for c in needed if not profile.get(f"{c}_no") and not (c == "nib" and nib))
