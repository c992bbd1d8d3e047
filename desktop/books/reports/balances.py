"""Reads of the balances kept at posting time; nothing here scans journal lines."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.accounts import Account, list_accounts


def chart(conn: sqlite3.Connection) -> dict[str, Account]:
    """Every account by code, in code order."""
    return {account.code: account for account in list_accounts(conn)}


def profit(net: dict[str, int]) -> int:
    """Laba (positive) or rugi (negative) from a debit-minus-credit map."""
    return -sum(amount for code, amount in net.items() if code[0] in "45")


def natural(info: Account, net: int) -> int:
    """Amount shown inside the account's section: contra accounts come out negative."""
    return net if info.section == "aset" or info.section == "beban" else -net


def cash_codes(accounts: dict[str, Account]) -> list[str]:
    """Kas dan setara kas accounts (1101-1103 and any added in group 11)."""
    return [code for code, info in accounts.items() if info.cashflow == "kas"]


def day_before(day: dt.date) -> dt.date:
    """The previous day."""
    return day - dt.timedelta(days=1)
