"""Property: random multi-line sales and purchases, returns of some lines and cancellations of
whole notas, typed in any date order, keep stock, HPP and the statements equal to a plain
recomputation (tests/books/multiline_model.py).

Each operation goes through the forms the CLI uses (`post_tx` with `--line` texts, `--of` for
returns, `reverse_entry` for batal). The model also says whether the books should accept it;
a refusal the model does not expect, or an acceptance it does not, fails the test.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from hypothesis import HealthCheck, event, given, note, settings
from hypothesis import strategies as st

from desktop.books.book import Book
from desktop.books.errors import UserFacingError
from desktop.books.forms import TxInput, post_tx
from desktop.books.ids import new_id
from desktop.books.ledger import reverse_entry
from desktop.books.parties import list_parties
from desktop.books.reports.statements import (
    CURRENT_RESULT,
    laba_rugi,
    neraca_saldo,
    posisi_keuangan,
)
from desktop.books.reports.stock_report import kartu_stok
from desktop.books.stock import add_item, get_item, stock_level
from tests.books.multiline_model import (
    BUY,
    CASH,
    CUSTOMER_ADVANCE,
    DISCOUNTS,
    PAYABLE,
    PURCHASE_RETURN,
    RECEIVABLE,
    SALE_KINDS,
    SALES,
    SALES_RETURN,
    SUPPLIER_ADVANCE,
    Entry,
    Model,
    Move,
    half_away,
    line_total,
    rupiah_part,
)
from tests.books.test_properties import fresh_book, money, qty_text

START = dt.date(2026, 1, 1)
DAYS = 75
END = dt.date(2026, 12, 31)
CAPITAL = 50_000_000_00
# sku -> (stock account, sell price in sen; 0 = none, a sale line must give its price)
ITEMS = {"KRP": ("1301", 12_500_00), "GULA": ("1302", 0), "SBL": ("1301", 15_000_00)}
SKUS = tuple(ITEMS)
PARTIES = ("Warung Sari", "UD Tani Makmur")
SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

QTY = st.one_of(st.integers(1, 8).map(lambda n: n * 1000), st.integers(1, 9_999))
PRICE = st.integers(1, 400).map(lambda n: n * 250_00)
LINE = st.tuples(st.integers(0, len(SKUS)), QTY, st.one_of(st.none(), PRICE),
                 st.sampled_from((0, 0, 0, 1, 2, 4, 8)))
# (sku index, the last meaning a service line; qty; price, None for the item's; eighths off)


@dataclass(frozen=True)
class Nota:
    """A sale or purchase of several lines; `discount` is in fortieths of the lines' total."""

    buy: bool
    day: int
    lines: list[tuple[int, int, int | None, int]]
    discount: int
    via: str
    party: bool


@dataclass(frozen=True)
class Return:
    """Return part of the pick-th nota (modulo): of one of its items, some days after it."""

    buy: bool
    pick: int
    item: int
    part: int        # 0 = what is left, else that many of 4 quarters of what is left
    after: int
    amount: int | None
    via: str | None


@dataclass(frozen=True)
class Cancel:
    """Cancel the pick-th entry (modulo), on its own day or some days after it."""

    pick: int
    after: int | None


@dataclass(frozen=True)
class Pay:
    """The customer pays (or the business pays its supplier) quarters of what is owed; above
    four quarters the excess becomes uang muka."""

    buy: bool
    day: int
    quarters: int


NOTAS = st.builds(Nota, st.booleans(), st.integers(0, DAYS), st.lists(LINE, min_size=1,
                                                                         max_size=4),
                  st.integers(0, 4), st.sampled_from(("kas", "bank", "qris", "kredit")),
                  st.booleans())
RETURNS = st.builds(Return, st.booleans(), st.integers(0, 50), st.integers(0, 3),
                    st.integers(0, 4), st.integers(0, 10),
                    st.one_of(st.none(), st.integers(0, 40_000).map(lambda n: n * 100_00)),
                    st.sampled_from((None, "kas", "bank", "qris", "on-account")))
