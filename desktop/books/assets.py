"""Fixed assets (aset tetap) and straight-line monthly depreciation, never twice a month."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import format_month, month_end
from desktop.books.errors import InputError
from desktop.books.ids import new_id
from desktop.books.ledger import EntryDraft, LineDraft, Posted, check_open, post_entry
from desktop.books.money import rupiah_share
from desktop.books.outbox import record_change

# Useful lives in months, after the Indonesian tax groups (kelompok 1 and 2, permanent buildings).
DEFAULT_LIFE_MONTHS = {"1501": 0, "1502": 240, "1503": 48, "1504": 96}
DEPRECIATION_EXPENSE = "5206"
ACCUMULATED = "1509"

# On a date (?1), an asset counts once its purchase is posted and while that posting is not
# cancelled; its depreciation counts the same way. Registered-only assets count from purchase.
_LIVE = ("LEFT JOIN entry bought ON bought.seq = a.entry_seq "
         "WHERE COALESCE(bought.date, a.acquired) <= ?1 AND NOT EXISTS ("
         "SELECT 1 FROM entry cancel WHERE cancel.reverses_seq = a.entry_seq AND cancel.date <= ?1)")
_DONE = ("SELECT COALESCE(SUM(d.amount), 0) FROM depreciation d JOIN entry de "
         "ON de.seq = d.entry_seq WHERE d.asset_id = a.id AND de.date <= ?1 AND NOT EXISTS ("
         "SELECT 1 FROM entry r WHERE r.reverses_seq = d.entry_seq AND r.date <= ?1)")


@dataclass(frozen=True)
class Asset:
    """A registered asset with its depreciation so far."""

    id: str
    name: str
    account: str
    acquired: dt.date
    cost: int
    residual: int
    life_months: int
    accumulated: int

    @property
    def book_value(self) -> int:
        """Cost less accumulated depreciation."""
        return self.cost - self.accumulated

    @property
    def monthly(self) -> int:
        """Straight-line amount per month."""
        if self.life_months <= 0:
            return 0
        return rupiah_share(self.cost - self.residual, 1, self.life_months)


def default_life(account: str) -> int:
    """Default useful life for an asset account (land is not depreciated)."""
    return DEFAULT_LIFE_MONTHS.get(account, 48)


def validate_asset_account(conn: sqlite3.Connection, account: str) -> str:
    """Asset purchases go to a 15xx account other than accumulated depreciation."""
    ok = account.startswith("15") and account != ACCUMULATED and conn.execute(
        "SELECT 1 FROM account WHERE code = ?", (account,)).fetchone()
    if not ok:
        raise InputError("Akun aset tetap '{value}' harus akun 15xx (bukan 1509)",
                         field="account", value=account)
    return account


def register_asset(conn: sqlite3.Connection, *, name: str, account: str, acquired: dt.date,
                   cost: int, residual: int, life_months: int, entry_seq: int | None,
                   opening_depreciation: int = 0) -> str:
    """Record an asset in the register; the posting itself is made by the caller."""
    if not name.strip():
        raise InputError("Nama aset wajib diisi", field="name", value=name)
    if life_months < 0 or life_months > 600:
        raise InputError("Umur manfaat '{value}' bulan tidak masuk akal (0 sampai 600)",
                         field="life-months", value=life_months)
    if residual > cost:
        raise InputError("Nilai sisa {value} lebih besar dari harga perolehan", field="residual",
                         value=residual)
    asset_id = new_id()
    conn.execute(
        "INSERT INTO asset (id, name, account, acquired, cost, residual, life_months, "
        "opening_depreciation, entry_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (asset_id, name.strip(), account, acquired.isoformat(), cost, residual, life_months,
         opening_depreciation, entry_seq, dt.datetime.now(dt.UTC).isoformat()),
    )
    record_change(conn, "asset", asset_id, "insert", {
        "name": name.strip(), "account": account, "acquired": acquired.isoformat(),
        "cost": cost, "residual": residual, "life_months": life_months,
        "opening_depreciation": opening_depreciation,
    })
    return asset_id


def list_assets(conn: sqlite3.Connection, *, as_of: dt.date | None = None) -> list[Asset]:
    """Every asset held on a date (default: ever) with depreciation accumulated by then."""
    rows = conn.execute(
        "SELECT a.id, a.name, a.account, a.acquired, a.cost, a.residual, a.life_months, "
        f"a.opening_depreciation + ({_DONE}) FROM asset a {_LIVE} ORDER BY a.acquired, a.name",
        ((as_of or dt.date.max).isoformat(),),
    )
    return [Asset(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), *r[4:]) for r in rows]


def depreciate_month(conn: sqlite3.Connection, *, year: int, month: int,
                     device_id: str) -> Posted:
    """Post one depreciation entry for a month, covering every asset not yet done that month."""
    end = month_end(year, month)
    label = f"{year:04d}-{month:02d}"
    check_open(conn, end, field="month")
    done_this_month = {
        row[0] for row in conn.execute(
            "SELECT d.asset_id FROM depreciation d LEFT JOIN entry r "
            "ON r.reverses_seq = d.entry_seq WHERE d.month = ? AND r.seq IS NULL", (label,))
    }
    due: list[tuple[Asset, int]] = []
    for asset in list_assets(conn):
        if asset.acquired > end or asset.id in done_this_month or asset.life_months == 0:
            continue
        remaining = asset.cost - asset.residual - asset.accumulated
        amount = min(asset.monthly, remaining)
        if amount > 0:
            due.append((asset, amount))
    if not due:
        if done_this_month:
            raise InputError("Penyusutan bulan {value} sudah dicatat", field="month", value=label)
        raise InputError("Tidak ada aset yang perlu disusutkan untuk bulan {value}",
                         field="month", value=label)
    total = sum(amount for _asset, amount in due)
    draft = EntryDraft(
        kind="penyusutan", date=end,
        memo=f"Penyusutan aset tetap bulan {format_month(end)}",
        lines=[LineDraft(DEPRECIATION_EXPENSE, debit=total), LineDraft(ACCUMULATED, credit=total)],
    )
    posted = post_entry(conn, draft, device_id=device_id)
    conn.executemany(
        "INSERT INTO depreciation (entry_seq, asset_id, month, amount) VALUES (?, ?, ?, ?)",
        [(posted.seq, asset.id, label, amount) for asset, amount in due],
    )
    return posted
