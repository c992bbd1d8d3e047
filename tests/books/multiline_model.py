"""A plain recomputation of multi-line notas, returns and cancellations, for the property test.

Written from the rules in desktop/books/README.md, not from the code: each entry's money side
(cash, piutang, utang, uang muka, sales and discounts) follows from what was typed, and stock
is a moving average per item over the movements in date order (ties by entry id, then line
order), with HPP per movement. Nothing here reads the books except the ids the books gave.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

SALES, DISCOUNTS, HPP = "4101", "4102", "5101"
RECEIVABLE, PAYABLE = "1201", "2101"
CUSTOMER_ADVANCE, SUPPLIER_ADVANCE = "2104", "1402"
CASH = {"kas": "1101", "tunai": "1101", "bank": "1102", "qris": "1103"}
SALE_KINDS = ("penjualan-tunai", "penjualan-kredit")
BUY, SALES_RETURN, PURCHASE_RETURN = "pembelian-persediaan", "retur-penjualan", "retur-pembelian"


def half_away(num: int, den: int) -> int:
    """num/den rounded half away from zero."""
    q, r = divmod(abs(num), den)
    return (q + (2 * r >= den)) * (1 if num >= 0 else -1)


def rupiah_part(value: int, part: int, whole: int) -> int:
    """value * part / whole in sen, to whole rupiah (the rule for computed costs)."""
    return value if part == whole else half_away(value * part, whole * 100) * 100


def line_total(qty: int, price: int, discount: int) -> int:
    """price x qty (thousandths) to whole rupiah, half up, less the line's discount."""
    return half_away(price * qty, 100_000) * 100 - discount


@dataclass
class Move:
    """One stock movement of an entry: the item's sku, signed thousandths, and for a purchase
    (or a purchase return) the value it carries and the money it stands for."""

    sku: str
    qty: int
    value: int = 0     # a purchase line's value; a purchase return's cost is derived
    money: int = 0     # money counterpart: -paid for a purchase line, +refund for a return


@dataclass
class Entry:
    """An entry the books accepted, as the model sees it."""

    ref: str
    id: str
    kind: str
    day: dt.date
    money: dict[str, int]                 # debit minus credit, accounts other than stock/HPP
    party: str | None = None
    moves: list[Move] = field(default_factory=list)
    reverses: Entry | None = None
    reversed_by: Entry | None = None
    original: Entry | None = None         # the nota a return comes from
    item_lines: list[tuple[str, int, int]] = field(default_factory=list)  # (sku, qty, net)

    @property
    def standing(self) -> bool:
        return self.reverses is None and self.reversed_by is None

    def sku_qty(self, sku: str) -> int:
        return sum(abs(m.qty) for m in self.moves if m.sku == sku)


@dataclass
class Level:
    qty: int = 0
    value: int = 0
    last_qty: int = 0
    last_value: int = 0


@dataclass(frozen=True)
class Costed:
    """One movement after costing: what it changed stock by, the balance, its HPP."""

    day: dt.date
    ref: str
    qty: int
    change: int
    bal_qty: int
    bal_value: int
    hpp: int


def issue(level: Level, n: int) -> int:
    """What taking n out costs at the moving average (positive sen)."""
    if level.qty > 0:
        if n == level.qty:
            return level.value
        share = rupiah_part(level.value, n, level.qty)
        return min(share, level.value) if n < level.qty else share
    # short: at the last average, always rounded to whole rupiah (even for the whole of it)
    return half_away(level.last_value * n, level.last_qty * 100) * 100 if level.last_qty else 0


def apply(level: Level, qty: int, base: int) -> int:
    """Move `level` by one movement of `base`; returns the change in stock value."""
    change = base
    if qty > 0 and level.qty < 0:   # arriving while short: the shortfall at this unit cost
        hole, filled = -level.qty, min(-level.qty, qty)
        true = base if filled == qty else min(rupiah_part(base, filled, qty), base)
        recorded = -level.value if filled == hole else rupiah_part(-level.value, filled, hole)
        change = base - (true - recorded)
    new_qty, new_value = level.qty + qty, level.value + change
    if new_qty == 0 or (new_qty > 0 > new_value) or (new_qty < 0 < new_value):
        change -= new_value
        new_value = 0
    if new_qty > 0:
        level.last_qty, level.last_value = new_qty, new_value
    elif qty > 0 and base > 0:
        level.last_qty, level.last_value = qty, base
    level.qty, level.value = new_qty, new_value
    return change