CANCELS = st.builds(Cancel, st.integers(0, 50), st.one_of(st.none(), st.integers(0, 5)))
PAYS = st.builds(Pay, st.booleans(), st.integers(0, DAYS), st.integers(1, 6))
OPS = st.lists(st.one_of(NOTAS, NOTAS, NOTAS, RETURNS, RETURNS, CANCELS, PAYS), min_size=3,
               max_size=20)


class Player:
    """Types each operation into the books and into the model; they must agree on refusals."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.model = Model({sku: account for sku, (account, _p) in ITEMS.items()})
        posted = post_tx(book, TxInput(type="setoran-modal", date=START.isoformat(),
                                       amount=money(CAPITAL)))
        self.model.add(Entry(posted.ref, posted.entry_id, "setoran-modal", START,
                             {"1101": CAPITAL, "3101": -CAPITAL}))

    def play(self, op: Nota | Return | Cancel | Pay) -> None:
        if isinstance(op, Nota):
            self.nota(op)
        elif isinstance(op, Return):
            self.retur(op)
        elif isinstance(op, Pay):
            self.pay(op)
        else:
            self.cancel(op)

    def expect(self, ok: bool, tx: TxInput | None, make: object, why: str = "",
               cancel: tuple[str, dt.date | None] | None = None) -> None:
        """Post through the books; the model's verdict must match the books'."""
        try:
            if cancel is not None:
                with self.book.write() as conn:
                    posted = reverse_entry(conn, ref=cancel[0], reason="salah catat",
                                           device_id=self.book.device_id, date=cancel[1])
            else:
                assert tx is not None
                posted = post_tx(self.book, tx)
        except UserFacingError as exc:
            event(f"refused {type(tx).__name__ if tx else 'cancel'} {tx.type if tx else ''}")
            assert not ok, f"refused but the model accepts: {exc} ({tx or cancel})"
            return
        event(f"posted {tx.type if tx else 'cancel'}")
        assert ok, f"accepted but the model refuses ({why}): {tx or cancel}"
        self.model.add(make(posted.ref, posted.entry_id))  # type: ignore[operator]

    # --- notas ---------------------------------------------------------------------------

    def nota(self, op: Nota) -> None:
        day = START + dt.timedelta(days=op.day)
        texts, lines = [], []
        for n, (index, qty, price, eighths) in enumerate(op.lines):
            sku = SKUS[index] if index < len(SKUS) else None
            if op.buy and sku is None:
                sku = SKUS[n % len(SKUS)]
            if price is None and (op.buy or sku is None or not ITEMS[sku][1]):
                price = 1_000_00 * (n + 1)
            unit = price if price is not None else ITEMS[sku][1]  # type: ignore[index]
            gross = line_total(qty, unit, 0)
            off = half_away(gross * eighths, 8 * 100) * 100
            head = sku if sku is not None else f"*Ongkos kirim {n}"
            texts.append(f"{head}:{qty_text(qty)}" + (f"@{money(price)}" if price is not None
                                                      else "") + (f"-{money(off)}" if off
                                                                  else ""))
            lines.append((sku, qty, line_total(qty, unit, off), off))
        subtotal = sum(total for _s, _q, total, _o in lines)
        discount = half_away(subtotal * op.discount, 40 * 100) * 100
        total = subtotal - discount
        party = PARTIES[1 if op.buy else 0] if op.party or op.via == "kredit" else None
        if op.buy:
            via = "utang" if op.via == "kredit" else ("kas" if op.via == "qris" else op.via)
            kind, debit = BUY, (PAYABLE if via == "utang" else CASH[via])
        else:
            via = "kas" if op.via == "kredit" else op.via
            kind = "penjualan-kredit" if op.via == "kredit" else "penjualan-tunai"
            debit = RECEIVABLE if op.via == "kredit" else CASH[via]
        tx = TxInput(type=kind, date=day.isoformat(), lines=texts, via=via, party=party,
                     discount=money(discount) if discount else None)
        shares = self.shares(lines, discount)
        moves = [Move(sku, qty if op.buy else -qty, value, -value if op.buy else 0)
                 for (sku, qty, _t, _o), value in zip(lines, shares, strict=True)
                 if sku is not None]
        gross = sum(total + off for _s, _q, total, off in lines)
        money_side = ({debit: -total} if op.buy else
                      {debit: total, SALES: -gross, DISCOUNTS: gross - total})
        item_lines = [(sku, qty, value) for (sku, qty, _t, _o), value
                      in zip(lines, shares, strict=True) if sku is not None]

        def make(ref: str, entry_id: str) -> Entry:
            return Entry(ref, entry_id, kind, day, _clean(money_side), party, moves,
                         item_lines=item_lines)

        self.expect(total > 0, tx, make, "total not above zero")

    @staticmethod
    def shares(lines: list[tuple[str | None, int, int, int]], discount: int) -> list[int]:
        """Each line's amount less its pro-rata share of the nota discount; what rounding
        leaves goes to the last lines that can still take it."""
        totals = [total for _s, _q, total, _o in lines]
        subtotal = sum(totals)
        shares = [min(half_away(discount * t, subtotal), t) if subtotal else 0 for t in totals]
        for n in range(len(totals) - 1, -1, -1):
            rest = discount - sum(shares)
            if rest > 0:
                shares[n] += min(rest, totals[n] - shares[n])
            elif rest < 0:
                shares[n] -= min(-rest, shares[n])
        return [t - share for t, share in zip(totals, shares, strict=True)]

    # --- returns -------------------------------------------------------------------------

    def retur(self, op: Return) -> None:
        kinds = (BUY,) if op.buy else SALE_KINDS
        notas = [e for e in self.model.entries if e.kind in kinds and e.moves]
        if not notas:
            return
        original = notas[op.pick % len(notas)]
        skus = list(dict.fromkeys(m.sku for m in original.moves))
        sku = skus[op.item % len(skus)]
        day = original.day + dt.timedelta(days=op.after)
        on_nota = original.sku_qty(sku)
        left = on_nota - self.model.returned(original, sku)
        qty = left if op.part == 0 else half_away(left * op.part, 4)
        kind = PURCHASE_RETURN if op.buy else SALES_RETURN
        via = op.via if op.via != "on-account" else ("utang" if op.buy else "piutang")
        tx = TxInput(type=kind, date=day.isoformat(), of=original.ref, via=via or "",
                     item=sku if len(original.moves) > 1 or op.item % 2 else None,
                     qty=qty_text(qty) if op.part else None,
                     amount=money(op.amount) if op.amount is not None else None)
        self.model.cost()
        if op.buy:
            cost = rupiah_part(sum(m.value for m in original.moves if m.sku == sku), qty,
                               on_nota)
        else:
            taken = sum(self.model.bases.get((original.id, n), 0)
                        for n, m in enumerate(original.moves) if m.sku == sku)
            cost = -rupiah_part(taken, qty, on_nota)
        net = sum(value for s, _q, value in original.item_lines if s == sku)
        done = on_nota - left
        amount = op.amount if op.amount is not None else (
            cost if op.buy else rupiah_part(net, done + qty, on_nota)
            - rupiah_part(net, done, on_nota))
        why = self.return_refusal(op.buy, original, sku, day, (qty, left), cost, amount, via)
        money_side = self.return_money(op.buy, original, via, amount)
        moves = [Move(sku, -qty if op.buy else qty, 0, amount if op.buy else 0)]

        def make(ref: str, entry_id: str) -> Entry:
            return Entry(ref, entry_id, kind, day, money_side, original.party, moves,
                         original=original)

        self.expect(not why, tx, make, why)

    def return_refusal(self, buy: bool, original: Entry, sku: str, day: dt.date,
                       qty_left: tuple[int, int], cost: int, amount: int,
                       via: str | None) -> str:
        """Why the books should refuse this return, or ""."""
        qty, left = qty_left
        if not original.standing:
            return "the nota is cancelled"
        if qty <= 0 or qty > left:
            return "nothing left to return"
        if buy and qty > self.model.stock_at(sku, day):
            return "not that much in stock on the day"
        if buy and cost == 0:
            return "goods that cost nothing"
        if not buy and amount == 0 and cost == 0:
            return "nothing to post"
        if amount and (via or self._nota_via(original)) in ("piutang", "utang") \
                and original.party is None:
            return "no party to owe"
        return ""

    @staticmethod
    def _nota_via(original: Entry) -> str:
        for via, code in (("kas", "1101"), ("bank", "1102"), ("qris", "1103")):
            if code in original.money:
                return via
        return "utang" if original.kind == BUY else "piutang"

    def return_money(self, buy: bool, original: Entry, via: str | None,
                     amount: int) -> dict[str, int]:
        """The money side of a return: cash back, or off the party's bill then uang muka."""
        if not amount:
            return {}
        how = via or self._nota_via(original)
        side = 1 if buy else -1
        out: dict[str, int] = {} if buy else {SALES: amount}
        if how in CASH:
            out[CASH[how]] = side * amount
        elif original.party is not None:
            bill, advance = (PAYABLE, SUPPLIER_ADVANCE) if buy else (RECEIVABLE, CUSTOMER_ADVANCE)
            owed = max(-side * self.model.party_balance(original.party, bill), 0)
            out[bill] = side * min(amount, owed)
            out[advance] = side * max(amount - owed, 0)
        return _clean(out)

    # --- payments ------------------------------------------------------------------------

    def pay(self, op: Pay) -> None:
        party = PARTIES[1 if op.buy else 0]
        bill, advance = (PAYABLE, SUPPLIER_ADVANCE) if op.buy else (RECEIVABLE, CUSTOMER_ADVANCE)
        side = -1 if op.buy else 1
        owed = max(side * self.model.party_balance(party, bill), 0)
        amount = half_away(owed * op.quarters, 4 * 100) * 100 if owed else 10_000_00
        day = START + dt.timedelta(days=op.day)
        kind = "bayar-utang" if op.buy else "terima-piutang"
        tx = TxInput(type=kind, date=day.isoformat(), amount=money(amount), party=party,
                     via="kas", confirm=True)
        money_side = _clean({"1101": side * amount, bill: -side * min(amount, owed),
                             advance: -side * max(amount - owed, 0)})
        known = any(e.party == party for e in self.model.entries)

        def make(ref: str, entry_id: str) -> Entry:
            return Entry(ref, entry_id, kind, day, money_side, party)

        self.expect(known and amount > 0, tx, make, "no such party or nothing to pay")

    # --- cancellations -------------------------------------------------------------------

    def cancel(self, op: Cancel) -> None:
        picks = [e for e in self.model.entries if e.kind != "setoran-modal"]
        if not picks:
            return
        original = picks[op.pick % len(picks)]
        day = original.day + dt.timedelta(days=op.after or 0)
        why = ("already cancelled or a cancellation" if not original.standing else
               "has standing returns" if self.model.live_returns(original) else "")
        mirror = {code: -amount for code, amount in original.money.items()}
        moves = [Move(m.sku, -m.qty, -m.value, -m.money) for m in original.moves]

        def make(ref: str, entry_id: str) -> Entry:
            entry = Entry(ref, entry_id, "pembatalan", day, mirror, original.party, moves,
                          reverses=original)
            original.reversed_by = entry
            return entry

        self.expect(not why, None, make, why,
                    cancel=(original.ref, day if op.after is not None else None))


