"""The statement pack: every SAK EMKM statement for a period, the prior period, and the CALK."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.business import Profile, get_logo, get_profile
from desktop.books.dates import add_months
from desktop.books.reports.calk import Calk, build_calk
from desktop.books.reports.flows import ArusKas, PerubahanEkuitas, arus_kas, perubahan_ekuitas
from desktop.books.reports.statements import LabaRugi, PosisiKeuangan, laba_rugi, posisi_keuangan
from desktop.books.reports.table import Table
from desktop.books.reports.tax import pph_final


@dataclass(frozen=True)
class Pack:
    """The figures of one period and of the same period a year earlier."""

    profile: Profile
    start: dt.date
    end: dt.date
    posisi: PosisiKeuangan
    posisi_prior: PosisiKeuangan
    laba_rugi: LabaRugi
    laba_rugi_prior: LabaRugi
    arus_kas: ArusKas
    perubahan_ekuitas: PerubahanEkuitas
    calk: Calk
    logo: bytes | None = None

    def statements(self) -> list[Table]:
        """The four statements as printed: position and result beside the prior period."""
        return [self.posisi.table(self.posisi_prior), self.laba_rugi.table(self.laba_rugi_prior),
                self.arus_kas.table(), self.perubahan_ekuitas.table()]

    def to_json(self) -> dict[str, object]:
        return {
            "report": "paket", "from": self.start.isoformat(), "to": self.end.isoformat(),
            "posisi_keuangan": self.posisi.to_json(),
            "posisi_keuangan_pembanding": self.posisi_prior.to_json(),
            "laba_rugi": self.laba_rugi.to_json(),
            "laba_rugi_pembanding": self.laba_rugi_prior.to_json(),
            "arus_kas": self.arus_kas.to_json(),
            "perubahan_ekuitas": self.perubahan_ekuitas.to_json(),
            "calk": self.calk.to_json(),
        }


def build_pack(conn: sqlite3.Connection, *, start: dt.date, end: dt.date) -> Pack:
    """Compute every figure of the pack once; the renderers only print them."""
    profile = get_profile(conn)
    posisi = posisi_keuangan(conn, as_of=end)
    result = laba_rugi(conn, start=start, end=end)
    pph = pph_final(conn, start=start, end=end)
    return Pack(
        profile=profile, start=start, end=end,
        posisi=posisi, posisi_prior=posisi_keuangan(conn, as_of=add_months(end, -12)),
        laba_rugi=result,
        laba_rugi_prior=laba_rugi(conn, start=add_months(start, -12), end=add_months(end, -12)),
        arus_kas=arus_kas(conn, start=start, end=end),
        perubahan_ekuitas=perubahan_ekuitas(conn, start=start, end=end),
        calk=build_calk(conn, profile=profile, posisi=posisi, laba_rugi=result, pph=pph),
        logo=get_logo(conn),
    )
