"""Saldo awal: what the business owns and owes on the day it starts using Lumbung."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop.books.accounts import get_account
from desktop.books.assets import ACCUMULATED, register_asset, validate_asset_account
from desktop.books.book import Book
from desktop.books.dates import parse_date
from desktop.books.errors import InputError
from desktop.books.ledger import EntryDraft, LineDraft, MoveDraft, Posted, post_entry
from desktop.books.money import rupiah_share, sen_str
from desktop.books.parties import (
    PAYABLE,
    RECEIVABLE,
    ensure_party,
    name_key,
    set_opening_due,
)
from desktop.books.stock import get_item

CAPITAL = "3101"


@dataclass(frozen=True)
class OpeningAsset:
    """An asset already owned: its cost, when it was bought and depreciation so far."""

    name: str
    account: str
    cost: int
    acquired: dt.date
    life_months: int
    accumulated: int = 0


@dataclass
class OpeningInput:
    """Balances by account (in their normal direction), per party, per item and per asset."""

    date: str | dt.date
    accounts: list[tuple[str, int]] = field(default_factory=list)
    receivables: list[tuple[str, int]] = field(default_factory=list)
    payables: list[tuple[str, int]] = field(default_factory=list)
    stock: list[tuple[str, int, int]] = field(default_factory=list)  # sku, qty milli, unit cost
    assets: list[OpeningAsset] = field(default_factory=list)
    due: list[tuple[str, dt.date]] = field(default_factory=list)  # party, when it falls due


def post_opening(book: Book, opening: OpeningInput) -> Posted:
    """Post the single saldo awal entry; the difference becomes Modal Pemilik (3101)."""
    day = parse_date(opening.date)
    with book.write() as conn:
        existing = conn.execute(
            "SELECT e.ref FROM entry e LEFT JOIN entry r ON r.reverses_seq = e.seq "
            "WHERE e.kind = 'saldo-awal' AND r.seq IS NULL").fetchone()
        if existing:
            raise InputError("Saldo awal sudah dicatat ({value}); batalkan dulu jika ingin "
                             "mengulang", field="date", value=existing[0])
        lines: list[LineDraft] = []
        for code, amount in opening.accounts:
            account = get_account(conn, code)
            if account.section in ("pendapatan", "beban"):
                raise InputError("Saldo awal hanya untuk akun neraca, bukan '{value}'",
                                 field="account", value=code)
            lines.append(_natural(account.code, account.normal, amount))
        for name, amount in opening.receivables:
            party = ensure_party(conn, name, kind="pelanggan")
            lines.append(LineDraft(RECEIVABLE, debit=amount, party_id=party.id))
        for name, amount in opening.payables:
            party = ensure_party(conn, name, kind="pemasok")
            lines.append(LineDraft(PAYABLE, credit=amount, party_id=party.id))
        moves: list[MoveDraft] = []
        for sku, qty, unit_cost in opening.stock:
            item = get_item(conn, sku)
            value = rupiah_share(unit_cost, qty, 1000)
            moves.append(MoveDraft(item.id, qty, value))
            lines.append(LineDraft(item.account, debit=value, memo=f"Stok awal {item.name}"))
        for asset in opening.assets:
            validate_asset_account(conn, asset.account)
            lines.append(LineDraft(asset.account, debit=asset.cost, memo=asset.name))
            if asset.accumulated:
                lines.append(LineDraft(ACCUMULATED, credit=asset.accumulated, memo=asset.name))
        lines = [line for line in lines if line.debit or line.credit]
        lines += _balancing(lines)
        draft = EntryDraft("saldo-awal", day, "Saldo awal", lines, moves=moves)
        posted = post_entry(conn, draft, device_id=book.device_id)
        _set_dues(conn, opening)
        for asset in opening.assets:
            register_asset(conn, name=asset.name, account=asset.account,
                           acquired=asset.acquired, cost=asset.cost, residual=0,
                           life_months=asset.life_months, entry_seq=posted.seq,
                           opening_depreciation=asset.accumulated)
    return posted


def _natural(code: str, normal: str, amount: int) -> LineDraft:
    if amount < 0:
        raise InputError("Saldo awal akun {code} tidak boleh negatif: {value}", field="account",
                         code=code, value=sen_str(amount))
    return LineDraft(code, debit=amount) if normal == "D" else LineDraft(code, credit=amount)


def _balancing(lines: list[LineDraft]) -> list[LineDraft]:
    gap = sum(line.debit - line.credit for line in lines)
    if gap == 0:
        return []
    if any(line.account == CAPITAL for line in lines):
        raise InputError(
            "Saldo awal tidak seimbang: aset dan liabilitas + modal berselisih {value}; "
            "hapus saldo Modal (3101) agar dihitung otomatis",
            field="account", value=sen_str(gap),
        )
    if gap > 0:
        return [LineDraft(CAPITAL, credit=gap, memo="Modal awal (selisih aset dan utang)")]
    return [LineDraft(CAPITAL, debit=-gap, memo="Modal awal negatif (utang melebihi aset)")]


def _set_dues(conn: sqlite3.Connection, opening: OpeningInput) -> None:
    """Each named party's opening due date; only parties with a saldo awal balance."""
    owing = {name_key(name) for name, _a in [*opening.receivables, *opening.payables]}
    for name, due in opening.due:
        if name_key(name) not in owing:
            raise InputError("Jatuh tempo untuk '{value}' diisi, tetapi pihak itu tidak punya "
                             "piutang atau utang di saldo awal", field="due", value=name)
        set_opening_due(conn, name=name, due=due)


def opening_day(conn: sqlite3.Connection) -> dt.date | None:
    """The date of the standing saldo awal, if one was posted."""
    row = conn.execute("SELECT e.date FROM entry e WHERE e.kind = 'saldo-awal' AND NOT EXISTS "
                       "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq)").fetchone()
    return dt.date.fromisoformat(row[0]) if row else None


def set_opening_dues(book: Book, dues: Sequence[tuple[str, dt.date | None]]) -> int:
    """Save several parties' opening due dates at once; returns how many were given."""
    with book.write() as conn:
        for name, due in dues:
            set_opening_due(conn, name=name, due=due)
    return len(dues)
