"""Renderers of a Dinas summary: CSV, XLSX (openpyxl, write-only) and JSON; and the audit log.

The `usaha` rows carry the SIDT-KUMKM identity fields; money is rupiah as decimal strings.
Every export and page view is written to `dinas_audit`, which the admin reads.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from sqlmodel import Session, col, select

from protocol.dinas import SIZE_CLASSES, STAGES
from server.dinas.models import DinasAudit, DinasBusiness
from server.dinas.report import Summary, rupiah_text

USAHA_COLUMNS = ("nama usaha", "NIB", "alamat", "desa", "kecamatan", "sektor", "tenaga kerja",
                 "modal", "omzet", "kelas")


def header(summary: Summary) -> list[str]:
    """The column names of a summary's table."""
    if summary.group == "usaha":
        return list(USAHA_COLUMNS)
    return ["kelompok", "usaha", "omzet", "laba", "aset", "tenaga kerja", "median omzet",
            *[f"kelas {k}" for k in SIZE_CLASSES], *[f"tahap {t}" for t in STAGES]]


def rows(session: Session, summary: Summary) -> list[list[Any]]:
    """The table's rows, money as rupiah decimal strings."""
    if summary.group == "usaha":
        return _usaha_rows(session, summary)
    return [[g.key, g.businesses, rupiah_text(g.omzet), rupiah_text(g.laba),
             rupiah_text(g.aset), g.tenaga_kerja, rupiah_text(g.median_omzet),
             *[g.kelas.get(k, 0) for k in SIZE_CLASSES], *[g.tahap.get(t, 0) for t in STAGES]]
            for g in summary.groups]


def _usaha_rows(session: Session, summary: Summary) -> list[list[Any]]:
    named = {b.name: b for b in session.exec(select(DinasBusiness).where(
        col(DinasBusiness.consent) == "profil"))}
    out = []
    for g in summary.groups:
        b = named.get(g.key)
        profile = json.loads(b.profile) if b else {}
        out.append([g.key, g.nib, str(profile.get("alamat", "")), b.desa if b else "",
                    b.kecamatan if b else "", b.category if b else "", g.tenaga_kerja,
                    rupiah_text(g.modal), rupiah_text(g.omzet), "/".join(sorted(g.kelas))])
    return out


def to_csv(session: Session, summary: Summary) -> str:
    """The table as CSV (UTF-8; cells that look like formulas are quoted as text)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header(summary))
    for row in rows(session, summary):
        writer.writerow([_no_formula(v) for v in row])
    return out.getvalue()


def to_xlsx(session: Session, summary: Summary) -> bytes:
    """The table as an XLSX workbook (write-only: thousands of rows in little memory)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(f"ringkasan {summary.group}"[:31])
    sheet.append([f"Ringkasan UMKM {summary.start} s.d. {summary.end}"])
    sheet.append(header(summary))
    for row in rows(session, summary):
        sheet.append([_no_formula(v) for v in row])
    if summary.suppressed:
        sheet.append([f"{summary.suppressed} kelompok tidak ditampilkan (kurang dari 3 usaha)"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _no_formula(value: Any) -> Any:
    """Text from owners never becomes a spreadsheet formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _number(value):
        return "'" + value
    return value


_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def _number(text: str) -> bool:
    """A signed plain number ("-250000", "+1,5") stays as it is; anything else is escaped."""
    return _NUMBER.fullmatch(text) is not None


def audit(session: Session, *, username: str, action: str, detail: str) -> None:
    """Write who viewed or exported what (in the caller's transaction)."""
    session.add(DinasAudit(username=username[:80], action=action[:20], detail=detail[:500]))


def audit_log(session: Session, *, limit: int = 500) -> list[DinasAudit]:
    """The latest audit rows, newest first."""
    return list(session.exec(select(DinasAudit).order_by(col(DinasAudit.id).desc())
                             .limit(limit)))
