"""Every report by its CLI name, with the dates and options it takes."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from desktop.books.errors import InputError
from desktop.books.reports.aging import umur
from desktop.books.reports.channels import penjualan_per_saluran
from desktop.books.reports.flows import arus_kas, perubahan_ekuitas
from desktop.books.reports.ledger_report import BukuBesar, buku_besar
from desktop.books.reports.pack import Pack, build_pack
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from desktop.books.reports.stock_report import daftar_stok, kartu_stok
from desktop.books.reports.table import Report, Table
from desktop.books.reports.tax import pph_final


@dataclass(frozen=True)
class ReportArgs:
    """The period and filters a report is asked for."""

    as_of: dt.date
    start: dt.date
    end: dt.date
    account: str | None = None
    sku: str | None = None


@dataclass(frozen=True)
class AllLedgers:
    """Buku besar of every account that has a balance or postings in the period."""

    ledgers: list[BukuBesar]
    start: dt.date
    end: dt.date

    def to_json(self) -> dict[str, object]:
        return {"report": "buku-besar", "from": self.start.isoformat(),
                "to": self.end.isoformat(), "accounts": [b.to_json() for b in self.ledgers]}

    def tables(self) -> list[Table]:
        return [ledger.table() for ledger in self.ledgers]


def _all_ledgers(conn: sqlite3.Connection, a: ReportArgs) -> AllLedgers:
    codes = [row[0] for row in conn.execute(
        "SELECT DISTINCT account FROM account_day WHERE date <= ? ORDER BY account",
        (a.end.isoformat(),))]
    ledgers = [buku_besar(conn, account=code, start=a.start, end=a.end) for code in codes]
    return AllLedgers([b for b in ledgers if b.saldo_awal or b.saldo_akhir or b.has_lines],
                      a.start, a.end)


AnyReport = Report | AllLedgers | Pack
Builder = Callable[[sqlite3.Connection, ReportArgs], AnyReport]

REPORTS: dict[str, tuple[str, Builder]] = {
    "posisi-keuangan": ("as_of", lambda c, a: posisi_keuangan(c, as_of=a.as_of)),
    "laba-rugi": ("range", lambda c, a: laba_rugi(c, start=a.start, end=a.end)),
    "arus-kas": ("range", lambda c, a: arus_kas(c, start=a.start, end=a.end)),
    "perubahan-ekuitas": ("range", lambda c, a: perubahan_ekuitas(c, start=a.start, end=a.end)),
    "neraca-saldo": ("as_of", lambda c, a: neraca_saldo(c, as_of=a.as_of)),
    "buku-besar": ("range", lambda c, a: buku_besar(c, account=a.account, start=a.start,
                                                    end=a.end) if a.account
                   else _all_ledgers(c, a)),
    "kartu-stok": ("range", lambda c, a: kartu_stok(c, sku=a.sku, start=a.start, end=a.end)
                   if a.sku else daftar_stok(c, as_of=a.end)),
    "umur-piutang": ("as_of", lambda c, a: umur(c, kind="piutang", as_of=a.as_of)),
    "umur-utang": ("as_of", lambda c, a: umur(c, kind="utang", as_of=a.as_of)),
    "pph-final": ("range", lambda c, a: pph_final(c, start=a.start, end=a.end)),
    "paket": ("range", lambda c, a: build_pack(c, start=a.start, end=a.end)),
    "penjualan-per-saluran": ("range", lambda c, a: penjualan_per_saluran(c, start=a.start,
                                                                          end=a.end)),
}


def run_report(conn: sqlite3.Connection, name: str, args: ReportArgs) -> AnyReport:
    """Compute a report by name inside one read snapshot."""
    if name not in REPORTS:
        raise InputError("Laporan '{value}' tidak dikenal; pilih: {choices}", field="report",
                         value=name, choices=", ".join(REPORTS))
    if args.start > args.end:
        raise InputError("Tanggal awal {value} sesudah tanggal akhir {end}", field="from",
                         value=args.start.isoformat(), end=args.end.isoformat())
    return REPORTS[name][1](conn, args)


def tables_of(report: AnyReport) -> list[Table]:
    """The printable tables of a report (buku besar of all accounts and the pack have several)."""
    if isinstance(report, AllLedgers):
        return report.tables()
    if isinstance(report, Pack):
        return report.statements()
    return [report.table()]
