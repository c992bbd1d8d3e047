"""Umur piutang and umur utang: open invoices per party by days past their due date."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from desktop.books.money import sen_str
from desktop.books.parties import PAYABLE, RECEIVABLE
from desktop.books.reports.common import as_of_text
from desktop.books.reports.table import Column, Table

BUCKETS = (("belum_jatuh_tempo", "Belum jatuh tempo", None),
           ("hari_1_30", "1–30 hari", 30),
           ("hari_31_60", "31–60 hari", 60),
           ("hari_61_90", "61–90 hari", 90),
           ("lebih_90", "> 90 hari", None))
NO_PARTY = "(tanpa nama pihak)"


def bucket_of(days_overdue: int) -> str:
    """Which aging column a number of days past due falls into."""
    if days_overdue <= 0:
        return "belum_jatuh_tempo"
    for key, _label, limit in BUCKETS[1:-1]:
        if limit is not None and days_overdue <= limit:
            return key
    return "lebih_90"


@dataclass
class OpenItem:
    """An invoice (or opening balance) with what is still unpaid."""

    ref: str
    date: dt.date
    due: dt.date
    amount: int
    open: int

    def to_json(self, as_of: dt.date) -> dict[str, object]:
        return {"ref": self.ref, "date": self.date.isoformat(), "due": self.due.isoformat(),
                "amount": sen_str(self.amount), "open": sen_str(self.open),
                "days_overdue": max((as_of - self.due).days, 0)}


@dataclass
class PartyAging:
    """One party's open items, bucketed, plus any overpayment."""

    party: str
    items: list[OpenItem] = field(default_factory=list)
    overpaid: int = 0

    def buckets(self, as_of: dt.date) -> dict[str, int]:
        sums = {key: 0 for key, _label, _limit in BUCKETS}
        for item in self.items:
            sums[bucket_of((as_of - item.due).days)] += item.open
        return sums

    @property
    def total(self) -> int:
        return sum(item.open for item in self.items) - self.overpaid


@dataclass(frozen=True)
class Umur:
    """The aging list for receivables (piutang) or payables (utang)."""

    kind: str
    as_of: dt.date
    parties: list[PartyAging]

    @property
    def title(self) -> str:
        return "Umur Piutang" if self.kind == "piutang" else "Umur Utang"

    def totals(self) -> dict[str, int]:
        sums = {key: 0 for key, _label, _limit in BUCKETS}
        for party in self.parties:
            for key, amount in party.buckets(self.as_of).items():
                sums[key] += amount
        sums["lebih_bayar"] = sum(p.overpaid for p in self.parties)
        sums["total"] = sum(p.total for p in self.parties)
        return sums

    def to_json(self) -> dict[str, object]:
        parties = []
        for party in self.parties:
            row: dict[str, object] = {"party": party.party, "total": sen_str(party.total)}
            row.update({k: sen_str(v) for k, v in party.buckets(self.as_of).items()})
            row["lebih_bayar"] = sen_str(party.overpaid)
            row["items"] = [item.to_json(self.as_of) for item in party.items]
            parties.append(row)
        return {"report": f"umur-{self.kind}", "as_of": self.as_of.isoformat(),
                "parties": parties, "totals": {k: sen_str(v) for k, v in self.totals().items()}}

    def table(self) -> Table:
        table = Table(self.title, as_of_text(self.as_of),
                      [Column("Pihak"), *(Column(label, "money") for _k, label, _l in BUCKETS),
                       Column("Lebih bayar", "money"), Column("Jumlah", "money")])
        for party in self.parties:
            sums = party.buckets(self.as_of)
            table.add(party.party, *(sums[k] or None for k, _l, _x in BUCKETS),
                      -party.overpaid or None, party.total)
        totals = self.totals()
        table.add("Jumlah", *(totals[k] for k, _l, _x in BUCKETS), -totals["lebih_bayar"],
                  totals["total"], style="total")
        if not self.parties:
            table.empty_message = f"Tidak ada {self.kind} yang belum lunas."
        return table


def umur(conn: sqlite3.Connection, *, kind: str, as_of: dt.date) -> Umur:
    """Apply each party's payments to its oldest invoices first (FIFO) and age the rest."""
    account, sign = (RECEIVABLE, 1) if kind == "piutang" else (PAYABLE, -1)
    rows = conn.execute(
        # Saldo awal lines fall due on the party's opening due date, when one is set.
        "SELECT COALESCE(p.name, ?), e.ref, e.date, COALESCE(CASE WHEN e.kind = 'saldo-awal' "
        "THEN p.opening_due END, e.due_date, e.date), "
        "l.debit - l.credit FROM line l JOIN entry e ON e.seq = l.entry_seq "
        "LEFT JOIN party p ON p.id = l.party_id "
        # A cancelled entry and its cancellation leave the list together.
        "WHERE l.account = ? AND l.date <= ? AND e.reverses_seq IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq AND r.date <= ?) "
        # Same-day invoices go by ref, which every PC of the business shares (seq does not).
        "ORDER BY 1, e.date, e.ref",
        (NO_PARTY, account, as_of.isoformat(), as_of.isoformat()))
    invoices: dict[str, list[OpenItem]] = defaultdict(list)
    paid: dict[str, int] = defaultdict(int)
    for name, ref, day, due, net in rows:
        amount = sign * net
        if amount > 0:
            invoices[name].append(OpenItem(ref, dt.date.fromisoformat(day),
                                           dt.date.fromisoformat(due), amount, amount))
        else:
            paid[name] += -amount
    result = []
    for name in sorted(set(invoices) | set(paid), key=str.casefold):
        aging = PartyAging(name)
        remaining = paid[name]
        for item in sorted(invoices[name], key=lambda i: (i.due, i.date, i.ref)):
            applied = min(remaining, item.open)
            item.open -= applied
            remaining -= applied
            if item.open:
                aging.items.append(item)
        aging.overpaid = remaining
        if aging.items or aging.overpaid:
            result.append(aging)
    return Umur(kind, as_of, result)
