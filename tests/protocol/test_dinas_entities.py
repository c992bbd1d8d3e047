"""The Dinas entities (issue 16): one definition for the desktop's books and the mall's checks."""

from __future__ import annotations

import re
import sqlite3
from typing import Any

import pytest

from desktop.books.store import schema_dinas
from protocol import dinas
from protocol.entities import PUSHED, Invalid, check

SUMMARY: dict[str, Any] = {
    "month": "2026-01", "omzet": 100, "hpp": 0, "laba": -5, "kas": 0, "aset": 0, "utang": 0,
    "modal": 0, "notas": 1, "channels": {"toko": 100, "mall": 0}, "tenaga_kerja": 2,
    "kelas": "mikro", "tahap": "persiapan"}


def test_the_desktop_consent_check_is_the_protocols() -> None:
    levels = re.search(r"CHECK \(consent IN \(([^)]*)\)\)", schema_dinas.V12)
    assert levels is not None
    assert tuple(re.findall(r"'([^']*)'", levels.group(1))) == dinas.CONSENT_LEVELS
    conn = sqlite3.connect(":memory:")
    for statement in schema_dinas.V12.split(";\n"):
        conn.execute(statement)
    assert conn.execute("SELECT consent FROM dinas_profile").fetchone() == ("none",)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE dinas_profile SET consent = 'semua'")


def test_the_three_entities_are_pushed_and_checked() -> None:
    assert {"consent", "summary", "dinas_profile"} <= PUSHED
    check("summary", "update", SUMMARY)
    check("consent", "update", {"dinas": "profil"})
    check("dinas_profile", "update", {"materials": [["benang", "luar", 30]], "nib_until": None})


@pytest.mark.parametrize(("entity", "data", "why"), [
    ("consent", {"dinas": "semua"}, "dinas"),
    ("consent", {}, "wajib"),
    ("summary", {**SUMMARY, "month": "2026-13"}, "month"),
    ("summary", {**SUMMARY, "channels": {"tiktok": 5}}, "channels"),
    ("summary", {**SUMMARY, "channels": {"mall": 1.5}}, "channels.mall"),
    ("summary", {**SUMMARY, "kelas": "raksasa"}, "kelas"),
    ("summary", {k: v for k, v in SUMMARY.items() if k != "laba"}, "wajib"),
    ("summary", {**SUMMARY, "memo": "x"}, "tidak dikenal"),
    ("dinas_profile", {"paid_women": -1}, "paid_women"),
    ("dinas_profile", {"materials": [["a", "mars", 5]]}, "asal"),
    ("dinas_profile", {"materials": [["a", "desa", 101]]}, "persen"),
    ("dinas_profile", {"halal_until": "31-12-2027"}, "halal_until"),
])
def test_what_breaks_the_definition_is_refused(entity: str, data: dict[str, Any],
                                               why: str) -> None:
    with pytest.raises(Invalid, match=why):
        check(entity, "update", data)
