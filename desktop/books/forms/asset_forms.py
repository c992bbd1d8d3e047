"""The asset form that is not a purchase: pelepasan-aset (sell or scrap an asset)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from desktop.books.assets import disposal_draft, record_disposal
from desktop.books.errors import InputError
from desktop.books.forms.base import Built, TxInput, cash_account
from desktop.books.ledger import Posted
from desktop.books.money import parse_amount


def dispose_asset(conn: sqlite3.Connection, tx: TxInput, day: dt.date) -> Built:
    """pelepasan-aset: an asset sold (amount = the price received) or scrapped (amount 0).

    Its cost and accumulated depreciation leave the books; the difference between the price
    and the book value is laba (4202) or rugi (5302) pelepasan aset tetap.
    """
    name = (tx.name or "").strip()
    if not name:
        raise InputError("Nama aset wajib diisi, misalnya 'Mesin pengiris'", field="name")
    proceeds = parse_amount(tx.amount, field="amount") if tx.amount else 0
    draft, asset_id = disposal_draft(conn, asset_name=name, day=day, proceeds=proceeds,
                                     cash=cash_account(tx), memo=tx.memo)

    def link(c: sqlite3.Connection, posted: Posted) -> None:
        record_disposal(c, asset_id=asset_id, entry_seq=posted.seq)

    return Built(draft, after=link)
