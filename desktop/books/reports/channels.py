"""Penjualan per saluran: omzet, number of notas and gross margin per sales channel and month.

A sale's channel is its nota's (issue 13); a sale posted without one was made in the shop
(toko). Omzet is net of discounts (4101 less 4102), margin is omzet less its HPP (5101 on
the sale's own entry). A cancelled sale and its cancellation are both left out.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import format_month
from desktop.books.money import sen_str
from desktop.books.reports.common import range_text
from desktop.books.reports.table import EMPTY_PERIOD, Column, Table

SALES = ("penjualan-tunai", "penjualan-kredit")
LABELS = {"toko": "Toko (langsung)", "mall": "Mall kabupaten", "whatsapp": "WhatsApp",
          "sosmed": "Instagram / Facebook", "shopee": "Shopee", "tokopedia": "Tokopedia",
          "lainnya": "Lainnya"}


@dataclass(frozen=True)
class ChannelMonth:
    """One channel in one month."""

    month: str
    channel: str
    notas: int
    omzet: int
    hpp: int

    @property
    def margin(self) -> int:
        return self.omzet - self.hpp

    def to_json(self) -> dict[str, object]:
        return {"month": self.month, "channel": self.channel, "notas": self.notas,
                "omzet": sen_str(self.omzet), "hpp": sen_str(self.hpp),
                "margin": sen_str(self.margin)}


@dataclass(frozen=True)
class PerChannel:
    """The recap for a period, month by month and channel by channel."""

    start: dt.date
    end: dt.date
    rows: list[ChannelMonth]

    def totals(self) -> dict[str, tuple[int, int, int]]:
        """Per channel over the period: (notas, omzet, margin)."""
        out: dict[str, tuple[int, int, int]] = {}
        for r in self.rows:
            n, o, m = out.get(r.channel, (0, 0, 0))
            out[r.channel] = (n + r.notas, o + r.omzet, m + r.margin)
        return out

    def to_json(self) -> dict[str, object]:
        return {"report": "penjualan-per-saluran", "from": self.start.isoformat(),
                "to": self.end.isoformat(), "rows": [r.to_json() for r in self.rows],
                "channels": [{"channel": c, "notas": n, "omzet": sen_str(o),
                              "margin": sen_str(m)} for c, (n, o, m) in self.totals().items()]}

    def table(self) -> Table:
        table = Table("Penjualan per Saluran", range_text(self.start, self.end),
                      [Column("Bulan"), Column("Saluran"), Column("Nota", "number"),
                       Column("Omzet", "money"), Column("Laba kotor", "money")])
        for r in self.rows:
            first = dt.date(int(r.month[:4]), int(r.month[5:]), 1)
            table.add(format_month(first), LABELS.get(r.channel, r.channel), r.notas, r.omzet,
                      r.margin)
        for channel, (n, o, m) in self.totals().items():
            table.add("Jumlah", LABELS.get(channel, channel), n, o, m, style="subtotal")
        if not self.rows:
            table.empty_message = EMPTY_PERIOD
        table.notes.append("Omzet sudah dikurangi potongan; laba kotor = omzet dikurangi HPP. "
                           "Penjualan tanpa saluran dihitung sebagai toko.")
        return table


def penjualan_per_saluran(conn: sqlite3.Connection, *, start: dt.date,
                          end: dt.date) -> PerChannel:
    """Sum each month's sales per channel from the sales' own lines."""
    rows = conn.execute(
        "SELECT substr(e.date, 1, 7), COALESCE(n.channel, 'toko'), COUNT(DISTINCT e.seq), "
        "SUM(CASE WHEN l.account LIKE '41%' THEN l.credit - l.debit ELSE 0 END), "
        "SUM(CASE WHEN l.account = '5101' THEN l.debit - l.credit ELSE 0 END) "
        "FROM entry e JOIN line l ON l.entry_seq = e.seq "
        "LEFT JOIN nota n ON n.entry_seq = e.seq "
        f"WHERE e.kind IN ({', '.join('?' for _ in SALES)}) AND e.date BETWEEN ? AND ? "
        "AND NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) "
        "GROUP BY 1, 2 ORDER BY 1, 2", (*SALES, start.isoformat(), end.isoformat()))
    return PerChannel(start, end, [ChannelMonth(m, c, int(n), int(o), int(h))
                                   for m, c, n, o, h in rows])
