"""Laporan posisi keuangan, laporan laba rugi and neraca saldo (SAK EMKM layout)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import format_long, year_start
from desktop.books.money import sen_str
from desktop.books.reports.balances import chart, natural, profit
from desktop.books.reports.common import AmountLine, as_of_text, period_text, range_text, total
from desktop.books.reports.table import EMPTY_PERIOD, Column, Table
from desktop.books.totals import net_between

RETAINED = "3201"
CAPITAL, DRAWINGS = "3101", "3102"
CURRENT_RESULT = "Laba (rugi) tahun berjalan"
TAX_GROUP = "54"


@dataclass(frozen=True)
class PosisiKeuangan:
    """Aset = liabilitas + ekuitas on one date, with this year's result as its own line."""

    as_of: dt.date
    aset: list[AmountLine]
    liabilitas: list[AmountLine]
    ekuitas: list[AmountLine]

    @property
    def total_aset(self) -> int:
        return total(self.aset)

    @property
    def total_liabilitas(self) -> int:
        return total(self.liabilitas)

    @property
    def total_ekuitas(self) -> int:
        return total(self.ekuitas)

    def to_json(self) -> dict[str, object]:
        return {
            "report": "posisi-keuangan",
            "as_of": self.as_of.isoformat(),
            "aset": [line.to_json() for line in self.aset],
            "total_aset": sen_str(self.total_aset),
            "liabilitas": [line.to_json() for line in self.liabilitas],
            "total_liabilitas": sen_str(self.total_liabilitas),
            "ekuitas": [line.to_json() for line in self.ekuitas],
            "total_ekuitas": sen_str(self.total_ekuitas),
            "total_liabilitas_ekuitas": sen_str(self.total_liabilitas + self.total_ekuitas),
        }

    def table(self, prior: PosisiKeuangan | None = None) -> Table:
        """The statement; with `prior`, the earlier date's figures stand beside it."""
        table = Table("Laporan Posisi Keuangan", as_of_text(self.as_of),
                      _amount_columns(self.as_of, prior.as_of if prior else None))
        sections = (("ASET", "aset", "Jumlah aset"),
                    ("LIABILITAS", "liabilitas", "Jumlah liabilitas"),
                    ("EKUITAS", "ekuitas", "Jumlah ekuitas"))
        for title, key, label in sections:
            table.add("", title, *_blank(prior), style="section")
            mine, theirs = getattr(self, key), getattr(prior, key) if prior else []
            for account, name, amounts in _merge(mine, theirs, prior is not None):
                table.add(account, name, *amounts, indent=1)
            table.add("", label, *_pair(total(mine), total(theirs), prior), style="subtotal")
        table.add("", "Jumlah liabilitas dan ekuitas",
                  *_pair(self.total_liabilitas + self.total_ekuitas,
                         prior.total_liabilitas + prior.total_ekuitas if prior else 0, prior),
                  style="total")
        if not (self.aset or self.liabilitas or self.ekuitas):
            table.empty_message = EMPTY_PERIOD
        return table


def posisi_keuangan(conn: sqlite3.Connection, *, as_of: dt.date) -> PosisiKeuangan:
    """Compute the statement of financial position from kept balances (two grouped reads)."""
    accounts = chart(conn)
    this_year = net_between(conn, year_start(as_of), as_of)
    ever = close_drawings(net_between(conn, None, as_of), this_year)
    prior_result = profit(ever) - profit(this_year)
    sections: dict[str, list[AmountLine]] = {"aset": [], "liabilitas": [], "ekuitas": []}
    for code, info in accounts.items():
        if info.is_result:
            continue
        amount = natural(info, ever.get(code, 0))
        if code == RETAINED:
            amount += prior_result
        if amount:
            sections[info.section].append(AmountLine(code, info.name, amount))
    current = profit(this_year)
    if current or any(ever.values()):
        sections["ekuitas"].append(AmountLine(None, CURRENT_RESULT, current))
    return PosisiKeuangan(as_of, sections["aset"], sections["liabilitas"], sections["ekuitas"])