class Model:
    """Every accepted entry, and what the books should say about them."""

    def __init__(self, accounts: dict[str, str]) -> None:
        self.accounts = accounts          # sku -> stock account
        self.entries: list[Entry] = []
        self.bases: dict[tuple[str, int], int] = {}

    def add(self, entry: Entry) -> Entry:
        self.entries.append(entry)
        return entry

    def party_balance(self, party: str, account: str) -> int:
        """All-time debit minus credit of the party on an account (typing order does not
        matter: it is a sum)."""
        return sum(e.money.get(account, 0) for e in self.entries if e.party == party)

    def returned(self, original: Entry, sku: str) -> int:
        return sum(e.sku_qty(sku) for e in self.entries
                   if e.original is original and e.standing)

    def live_returns(self, original: Entry) -> list[Entry]:
        return [e for e in self.entries if e.original is original and e.standing]

    # --- costing -------------------------------------------------------------------------

    def _counted(self, entry: Entry) -> bool:
        """An entry cancelled on its own day, and that cancellation, are left out together."""
        other = entry.reverses or entry.reversed_by
        return other is None or other.day != entry.day

    def _base(self, entry: Entry, n: int, move: Move, level: Level) -> int | None:
        if entry.reverses is not None:
            return -self.bases.get((entry.reverses.id, n), 0)
        if entry.kind == SALES_RETURN:
            assert entry.original is not None
            return rupiah_part(-self._taken(entry.original, move.sku), move.qty,
                               entry.original.sku_qty(move.sku))
        if entry.kind == PURCHASE_RETURN:
            assert entry.original is not None
            return -rupiah_part(self._bought(entry.original, move.sku), -move.qty,
                                entry.original.sku_qty(move.sku))
        if move.qty < 0:
            return -issue(level, -move.qty)
        return move.value

    def _taken(self, sale: Entry, sku: str) -> int:
        """The (negative) value the sale's lines of `sku` took out of stock."""
        return sum(self.bases.get((sale.id, n), 0) for n, m in enumerate(sale.moves)
                   if m.sku == sku)

    def _bought(self, buy: Entry, sku: str) -> int:
        return sum(m.value for m in buy.moves if m.sku == sku)

    def cost(self) -> dict[str, list[tuple[Costed, Entry, int]]]:
        """Cost every item in date order; a return sorted before its own sale is settled by
        costing again until nothing changes."""
        for _ in range(5):
            before = dict(self.bases)
            cards = self._cost_once()
            if self.bases == before:
                return cards
        raise AssertionError("model costing does not settle")

    @staticmethod
    def _key(entry: Entry) -> str:
        """Same day, entries go by id; a sales return right after its own sale, whatever its
        id (a PC whose clock was behind may give it a smaller one)."""
        sale = entry.original
        if entry.kind == SALES_RETURN and sale is not None and sale.day == entry.day \
                and sale.id > entry.id:
            return f"{sale.id}:{entry.id}"
        return entry.id

    def _cost_once(self) -> dict[str, list[tuple[Costed, Entry, int]]]:
        moves = sorted(((e.day, self._key(e), n, e, m) for e in self.entries
                        if self._counted(e) for n, m in enumerate(e.moves)),
                       key=lambda t: t[:3])
        levels: dict[str, Level] = defaultdict(Level)
        cards: dict[str, list[tuple[Costed, Entry, int]]] = defaultdict(list)
        for day, _id, n, entry, move in moves:
            level = levels[move.sku]
            base = self._base(entry, n, move, level)
            assert base is not None
            self.bases[(entry.id, n)] = base
            change = apply(level, move.qty, base)
            money = move.money
            if entry.reverses is not None:
                money = -entry.reverses.moves[n].money
            hpp = -change - money
            cards[move.sku].append((Costed(day, entry.ref, move.qty, change, level.qty,
                                           level.value, hpp), entry, n))
        return cards

    def stock_at(self, sku: str, day: dt.date) -> int:
        """Quantity of an item at the end of `day`."""
        return sum(m.qty for e in self.entries if e.day <= day for m in e.moves if m.sku == sku)

    # --- balances ------------------------------------------------------------------------

    def balances(self, day: dt.date, start: dt.date | None = None) -> dict[str, int]:
        """Debit minus credit per account over (start, day], stock and HPP as costed."""
        net: dict[str, int] = defaultdict(int)
        lo = start or dt.date.min
        for entry in self.entries:
            if lo <= entry.day <= day:
                for account, amount in entry.money.items():
                    net[account] += amount
        for sku, card in self.cost().items():
            for costed, _entry, _n in card:
                if lo <= costed.day <= day:
                    net[self.accounts[sku]] += costed.change
                    net[HPP] += costed.hpp
        return {code: amount for code, amount in net.items() if amount}
