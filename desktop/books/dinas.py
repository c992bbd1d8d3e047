"""The owner's consent for the Dinas and the business profile the Dinas asks for (issue 16).

Both are the owner's: they change only here, go to the mall through the outbox like every
other change (entities `consent` and `dinas_profile`, protocol/entities.py), and the mall
shows the Dinas nothing of a business at `none` (docs/dinas.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from desktop.books.book import Book
from desktop.books.dinas_text import EN as _EN  # noqa: F401 - registers the English
from desktop.books.errors import InputError
from desktop.books.i18n import N_
from desktop.books.outbox import record_change
from protocol import entities
from protocol.dinas import CONSENT_LEVELS, DINAS_CERTIFICATES

PROFILE_FIELDS = entities.FIELDS["dinas_profile"]
WORKER_FIELDS = ("paid_women", "paid_men", "family_women", "family_men")
# Plain words for each level: what the Dinas sees (the mall page and `consent show`).
LEVEL_TEXT = {
    "none": N_("Tidak dibagikan: Dinas tidak melihat apa pun dari usaha ini selain produk "
               "yang tayang di Mall."),
    "ringkasan": N_("Ringkasan: jumlah bulanan (omzet, laba, aset, tenaga kerja) ikut dalam "
                    "angka gabungan Dinas, tanpa nama usaha."),
    "profil": N_("Profil: usaha tampil dengan nama, profil dan jumlah bulanannya di halaman "
                 "Dinas."),
}


def get_consent(conn: sqlite3.Connection) -> str:
    """The consent level the owner chose (`none` until they choose)."""
    return str(conn.execute("SELECT consent FROM dinas_profile").fetchone()[0])


def set_consent(book: Book, *, level: str) -> str:
    """Choose what the Dinas sees; the mall applies it at the next sync."""
    if level not in CONSENT_LEVELS:
        raise InputError("Tingkat berbagi '{value}' harus salah satu dari: {choices}",
                         field="dinas", value=level, choices=", ".join(CONSENT_LEVELS))
    with book.write() as conn:
        if get_consent(conn) == level:
            return level
        conn.execute("UPDATE dinas_profile SET consent = ?, updated_at = ?", (level, _now()))
        record_change(conn, "consent", book.business.id, "update", {"dinas": level})
    return level


def get_dinas_profile(conn: sqlite3.Connection) -> dict[str, Any]:
    """The Dinas profile as stored (only the fields the owner filled in)."""
    data: dict[str, Any] = json.loads(conn.execute("SELECT data FROM dinas_profile")
                                      .fetchone()[0])
    return data


def update_dinas_profile(book: Book, **changes: Any) -> dict[str, Any]:
    """Change Dinas profile fields (checked by the protocol's bounds); the changes sync."""
    values = validate_dinas_profile(changes)
    if not values:
        return get_dinas_profile(book.conn)
    with book.write() as conn:
        data = get_dinas_profile(conn)
        changed = {k: v for k, v in values.items() if data.get(k) != v}
        if changed:
            data.update(changed)
            conn.execute("UPDATE dinas_profile SET data = ?, updated_at = ?",
                         (json.dumps(data, ensure_ascii=False), _now()))
            record_change(conn, "dinas_profile", book.business.id, "update", changed)
    return get_dinas_profile(book.conn)


def validate_dinas_profile(values: dict[str, Any]) -> dict[str, Any]:
    """Trim text, turn empty dates into none; raise InputError naming the field."""
    clean: dict[str, Any] = {}
    for name, value in values.items():
        if name not in PROFILE_FIELDS:
            raise InputError("Kolom profil Dinas '{value}' tidak dikenal", field="profil",
                             value=name)
        field = PROFILE_FIELDS[name]
        if isinstance(value, str):
            value = value.strip()
            if field.nullable and value == "":
                value = None
        try:
            entities.check_field(name, field, value)
        except entities.Invalid as exc:
            raise InputError("Isian '{value}' tidak sah: {reason}", field=name,
                             value=str(value)[:60], reason=str(exc)) from None
        clean[name] = value
    return clean


def tenaga_kerja(profile: dict[str, Any]) -> int:
    """Everyone who works in the business: paid and family, women and men."""
    return sum(int(profile.get(name) or 0) for name in WORKER_FIELDS)


def missing_certificates(profile: dict[str, Any], *, today: dt.date) -> list[str]:
    """Certificates with no number, or whose expiry date has passed."""
    gaps = []
    for cert in DINAS_CERTIFICATES:
        until = profile.get(f"{cert}_until")
        if not profile.get(f"{cert}_no") or (until and dt.date.fromisoformat(until) < today):
            gaps.append(cert)
    return gaps


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
