"""The Dinas figures kept between views (issue 16's speed): a period's sums from running
totals equal plain sums, and after businesses change, leave or arrive, what is kept and
renewed equals what a fresh read gives, medians included, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import delete
from sqlmodel import Session

from server.app import create_app
from server.dinas import report, warm
from server.dinas.models import DinasBusiness, DinasMonth
from server.models import Business
from tests.sync.conftest import db_url  # noqa: F401 - fixture

MONTHS = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 13)]
PERIODS = [("2025-01", "2026-12"), ("2025-04", "2025-09"), ("2024-01", "2025-02"),
           ("2026-06", "2027-03"), ("2025-07", "2025-07")]
STAMP = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)


@pytest.fixture
def session(db_url: str) -> Iterator[Session]:  # noqa: F811
    app = create_app(db_url)
    with Session(app.state.engine) as made:
        yield made
    report.forget()
    app.state.engine.dispose()


def _put(session: Session, business_id: str, months: dict[str, tuple[int, int]], *,
         tick: int, consent: str = "ringkasan") -> None:
    """A business's Dinas rows as server/dinas/project.py writes them (running totals too)."""
    session.execute(delete(DinasMonth).where(DinasMonth.business_id == business_id))  # type: ignore[arg-type]
    row = session.get(DinasBusiness, business_id) or DinasBusiness(
        business_id=business_id, consent=consent, desa=f"Desa {int(business_id[:1], 16) % 5}",
        kecamatan="Manggis", category="makanan olahan" if tick % 2 else "kain")
    if tick % 3 == 0:  # some at profil, named, some of them lacking a NIB
        row.consent, row.name, row.nib = "profil", f"Usaha {business_id[:6]}", \
            "" if tick % 2 else "1234567890123"
    row.updated_at = STAMP + dt.timedelta(hours=tick)  # hours apart: only the newest read again
    session.add(row)
    cum_omzet = cum_laba = 0
    for seq, month in enumerate(sorted(months), start=1):
        omzet, laba = months[month]
        cum_omzet, cum_laba = cum_omzet + omzet, cum_laba + laba
        session.add(DinasMonth(business_id=business_id, month=month, omzet=omzet, laba=laba,
                               cum_omzet=cum_omzet, cum_laba=cum_laba, seq=seq,
                               tahap="persiapan"))
    session.commit()


def _random_months(rng: random.Random) -> dict[str, tuple[int, int]]:
    chosen = rng.sample(MONTHS, rng.randint(1, len(MONTHS)))  # with gaps
    return {m: (rng.randint(0, 9_000_000), rng.randint(-500_000, 900_000)) for m in chosen}


def _expected(data: dict[str, dict[str, tuple[int, int]]], start: str, end: str
              ) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, int, int, int, int, int]]]:
    """Plain sums per business, and per month (businesses, sums, medians) for 3 or more."""
    sums = {}
    for business_id, months in data.items():
        inside = [v for m, v in months.items() if start <= m <= end]
        if inside:
            sums[business_id] = (sum(v[0] for v in inside), sum(v[1] for v in inside),
                                 len(inside))
    trend = []
    for month in sorted({m for months in data.values() for m in months}):
        values = [months[month] for months in data.values() if month in months]
        if start <= month <= end and len(values) >= 3:
            trend.append((month, len(values), sum(v[0] for v in values),
                          sum(v[1] for v in values),
                          int(statistics.median(v[0] for v in values)),
                          int(statistics.median(v[1] for v in values))))
    return sums, trend


def _seen(session: Session, start: str, end: str, *, check: bool = True
          ) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, int, int, int, int, int]]]:
    session.info.pop("dinas_kept", None)  # a new request
    people = {p.business_id: (p.omzet, p.laba, p.months)
              for p in report.figures(session, start=start, end=end)}
    trend = [(r.month, r.businesses, r.omzet, r.laba, r.median_omzet, r.median_laba)
             for r in report.trend(session, start=start, end=end)]
    fresh = report._figures(session, start=start, end=end) if check else []
    for group in ("kecamatan", "desa", "kategori", "tahap", "usaha") if check else ():
        assert report.summarise(session, group=group, start=start, end=end) == \
            report.grouped(fresh, group=group, start=start, end=end)
    assert not check or report.gaps(session, start=start, end=end) == report.permit_gaps(fresh)
    return people, trend


