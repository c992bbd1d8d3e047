"""The Dinas's tables: projections of consented summaries and profiles, and what the Dinas
records itself (programs, OVOP products, the audit log). Money is integer sen.

`dinas_business` and `dinas_month` are rebuilt from the merged `entity` rows of a business
whenever its consent, profile or summaries change (server/dinas/project.py); a business at
consent `none` has no row in either, so no Dinas page can show it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Column, Text
from sqlmodel import Field, SQLModel

from server.models import utcnow


def _money() -> int:
    return Field(default=0, sa_column=Column(BigInteger, nullable=False))  # type: ignore[no-any-return]


class DinasBusiness(SQLModel, table=True):
    """A business that consented; `name`, `nib` and `profile` are kept only at `profil`."""

    __tablename__ = "dinas_business"
    business_id: str = Field(primary_key=True, foreign_key="business.id", max_length=36)
    consent: str = Field(max_length=10)
    name: str = Field(default="", max_length=200)
    nib: str = Field(default="", max_length=20)
    desa: str = Field(default="", max_length=100)
    kecamatan: str = Field(default="", max_length=100)
    category: str = Field(default="", max_length=60)
    profile: str = Field(default="{}", sa_column=Column(Text, nullable=False))
    updated_at: dt.datetime = Field(default_factory=utcnow, index=True)


class DinasMonth(SQLModel, table=True):
    """One month of one consenting business, as its desktop summarised it."""

    __tablename__ = "dinas_month"
    business_id: str = Field(primary_key=True, foreign_key="business.id", max_length=36)
    month: str = Field(primary_key=True, index=True, max_length=7)
    omzet: int = _money()
    hpp: int = _money()
    laba: int = _money()
    kas: int = _money()
    aset: int = _money()
    utang: int = _money()
    modal: int = _money()
    notas: int = 0
    tenaga_kerja: int = 0
    kelas: str = Field(default="mikro", max_length=10)
    tahap: str = Field(default="persiapan", max_length=10)
    channels: str = Field(default="{}", max_length=400)
    # Running totals of this business up to and including this month (server/dinas/project.py):
    # a period's omzet is cum_omzet at its last month less cum_omzet before its first.
    cum_omzet: int = _money()
    cum_laba: int = _money()
    seq: int = 0


class DinasProgram(SQLModel, table=True):
    """A program the Dinas ran (pelatihan, pendampingan, pameran) and when."""

    __tablename__ = "dinas_program"
    id: str = Field(primary_key=True, max_length=36)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=20)
    start: dt.date
    end: dt.date
    created_by: str = Field(max_length=80)
    created_at: dt.datetime = Field(default_factory=utcnow)


class DinasProgramMember(SQLModel, table=True):
    """A business that took part in a program."""

    __tablename__ = "dinas_program_member"
    program_id: str = Field(primary_key=True, foreign_key="dinas_program.id", max_length=36)
    business_id: str = Field(primary_key=True, foreign_key="business.id", max_length=36)


class DinasOvop(SQLModel, table=True):
    """A desa's flagship product (OVOP), linked to a listing, with the kurator's stars."""

    __tablename__ = "dinas_ovop"
    id: str = Field(primary_key=True, max_length=36)
    desa: str = Field(max_length=100, index=True)
    product_id: str = Field(max_length=36, index=True)
    scores: str = Field(default="{}", max_length=200)  # criterion -> 1..5 stars
    created_by: str = Field(max_length=80)
    created_at: dt.datetime = Field(default_factory=utcnow)


class DinasAudit(SQLModel, table=True):
    """Who looked at or exported what on the Dinas pages (read by the admin)."""

    __tablename__ = "dinas_audit"
    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, index=True)
    username: str = Field(max_length=80)
    action: str = Field(max_length=20)
    detail: str = Field(default="", max_length=500)
