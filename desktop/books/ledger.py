"""The journal: balanced, append-only entries with automatic references and reversals."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field

from desktop.books.dates import parse_date
from desktop.books.errors import ClosedPeriodError, InputError, NotFoundError
from desktop.books.ids import new_id
from desktop.books.money import sen_str
from desktop.books.outbox import record_change
from desktop.books.returns import live_returns
from desktop.books.totals import apply_aggregates

REF_PREFIX: dict[str, str] = {
    "penjualan-tunai": "PT",
    "penjualan-kredit": "PK",
    "terima-piutang": "TP",
    "pembelian-persediaan": "PB",
    "bayar-utang": "BU",
    "beban": "BB",
    "pendapatan-lain": "PL",
    "setoran-modal": "SM",
    "prive": "PR",
    "pinjaman": "PN",
    "bayar-pinjaman": "BP",
    "pembelian-aset": "AT",
    "penyusutan": "SU",
    "penyesuaian-stok": "SS",
    "produksi": "PD",
    "pindah-dana": "MK",
    "jurnal-umum": "JU",
    "saldo-awal": "SA",
    "pembatalan": "BT",
    "penyesuaian-hpp": "HP",
    "retur-penjualan": "RJ",
    "retur-pembelian": "RB",
    "koreksi-periode-lalu": "KP",
    "pelepasan-aset": "LA",
    "uang-muka-pelanggan": "UM",
    "uang-muka-pembelian": "UB",
    "setor-pajak": "SP",
    "pph-final": "PF",
}
# How a cancellation of an entry in a closed period is booked (the owner chooses).
PRIOR_PERIOD = "periode-lalu"  # through opening saldo laba, shown in perubahan ekuitas
CURRENT_PERIOD = "periode-berjalan"  # an ordinary cancellation dated in the open period
CORRECTIONS = (PRIOR_PERIOD, CURRENT_PERIOD)
RETAINED_EARNINGS = "3201"
KIND_OF_PREFIX = {prefix: kind for kind, prefix in REF_PREFIX.items()}


@dataclass(frozen=True)
class LineDraft:
    """One posting line: exactly one of debit or credit is positive (integer sen)."""

    account: str
    debit: int = 0
    credit: int = 0
    memo: str = ""
    party_id: str | None = None


@dataclass(frozen=True)
class MoveDraft:
    """A stock movement that belongs to an entry: signed thousandths and signed sen."""

    item_id: str
    qty: int
    value: int


@dataclass
class EntryDraft:
    """A whole entry, built and checked before anything is written."""

    kind: str
    date: dt.date
    memo: str
    lines: list[LineDraft]
    party_id: str | None = None
    due_date: dt.date | None = None
    moves: list[MoveDraft] = field(default_factory=list)
    reverses_seq: int | None = None
    reason: str | None = None
    ref: str | None = None


@dataclass(frozen=True)
class Posted:
    """What posting produced; `warnings` are shown to the user but did not stop the posting.

    `amount` is the entry's headline figure (its first line: the sale, the payment, the cost).
    """

    entry_id: str
    ref: str
    seq: int
    date: dt.date
    warnings: tuple[str, ...] = ()
    memo: str = ""
    amount: int = 0

    def as_dict(self) -> dict[str, object]:
        """The `tx add` output: entry id and ref (warnings go to stderr)."""
        return {"entry_id": self.entry_id, "ref": self.ref}


def closed_through(conn: sqlite3.Connection) -> dt.date | None:
    """Return the last closed day (tutup buku), if any."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'closed_through'").fetchone()
    return dt.date.fromisoformat(row[0]) if row else None


def check_open(conn: sqlite3.Connection, day: dt.date, *, field: str = "date",
               row: int | None = None) -> None:
    """Refuse a date inside a closed period."""
    closed = closed_through(conn)
    if closed is not None and day <= closed:
        raise ClosedPeriodError(
            "Tanggal {value} ada di periode yang sudah ditutup (sampai {closed})",
            field=field, row=row, value=day.isoformat(), closed=closed.isoformat(),
        )


def close_period(conn: sqlite3.Connection, *, through: dt.date) -> dt.date:
    """Lock every date up to `through`; a closed period is never reopened by moving back."""
    current = closed_through(conn)
    if current is not None and through < current:
        raise InputError(
            "Periode sudah ditutup sampai {closed}; tanggal '{value}' lebih awal",
            field="through", value=through.isoformat(), closed=current.isoformat(),
        )
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('closed_through', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (through.isoformat(),),
    )
    business_id = conn.execute("SELECT value FROM meta WHERE key = 'business_id'").fetchone()[0]
    # One period record per business, named by its id (as the profile is) so it syncs.
    record_change(conn, "period", business_id, "update", {"through": through.isoformat()})
    return through