def test_kept_figures_follow_every_change(session: Session) -> None:
    rng = random.Random(16)
    data: dict[str, dict[str, tuple[int, int]]] = {}
    for tick in range(14):
        business_id = str(uuid.uuid4())
        session.add(Business(id=business_id, name=f"U{tick}", slug=f"u-{tick}",
                             epoch=business_id))
        session.flush()
        data[business_id] = _random_months(rng)
        _put(session, business_id, data[business_id], tick=tick)
    for start, end in PERIODS:
        assert _seen(session, start, end) == _expected(data, start, end)
    tick = 100
    for _ in range(4):  # syncs between views: a back-dated change, a withdrawal, a return
        changed = rng.choice(sorted(data))
        data[changed] = {**data[changed], **_random_months(rng)}
        _put(session, changed, data[changed], tick=(tick := tick + 1))
        gone = rng.choice(sorted(data))
        session.execute(delete(DinasMonth).where(DinasMonth.business_id == gone))  # type: ignore[arg-type]
        session.delete(session.get(DinasBusiness, gone))
        session.commit()
        back = data.pop(gone)
        for start, end in PERIODS:
            assert _seen(session, start, end) == _expected(data, start, end)
        data[gone] = back
        _put(session, gone, back, tick=(tick := tick + 1))
        for start, end in PERIODS:
            assert _seen(session, start, end) == _expected(data, start, end)
    report.forget()
    for start, end in PERIODS:  # and a server just started reads the same
        assert _seen(session, start, end) == _expected(data, start, end)


def test_a_sync_renews_only_the_changed_business(session: Session,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ids = []
    for n in range(5):
        business_id = str(uuid.uuid4())
        session.add(Business(id=business_id, name=f"U{n}", slug=f"u-{n}", epoch=business_id))
        session.flush()
        _put(session, business_id, {"2026-01": (100 * (n + 1), 10)}, tick=n)
        ids.append(business_id)
    _seen(session, "2026-01", "2026-12", check=False)
    asked: list[list[str] | None] = []
    real = report._figures

    def spy(*args: object, only: list[str] | None = None, **kwargs: str
            ) -> list[report.BusinessFigures]:
        asked.append(only)
        return real(*args, only=only, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(report, "_figures", spy)
    assert _seen(session, "2026-01", "2026-12", check=False)[0][ids[2]] == (300, 10, 1)
    assert asked == []  # nothing changed: nothing read again
    _put(session, ids[2], {"2026-01": (999, 10)}, tick=50)
    assert _seen(session, "2026-01", "2026-12", check=False)[0][ids[2]] == (999, 10, 1)
    assert asked == [[ids[2]]]


def test_a_starting_server_works_out_the_default_view_first(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    """server/dinas/warm.py: the twelve months up to today are read before any officer asks,
    and what the first view then gets is what a fresh read gives."""
    assert warm.warm(session.get_bind(), dt.date(2026, 12, 6)) == 0.0  # nobody consented yet
    rng = random.Random(7)
    data = {}
    for tick in range(6):
        business_id = str(uuid.uuid4())
        session.add(Business(id=business_id, name=f"U{tick}", slug=f"u-{tick}",
                             epoch=business_id))
        session.flush()
        data[business_id] = _random_months(rng)
        _put(session, business_id, data[business_id], tick=tick)
    assert warm.default_period(dt.date(2026, 12, 6)) == ("2026-01", "2026-12")
    assert warm.default_period(dt.date(2027, 1, 1)) == ("2026-02", "2027-01")
    assert warm.warm(session.get_bind(), dt.date(2026, 12, 6)) > 0
    reads: list[object] = []
    original, grouped = report._figures, report.Grouping.of
    monkeypatch.setattr(report, "_figures", lambda s, *, start, end, only=None: (
        reads.append((start, end)), original(s, start=start, end=end, only=only))[1])
    monkeypatch.setattr(report.Grouping, "of", lambda people, group: (
        reads.append(group), grouped(people, group))[1])
    assert _seen(session, "2026-01", "2026-12", check=False) == \
        _expected(data, "2026-01", "2026-12")
    for group in report.GROUPS:
        report.summarise(session, group=group, start="2026-01", end="2026-12")
    assert reads == []  # the first view found the period and every grouping worked out
