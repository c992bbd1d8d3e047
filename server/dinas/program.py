"""Programs the Dinas ran, and their before/after comparison (difference in differences).

For a program from `start` to `end`, "before" is the six months up to the month before
`start` and "after" the six months from the month after `end`. Participants are compared with
consenting non-participants: each side's mean monthly omzet and laba, and mean stage, in both
windows; a side with fewer than `MIN_GROUP` businesses having both windows is suppressed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from protocol.dinas import MIN_GROUP, STAGES
from server.dinas.models import DinasBusiness, DinasMonth, DinasProgram, DinasProgramMember

KINDS = ("pelatihan", "pendampingan", "pameran")
WINDOW = 6
MEASURES = (("omzet", "Omzet rata-rata per bulan"), ("laba", "Laba rata-rata per bulan"),
            ("tahap", "Tahap e-UMKM rata-rata (1–5)"))


class ProgramRefused(ValueError):
    """A program that cannot be recorded; the message names the field."""


def add_program(session: Session, *, name: str, kind: str, start: dt.date, end: dt.date,
                members: list[str], by: str) -> DinasProgram:
    """Record a program and the consenting businesses that took part."""
    if not name.strip():
        raise ProgramRefused("Nama program wajib diisi")
    if kind not in KINDS:
        raise ProgramRefused(f"Jenis program harus salah satu dari: {', '.join(KINDS)}")
    if end < start:
        raise ProgramRefused("Tanggal selesai tidak boleh sebelum tanggal mulai")
    known = set(session.exec(select(DinasBusiness.business_id).where(
        col(DinasBusiness.business_id).in_(members)))) if members else set()
    program = DinasProgram(id=str(uuid.uuid4()), name=name.strip()[:200], kind=kind,
                           start=start, end=end, created_by=by)
    session.add(program)
    session.flush()
    for business_id in sorted(known):
        session.add(DinasProgramMember(program_id=program.id, business_id=business_id))
    return program


def month_add(month: str, n: int) -> str:
    """YYYY-MM moved by n months."""
    year, mon = int(month[:4]), int(month[5:7])
    year, index = divmod(year * 12 + mon - 1 + n, 12)
    return f"{year:04d}-{index + 1:02d}"


@dataclass
class Side:
    """One side of the comparison: how many businesses, and the means before and after."""

    businesses: int
    before: float | None
    after: float | None

    @property
    def change(self) -> float | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass
class Row:
    """One measure: participants, others and their difference in differences."""

    label: str
    measure: str
    ikut: Side
    lain: Side

    @property
    def did(self) -> float | None:
        if self.ikut.change is None or self.lain.change is None:
            return None
        return self.ikut.change - self.lain.change


def evaluate(session: Session, program: DinasProgram) -> list[Row]:
    """The difference-in-differences table of a program."""
    first = program.start.isoformat()[:7]
    last = program.end.isoformat()[:7]
    before = (month_add(first, -WINDOW), month_add(first, -1))
    after = (month_add(last, 1), month_add(last, WINDOW))
    members = set(session.exec(select(DinasProgramMember.business_id).where(
        DinasProgramMember.program_id == program.id)))
    rows = session.execute(
        columns(col(DinasMonth.business_id), col(DinasMonth.month), col(DinasMonth.omzet),
                col(DinasMonth.laba), col(DinasMonth.tahap))
        .join(DinasBusiness, col(DinasBusiness.business_id) == DinasMonth.business_id)
        .where(((col(DinasMonth.month) >= before[0]) & (col(DinasMonth.month) <= before[1]))
               | ((col(DinasMonth.month) >= after[0]) & (col(DinasMonth.month) <= after[1])))
    ).all()
    per: dict[str, dict[str, list[tuple[int, int, int]]]] = {}
    for business_id, month, omzet, laba, tahap in rows:
        window = "before" if month <= before[1] else "after"
        per.setdefault(business_id, {"before": [], "after": []})[window].append(
            (omzet, laba, STAGES.index(tahap) + 1 if tahap in STAGES else 1))
    both = {b: w for b, w in per.items() if w["before"] and w["after"]}
    out = []
    for index, (measure, label) in enumerate(MEASURES):
        sides = [_side({b: w for b, w in both.items() if (b in members) == inside}, index)
                 for inside in (True, False)]
        out.append(Row(label, measure, sides[0], sides[1]))
    return out


def _side(group: dict[str, dict[str, list[tuple[int, int, int]]]], index: int) -> Side:
    if len(group) < MIN_GROUP:
        return Side(len(group), None, None)

    def mean(window: str) -> float:
        per_business = [sum(v[index] for v in w[window]) / len(w[window]) for w in group.values()]
        return sum(per_business) / len(per_business)

    return Side(len(group), mean("before"), mean("after"))
