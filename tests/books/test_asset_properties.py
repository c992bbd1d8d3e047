"""Random asset lifecycles (purchase, depreciation, disposal, reversal) equal a from-scratch
recomputation: the register, 15xx, 1509, 5206 and the gain or loss all agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.books.assets import depreciate_month, list_assets
from desktop.books.business import create_business, open_business
from desktop.books.errors import InputError
from desktop.books.ledger import reverse_entry
from tests.books.conftest import PIN, balance, lines_of, post

RP = 100
LATER = dt.date(2031, 1, 1)


@dataclass
class Model:
    """What the books must hold, worked out from the operations alone."""

    cost: int
    life: int
    month: int  # acquisition month index (months since Jan 2026, 0-based)
    ref: str
    deps: dict[int, tuple[str, int]] = field(default_factory=dict)  # month -> (entry ref, sen)
    disposed: str | None = None
    cancelled: bool = False
    back_on: dt.date | None = None  # a cancelled disposal puts the asset back from this day

    def accumulated(self) -> int:
        return sum(amount for _ref, amount in self.deps.values())

    def due(self, month: int) -> int:
        index = month - self.month + 1
        if index < 1 or index > self.life:
            return 0
        remaining = self.cost - self.accumulated()
        monthly = (self.cost // RP // self.life) * RP  # whole rupiah, rounded down here
        if (self.cost // RP) % self.life * 2 >= self.life:  # half up, as rupiah_share does
            monthly += RP
        return remaining if index == self.life else max(min(monthly, remaining), 0)


def day_of(month: int, day: int = 10) -> dt.date:
    return dt.date(2026 + month // 12, month % 12 + 1, day)


OPS = st.lists(st.one_of(
    st.tuples(st.just("buy"), st.integers(1, 40), st.integers(2, 6)),
    st.tuples(st.just("dep"), st.integers(0, 0), st.integers(0, 0)),
    st.tuples(st.just("sell"), st.integers(0, 5), st.integers(0, 60)),
    st.tuples(st.just("undo"), st.integers(0, 5), st.integers(0, 1)),
    st.tuples(st.just("next"), st.integers(0, 0), st.integers(0, 0)),
), min_size=3, max_size=18)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_random_asset_lifecycles_match_a_recomputation(tmp_path_factory: object,
                                                        ops: list[tuple[str, int, int]]) -> None:
    data_dir = Path(tmp_path_factory.mktemp("aset"))  # type: ignore[attr-defined]
    ref = create_business(data_dir, name="Uji Aset", pin=PIN)
    book = open_business(data_dir, ref.id, PIN)
    try:
        run(book, ops)
    finally:
        book.close()


def run(book: object, ops: list[tuple[str, int, int]]) -> None:
    from desktop.books.book import Book

    assert isinstance(book, Book)
    post(book, "setoran-modal", amount=100_000_000, date="2026-01-01")
    assets: list[Model] = []
    month = 0
    for op, a, b in ops:
        live = [m for m in assets if not m.cancelled and m.disposed is None]
        if op == "next":
            month += 1
        elif op == "buy":
            cost = a * 100_000 * RP + 7 * RP
            posted = post(book, "pembelian-aset", amount=str(cost // RP), name=f"A{len(assets)}",
                          account="1503", life_months=b, date=day_of(month).isoformat())
            assets.append(Model(cost, b, month, posted.ref))
        elif op == "dep":
            want = {m.ref: m.due(month) for m in live if month not in m.deps}
            want = {k: v for k, v in want.items() if v > 0}
            try:
                with book.write() as conn:
                    done = depreciate_month(conn, year=2026 + month // 12, month=month % 12 + 1,
                                            device_id=book.device_id, today=LATER)
            except InputError:
                assert not want
                continue
            assert lines_of(book, done.ref)[0][1] == sum(want.values())
            for m in live:
                if m.ref in want:
                    m.deps[month] = (done.ref, want[m.ref])
        elif op == "sell" and live:
            m = live[a % len(live)]
            sell_day = day_of(month, 20)
            late = [r for mo, (r, _x) in m.deps.items() if mo >= month]
            if m.back_on is not None and sell_day < m.back_on:
                late.append("disposed on that day")  # its first disposal was cancelled later
            try:
                sold = post(book, "pelepasan-aset", name=f"A{assets.index(m)}",
                            amount=str(b * 10_000), date=sell_day.isoformat())
            except InputError:
                assert late
                continue
            assert not late
            book_value = m.cost - m.accumulated()
            gain = b * 10_000 * RP - book_value
            got = {acc: dr - cr for acc, dr, cr in lines_of(book, sold.ref)}
            assert -got.get("4202", 0) - got.get("5302", 0) == gain
            m.disposed = sold.ref
        elif op == "undo" and assets:
            m = assets[a % len(assets)]
            target = m.disposed if b and m.disposed else m.ref
            if m.cancelled:
                continue
            try:
                with book.write() as conn:
                    reverse_entry(conn, ref=target, reason="uji", device_id=book.device_id,
                                  date=day_of(month, 28))
            except InputError:
                assert target == m.ref and (m.deps or m.disposed)
                continue
            if target == m.ref:
                assert not m.deps and not m.disposed
                m.cancelled = True
            else:
                m.disposed = None
                m.back_on = day_of(month, 28)
    held = [m for m in assets if not m.cancelled and m.disposed is None]
    register = {a.name: (a.cost, a.accumulated) for a in list_assets(book.conn)}
    assert register == {f"A{assets.index(m)}": (m.cost, m.accumulated()) for m in held}
    assert balance(book, "1503") == sum(m.cost for m in held)
    assert -balance(book, "1509") == sum(m.accumulated() for m in held)
    live_deps = sum(m.accumulated() for m in assets if not m.cancelled)
    assert balance(book, "5206") == live_deps