def _clean(money_side: dict[str, int]) -> dict[str, int]:
    return {code: amount for code, amount in money_side.items() if amount}


def check(book: Book, model: Model, day: dt.date, since: dt.date) -> None:
    """Stock cards, stock, HPP, laba rugi, posisi keuangan and neraca saldo on `day`."""
    conn = book.conn
    cards = model.cost()
    for sku in SKUS:
        card = kartu_stok(conn, sku=sku, start=START, end=END)
        got = [(ln.date, ln.ref, ln.qty, ln.value, ln.balance_qty, ln.balance_value)
               for ln in card.lines]
        want = [(c.day, c.ref, c.qty, c.change, c.bal_qty, c.bal_value)
                for c, _e, _n in cards.get(sku, [])]
        assert got == want, sku
        level = stock_level(conn, get_item(conn, sku).id)
        assert (level.qty, level.value) == (want[-1][4:] if want else (0, 0)), sku
    want_net = model.balances(day)
    trial = neraca_saldo(conn, as_of=day)
    assert {ln.account: ln.debit - ln.credit for ln in trial.lines} == want_net
    assert sum(ln.debit for ln in trial.lines) == sum(ln.credit for ln in trial.lines)
    hpp = sum(c.hpp for card in cards.values() for c, _e, _n in card if c.day <= day)
    assert want_net.get("5101", 0) == hpp
    period = model.balances(day, since)
    report = laba_rugi(conn, start=since, end=day)
    got_lr = {ln.account: ln.amount for ln in report.pendapatan + report.beban}
    assert got_lr == {code: (-amount if code[0] == "4" else amount)
                      for code, amount in period.items() if code[0] in "45"}
    assert report.laba_bersih == -sum(a for code, a in period.items() if code[0] in "45")
    position = posisi_keuangan(conn, as_of=day)
    assert position.total_aset == position.total_liabilitas + position.total_ekuitas
    assert {ln.account: ln.amount for ln in position.aset} == {
        code: amount for code, amount in want_net.items() if code[0] == "1"}
    result = [ln.amount for ln in position.ekuitas if ln.name == CURRENT_RESULT]
    assert result == [-sum(a for code, a in want_net.items() if code[0] in "45")]


