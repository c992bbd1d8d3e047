"""Reads of the balances kept at posting time; nothing here scans journal lines."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.accounts import SECTION_OF_DIGIT
from desktop.books.totals import net_between

__all__ = ["AccountInfo", "cash_codes", "chart", "day_before", "natural", "net_between", "profit"]


@dataclass(frozen=True)
class AccountInfo:
    """The parts of an account that reports need."""

    code: str
    name: str
    normal: str
    cashflow: str

    @property
    def section(self) -> str:
        """aset, liabilitas, ekuitas, pendapatan or beban."""
        return SECTION_OF_DIGIT[self.code[0]]

    @property
    def is_result(self) -> bool:
        """Whether the account belongs to the laba rugi (pendapatan or beban)."""
        return self.code[0] in "45"


def chart(conn: sqlite3.Connection) -> dict[str, AccountInfo]:
    """Every account by code, in code order."""
    rows = conn.execute("SELECT code, name, normal, cashflow FROM account ORDER BY code")
    return {row[0]: AccountInfo(*row) for row in rows}


def profit(net: dict[str, int]) -> int:
    """Laba (positive) or rugi (negative) from a debit-minus-credit map."""
    return -sum(amount for code, amount in net.items() if code[0] in "45")


def natural(info: AccountInfo, net: int) -> int:
    """Amount shown inside the account's section: contra accounts come out negative."""
    return net if info.section == "aset" or info.section == "beban" else -net


def cash_codes(accounts: dict[str, AccountInfo]) -> list[str]:
    """Kas dan setara kas accounts (1101-1103 and any added in group 11)."""
    return [code for code, info in accounts.items() if info.cashflow == "kas"]


def day_before(day: dt.date) -> dt.date:
    """The previous day."""
    return day - dt.timedelta(days=1)
