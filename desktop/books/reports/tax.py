"""An estimate of PPh Final UMKM (PP 55/2022): 0.5% of monthly gross turnover."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import format_month
from desktop.books.money import rupiah_share, sen_str
from desktop.books.reports.common import range_text
from desktop.books.reports.table import EMPTY_PERIOD, Column, Table

RATE_PER_MILLE = 5  # 0.5%
EXEMPT_SEN = 500_000_000 * 100  # Rp500 juta a year for an individual owner


@dataclass(frozen=True)
class TaxMonth:
    """One month's turnover, the year-to-date turnover and the tax on the part above the limit."""

    month: str
    omzet: int
    cumulative: int
    taxable: int

    @property
    def pph(self) -> int:
        return rupiah_share(self.taxable, RATE_PER_MILLE, 1000)

    def to_json(self) -> dict[str, object]:
        return {"month": self.month, "omzet": sen_str(self.omzet),
                "omzet_kumulatif": sen_str(self.cumulative),
                "dasar_pengenaan": sen_str(self.taxable), "pph": sen_str(self.pph)}


@dataclass(frozen=True)
class PphFinal:
    """Monthly PPh Final estimates for a period."""

    start: dt.date
    end: dt.date
    taxpayer: str
    months: list[TaxMonth]

    @property
    def exempt(self) -> int:
        return EXEMPT_SEN if self.taxpayer == "orang-pribadi" else 0

    def to_json(self) -> dict[str, object]:
        return {"report": "pph-final", "from": self.start.isoformat(), "to": self.end.isoformat(),
                "wajib_pajak": self.taxpayer, "tarif": "0.5%",
                "batas_bebas_setahun": sen_str(self.exempt),
                "months": [m.to_json() for m in self.months],
                "total_omzet": sen_str(sum(m.omzet for m in self.months)),
                "total_pph": sen_str(sum(m.pph for m in self.months))}

    def table(self) -> Table:
        table = Table("Perkiraan PPh Final UMKM (PP 55/2022)", range_text(self.start, self.end),
                      [Column("Bulan"), Column("Omzet", "money"),
                       Column("Omzet sejak Januari", "money"),
                       Column("Dasar pengenaan", "money"), Column("PPh final 0,5%", "money")])
        for m in self.months:
            first = dt.date(int(m.month[:4]), int(m.month[5:]), 1)
            table.add(format_month(first), m.omzet, m.cumulative, m.taxable, m.pph)
        table.add("Jumlah", sum(m.omzet for m in self.months), None,
                  sum(m.taxable for m in self.months), sum(m.pph for m in self.months),
                  style="total")
        if not self.months:
            table.empty_message = EMPTY_PERIOD
        if self.exempt:
            table.notes.append("Wajib pajak orang pribadi: omzet sampai Rp500.000.000 setahun "
                               "tidak dikenai PPh final.")
        table.notes.append("Ini perkiraan dari penjualan yang tercatat (akun 41xx); setor dan "
                           "laporkan sesuai ketentuan DJP.")
        return table


def pph_final(conn: sqlite3.Connection, *, start: dt.date, end: dt.date) -> PphFinal:
    """Estimate the tax month by month, counting turnover from each January for the limit."""
    taxpayer = conn.execute("SELECT taxpayer FROM profile").fetchone()[0]
    exempt = EXEMPT_SEN if taxpayer == "orang-pribadi" else 0
    rows = conn.execute(
        "SELECT substr(date, 1, 7), SUM(credit) - SUM(debit) FROM account_day "
        "WHERE account LIKE '41%' AND date BETWEEN ? AND ? GROUP BY 1 ORDER BY 1",
        (dt.date(start.year, 1, 1).isoformat(), end.isoformat()))
    months, cumulative, year = [], 0, None
    first = start.strftime("%Y-%m")
    for month, omzet in rows:
        if month[:4] != year:
            year, cumulative = month[:4], 0
        before = cumulative
        cumulative += int(omzet)
        taxable = max(cumulative - max(before, exempt), 0) if cumulative > exempt else 0
        if month >= first:
            months.append(TaxMonth(month, int(omzet), cumulative, taxable))
    return PphFinal(start, end, taxpayer, months)
