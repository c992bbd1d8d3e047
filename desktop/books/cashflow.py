"""Direct-method cash flow kept at posting time: only cash moves the statement.

For each entry that changes kas, bank or QRIS, its other lines are netted by arus-kas category
(so an HPP/persediaan pair inside a cash sale cancels), and the cash is split pro rata over
the categories on the other side of the cash: what the money came from (inflow) or paid for
(outflow). The non-cash part of a mixed journal never appears. Paying a supplier for an asset
bought on credit is investasi: the payment settles the supplier's oldest bills first, and the
part that settles a pembelian-aset bill is classed with the asset.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from desktop.books.money import mul_div

OPENING, CASH, PAYABLE, ASSETS = "saldo-awal", "kas", "2101", "inv-aset"


# Every line of the new entries in entry order (the line table's key), with what its account
# counts as; one ordered scan, no temporary b-tree, and only one entry's lines held at a time.
_LINES = (
    "SELECT l.entry_seq, a.cashflow, l.account, l.debit - l.credit, e.date, e.kind, e.party_id "
    "FROM line l CROSS JOIN account a ON a.code = l.account "
    "CROSS JOIN entry e ON e.seq = l.entry_seq WHERE l.entry_seq BETWEEN ?1 AND ?2"
)
SUPPLIER_PAYMENT = "bayar-pemasok"  # a supplier payment (2101 debit with a party): split by bills


def cash_flows(conn: sqlite3.Connection, first_seq: int, last_seq: int) -> None:
    """Fold the cash of newly written entries into `cashflow_day`."""
    out: dict[tuple[str, str], int] = defaultdict(int)

    def fold(seq: int, day: str, kind: str, party: str | None, nets: dict[str, int]) -> None:
        if nets.get(CASH):
            for category, amount in split_entry(conn, seq, kind, party, nets):
                out[(day, category)] += amount

    current: tuple[int, str, str, str | None] | None = None
    nets: dict[str, int] = {}
    for seq, category, account, net, day, kind, party in conn.execute(
            _LINES, (first_seq, last_seq)):
        if current is None or seq != current[0]:
            if current is not None:
                fold(*current, nets)
            current, nets = (seq, day, kind, party), {}
        if account == PAYABLE and net > 0 and party is not None:
            category = SUPPLIER_PAYMENT
        nets[category] = nets.get(category, 0) + net
    if current is not None:
        fold(*current, nets)
    conn.executemany(
        "INSERT INTO cashflow_day (date, category, amount) VALUES (?, ?, ?) "
        "ON CONFLICT(date, category) DO UPDATE SET amount = amount + excluded.amount",
        [(day, category, amount) for (day, category), amount in out.items() if amount])


def split_entry(conn: sqlite3.Connection, seq: int, kind: str, party: str | None,
                nets: dict[str, int]) -> list[tuple[str, int]]:
    """(category, signed cash) for one entry; the parts add up to its net cash exactly."""
    cash = nets.pop(CASH, 0)
    if cash == 0:
        return []
    if kind == OPENING:
        return [(OPENING, cash)]
    if len(nets) == 1 and SUPPLIER_PAYMENT not in nets:  # the usual two-sided form
        (category, net), = nets.items()
        if net * cash < 0:
            return [(category, cash)]
    by_category: dict[str, int] = defaultdict(int)
    for category, net in nets.items():
        if category == SUPPLIER_PAYMENT and party:
            for part_category, part in _payable_parts(conn, seq, party, net):
                by_category[part_category] -= part
        else:
            by_category["op-pemasok" if category == SUPPLIER_PAYMENT else category] -= net
    sign = 1 if cash > 0 else -1
    weights = {c: v * sign for c, v in by_category.items() if v * sign > 0}
    if not weights:  # nothing on the other side in the cash's direction: keep it visible
        return [("op-lain", cash)]
    total = sum(weights.values())
    parts, given = [], 0
    ordered = sorted(weights.items())
    for index, (category, weight) in enumerate(ordered):
        share = cash - given if index == len(ordered) - 1 else mul_div(cash, weight, total)
        given += share
        parts.append((category, share))
    return parts


def _payable_parts(conn: sqlite3.Connection, seq: int, party: str,
                   paid: int) -> list[tuple[str, int]]:
    """Split a payment to a supplier by the oldest bills it settles (asset bills: investasi)."""
    if not conn.execute(
            "SELECT 1 FROM line l JOIN entry e ON e.seq = l.entry_seq WHERE l.party_id = ? "
            "AND l.account = ? AND l.credit > 0 AND e.kind = 'pembelian-aset' AND l.entry_seq < ? "
            "LIMIT 1", (party, PAYABLE, seq)).fetchone():
        return [("op-pemasok", paid)]  # the usual case: no asset bills, no walk needed
    bills: list[list[object]] = []  # [category, open amount]
    settled = 0
    for kind, debit, credit in conn.execute(
            "SELECT e.kind, l.debit, l.credit FROM line l JOIN entry e ON e.seq = l.entry_seq "
            "WHERE l.party_id = ? AND l.account = ? AND l.entry_seq < ? "
            "ORDER BY l.date, l.entry_seq", (party, PAYABLE, seq)):
        if credit:
            bills.append([ASSETS if kind == "pembelian-aset" else "op-pemasok", credit])
        settled += debit
    parts: dict[str, int] = defaultdict(int)
    for bill in bills:
        amount = int(bill[1])  # type: ignore[call-overload]
        used = min(amount, settled)
        settled -= used
        take = min(amount - used, paid)
        if take:
            parts[str(bill[0])] += take
            paid -= take
    if paid:
        parts["op-pemasok"] += paid
    return list(parts.items())
