"""Laporan arus kas (direct method over kas dan setara kas) and laporan perubahan ekuitas."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.accounts import CASHFLOW_LABELS
from desktop.books.money import sen_str
from desktop.books.reports.balances import cash_codes, chart, day_before, profit
from desktop.books.reports.common import NamedAmount, period_text, range_text, total
from desktop.books.reports.table import EMPTY_PERIOD, Column, Table
from desktop.books.totals import net_between

SECTIONS = (("operasi", "Arus kas dari aktivitas operasi"),
            ("investasi", "Arus kas dari aktivitas investasi"),
            ("pendanaan", "Arus kas dari aktivitas pendanaan"))
OPENING = "saldo-awal"
RETAINED = "3201"
PRIOR_CORRECTION = "Koreksi kesalahan periode lalu"


@dataclass(frozen=True)
class ArusKas:
    """Cash at the start, the flows by activity, and cash at the end."""

    start: dt.date
    end: dt.date
    saldo_awal: int
    sections: dict[str, list[NamedAmount]]
    saldo_akhir: int

    def section_total(self, key: str) -> int:
        return total(self.sections[key])

    @property
    def kenaikan_bersih(self) -> int:
        return sum(self.section_total(key) for key, _title in SECTIONS)

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"report": "arus-kas", "from": self.start.isoformat(),
                                  "to": self.end.isoformat(), "saldo_awal": sen_str(self.saldo_awal)}
        for key, _title in SECTIONS:
            out[key] = [line.to_json() for line in self.sections[key]]
            out[f"total_{key}"] = sen_str(self.section_total(key))
        out["kenaikan_bersih"] = sen_str(self.kenaikan_bersih)
        out["saldo_akhir"] = sen_str(self.saldo_akhir)
        return out

    def table(self) -> Table:
        table = Table("Laporan Arus Kas",
                      f"{period_text(self.end)} ({range_text(self.start, self.end)})",
                      [Column("Keterangan"), Column("Jumlah", "money")])
        for key, title in SECTIONS:
            table.add(title, None, style="section")
            for line in self.sections[key]:
                table.add(line.name, line.amount, indent=1)
            table.add(f"Kas bersih dari aktivitas {key}", self.section_total(key),
                      style="subtotal")
        table.add("Kenaikan (penurunan) bersih kas", self.kenaikan_bersih, style="subtotal")
        table.add("Kas dan setara kas awal periode", self.saldo_awal)
        table.add("Kas dan setara kas akhir periode", self.saldo_akhir, style="total")
        if not (self.saldo_awal or self.saldo_akhir or any(self.sections.values())):
            table.empty_message = EMPTY_PERIOD
        return table


def arus_kas(conn: sqlite3.Connection, *, start: dt.date, end: dt.date) -> ArusKas:
    """Compute the cash flow statement from the per-day flows kept at posting time."""
    cash = cash_codes(chart(conn))
    before = net_between(conn, None, day_before(start))
    after = net_between(conn, None, end)
    flows = dict(conn.execute(
        "SELECT category, SUM(amount) FROM cashflow_day WHERE date BETWEEN ? AND ? "
        "GROUP BY category", (start.isoformat(), end.isoformat())))
    sections: dict[str, list[NamedAmount]] = {key: [] for key, _title in SECTIONS}
    for category, (section, label) in CASHFLOW_LABELS.items():
        amount = int(flows.get(category, 0))
        if amount:
            sections[section].append(NamedAmount(label, amount))
    opening = sum(before.get(code, 0) for code in cash) + int(flows.get(OPENING, 0))
    closing = sum(after.get(code, 0) for code in cash)
    return ArusKas(start, end, opening, sections, closing)


@dataclass(frozen=True)
class PerubahanEkuitas:
    """Equity at the start, what changed it during the period, and equity at the end."""

    start: dt.date
    end: dt.date
    saldo_awal: int
    lines: list[NamedAmount]

    @property
    def saldo_akhir(self) -> int:
        return self.saldo_awal + total(self.lines)

    def to_json(self) -> dict[str, object]:
        return {"report": "perubahan-ekuitas", "from": self.start.isoformat(),
                "to": self.end.isoformat(), "saldo_awal": sen_str(self.saldo_awal),
                "lines": [line.to_json() for line in self.lines],
                "saldo_akhir": sen_str(self.saldo_akhir)}

    def table(self) -> Table:
        table = Table("Laporan Perubahan Ekuitas",
                      f"{period_text(self.end)} ({range_text(self.start, self.end)})",
                      [Column("Keterangan"), Column("Jumlah", "money")])
        table.add("Ekuitas awal periode", self.saldo_awal, style="subtotal")
        for line in self.lines:
            table.add(line.name, line.amount, indent=1)
        table.add("Ekuitas akhir periode", self.saldo_akhir, style="total")
        if not (self.saldo_awal or any(line.amount for line in self.lines)):
            table.empty_message = EMPTY_PERIOD
        return table


def perubahan_ekuitas(conn: sqlite3.Connection, *, start: dt.date,
                      end: dt.date) -> PerubahanEkuitas:
    """Opening equity, capital in, drawings, the period's result and other equity changes."""
    before = net_between(conn, None, day_before(start))
    during = net_between(conn, start, end)
    opening_entry = dict(conn.execute(
        "SELECT l.account, SUM(l.debit - l.credit) FROM line l JOIN entry e "
        "ON e.seq = l.entry_seq WHERE e.kind = ? AND e.date BETWEEN ? AND ? "
        "AND l.account LIKE '3%' GROUP BY l.account",
        (OPENING, start.isoformat(), end.isoformat())))

    def equity(net: dict[str, int], prefix: str, exclude: str = "") -> int:
        return -sum(v for k, v in net.items() if k.startswith(prefix) and k != exclude)

    opening = equity(before, "3") + profit(before) + equity(opening_entry, "3")
    correction = -int(conn.execute(
        "SELECT COALESCE(SUM(l.debit - l.credit), 0) FROM line l JOIN entry e "
        "ON e.seq = l.entry_seq WHERE e.kind = 'koreksi-periode-lalu' AND l.account = ? "
        "AND e.date BETWEEN ? AND ?", (RETAINED, start.isoformat(), end.isoformat())).fetchone()[0])
    other = equity(during, "32") - equity(opening_entry, "32") - correction
    lines = [
        NamedAmount("Setoran modal", equity(during, "31", "3102") - equity(opening_entry, "31",
                                                                           "3102")),
        NamedAmount("Laba (rugi) bersih periode berjalan", profit(during)),
        NamedAmount("Prive (pengambilan pemilik)", equity(during, "3102")
                    - equity(opening_entry, "3102")),
    ]
    if correction:  # SAK EMKM Bab 7: through opening saldo laba, not this period's result
        lines.insert(0, NamedAmount(PRIOR_CORRECTION, correction))
    if other:
        lines.append(NamedAmount("Perubahan saldo laba lainnya", other))
    return PerubahanEkuitas(start, end, opening, lines)