@dataclass(frozen=True)
class LabaRugi:
    """Pendapatan less beban for a period; pajak penghasilan is also shown on its own."""

    start: dt.date
    end: dt.date
    pendapatan: list[AmountLine]
    beban: list[AmountLine]

    @property
    def total_pendapatan(self) -> int:
        return total(self.pendapatan)

    @property
    def total_beban(self) -> int:
        return total(self.beban)

    @property
    def beban_pajak(self) -> int:
        return sum(line.amount for line in self.beban if (line.account or "")[:2] == TAX_GROUP)

    @property
    def laba_bersih(self) -> int:
        return self.total_pendapatan - self.total_beban

    @property
    def laba_sebelum_pajak(self) -> int:
        return self.laba_bersih + self.beban_pajak

    def to_json(self) -> dict[str, object]:
        return {
            "report": "laba-rugi",
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "pendapatan": [line.to_json() for line in self.pendapatan],
            "total_pendapatan": sen_str(self.total_pendapatan),
            "beban": [line.to_json() for line in self.beban],
            # The printed "Jumlah beban": beban before pajak penghasilan, shown on its own.
            "total_beban": sen_str(total(self.operating)),
            "laba_sebelum_pajak": sen_str(self.laba_sebelum_pajak),
            "beban_pajak": sen_str(self.beban_pajak),
            "laba_bersih": sen_str(self.laba_bersih),
        }

    @property
    def operating(self) -> list[AmountLine]:
        """Beban before pajak penghasilan."""
        return [ln for ln in self.beban if (ln.account or "")[:2] != TAX_GROUP]

    def table(self, prior: LabaRugi | None = None) -> Table:
        """The statement; with `prior`, the earlier period's figures stand beside it."""
        table = Table("Laporan Laba Rugi",
                      f"{period_text(self.end)} ({range_text(self.start, self.end)})",
                      _amount_columns(self.end, prior.end if prior else None))
        table.add("", "PENDAPATAN", *_blank(prior), style="section")
        for account, name, amounts in _merge(self.pendapatan, prior.pendapatan if prior else [],
                                             prior is not None):
            table.add(account, name, *amounts, indent=1)
        table.add("", "Jumlah pendapatan",
                  *_pair(self.total_pendapatan, prior.total_pendapatan if prior else 0, prior),
                  style="subtotal")
        table.add("", "BEBAN", *_blank(prior), style="section")
        theirs = prior.operating if prior else []
        for account, name, amounts in _merge(self.operating, theirs, prior is not None):
            table.add(account, name, *amounts, indent=1)
        table.add("", "Jumlah beban", *_pair(total(self.operating), total(theirs), prior),
                  style="subtotal")
        for label, attr, style in (("Laba (rugi) sebelum pajak", "laba_sebelum_pajak", "subtotal"),
                                   ("Beban pajak penghasilan", "beban_pajak", "normal"),
                                   ("Laba (rugi) bersih", "laba_bersih", "total")):
            table.add("", label, *_pair(getattr(self, attr),
                                        getattr(prior, attr) if prior else 0, prior),
                      style=style, indent=1 if style == "normal" else 0)  # type: ignore[arg-type]
        if not (self.pendapatan or self.beban):
            table.empty_message = EMPTY_PERIOD
        return table


def laba_rugi(conn: sqlite3.Connection, *, start: dt.date, end: dt.date) -> LabaRugi:
    """Compute the income statement for [start, end] from kept balances."""
    accounts = chart(conn)
    net = net_between(conn, start, end)
    pendapatan: list[AmountLine] = []
    beban: list[AmountLine] = []
    for code, info in accounts.items():
        amount = net.get(code, 0)
        if not info.is_result or not amount:
            continue
        line = AmountLine(code, info.name, natural(info, amount))
        (pendapatan if info.section == "pendapatan" else beban).append(line)
    return LabaRugi(start, end, pendapatan, beban)


@dataclass(frozen=True)
class TrialLine:
    """One account's balance on its debit or credit side."""

    account: str
    name: str
    debit: int
    credit: int


