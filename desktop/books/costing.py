"""Stock costed in date order: the moving average recomputed from the earliest changed date.

Entries arrive in any order (typed late, or pulled from another PC), but an item's moving
average follows the movements' dates, ties broken by entry id (a UUIDv7, so creation order,
the same on every PC). `stock_cost` is a local table derived from `stock_move`: per movement,
its costed value and the item's balance after it. A posting or a sync pull re-costs each
touched item from the earliest date it touched, never from the start of the book.

What the ledger said at posting time can then be out of date. The difference per item and
movement date is booked as a "Penyesuaian HPP" entry (kind `penyesuaian-hpp`, item account
against 5101), dated on that day (or on the first open day when the day is closed), so kartu
stok, laba rugi and posisi keuangan agree. These entries are derived: never pushed, never
cancelled; every PC books its own and the totals converge. The rules are in README.md.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.books.money import rupiah_share
from desktop.books.returns import SALES_RETURN, original_ref, return_base

KIND = "penyesuaian-hpp"
HPP = "5101"
RETURN_OUT = "retur-pembelian"   # leaves at the original purchase cost, not at the average
_MAX_PASSES = 50                 # production chains longer than this are not real books


@dataclass(frozen=True)
class Level:
    """An item's balance after a movement, and the last balance that had stock on hand."""

    qty: int = 0
    value: int = 0
    last_qty: int = 0
    last_value: int = 0

    def issue(self, qty: int) -> int:
        """Cost of taking `qty` out at the moving average (positive sen).

        Short stock is costed at the average there was last; rounding never takes out more
        than is there.
        """
        if self.qty > 0:
            if qty == self.qty:
                return self.value
            share = rupiah_share(self.value, qty, self.qty)
            return min(share, self.value) if qty < self.qty else share
        return rupiah_share(self.last_value, qty, self.last_qty) if self.last_qty else 0

    @property
    def known(self) -> bool:
        """Whether the item ever had stock with a cost (else short sales cost nothing)."""
        return self.qty > 0 or self.last_qty > 0


def level_at(conn: sqlite3.Connection, item_id: str, day: dt.date | str | None = None, *,
             before: bool = False) -> Level:
    """The item's balance at the end of `day` (before it with `before`; now when None)."""
    op = "<" if before else "<="
    bound = day.isoformat() if isinstance(day, dt.date) else (day or "9999-12-31")
    row = conn.execute(
        "SELECT bal_qty, bal_value, last_qty, last_value FROM stock_cost "
        f"WHERE item_id = ? AND date {op} ? ORDER BY date DESC, entry_id DESC, move_no DESC "
        "LIMIT 1", (item_id, bound)).fetchone()
    return Level(*row) if row else Level()


@dataclass(frozen=True)
class _Move:
    date: str
    entry_id: str
    move_no: int
    seq: int
    qty: int
    posted: int
    kind: str
    reverses: int | None   # the original's seq when this entry cancels another


@dataclass
class _Costed:
    move: _Move
    base: int      # the value the movement brings before any shortfall correction
    value: int     # what it changed the item's stock value by
    level: Level


def step(level: Level, qty: int, base: int | None) -> tuple[int, int, Level]:
    """Apply one movement: (base, value change, new level); `base` None means at average.

    Stock coming in while short first fills the shortfall at its own unit cost; the units
    sold short were costed at the old average, so the difference goes to HPP. A quantity of
    zero never carries value, and the value never takes the sign opposite to the quantity.
    """
    if base is None:
        base = -level.issue(-qty) if qty < 0 else 0
    value = base
    if qty > 0 and level.qty < 0:
        hole = -level.qty
        filled = min(hole, qty)
        true_cost = base if filled == qty else min(rupiah_share(base, filled, qty), base)
        recorded = -level.value if filled == hole else rupiah_share(-level.value, filled, hole)
        value = base - (true_cost - recorded)
    qty_after, value_after = level.qty + qty, level.value + value
    if qty_after == 0 or (qty_after > 0 > value_after) or (qty_after < 0 < value_after):
        value -= value_after
        value_after = 0
    if qty_after > 0:
        last = (qty_after, value_after)
    elif qty > 0 and base > 0:   # a receipt that only filled a shortfall still sets the price
        last = (qty, base)
    else:
        last = (level.last_qty, level.last_value)
    return base, value, Level(qty_after, value_after, *last)