def validate_draft(conn: sqlite3.Connection, draft: EntryDraft) -> None:
    """Check the whole entry before writing: open date, known active accounts, balance."""
    check_open(conn, draft.date)
    if len(draft.lines) < 2:
        raise InputError("Jurnal butuh paling sedikit dua baris (debit dan kredit)")
    active = dict(conn.execute("SELECT code, active FROM account"))
    for number, line in enumerate(draft.lines, start=1):
        if line.account not in active:
            raise NotFoundError("Kode akun '{value}' tidak dikenal", field="account",
                                row=number, value=line.account)
        if not active[line.account]:
            raise InputError("Akun {value} sudah dinonaktifkan", field="account", row=number,
                             value=line.account)
        if line.debit < 0 or line.credit < 0 or (line.debit > 0) == (line.credit > 0):
            raise InputError(
                "Setiap baris harus punya tepat satu dari debit atau kredit yang lebih dari nol",
                row=number, field="debit/credit",
                value=f"{sen_str(line.debit)}/{sen_str(line.credit)}",
            )
    debit = sum(line.debit for line in draft.lines)
    credit = sum(line.credit for line in draft.lines)
    if debit != credit:
        raise InputError(
            "Jurnal tidak seimbang: debit {debit} tidak sama dengan kredit {credit}",
            debit=sen_str(debit), credit=sen_str(credit),
        )


def next_ref(conn: sqlite3.Connection, kind: str, year: int) -> str:
    """Return the next free reference for a kind and year, e.g. `JU-2026-000123`.

    A PC that joined a business through the mall (a second PC, or one restored from the
    server) numbers its own refs with its device number, e.g. `PT-2026-000012/2`, so two PCs
    of one business never hand out the same ref while offline.
    """
    return next_refs(conn, kind, year, 1)[0]


def next_refs(conn: sqlite3.Connection, kind: str, year: int, count: int) -> list[str]:
    """The next `count` free references for a kind and year, taken in one step."""
    prefix = REF_PREFIX.get(kind, "JU")
    row = conn.execute("SELECT value FROM meta WHERE key = 'device_tag'").fetchone()
    tag = f"/{row[0]}" if row and row[0] else ""
    key = prefix + tag
    counter = conn.execute("SELECT last FROM ref_counter WHERE prefix = ? AND year = ?",
                           (key, year)).fetchone()
    # Imported journals may already hold refs of this shape; the ref index finds the highest.
    highest = conn.execute("SELECT MAX(ref) FROM entry WHERE ref GLOB ?",
                           (f"{prefix}-{year}-[0-9][0-9][0-9][0-9][0-9][0-9]{tag}",)).fetchone()[0]
    found = int(highest[len(prefix) + 6:len(prefix) + 12]) if highest else 0
    first = max(counter[0] if counter else 0, found) + 1
    conn.execute("INSERT INTO ref_counter (prefix, year, last) VALUES (?, ?, ?) "
                 "ON CONFLICT(prefix, year) DO UPDATE SET last = excluded.last",
                 (key, year, first + count - 1))
    return [f"{prefix}-{year}-{number:06d}{tag}" for number in range(first, first + count)]


def kind_for_ref(ref: str) -> str:
    """Guess an imported entry's kind from its reference prefix (`SA-` is saldo awal)."""
    prefix = ref.split("-", 1)[0].upper()
    return KIND_OF_PREFIX.get(prefix, "jurnal-umum")