@dataclass(frozen=True)
class NeracaSaldo:
    """Every account's balance on a date; prior years' results sit in Saldo Laba."""

    as_of: dt.date
    lines: list[TrialLine]

    def to_json(self) -> dict[str, object]:
        return {
            "report": "neraca-saldo",
            "as_of": self.as_of.isoformat(),
            "lines": [{"account": ln.account, "name": ln.name, "debit": sen_str(ln.debit),
                       "credit": sen_str(ln.credit)} for ln in self.lines],
            "total_debit": sen_str(sum(ln.debit for ln in self.lines)),
            "total_credit": sen_str(sum(ln.credit for ln in self.lines)),
        }

    def table(self) -> Table:
        table = Table("Neraca Saldo", as_of_text(self.as_of),
                      [Column("Akun"), Column("Nama akun"), Column("Debit", "money"),
                       Column("Kredit", "money")])
        for ln in self.lines:
            table.add(ln.account, ln.name, ln.debit or None, ln.credit or None)
        table.add("", "Jumlah", sum(ln.debit for ln in self.lines),
                  sum(ln.credit for ln in self.lines), style="total")
        if not self.lines:
            table.empty_message = EMPTY_PERIOD
        return table


def neraca_saldo(conn: sqlite3.Connection, *, as_of: dt.date) -> NeracaSaldo:
    """Trial balance: balance-sheet accounts ever, result accounts for the current year."""
    accounts = chart(conn)
    this_year = net_between(conn, year_start(as_of), as_of)
    ever = close_drawings(net_between(conn, None, as_of), this_year)
    prior_result = profit(ever) - profit(this_year)
    lines = []
    for code, info in accounts.items():
        amount = this_year.get(code, 0) if info.is_result else ever.get(code, 0)
        if code == RETAINED:
            amount -= prior_result
        if amount:
            lines.append(TrialLine(code, info.name, max(amount, 0), max(-amount, 0)))
    return NeracaSaldo(as_of, lines)


def close_drawings(ever: dict[str, int], this_year: dict[str, int]) -> dict[str, int]:
    """Prive shows this year's drawings; earlier years' drawings have reduced Modal Pemilik."""
    earlier = ever.get(DRAWINGS, 0) - this_year.get(DRAWINGS, 0)
    if not earlier:
        return ever
    closed = dict(ever)
    closed[DRAWINGS] = this_year.get(DRAWINGS, 0)
    closed[CAPITAL] = ever.get(CAPITAL, 0) + earlier
    return {code: amount for code, amount in closed.items() if amount}


def _amount_columns(day: dt.date, prior: dt.date | None) -> list[Column]:
    if prior is None:
        return [Column("Akun"), Column("Keterangan"), Column("Jumlah", "money")]
    return [Column("Akun"), Column("Keterangan"), Column(format_long(day), "money"),
            Column(format_long(prior), "money")]


def _blank(prior: object) -> tuple[None, ...]:
    return (None, None) if prior is not None else (None,)


def _pair(current: int, earlier: int, prior: object) -> tuple[int, ...]:
    return (current, earlier) if prior is not None else (current,)


def _merge(mine: list[AmountLine], theirs: list[AmountLine],
           compare: bool) -> list[tuple[str, str, tuple[int | None, ...]]]:
    """Lines of both periods side by side, in account order (computed lines last)."""
    if not compare:
        return [(ln.account or "", ln.name, (ln.amount,)) for ln in mine]
    keys: dict[tuple[str, str], list[int | None]] = {}
    for index, lines in enumerate((mine, theirs)):
        for ln in lines:
            key = (ln.account or "", ln.name if ln.account is None else "")
            keys.setdefault(key, [0, 0])[index] = ln.amount
    names = {(ln.account or "", ln.name if ln.account is None else ""): ln.name
             for ln in [*theirs, *mine]}
    order = sorted(keys, key=lambda k: (k[0] == "", k[0]))
    return [(key[0], names[key], tuple(keys[key])) for key in order]