# An entry cancelled on its own date (the default) and its cancellation are left out
# together: on that day the ledger nets them to nothing, so costing treats the entry as never
# made. A cancellation dated later puts back (or takes out) what the original moved.


def _is_average(move: _Move) -> bool:
    return move.qty < 0 and move.reverses is None and move.kind != RETURN_OUT


class _Costing:
    """One re-costing run: the dirty items, what changed, and the HPP adjustments to book."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.adjust: dict[tuple[str, str], int] = {}   # (item, day) -> sen to add to stock

    def run(self, dirty: dict[str, str]) -> None:
        for _ in range(_MAX_PASSES):
            if not dirty:
                return
            item_id = min(dirty, key=lambda i: (dirty[i], i))
            since = dirty.pop(item_id)
            for other, day in self.item(item_id, since).items():
                dirty[other] = min(day, dirty.get(other, day))

    def _moves(self, item_id: str, since: str) -> list[_Move]:
        rows = self.conn.execute(
            "SELECT m.date, e.id, m.move_no, m.entry_seq, m.qty, m.value, e.kind, "
            "e.reverses_seq, e.memo FROM stock_move m JOIN entry e ON e.seq = m.entry_seq "
            "WHERE m.item_id = ? AND m.date >= ? AND NOT EXISTS (SELECT 1 FROM entry x "
            "  WHERE (x.reverses_seq = e.seq OR x.seq = e.reverses_seq) AND x.date = e.date) "
            "ORDER BY m.date, e.id, m.move_no",
            (item_id, since))
        moves = [_Move(day, self._order_key(kind, day, entry_id, memo), move_no, seq, qty,
                       posted, kind, reverses)
                 for day, entry_id, move_no, seq, qty, posted, kind, reverses, memo in rows]
        return sorted(moves, key=lambda m: (m.date, m.entry_id, m.move_no))

    def _order_key(self, kind: str, day: str, entry_id: str, memo: str) -> str:
        """The entry id, except that a sales return dated on its sale's day comes right after
        the sale even when its id is smaller (typed on a PC whose clock was behind): it brings
        back what the sale took out, so the sale must be costed first. Kept in
        `stock_cost.entry_id`, the column every reader orders by."""
        if kind != SALES_RETURN:
            return entry_id
        ref = original_ref(memo)
        row = self.conn.execute("SELECT id, date FROM entry WHERE ref = ?",
                                (ref,)).fetchone() if ref else None
        if row is None or row[1] != day or row[0] < entry_id:
            return entry_id
        return f"{row[0]}:{entry_id}"

    def _base(self, item_id: str, move: _Move, done: dict[tuple[int, int], int]) -> int | None:
        if move.reverses is not None:   # a cancellation puts back what the original moved
            key = (move.reverses, move.move_no)
            if key in done:
                return -done[key]
            row = self.conn.execute("SELECT base FROM stock_cost WHERE entry_seq = ? AND "
                                    "move_no = ?", key).fetchone()
            return -int(row[0]) if row else move.posted
        if _is_average(move):
            return None
        if move.kind == SALES_RETURN:   # goods come back at what the original sale took out
            memo = self.conn.execute("SELECT memo FROM entry WHERE seq = ?",
                                     (move.seq,)).fetchone()[0]
            back = return_base(self.conn, memo, item_id, move.qty, done)
            return move.posted if back is None else back
        if move.kind == "produksi":   # finished goods cost what their materials cost
            row = self.conn.execute(
                "SELECT COUNT(*), -COALESCE(SUM(base), 0) FROM stock_cost "
                "WHERE entry_seq = ? AND qty < 0", (move.seq,)).fetchone()
            own = sum(-b for (s, _n), b in done.items() if s == move.seq and b < 0)
            return int(row[1]) + own if row[0] or own else move.posted
        return move.posted

    def item(self, item_id: str, since: str) -> dict[str, str]:
        """Re-cost one item from `since`; returns the products whose materials changed."""
        moves = self._moves(item_id, since)
        old = {(s, n): b for s, n, b in self.conn.execute(
            "SELECT entry_seq, move_no, base FROM stock_cost WHERE item_id = ? AND date >= ?",
            (item_id, since))}
        level = level_at(self.conn, item_id, since, before=True)
        done: dict[tuple[int, int], int] = {}
        costed: list[_Costed] = []
        for move in moves:
            base, value, level = step(level, move.qty, self._base(item_id, move, done))
            done[(move.seq, move.move_no)] = base
            costed.append(_Costed(move, base, value, level))
        self.conn.execute("DELETE FROM stock_cost WHERE item_id = ? AND date >= ?",
                          (item_id, since))
        self.conn.executemany(
            "INSERT INTO stock_cost (item_id, date, entry_id, move_no, entry_seq, qty, base, "
            "value, bal_qty, bal_value, last_qty, last_value) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(item_id, c.move.date, c.move.entry_id, c.move.move_no, c.move.seq, c.move.qty,
              c.base, c.value, c.level.qty, c.level.value, c.level.last_qty,
              c.level.last_value) for c in costed])
        final = level_at(self.conn, item_id)
        self.conn.execute(
            "INSERT INTO stock_balance (item_id, qty, value) VALUES (?, ?, ?) "
            "ON CONFLICT(item_id) DO UPDATE SET qty = excluded.qty, value = excluded.value",
            (item_id, final.qty, final.value))
        self._due(item_id, since, costed)
        return self._products(costed, old)

    def _due(self, item_id: str, since: str, costed: list[_Costed]) -> None:
        """What each day's re-costed values need beyond what was posted and booked."""
        need: dict[str, int] = {}
        for c in costed:
            need[c.move.date] = need.get(c.move.date, 0) + c.value - c.move.posted
        for day, booked in self.conn.execute(
                "SELECT date, amount FROM stock_adjust WHERE item_id = ? AND date >= ?",
                (item_id, since)):
            need[day] = need.get(day, 0) - booked
        # An item costed twice in one run (a material changed again) keeps the later answer.
        for key in [k for k in self.adjust if k[0] == item_id and k[1] >= since]:
            del self.adjust[key]
        self.adjust.update({(item_id, day): amount for day, amount in need.items() if amount})

    def _products(self, costed: list[_Costed], old: dict[tuple[int, int], int]) -> dict[str, str]:
        changed = {(c.move.seq, c.move.date) for c in costed if c.move.kind == "produksi"
                   and c.move.qty < 0 and old.get((c.move.seq, c.move.move_no)) != c.base}
        found: dict[str, str] = {}
        for seq, day in changed:
            for (product,) in self.conn.execute(
                    "SELECT item_id FROM stock_move WHERE entry_seq = ? AND qty > 0", (seq,)):
                found[product] = min(day, found.get(product, day))
        return found


