"""What every form shares: the input, the built entry, and the checks forms have in common."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from desktop.books.dates import parse_date
from desktop.books.errors import ConfirmationRequired, InputError
from desktop.books.fmt import rupiah
from desktop.books.ledger import EntryDraft, LineDraft, Posted
from desktop.books.money import parse_amount, parse_qty
from desktop.books.parties import (
    PAYABLE,
    Party,
    ensure_party,
    find_party,
)
from desktop.books.stock import Item, get_item

VIA_ACCOUNTS = {"kas": "1101", "bank": "1102", "qris": "1103"}
CREDIT_VIA = "utang"
SALES, HPP, OTHER_INCOME, CAPITAL, DRAWINGS = "4101", "5101", "4201", "3101", "3102"
INTEREST, DEFAULT_EXPENSE, DEFAULT_LOAN = "5301", "5299", "2201"
DEFAULT_TERMS_DAYS = 30


@dataclass
class TxInput:
    """Everything a form can ask for; which fields matter depends on the form type."""

    type: str
    date: str | dt.date
    amount: str | None = None
    via: str = "kas"
    account: str | None = None
    item: str | None = None
    qty: str | None = None
    party: str | None = None
    due: str | None = None
    memo: str = ""
    confirm: bool = False
    interest: str | None = None
    materials: list[tuple[str, str]] = field(default_factory=list)
    name: str | None = None
    life_months: int | None = None
    residual: str | None = None
    into: str | None = None
    of: str | None = None   # the original nota a return comes from
    # A nota of several lines (forms/nota_forms.py): `SKU:QTY[@PRICE][-DISCOUNT]` texts or
    # parsed LineInput, the discount on the whole nota and the sales channel.
    lines: list[Any] = field(default_factory=list)
    discount: str | None = None
    channel: str | None = None


@dataclass
class Built:
    draft: EntryDraft
    warnings: list[str] = field(default_factory=list)
    after: Callable[[sqlite3.Connection, Posted], None] | None = None


Builder = Callable[[sqlite3.Connection, TxInput, dt.date], Built]


def amount_of(tx: TxInput) -> int:
    if tx.amount is None:
        raise InputError("Jumlah uang wajib diisi", field="amount")
    return parse_amount(tx.amount, field="amount", allow_zero=False)


def cash_account(tx: TxInput, *, allow_credit: bool = False) -> str:
    via = (tx.via or "kas").strip().lower()
    if via in VIA_ACCOUNTS:
        return VIA_ACCOUNTS[via]
    if allow_credit and via == CREDIT_VIA:
        return PAYABLE
    choices = [*VIA_ACCOUNTS, *([CREDIT_VIA] if allow_credit else [])]
    raise InputError("Cara bayar '{value}' tidak dikenal; pilih: {choices}", field="via",
                     value=tx.via, choices=", ".join(choices))


def account_in(conn: sqlite3.Connection, tx: TxInput, default: str, groups: tuple[str, ...],
                *, refuse: tuple[str, ...] = ()) -> str:
    code = (tx.account or default).strip()
    known = conn.execute("SELECT 1 FROM account WHERE code = ?", (code,)).fetchone()
    if not known or code[:2] not in groups or code in refuse:
        raise InputError("Akun '{value}' tidak bisa dipakai untuk {form}; pilih akun kelompok {groups}",
                         field="account", value=code, form=tx.type, groups="/".join(groups))
    return code


def party_of(conn: sqlite3.Connection, tx: TxInput, kind: str | None) -> Party:
    """The named party; created on first use unless `kind` is None (it must already exist)."""
    if not tx.party:
        raise InputError("Nama pihak wajib diisi untuk {form}", field="party",
                         form=tx.type)
    return find_party(conn, tx.party) if kind is None else ensure_party(conn, tx.party, kind=kind)


def due_date(tx: TxInput, day: dt.date) -> dt.date:
    if not tx.due:
        return day + dt.timedelta(days=DEFAULT_TERMS_DAYS)
    due = parse_date(tx.due, field="due")
    if due < day:
        raise InputError("Jatuh tempo {value} lebih awal dari tanggal transaksi", field="due",
                         value=due.isoformat())
    return due


def check_payment(amount: int, balance: int, tx: TxInput, what: str, who: str) -> None:
    if amount > balance and not tx.confirm:
        raise ConfirmationRequired(
            "Pembayaran {value} lebih besar dari {what} {who} yang tersisa {balance}.",
            field="amount", value=rupiah(amount), what=what, who=who, balance=rupiah(balance),
        )


def sold_item(conn: sqlite3.Connection, tx: TxInput) -> tuple[Item, int] | None:
    if not tx.item:
        if tx.qty:
            raise InputError("Jumlah barang diisi tetapi barangnya belum dipilih", field="item")
        return None
    item = get_item(conn, tx.item)
    qty = parse_qty(tx.qty or "1")
    if qty == 0:
        raise InputError("Jumlah barang harus lebih dari nol", field="qty", value=tx.qty)
    return item, qty


def simple(kind: str, day: dt.date, memo: str, debit: str, credit: str, amount: int,
            party: Party | None = None, due: dt.date | None = None) -> Built:
    return Built(EntryDraft(kind, day, memo, [LineDraft(debit, debit=amount),
                                               LineDraft(credit, credit=amount)],
                             party_id=party.id if party else None, due_date=due))