def next_seq(conn: sqlite3.Connection) -> int:
    """Return the next local entry sequence number."""
    return int(conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entry").fetchone()[0])


def post_entry(conn: sqlite3.Connection, draft: EntryDraft, *, device_id: str,
               warnings: tuple[str, ...] = ()) -> Posted:
    """Validate and write one entry with its lines, stock moves, balances and outbox row."""
    validate_draft(conn, draft)
    seq = next_seq(conn)
    ref = draft.ref or next_ref(conn, draft.kind, draft.date.year)
    entry_id = new_id()
    day = draft.date.isoformat()
    conn.execute(
        "INSERT INTO entry (seq, id, ref, date, kind, memo, party_id, due_date, reverses_seq, "
        "reason, device_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (seq, entry_id, ref, day, draft.kind, draft.memo, draft.party_id,
         draft.due_date.isoformat() if draft.due_date else None, draft.reverses_seq,
         draft.reason, device_id, _now()),
    )
    conn.executemany(
        "INSERT INTO line (entry_seq, line_no, account, date, debit, credit, memo, party_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(seq, n, ln.account, day, ln.debit, ln.credit, ln.memo, ln.party_id or draft.party_id)
         for n, ln in enumerate(draft.lines, start=1)],
    )
    conn.executemany(
        "INSERT INTO stock_move (entry_seq, move_no, item_id, date, qty, value) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(seq, n, mv.item_id, day, mv.qty, mv.value) for n, mv in enumerate(draft.moves, 1)],
    )
    apply_aggregates(conn, seq, seq)
    record_change(conn, "entry", entry_id, "insert")
    if draft.moves:
        # A late import: costing books its adjustments through this module.
        from desktop.books.costing import recost_entries

        recost_entries(conn, seq, seq, device_id=device_id)
    headline = draft.lines[0].debit or draft.lines[0].credit  # forms put the main amount first
    return Posted(entry_id, ref, seq, draft.date, warnings, draft.memo, headline)


@dataclass(frozen=True)
class EntryRow:
    """A posted entry as stored, with whether it has been cancelled."""

    seq: int
    id: str
    ref: str
    date: dt.date
    kind: str
    memo: str
    party_id: str | None
    due_date: dt.date | None
    reverses_seq: int | None
    reversed_by: str | None


def get_entry(conn: sqlite3.Connection, ref: str, *, field: str = "ref") -> EntryRow:
    """Find a posted entry by its reference."""
    row = conn.execute(
        "SELECT e.seq, e.id, e.ref, e.date, e.kind, e.memo, e.party_id, e.due_date, "
        "e.reverses_seq, r.ref FROM entry e LEFT JOIN entry r ON r.reverses_seq = e.seq "
        "WHERE e.ref = ?",
        (ref.strip(),),
    ).fetchone()
    if row is None:
        raise NotFoundError("Transaksi dengan nomor '{value}' tidak ada", field=field, value=ref)
    return EntryRow(row[0], row[1], row[2], dt.date.fromisoformat(row[3]), row[4], row[5],
                    row[6], dt.date.fromisoformat(row[7]) if row[7] else None, row[8], row[9])


def check_reversible(conn: sqlite3.Connection, *, ref: str) -> EntryRow:
    """The entry, if it may be cancelled: not a cancellation, not already cancelled."""
    original = get_entry(conn, ref)
    if original.kind == "penyesuaian-hpp":
        raise InputError(
            "Transaksi '{value}' adalah penyesuaian HPP yang dihitung otomatis dari tanggal "
            "transaksi stok; batalkan transaksi stoknya, bukan penyesuaiannya.",
            field="ref", value=original.ref)
    if original.reverses_seq is not None:
        raise InputError(
            "Transaksi '{value}' adalah pembatalan; pembatalan tidak bisa dibatalkan lagi. "
            "Catat transaksi yang benar sebagai transaksi baru.",
            field="ref", value=original.ref,
        )
    if original.reversed_by is not None:
        raise InputError("Transaksi '{value}' sudah dibatalkan oleh {by}", field="ref",
                         value=original.ref, by=original.reversed_by)
    returns = live_returns(conn, original.ref)
    if returns:
        raise InputError(
            "Nota '{value}' sudah punya retur ({refs}); batalkan returnya dulu, lalu batalkan "
            "nota ini", field="ref", value=original.ref, refs=", ".join(r for _s, r in returns))
    return original


