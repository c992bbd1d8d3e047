"""Fixed assets (aset tetap): the register, straight-line monthly depreciation and disposal.

Conventions (stated in the CALK): a full month of depreciation is taken in the month of
purchase and none in the month of disposal; depreciation runs from the acquisition month (or
the saldo awal month for an asset already owned) to the current month at the latest, and the
rounding remainder is taken in the last month of the useful life, never after it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from desktop.books.dates import format_month, month_end
from desktop.books.dates import today as pc_today
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
# A disposal (pelepasan-aset) takes it out of the register from its date, unless cancelled.
_LIVE = ("LEFT JOIN entry bought ON bought.seq = a.entry_seq "
         "WHERE COALESCE(bought.date, a.acquired) <= ?1 AND NOT EXISTS ("
         "SELECT 1 FROM entry cancel WHERE cancel.reverses_seq = a.entry_seq AND cancel.date <= ?1)"
         " AND NOT EXISTS (SELECT 1 FROM asset_disposal x JOIN entry xe ON xe.seq = x.entry_seq "
         "WHERE x.asset_id = a.id AND xe.date <= ?1 AND NOT EXISTS (SELECT 1 FROM entry xr "
         "WHERE xr.reverses_seq = xe.seq AND xr.date <= ?1))")
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
    since: dt.date | None = None  # date of the entry that registered it (purchase or saldo awal)

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

    def month_index(self, year: int, month: int) -> int:
        """1 for the acquisition month, 2 for the next, and so on (0 or less: before it)."""
        return (year * 12 + month) - (self.acquired.year * 12 + self.acquired.month) + 1

    def first_month(self) -> tuple[int, int]:
        """The first month depreciation may be posted: acquisition, or the saldo awal month."""
        start = max(self.acquired, self.since or self.acquired)
        return start.year, start.month

    def due_for(self, year: int, month: int) -> int:
        """Straight-line amount for a month: the remainder in the last month of the life."""
        index = self.month_index(year, month)
        if self.life_months <= 0 or index < 1 or index > self.life_months \
                or (year, month) < self.first_month():
            return 0
        remaining = self.cost - self.residual - self.accumulated
        if index == self.life_months:
            return max(remaining, 0)
        return max(min(self.monthly, remaining), 0)


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
        f"a.opening_depreciation + ({_DONE}), bought.date FROM asset a {_LIVE} "
        "ORDER BY a.acquired, a.name",
        ((as_of or dt.date.max).isoformat(),),
    )
    return [Asset(r[0], r[1], r[2], dt.date.fromisoformat(r[3]), r[4], r[5], r[6], r[7],
                  dt.date.fromisoformat(r[8]) if r[8] else None) for r in rows]


def depreciate_month(conn: sqlite3.Connection, *, year: int, month: int, device_id: str,
                     today: dt.date | None = None) -> Posted:
    """Post one depreciation entry for a month, covering every asset not yet done that month.

    Only assets held at the month's end count; a month that has not started yet is refused.
    """
    end = month_end(year, month)
    label = f"{year:04d}-{month:02d}"
    now = today or pc_today()
    if (year, month) > (now.year, now.month):
        raise InputError("Penyusutan bulan {value} belum bisa dicatat karena bulan itu belum "
                         "berjalan", field="month", value=label)
    check_open(conn, end, field="month")
    done_this_month = {
        row[0] for row in conn.execute(
            "SELECT d.asset_id FROM depreciation d LEFT JOIN entry r "
            "ON r.reverses_seq = d.entry_seq WHERE d.month = ? AND r.seq IS NULL", (label,))
    }
    # Held at the month's end (a disposal in the month stops it); depreciation so far, ever.
    held = {asset.id for asset in list_assets(conn, as_of=end)}
    due: list[tuple[Asset, int]] = []
    for asset in list_assets(conn):
        if asset.id not in held or asset.id in done_this_month:
            continue
        amount = asset.due_for(year, month)
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


GAIN_ON_DISPOSAL, LOSS_ON_DISPOSAL = "4202", "5302"


def find_asset(conn: sqlite3.Connection, name: str, *, as_of: dt.date) -> Asset:
    """A held asset by its name (any case) or id; a name two assets share must be an id."""
    wanted = name.strip().lower()
    held = list_assets(conn, as_of=as_of)
    found = [a for a in held if a.id == name.strip()] or \
        [a for a in held if a.name.lower() == wanted]
    if not found:
        raise InputError("Aset '{value}' tidak ada di daftar aset tetap pada tanggal itu",
                         field="name", value=name)
    if len(found) > 1:
        raise InputError("Ada beberapa aset bernama '{value}'; pakai nomor aset dari daftar aset",
                         field="name", value=name)
    return found[0]


def disposal_draft(conn: sqlite3.Connection, *, asset_name: str, day: dt.date, proceeds: int,
                   cash: str, memo: str) -> tuple[EntryDraft, str]:
    """The pelepasan-aset entry: cost and accumulated out, proceeds in, gain or loss.

    No depreciation is taken in the month of disposal, so depreciation already posted for that
    month or later must be cancelled first.
    """
    asset = find_asset(conn, asset_name, as_of=day)
    late = conn.execute(
        "SELECT e.ref FROM depreciation d JOIN entry e ON e.seq = d.entry_seq WHERE d.asset_id = ?"
        " AND d.month >= ? AND NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) "
        "ORDER BY d.month", (asset.id, day.strftime("%Y-%m"))).fetchall()
    if late:
        raise InputError("Aset '{value}' sudah disusutkan untuk bulan pelepasan atau sesudahnya "
                         "({refs}); batalkan penyusutan itu dulu", field="date", value=asset.name,
                         refs=", ".join(r[0] for r in late))
    book_value = asset.cost - asset.accumulated
    lines = [LineDraft(cash, debit=proceeds)] if proceeds else []
    if asset.accumulated:
        lines.append(LineDraft(ACCUMULATED, debit=asset.accumulated, memo=asset.name))
    if proceeds < book_value:
        lines.append(LineDraft(LOSS_ON_DISPOSAL, debit=book_value - proceeds, memo=asset.name))
    lines.append(LineDraft(asset.account, credit=asset.cost, memo=asset.name))
    if proceeds > book_value:
        lines.append(LineDraft(GAIN_ON_DISPOSAL, credit=proceeds - book_value, memo=asset.name))
    text = memo or (f"Penjualan aset: {asset.name}" if proceeds else f"Aset dibuang: {asset.name}")
    return EntryDraft("pelepasan-aset", day, text, lines), asset.id


def record_disposal(conn: sqlite3.Connection, *, asset_id: str, entry_seq: int) -> None:
    """Link the posted disposal entry to the asset (it syncs with the entry)."""
    conn.execute("INSERT INTO asset_disposal (entry_seq, asset_id) VALUES (?, ?)",
                 (entry_seq, asset_id))


def reversal_blockers(conn: sqlite3.Connection, seq: int) -> tuple[str, str] | None:
    """Why cancelling entry `seq` would leave the register and 1509 apart, if it would.

    A purchase (or saldo awal) whose asset was depreciated or disposed, and a depreciation
    whose asset was since disposed, must wait until those are cancelled: (asset, refs).
    """
    live = "NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq)"
    rows = conn.execute(
        "SELECT a.name, e.ref FROM asset a JOIN depreciation d ON d.asset_id = a.id "
        f"JOIN entry e ON e.seq = d.entry_seq WHERE a.entry_seq = ?1 AND {live} "
        "UNION ALL SELECT a.name, e.ref FROM asset a JOIN asset_disposal x ON x.asset_id = a.id "
        f"JOIN entry e ON e.seq = x.entry_seq WHERE (a.entry_seq = ?1 OR a.id IN (SELECT "
        f"asset_id FROM depreciation WHERE entry_seq = ?1)) AND {live}", (seq,)).fetchall()
    if not rows:
        return None
    refs = sorted({ref for _name, ref in rows}, reverse=True)
    return rows[0][0], ", ".join(refs)
