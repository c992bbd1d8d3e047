"""Monthly summaries for the Dinas, made from the same code as the statements (issue 16).

A summary is one month of one business: omzet, HPP and laba from `laba_rugi`; kas+bank,
aset, utang and modal from `posisi_keuangan` at the month's end; notas, omzet per channel,
tenaga kerja, the PP 7/2021 size class and the e-UMKM stage. `queue_summaries` queues the
months whose summary differs from the one last queued, so a back-dated entry re-sends exactly
the months it changed; it queues nothing unless the owner consented (desktop/books/dinas.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
import uuid
from dataclasses import asdict, dataclass, field

from desktop.books.dinas import get_consent, get_dinas_profile, tenaga_kerja
from desktop.books.i18n import N_
from desktop.books.outbox import record_change
from desktop.books.reports.statements import laba_rugi, posisi_keuangan
from protocol.dinas import CHANNELS, size_class

SALE_KINDS = ("penjualan-tunai", "penjualan-kredit")
LAND_AND_BUILDINGS = ("1501", "1502")   # left out of modal usaha (PP 7/2021)
DIGITAL_ACCOUNTS = ("1102", "1103")     # bank transfer and QRIS
# A month with at least this many entries has its books kept up to date (stage `ti`).
UP_TO_DATE_ENTRIES = 4
# Stage `mandiri`: sales on at least 2 of these channels in each of the last 3 months.
ONLINE_CHANNELS = ("mall", "whatsapp", "sosmed", "shopee", "tokopedia")
STEADY_MONTHS = 3
STEADY_CHANNELS = 2
_NAMESPACE = uuid.UUID("6f1d3c2e-16d1-4a5a-9b1e-d1a500000016")


@dataclass(frozen=True)
class MonthSummary:
    """One month's figures, amounts in sen; `as_change` is the protocol's `summary` data."""

    month: str
    omzet: int
    hpp: int
    laba: int
    kas: int
    aset: int
    utang: int
    modal: int
    notas: int
    channels: dict[str, int] = field(default_factory=dict)
    tenaga_kerja: int = 0
    kelas: str = "mikro"
    tahap: str = "persiapan"

    def as_change(self) -> dict[str, object]:
        return asdict(self)


def summary_id(business_id: str, month: str) -> str:
    """The summary's entity id: the same on every PC of the business, unique per business."""
    return str(uuid.uuid5(_NAMESPACE, f"{business_id}:{month}"))