def reverse_entry(conn: sqlite3.Connection, *, ref: str, reason: str, device_id: str,
                  date: dt.date | str | None = None, correction: str | None = None) -> Posted:
    """Cancel an entry by posting its mirror; the original stays, marked dibatalkan.

    The cancellation is never dated before the original. For an entry in a closed period the
    owner chooses `correction`: "periode-lalu" books the mirror's income and expenses against
    saldo laba (koreksi kesalahan periode lalu) on the first open day, "periode-berjalan"
    books an ordinary cancellation in the open period.
    """
    original = check_reversible(conn, ref=ref)
    if not reason or not reason.strip():
        raise InputError("Alasan pembatalan wajib diisi", field="reason", value=reason)
    closed = closed_through(conn)
    in_closed = closed is not None and original.date <= closed
    if correction is not None and correction not in CORRECTIONS:
        raise InputError("Pilihan koreksi '{value}' tidak dikenal; pilih: {choices}",
                         field="correction", value=correction, choices=", ".join(CORRECTIONS))
    if correction == PRIOR_PERIOD and not in_closed:
        raise InputError("Transaksi '{value}' tidak ada di periode yang sudah ditutup; "
                         "batalkan biasa saja", field="correction", value=original.ref)
    if in_closed and date is None and correction is None:
        raise ClosedPeriodError(
            "Transaksi '{value}' ada di periode yang sudah ditutup (sampai {closed}); "
            "pilih koreksi periode lalu (lewat saldo laba) atau koreksi di periode berjalan",
            field="correction", value=original.ref, closed=closed.isoformat() if closed else "",
        )
    if date is not None:
        day = parse_date(date, field="date")
    elif in_closed and closed is not None:
        day = closed + dt.timedelta(days=1)
    else:
        day = original.date
    if day < original.date:
        raise InputError("Tanggal pembatalan {value} lebih awal dari transaksi aslinya ({original})",
                         field="date", value=day.isoformat(), original=original.date.isoformat())
    check_open(conn, day)
    _check_assets(conn, original)
    prior = correction == PRIOR_PERIOD
    lines = _mirror_lines(conn, original.seq, prior=prior)
    moves = [
        MoveDraft(item_id, -qty, -value)
        for item_id, qty, value in conn.execute(
            "SELECT item_id, qty, value FROM stock_move WHERE entry_seq = ? ORDER BY move_no",
            (original.seq,),
        )
    ]
    memo = (f"Koreksi periode lalu atas {original.ref}: {reason.strip()}" if prior
            else f"Pembatalan {original.ref}: {reason.strip()}")
    draft = EntryDraft(
        kind="koreksi-periode-lalu" if prior else "pembatalan", date=day, memo=memo,
        lines=lines, party_id=original.party_id, moves=moves, reverses_seq=original.seq,
        reason=reason.strip(),
    )
    return post_entry(conn, draft, device_id=device_id)


def _mirror_lines(conn: sqlite3.Connection, seq: int, *, prior: bool) -> list[LineDraft]:
    """The original's lines with sides swapped; a prior-period correction books its income and
    expenses (accounts 4xxx and 5xxx) on saldo laba instead, netted into one line."""
    lines: list[LineDraft] = []
    retained = 0
    for account, debit, credit, memo, party_id in conn.execute(
            "SELECT account, debit, credit, memo, party_id FROM line WHERE entry_seq = ? "
            "ORDER BY line_no", (seq,)):
        if prior and account[0] in "45":
            retained += debit - credit
            continue
        lines.append(LineDraft(account, debit=credit, credit=debit, memo=memo, party_id=party_id))
    if retained > 0:
        lines.append(LineDraft(RETAINED_EARNINGS, credit=retained, memo="Koreksi periode lalu"))
    elif retained < 0:
        lines.append(LineDraft(RETAINED_EARNINGS, debit=-retained, memo="Koreksi periode lalu"))
    return lines


def _check_assets(conn: sqlite3.Connection, original: EntryRow) -> None:
    """Refuse a cancellation that would leave the asset register and 1509 apart."""
    from desktop.books.assets import reversal_blockers  # assets posts through this module

    blocked = reversal_blockers(conn, original.seq)
    if blocked:
        raise InputError(
            "Aset '{value}' sudah disusutkan atau dilepas ({refs}); batalkan transaksi itu "
            "dulu (mulai dari yang terakhir), lalu batalkan {ref}", field="ref",
            value=blocked[0], refs=blocked[1], ref=original.ref)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def last_reversible(conn: sqlite3.Connection) -> EntryRow | None:
    """The newest entry that can still be cancelled (neither cancelled nor a cancellation)."""
    row = conn.execute(
        "SELECT e.ref FROM entry e WHERE e.reverses_seq IS NULL AND e.kind != 'penyesuaian-hpp' "
        "AND NOT EXISTS "
        "(SELECT 1 FROM entry r WHERE r.reverses_seq = e.seq) ORDER BY e.seq DESC LIMIT 1"
    ).fetchone()
    return get_entry(conn, row[0]) if row else None
