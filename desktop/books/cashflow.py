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


def cash_flows(conn: sqlite3.Connection, first_seq: int, last_seq: int) -> None:
    """Fold the cash of newly written entries into `cashflow_day`."""
    rows = conn.execute(
        "SELECT l.entry_seq, e.date, e.kind, e.party_id, l.account, a.cashflow, "
        "l.debit - l.credit FROM line l JOIN account a ON a.code = l.account "
        "JOIN entry e ON e.seq = l.entry_seq WHERE l.entry_seq BETWEEN ?1 AND ?2 AND "
        "l.entry_seq IN (SELECT c.entry_seq FROM line c JOIN account ca ON ca.code = c.account "
        "WHERE c.entry_seq BETWEEN ?1 AND ?2 AND ca.cashflow = 'kas') ORDER BY l.entry_seq",
        (first_seq, last_seq)).fetchall()
    entries: dict[int, list[tuple[str, str, str | None, str, str, int]]] = defaultdict(list)
    for seq, *rest in rows:
        entries[seq].append(tuple(rest))
    out: dict[tuple[str, str], int] = defaultdict(int)
    for seq, lines in entries.items():
        day, kind, party = lines[0][0], lines[0][1], lines[0][2]
        for category, amount in split_entry(conn, seq, kind, party, lines):
            out[(day, category)] += amount
    conn.executemany(
        "INSERT INTO cashflow_day (date, category, amount) VALUES (?, ?, ?) "
        "ON CONFLICT(date, category) DO UPDATE SET amount = amount + excluded.amount",
        [(day, category, amount) for (day, category), amount in out.items() if amount])


def split_entry(conn: sqlite3.Connection, seq: int, kind: str, party: str | None,
                lines: list[tuple[str, str, str | None, str, str, int]]) -> list[tuple[str, int]]:
    """(category, signed cash) for one entry; the parts add up to its net cash exactly."""
    cash = sum(net for *_x, cashflow, net in lines if cashflow == CASH)
    if cash == 0:
        return []
    if kind == OPENING:
        return [(OPENING, cash)]
    by_category: dict[str, int] = defaultdict(int)
    for *_x, account, cashflow, net in lines:
        if cashflow == CASH:
            continue
        if account == PAYABLE and net > 0 and party:  # a payment to a supplier
            for category, part in _payable_parts(conn, seq, party, net):
                by_category[category] -= part
        else:
            by_category[cashflow] -= net  # credit (source) positive, debit (use) negative
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
