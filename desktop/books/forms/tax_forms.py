"""PPh Final UMKM (PP 55/2022) in the books: the month's tax owed, and paying it (setor).

The owner may record each month's PPh Final as an expense (5401) with Utang Pajak (2103)
(`pph-final`; the amount defaults to the estimate from the month's turnover), then pay it with
`setor-pajak`, which clears Utang Pajak first; tax paid that was never recorded as owed is the
expense of the payment's date.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.dates import format_month, month_end
from desktop.books.errors import InputError
from desktop.books.forms.base import Built, TxInput, amount_of, cash_account, simple
from desktop.books.ledger import EntryDraft, LineDraft
from desktop.books.money import parse_amount
from desktop.books.reports.tax import pph_final
from desktop.books.totals import account_balance

TAX_EXPENSE, TAX_PAYABLE = "5401", "2103"


def tax_owed(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pph-final: the month's PPh Final (of the month of `date`) as beban with utang pajak."""
    start = day.replace(day=1)
    if tx.amount:
        amount = parse_amount(tx.amount, field="amount", allow_zero=False)
    else:
        months = pph_final(conn, start=start, end=month_end(day.year, day.month)).months
        amount = sum(m.pph for m in months if m.month == start.strftime("%Y-%m"))
        if not amount:
            raise InputError("Tidak ada PPh Final untuk bulan {value}; isi jumlahnya bila "
                             "memang ada", field="amount", value=start.strftime("%Y-%m"))
    memo = tx.memo or f"PPh Final bulan {format_month(start)}"
    return simple("pph-final", day, memo, TAX_EXPENSE, TAX_PAYABLE, amount)


def pay_tax(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """setor-pajak: paying PPh Final to the state (by the 15th of the next month)."""
    amount, money = amount_of(tx), cash_account(tx)
    owed = max(-account_balance(conn, TAX_PAYABLE, day), 0)
    lines = [LineDraft(TAX_PAYABLE, debit=min(amount, owed))] if owed else []
    if amount > owed:
        lines.append(LineDraft(TAX_EXPENSE, debit=amount - owed))
    lines.append(LineDraft(money, credit=amount))
    return Built(EntryDraft("setor-pajak", day, tx.memo or "Setor PPh Final", lines))
