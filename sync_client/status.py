"""What a screen shows about the link to the mall: linked or not, last sync, waiting, refused.

Read from the books alone (no network), so the indicator can be drawn at once and offline.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop.books.i18n import N_
from desktop.books.outbox import pending_count
from sync_client import state

SKEW_WARNING_MS = 5 * 60 * 1000   # a PC clock this far off gets a warning on screen
ENTITY_NAMES = {"entry": N_("Transaksi"), "item": N_("Barang"), "party": N_("Pihak"),
                "profile": N_("Profil usaha"), "account": N_("Akun"), "asset": N_("Aset tetap"),
                "period": N_("Tutup buku")}
LABELS = {"entry": "SELECT ref || ' · ' || date || ' · ' || memo FROM entry WHERE id = ?",
          "item": "SELECT sku || ' · ' || name FROM item WHERE id = ?",
          "party": "SELECT name FROM party WHERE id = ?"}


@dataclass(frozen=True)
class Rejected:
    """A change the mall refused: kept on this PC, never sent again, shown with its reason."""

    seq: int
    entity: str
    entity_id: str
    label: str
    reason: str
    created_at: str

    @property
    def kind(self) -> str:
        """The kind of record, in Indonesian (the screen translates it)."""
        return ENTITY_NAMES.get(self.entity, self.entity)


@dataclass(frozen=True)
class SyncStatus:
    """The link as this PC last knew it."""

    linked: bool
    server: str = ""
    last_ok: dt.datetime | None = None
    pending: int = 0
    clock_offset_ms: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def clock_warning(self) -> bool:
        """Whether this PC's clock is more than five minutes away from the mall's."""
        return abs(self.clock_offset_ms) > SKEW_WARNING_MS

    @property
    def clock_minutes(self) -> int:
        """How many whole minutes the PC clock is off (positive: the PC is behind)."""
        return round(self.clock_offset_ms / 60_000)


def _label(conn: sqlite3.Connection, entity: str, entity_id: str) -> str:
    query = LABELS.get(entity)
    row = conn.execute(query, (entity_id,)).fetchone() if query else None
    return str(row[0]) if row and row[0] else entity_id[:8]


def rejected_changes(conn: sqlite3.Connection, limit: int = 200) -> list[Rejected]:
    """The refused changes, newest first."""
    rows = conn.execute("SELECT seq, entity, entity_id, rejected, created_at FROM outbox "
                        "WHERE rejected IS NOT NULL ORDER BY seq DESC LIMIT ?", (limit,))
    return [Rejected(seq, entity, entity_id, _label(conn, entity, entity_id), reason, created)
            for seq, entity, entity_id, reason, created in rows.fetchall()]


def sync_status(conn: sqlite3.Connection) -> SyncStatus:
    """Read the link, the last good sync, the waiting and refused changes, and the clock."""
    link = state.read(conn)
    if link is None:
        return SyncStatus(linked=False, pending=pending_count(conn))
    meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN "
                             "('sync_last_ok', 'clock_offset_ms')"))
    last = meta.get("sync_last_ok")
    return SyncStatus(linked=True, server=link.server,
                      last_ok=dt.datetime.fromisoformat(last) if last else None,
                      pending=pending_count(conn),
                      clock_offset_ms=int(meta.get("clock_offset_ms") or 0),
                      rejected=rejected_changes(conn))