def month_summary(conn: sqlite3.Connection, month: str) -> MonthSummary:
    """The summary of `month` (YYYY-MM) from the books as they are now."""
    start = dt.date.fromisoformat(f"{month}-01")
    end = _month_end(start)
    lr = laba_rugi(conn, start=start, end=end)
    pk = posisi_keuangan(conn, as_of=end)
    omzet = sum(x.amount for x in lr.pendapatan if (x.account or "").startswith("41"))
    hpp = sum(x.amount for x in lr.beban if (x.account or "").startswith("51"))
    kas = sum(x.amount for x in pk.aset if (x.account or "").startswith("11"))
    land = sum(x.amount for x in pk.aset if x.account in LAND_AND_BUILDINGS)
    year_omzet = _omzet_between(conn, _months_back(start, 11), end)
    kelas = size_class(modal_rupiah=(pk.total_aset - land) // 100,
                       annual_omzet_rupiah=year_omzet // 100)
    return MonthSummary(
        month=month, omzet=omzet, hpp=hpp, laba=lr.laba_bersih, kas=kas, aset=pk.total_aset,
        utang=pk.total_liabilitas, modal=pk.total_ekuitas, notas=_notas(conn, start, end),
        channels=_channel_omzet(conn, start, end, omzet),
        tenaga_kerja=tenaga_kerja(get_dinas_profile(conn)), kelas=kelas,
        tahap=stage(conn, start, end))


def summaries(conn: sqlite3.Connection, *, today: dt.date) -> list[MonthSummary]:
    """Every month from the first entry's to today's."""
    return [month_summary(conn, m) for m in months_with_books(conn, today=today)]


def months_with_books(conn: sqlite3.Connection, *, today: dt.date) -> list[str]:
    """YYYY-MM from the first entry's month through today's month."""
    first = conn.execute("SELECT min(date) FROM entry").fetchone()[0]
    if first is None or first[:7] > today.isoformat()[:7]:
        return []
    months, day = [], dt.date.fromisoformat(f"{first[:7]}-01")
    while day <= today:
        months.append(day.isoformat()[:7])
        day = _month_end(day) + dt.timedelta(days=1)
    return months


def queue_summaries(conn: sqlite3.Connection, *, today: dt.date, business_id: str) -> int:
    """Queue (in the caller's transaction) the months whose summary changed; 0 without consent."""
    if get_consent(conn) == "none":
        return 0
    sent = dict(conn.execute("SELECT month, hash FROM dinas_summary_sent"))
    queued = 0
    for summary in summaries(conn, today=today):
        data = summary.as_change()
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
        if sent.get(summary.month) == digest:
            continue
        record_change(conn, "summary", summary_id(business_id, summary.month), "update", data)
        conn.execute("INSERT INTO dinas_summary_sent (month, hash) VALUES (?, ?) "
                      "ON CONFLICT(month) DO UPDATE SET hash = excluded.hash",
                      (summary.month, digest))
        queued += 1
    return queued


def stage(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> str:
    """The e-UMKM stage in this month, by the rules in docs/dinas.md."""
    last = end.isoformat() + "T99"
    if not _exists(conn, "SELECT 1 FROM listing WHERE published = 1 AND created_at <= ?", last):
        return "persiapan"
    answered = _exists(conn, "SELECT 1 FROM shop_order WHERE status != 'baru' AND "
                       "updated_at <= ?", last) or _exists(
        conn, "SELECT 1 FROM shop_question WHERE answered_at <= ?", last)
    if not answered:
        return "kehadiran"
    entries = conn.execute("SELECT count(*) FROM entry WHERE date BETWEEN ? AND ?",
                           (start.isoformat(), end.isoformat())).fetchone()[0]
    digital = _exists(conn, "SELECT 1 FROM line WHERE date BETWEEN ? AND ? AND debit > 0 AND "
                      f"account IN {DIGITAL_ACCOUNTS!r}", start.isoformat(), end.isoformat())
    if entries < UP_TO_DATE_ENTRIES or not digital:
        return "portal"
    return "mandiri" if _selling_steadily_online(conn, start) else "ti"


def _selling_steadily_online(conn: sqlite3.Connection, first: dt.date) -> bool:
    """Net sales on `STEADY_CHANNELS` or more online channels in this month and in each of the
    `STEADY_MONTHS - 1` months before it (a cancelled sale counts for nothing)."""
    for back in range(STEADY_MONTHS):
        month = _months_back(first, back)
        # omzet=0: only the nota and mall channels are wanted, not the "toko" remainder
        channels = _channel_omzet(conn, month, _month_end(month), 0)
        if sum(1 for c in ONLINE_CHANNELS if channels.get(c, 0) > 0) < STEADY_CHANNELS:
            return False
    return True


STAGE_NAMES = {"persiapan": N_("Persiapan (pembukuan)"), "kehadiran": N_("Kehadiran (tayang di Mall)"),
               "portal": N_("Portal (melayani pembeli)"), "ti": N_("Transaksi digital"),
               "mandiri": N_("Mandiri")}
NEXT_STEP = {
    "persiapan": N_("Tayangkan satu produk di Mall (Toko Online → Produk)."),
    "kehadiran": N_("Jawab pesanan dan pertanyaan pembeli dari Mall."),
    "portal": N_("Terima pembayaran QRIS atau transfer dan catat transaksi setiap minggu."),
    "ti": N_("Jual tetap di dua saluran online atau lebih."),
    "mandiri": N_("Pertahankan penjualan online yang teratur."),
}


def current_stage(conn: sqlite3.Connection, *, today: dt.date) -> str:
    """The stage in today's month (shown to the owner with the next step)."""
    start = today.replace(day=1)
    return stage(conn, start, _month_end(start))


def _exists(conn: sqlite3.Connection, sql: str, *args: object) -> bool:
    return conn.execute(sql, args).fetchone() is not None


def _notas(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> int:
    """Sales entries of the month that were not cancelled."""
    return int(conn.execute(
        f"SELECT count(*) FROM entry e WHERE e.kind IN {SALE_KINDS!r} AND e.date BETWEEN ? "
        "AND ? AND NOT EXISTS (SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq)",
        (start.isoformat(), end.isoformat())).fetchone()[0])


def _channel_omzet(conn: sqlite3.Connection, start: dt.date, end: dt.date,
                   omzet: int) -> dict[str, int]:
    """Pendapatan usaha per sales channel: the nota's channel, "mall" for a sale a mall order
    made, "toko" for the rest; a cancellation counts where its original did. Sums to omzet."""
    found: dict[str, int] = {}
    for channel, amount in conn.execute(
            "SELECT COALESCE(n.channel, CASE WHEN EXISTS (SELECT 1 FROM shop_order o "
            "  WHERE o.sale_ref = src.ref) THEN 'mall' END), sum(l.credit - l.debit) "
            "FROM line l JOIN entry e ON e.seq = l.entry_seq "
            "JOIN entry src ON src.seq = COALESCE(e.reverses_seq, e.seq) "
            "LEFT JOIN nota n ON n.entry_seq = src.seq "
            "WHERE l.account LIKE '41%' AND l.date BETWEEN ? AND ? GROUP BY 1",
            (start.isoformat(), end.isoformat())):
        if channel and amount:
            found[channel] = found.get(channel, 0) + int(amount)
    rest = omzet - sum(found.values())
    if rest:
        found["toko"] = found.get("toko", 0) + rest
    return {channel: found[channel] for channel in CHANNELS if channel in found}


def _omzet_between(conn: sqlite3.Connection, start: dt.date, end: dt.date) -> int:
    lr = laba_rugi(conn, start=start, end=end)
    return sum(x.amount for x in lr.pendapatan if (x.account or "").startswith("41"))


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _months_back(first: dt.date, n: int) -> dt.date:
    year, month = divmod(first.year * 12 + first.month - 1 - n, 12)
    return dt.date(year, month + 1, 1)