def check_parties(book: Book, model: Model) -> None:
    got = {p.name: (p.receivable, p.payable) for p in list_parties(book.conn)}
    for name in PARTIES:
        if name in got:
            assert got[name] == (model.party_balance(name, RECEIVABLE),
                                 -model.party_balance(name, PAYABLE)), name


def stocked(book: Book) -> Book:
    with book.write() as conn:
        for sku, (account, price) in ITEMS.items():
            if sku not in ("KRP", "GULA"):
                add_item(conn, sku=sku, name="Sambal roa", unit="btl", price=price,
                         account=account)
    return book


@SETTINGS
@given(ops=OPS, report=st.integers(0, DAYS + 15), since=st.integers(0, DAYS),
       skew=st.one_of(st.none(), st.randoms(use_true_random=False)))
def test_multiline_notas_returns_and_cancellations_match_a_recomputation(
        ops: list[Nota | Return | Cancel | Pay], report: int, since: int,
        skew: random.Random | None) -> None:
    """With `skew`, entry ids come in random order, as from PCs whose clocks disagree: on one
    day the entries then go in any order (a return may get a smaller id than its sale)."""
    made = itertools.count()
    ids = (lambda: str(uuid.UUID(int=skew.getrandbits(64) << 64 | next(made)))) if skew \
        else new_id
    with tempfile.TemporaryDirectory() as tmp, fresh_book(Path(tmp)) as book, \
            mock.patch("desktop.books.ledger.new_id", ids):
        player = Player(stocked(book))
        for op in ops:
            note(repr(op))
            player.play(op)
        day = START + dt.timedelta(days=report)
        check(book, player.model, day, min(START + dt.timedelta(days=since), day))
        check(book, player.model, END, START)
        check_parties(book, player.model)
