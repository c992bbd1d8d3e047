"""Uang muka (advances): a customer's down payment (DP) and money paid ahead to a supplier.

Under SAK EMKM money received in advance is a liability (2104 Uang Muka Pelanggan) and money
paid in advance an asset (1402 Uang Muka Pembelian), per party. An overpayment on a bill goes
there too, never to a negative piutang or utang. The advance is used later by paying the bill
"dengan uang muka" (terima-piutang or bayar-utang with via `uang-muka`).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.errors import InputError
from desktop.books.forms.base import Built, TxInput, amount_of, cash_account, party_of, simple
from desktop.books.ledger import EntryDraft, LineDraft
from desktop.books.parties import PAYABLE, RECEIVABLE, Party
from desktop.books.parties import party_balance as open_bill

CUSTOMER_ADVANCE, SUPPLIER_ADVANCE = "2104", "1402"
FROM_ADVANCE = "uang-muka"


def advance_balance(conn: sqlite3.Connection, party_id: str, account: str) -> int:
    """The party's advance still unused, in sen (positive)."""
    net = int(conn.execute("SELECT COALESCE(SUM(debit - credit), 0) FROM line WHERE "
                           "party_id = ? AND account = ?", (party_id, account)).fetchone()[0])
    return -net if account == CUSTOMER_ADVANCE else net


def customer_advance(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """uang-muka-pelanggan: a customer pays a DP for an order not yet delivered."""
    party = party_of(conn, tx, "pelanggan")
    memo = tx.memo or f"Uang muka (DP) dari {party.name}"
    return simple("uang-muka-pelanggan", day, memo, cash_account(tx), CUSTOMER_ADVANCE,
                  amount_of(tx), party)


def supplier_advance(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """uang-muka-pembelian: the business pays a supplier before the goods come."""
    party = party_of(conn, tx, "pemasok")
    memo = tx.memo or f"Uang muka pembelian kepada {party.name}"
    return simple("uang-muka-pembelian", day, memo, SUPPLIER_ADVANCE, cash_account(tx),
                  amount_of(tx), party)


def settle(conn: sqlite3.Connection, tx: TxInput, day: dt.date, *, kind: str, party: Party,
           memo: str) -> Built:
    """terima-piutang / bayar-utang: the bill is settled; any excess becomes uang muka.

    With via `uang-muka` the party's advance pays the bill instead of money.
    """
    customer = kind == "terima-piutang"
    bill, advance = (RECEIVABLE, CUSTOMER_ADVANCE) if customer else (PAYABLE, SUPPLIER_ADVANCE)
    amount, owed = amount_of(tx), max(open_bill(conn, party.id, bill), 0)
    if (tx.via or "").strip().lower() == FROM_ADVANCE:
        held = advance_balance(conn, party.id, advance)
        if amount > held or amount > owed:
            raise InputError("Uang muka {value} tidak cukup atau melebihi tagihan: uang muka "
                             "tersisa {held}, tagihan {owed}", field="amount", value=tx.amount,
                             held=_rp(held), owed=_rp(owed))
        money = advance
    else:
        money = cash_account(tx)
    to_bill, excess = min(amount, owed), max(amount - owed, 0)
    parts = [(bill, to_bill), (advance, excess)]
    if customer:
        lines = [LineDraft(money, debit=amount)] + [
            LineDraft(code, credit=part) for code, part in parts if part]
    else:
        lines = [LineDraft(code, debit=part) for code, part in parts if part] + [
            LineDraft(money, credit=amount)]
    return Built(EntryDraft(kind, day, memo, lines, party_id=party.id))


def _rp(sen: int) -> str:
    from desktop.books.fmt import rupiah

    return rupiah(sen)
