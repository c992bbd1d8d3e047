"""Forms that move only money: payments, expenses, capital, loans, assets, transfers."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.assets import default_life, register_asset, validate_asset_account
from desktop.books.errors import InputError
from desktop.books.forms.advance_forms import settle
from desktop.books.forms.base import (
    CAPITAL,
    DEFAULT_EXPENSE,
    DEFAULT_LOAN,
    DRAWINGS,
    INTEREST,
    OTHER_INCOME,
    VIA_ACCOUNTS,
    Built,
    TxInput,
    account_in,
    amount_of,
    cash_account,
    check_payment,
    due_date,
    party_of,
    simple,
)
from desktop.books.ledger import EntryDraft, LineDraft, Posted
from desktop.books.money import parse_amount
from desktop.books.parties import (
    PAYABLE,
    RECEIVABLE,
    ensure_party,
    find_party,
    party_balance,
)
from desktop.books.totals import account_balance


def receive_payment(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """terima-piutang: a customer pays what they owe (an overpayment becomes uang muka)."""
    party, amount = party_of(conn, tx, None), amount_of(tx)
    check_payment(amount, party_balance(conn, party.id, RECEIVABLE), tx, "piutang", party.name)
    memo = tx.memo or f"Terima pembayaran piutang dari {party.name}"
    return settle(conn, tx, day, kind="terima-piutang", party=party, memo=memo)


def pay_supplier(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """bayar-utang: paying a supplier what the business owes (an excess becomes uang muka)."""
    party, amount = party_of(conn, tx, None), amount_of(tx)
    check_payment(amount, party_balance(conn, party.id, PAYABLE), tx, "utang", party.name)
    memo = tx.memo or f"Bayar utang kepada {party.name}"
    return settle(conn, tx, day, kind="bayar-utang", party=party, memo=memo)


def expense(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """beban: an expense paid from cash or bank; the owner picks the expense account."""
    account = account_in(conn, tx, DEFAULT_EXPENSE, ("52", "53", "54"),
                         refuse=("5206", "5302"))  # posted by penyusutan / pelepasan-aset
    name = conn.execute("SELECT name FROM account WHERE code = ?", (account,)).fetchone()[0]
    return simple("beban", day, tx.memo or name, account, cash_account(tx), amount_of(tx))


def other_income(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pendapatan-lain: income outside normal sales."""
    account = account_in(conn, tx, OTHER_INCOME, ("42",), refuse=("4202",))
    return simple("pendapatan-lain", day, tx.memo or "Pendapatan lain-lain", cash_account(tx),
                   account, amount_of(tx))


def capital_in(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """setoran-modal: the owner puts money into the business."""
    account = account_in(conn, tx, CAPITAL, ("31",), refuse=(DRAWINGS,))
    return simple("setoran-modal", day, tx.memo or "Setoran modal pemilik", cash_account(tx), account,
                   amount_of(tx))


def drawings(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """prive: the owner takes money out for the household."""
    return simple("prive", day, tx.memo or "Pengambilan pribadi (prive)", DRAWINGS, cash_account(tx),
                   amount_of(tx))


def loan_in(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pinjaman: a loan received from a bank, cooperative or family."""
    account = account_in(conn, tx, DEFAULT_LOAN, ("22",))
    party = ensure_party(conn, tx.party, kind="lainnya") if tx.party else None
    return simple("pinjaman", day, tx.memo or "Penerimaan pinjaman", cash_account(tx), account,
                   amount_of(tx), party)


def loan_repay(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """bayar-pinjaman: repaying loan principal, with optional interest (--interest)."""
    account = account_in(conn, tx, DEFAULT_LOAN, ("22",))
    principal = amount_of(tx)
    interest = parse_amount(tx.interest, field="interest") if tx.interest else 0
    check_payment(principal, -account_balance(conn, account), tx, "pinjaman", account)
    party = find_party(conn, tx.party) if tx.party else None
    lines = [LineDraft(account, debit=principal)]
    if interest:
        lines.append(LineDraft(INTEREST, debit=interest))
    lines.append(LineDraft(cash_account(tx), credit=principal + interest))
    return Built(EntryDraft("bayar-pinjaman", day, tx.memo or "Angsuran pinjaman", lines,
                             party_id=party.id if party else None))


def buy_asset(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pembelian-aset: equipment bought and entered in the asset register."""
    account = validate_asset_account(conn, (tx.account or "1503").strip())
    amount, credit = amount_of(tx), cash_account(tx, allow_credit=True)
    party = party_of(conn, tx, "pemasok") if credit == PAYABLE else None
    residual = parse_amount(tx.residual, field="residual") if tx.residual else 0
    life = default_life(account) if tx.life_months is None else tx.life_months
    name = (tx.name or tx.memo or "").strip()
    if not name:
        raise InputError("Nama aset wajib diisi, misalnya 'Mesin pengiris'",
                         field="name")
    due = due_date(tx, day) if credit == PAYABLE else None
    built = simple("pembelian-aset", day, tx.memo or f"Pembelian aset: {name}", account, credit,
                    amount, party, due)

    def register(c: sqlite3.Connection, posted: Posted) -> None:
        register_asset(c, name=name, account=account, acquired=day, cost=amount,
                       residual=residual, life_months=life, entry_seq=posted.seq)

    built.after = register
    return built


def transfer(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pindah-dana: money moved between kas, bank and QRIS (setor ke bank, tarik tunai)."""
    source = cash_account(tx)
    into = (tx.into or "").strip().lower()
    if into not in VIA_ACCOUNTS or VIA_ACCOUNTS[into] == source:
        raise InputError("Tujuan pindah dana '{value}' harus kas, bank atau qris dan berbeda "
                         "dari asalnya", field="into", value=tx.into or "")
    memo = tx.memo or f"Pindah dana dari {tx.via} ke {into}"
    return simple("pindah-dana", day, memo, VIA_ACCOUNTS[into], source, amount_of(tx))