def recost(conn: sqlite3.Connection, dirty: dict[str, str], *, cause: str = "",
           device_id: str = "-") -> list[str]:
    """Re-cost each item from its date and book what changed; returns the refs booked."""
    if not dirty:
        return []
    costing = _Costing(conn)
    costing.run(dict(dirty))
    from desktop.books.costing_book import book_adjustments  # it posts through the ledger

    return book_adjustments(conn, costing.adjust, cause=cause, device_id=device_id)


def recost_entries(conn: sqlite3.Connection, first_seq: int, last_seq: int, *,
                   device_id: str = "-") -> list[str]:
    """Re-cost the items that entries in a local seq range moved, from their earliest dates."""
    dirty = dict(conn.execute(
        "SELECT item_id, MIN(date) FROM stock_move WHERE entry_seq BETWEEN ? AND ? "
        "GROUP BY item_id", (first_seq, last_seq)).fetchall())
    if not dirty:
        return []
    refs = [r for (r,) in conn.execute(
        "SELECT ref FROM entry WHERE seq BETWEEN ? AND ? AND seq IN "
        "(SELECT entry_seq FROM stock_move) ORDER BY seq LIMIT 3", (first_seq, last_seq))]
    return recost(conn, dirty, cause=", ".join(refs), device_id=device_id)


def recost_all(conn: sqlite3.Connection, item_ids: Iterable[str] | None = None) -> list[str]:
    """Re-cost items from their first movement (repair, tests); books what differs."""
    ids = list(item_ids) if item_ids is not None else [
        i for (i,) in conn.execute("SELECT DISTINCT item_id FROM stock_move")]
    return recost(conn, {i: "0001-01-01" for i in ids}, cause="hitung ulang")
