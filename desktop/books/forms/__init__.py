"""The Si APIK-style transaction forms: what the owner fills in, turned into balanced entries.

`base` holds the input and the checks forms share; `stock_forms` the forms that move stock
(with HPP at moving average); `money_forms` the ones that move only money.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.book import Book
from desktop.books.dates import parse_date
from desktop.books.errors import InputError
from desktop.books.fmt import rupiah
from desktop.books.forms.advance_forms import customer_advance, supplier_advance
from desktop.books.forms.asset_forms import dispose_asset
from desktop.books.forms.base import VIA_ACCOUNTS, Builder, TxInput
from desktop.books.forms.money_forms import (
    buy_asset,
    capital_in,
    drawings,
    expense,
    loan_in,
    loan_repay,
    other_income,
    pay_supplier,
    receive_payment,
    transfer,
)
from desktop.books.forms.return_forms import purchase_return, sales_return
from desktop.books.forms.stock_forms import buy_stock, cash_sale, credit_sale, production, stock_count
from desktop.books.forms.tax_forms import pay_tax, tax_owed
from desktop.books.i18n import tr
from desktop.books.ledger import EntryDraft, Posted, post_entry
from desktop.books.totals import account_balance

__all__ = ["FORMS", "VIA_ACCOUNTS", "TxInput", "post_tx"]


def post_tx(book: Book, tx: TxInput) -> Posted:
    """Post one form as one balanced entry, in one transaction."""
    builder = FORMS.get(tx.type)
    if builder is None:
        raise InputError("Jenis transaksi '{value}' tidak dikenal; pilih salah satu: {choices}",
                         field="type", value=tx.type, choices=", ".join(FORMS))
    day = parse_date(tx.date)
    with book.write() as conn:
        return post_tx_in(conn, tx, device_id=book.device_id, day=day)


def post_tx_in(conn: sqlite3.Connection, tx: TxInput, *, device_id: str,
               day: dt.date | None = None) -> Posted:
    """Post one form inside the caller's transaction (e.g. with the order it settles)."""
    builder = FORMS.get(tx.type)
    if builder is None:
        raise InputError("Jenis transaksi '{value}' tidak dikenal; pilih salah satu: {choices}",
                         field="type", value=tx.type, choices=", ".join(FORMS))
    built = builder(conn, tx, day or parse_date(tx.date))
    warnings = built.warnings + _negative_cash(conn, built.draft)
    posted = post_entry(conn, built.draft, device_id=device_id, warnings=tuple(warnings))
    if built.after:
        built.after(conn, posted)
    return posted


def _negative_cash(conn: sqlite3.Connection, draft: EntryDraft) -> list[str]:
    """Warn when money paid out would take kas, bank or QRIS below zero (a missing receipt)."""
    warnings = []
    for line in draft.lines:
        if line.credit and line.account in VIA_ACCOUNTS.values():
            name = conn.execute("SELECT name FROM account WHERE code = ?",
                                (line.account,)).fetchone()[0]
            balance = account_balance(conn, line.account, draft.date)
            if balance - line.credit < 0:
                warnings.append(tr(
                    "Saldo {name} menjadi minus {amount}; mungkin ada uang masuk yang "
                    "belum dicatat.", name=name, amount=rupiah(line.credit - balance)))
    return warnings


FORMS: dict[str, Builder] = {
    "penjualan-tunai": cash_sale,
    "penjualan-kredit": credit_sale,
    "terima-piutang": receive_payment,
    "pembelian-persediaan": buy_stock,
    "bayar-utang": pay_supplier,
    "beban": expense,
    "pendapatan-lain": other_income,
    "setoran-modal": capital_in,
    "prive": drawings,
    "pinjaman": loan_in,
    "bayar-pinjaman": loan_repay,
    "pembelian-aset": buy_asset,
    "penyesuaian-stok": stock_count,
    "produksi": production,
    "pindah-dana": transfer,
    "pelepasan-aset": dispose_asset,
    "uang-muka-pelanggan": customer_advance,
    "uang-muka-pembelian": supplier_advance,
    "pph-final": tax_owed,
    "setor-pajak": pay_tax,
    "retur-penjualan": sales_return,
    "retur-pembelian": purchase_return,
}
