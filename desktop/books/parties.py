"""Customers and suppliers (pelanggan dan pemasok) and what each owes or is owed."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass

from desktop.books.errors import InputError, NotFoundError
from desktop.books.ids import new_id
from desktop.books.outbox import record_change

RECEIVABLE = "1201"
PAYABLE = "2101"
PARTY_KINDS = ("pelanggan", "pemasok", "lainnya")


@dataclass(frozen=True)
class Party:
    """A named customer or supplier with what they owe (piutang) and are owed (utang)."""

    id: str
    name: str
    kind: str
    phone: str
    receivable: int = 0
    payable: int = 0


def name_key(name: str) -> str:
    """Compare names ignoring case and repeated spaces ('Warung  sari' = 'Warung Sari')."""
    return re.sub(r"\s+", " ", name).strip().casefold()


def find_party(conn: sqlite3.Connection, name: str, *, field: str = "party") -> Party:
    """Return the party with this name or say it does not exist."""
    row = conn.execute("SELECT id, name, kind, phone FROM party WHERE name_key = ?",
                       (name_key(name),)).fetchone()
    if row is None:
        raise NotFoundError("Pihak '{value}' belum tercatat", field=field, value=name)
    return Party(*row)


def ensure_party(conn: sqlite3.Connection, name: str, *, kind: str, field: str = "party") -> Party:
    """Return the named party, creating it on first use (as owners write names on a nota)."""
    clean = re.sub(r"\s+", " ", name or "").strip()
    if not clean:
        raise InputError("Nama pelanggan atau pemasok wajib diisi", field=field, value=name)
    if len(clean) > 120:
        raise InputError("Nama '{value}' terlalu panjang (paling banyak 120 huruf)", field=field,
                         value=clean[:40] + "…")
    try:
        return find_party(conn, clean, field=field)
    except NotFoundError:
        pass
    party = Party(new_id(), clean, kind, "")
    conn.execute(
        "INSERT INTO party (id, name, name_key, kind, created_at) VALUES (?, ?, ?, ?, ?)",
        (party.id, clean, name_key(clean), kind, dt.datetime.now(dt.UTC).isoformat()),
    )
    record_change(conn, "party", party.id, "insert", {"name": clean, "kind": kind})
    return party


def party_balance(conn: sqlite3.Connection, party_id: str, account: str) -> int:
    """Open balance on 1201 (debit side) or 2101 (credit side) for one party, in sen."""
    row = conn.execute(
        "SELECT COALESCE(SUM(debit - credit), 0) FROM line WHERE party_id = ? AND account = ?",
        (party_id, account),
    ).fetchone()
    amount = int(row[0])
    return amount if account == RECEIVABLE else -amount


def list_parties(conn: sqlite3.Connection) -> list[Party]:
    """Every party with their receivable and payable balances, by name."""
    rows = conn.execute(
        "SELECT p.id, p.name, p.kind, p.phone, "
        "COALESCE(SUM(CASE WHEN l.account = ?1 THEN l.debit - l.credit END), 0), "
        "COALESCE(SUM(CASE WHEN l.account = ?2 THEN l.credit - l.debit END), 0) "
        "FROM party p LEFT JOIN line l ON l.party_id = p.id AND l.account IN (?1, ?2) "
        "GROUP BY p.id ORDER BY p.name_key",
        (RECEIVABLE, PAYABLE),
    )
    return [Party(*row) for row in rows]


def update_party(conn: sqlite3.Connection, *, name: str, phone: str | None = None,
                 address: str | None = None) -> Party:
    """Remember a party's phone (for WhatsApp reminders) or address; only changes are queued."""
    party = find_party(conn, name)
    changes: dict[str, object] = {}
    if phone is not None and phone.strip() != party.phone:
        changes["phone"] = phone.strip()
    if address is not None:
        current = conn.execute("SELECT address FROM party WHERE id = ?", (party.id,)).fetchone()[0]
        if address.strip() != current:
            changes["address"] = address.strip()
    if changes:
        assignments = ", ".join(f"{key} = ?" for key in changes)
        conn.execute(f"UPDATE party SET {assignments} WHERE id = ?", [*changes.values(), party.id])
        record_change(conn, "party", party.id, "update", changes)
    return find_party(conn, name)


def set_opening_due(conn: sqlite3.Connection, *, name: str, due: dt.date | None) -> Party:
    """When the party's saldo awal piutang or utang falls due (None: on the opening date)."""
    party = find_party(conn, name, field="due")
    value = due.isoformat() if due else None
    current = conn.execute("SELECT opening_due FROM party WHERE id = ?", (party.id,)).fetchone()[0]
    if current != value:
        conn.execute("UPDATE party SET opening_due = ? WHERE id = ?", (value, party.id))
        record_change(conn, "party", party.id, "update", {"opening_due": value})
    return party


def opening_parties(conn: sqlite3.Connection) -> list[tuple[str, str, int, dt.date | None]]:
    """(name, account, amount in sen, due date) of each party in the standing saldo awal."""
    rows = conn.execute(
        "SELECT p.name, l.account, SUM(l.debit - l.credit), p.opening_due FROM line l "
        "JOIN entry e ON e.seq = l.entry_seq JOIN party p ON p.id = l.party_id "
        "WHERE e.kind = 'saldo-awal' AND l.account IN (?, ?) AND NOT EXISTS "
        "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) "
        "GROUP BY p.id, l.account ORDER BY p.name COLLATE NOCASE", (RECEIVABLE, PAYABLE))
    return [(name, account, abs(int(net)), dt.date.fromisoformat(due) if due else None)
            for name, account, net, due in rows]
