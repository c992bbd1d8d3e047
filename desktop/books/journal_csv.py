"""Journal CSV import and export: `date,ref,account,debit,credit,memo`, atomic and idempotent."""

from __future__ import annotations

import csv
import datetime as dt
import io
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from desktop.books.assets import ACCUMULATED, default_life, register_asset
from desktop.books.book import Book
from desktop.books.dates import parse_date
from desktop.books.errors import InputError
from desktop.books.ids import new_id
from desktop.books.ledger import closed_through, kind_for_ref, next_seq
from desktop.books.money import parse_amount, sen_str
from desktop.books.outbox import record_changes
from desktop.books.totals import DayTotals, apply_aggregates

COLUMNS = ("date", "ref", "account", "debit", "credit", "memo")
_FLUSH_EVERY = 20_000
_AMOUNTS_KEPT = 200_000  # distinct amount texts remembered, so memory stays bounded
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    """How much an import added and how much it skipped as already present."""

    entries: int
    lines: int
    skipped_entries: int

    def as_dict(self) -> dict[str, int]:
        """Counts, as printed by `journal import`."""
        return {"entries": self.entries, "lines": self.lines, "skipped": self.skipped_entries}


@dataclass
class _Ref:
    seq: int
    date: str
    first_row: int
    debit: int = 0
    credit: int = 0
    lines: int = 0


class _Importer:
    """Streams rows into the open transaction, keeping only per-ref totals in memory."""

    def __init__(self, conn: sqlite3.Connection, device_id: str, skip_existing: bool) -> None:
        self.conn, self.device_id, self.skip_existing = conn, device_id, skip_existing
        self.accounts = dict(conn.execute("SELECT code, active FROM account"))
        self.closed = closed_through(conn)
        self.first_seq = self.seq = next_seq(conn)
        self.refs: dict[str, _Ref] = {}
        self.skipped: set[str] = set()
        self.existing = {ref for (ref,) in conn.execute("SELECT ref FROM entry")}
        self.dates: dict[str, str] = {}
        self.amounts: dict[str, int] = {}
        self.day_totals: DayTotals = {}
        self.entry_rows: list[tuple[object, ...]] = []
        self.line_rows: list[tuple[object, ...]] = []
        self.entry_ids: list[str] = []
        self.now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self.line_count = 0
        self.assets: list[tuple[int, str, str, int, str]] = []  # seq, account, day, cost, name

    def add(self, number: int, row: list[str], decimal_comma: bool) -> None:
        if len(row) != len(COLUMNS):
            raise InputError("Baris punya {count} kolom, seharusnya {expected}", row=number,
                             count=len(row), expected=len(COLUMNS), value=None)
        raw_date, ref, account, raw_debit, raw_credit, memo = row
        raw_date, ref, account = raw_date.strip(), ref.strip(), account.strip()
        raw_debit, raw_credit, memo = raw_debit.strip(), raw_credit.strip(), memo.strip()
        if not ref:
            raise InputError("Nomor ref wajib diisi", row=number, field="ref")
        if ref in self.skipped:
            return
        day = self.dates.get(raw_date) or self._date(raw_date, number)
        state = self.refs.get(ref)
        if state is None:
            state = self._new_ref(ref, day, memo, number)
            if state is None:
                return
        elif state.date != day:
            raise InputError(
                "Tanggal {value} berbeda dengan tanggal ref {ref} di baris {first} ({date}); "
                "satu ref harus satu tanggal",
                row=number, field="date", value=day, ref=ref, first=state.first_row,
                date=state.date,
            )
        active = self.accounts.get(account)
        if active is None:
            raise InputError("Kode akun '{value}' tidak dikenal", row=number, field="account",
                             value=account)
        if not active:
            raise InputError("Akun {value} sudah dinonaktifkan", row=number, field="account",
                             value=account)
        amounts = self.amounts  # amounts repeat (prices, "0.00"): each text is parsed once
        debit = amounts.get(raw_debit)
        if debit is None:
            debit = self._amount(raw_debit, number, "debit", decimal_comma)
        credit = amounts.get(raw_credit)
        if credit is None:
            credit = self._amount(raw_credit, number, "credit", decimal_comma)
        if (debit > 0) == (credit > 0):
            raise InputError("Tepat satu dari debit atau kredit harus lebih dari nol",
                             row=number, field="debit/credit", value=f"{raw_debit}/{raw_credit}")
        # The asset register rules of the free journal, for rows booked as a free journal
        # (JU- or any ref that is not a Lumbung form's): a 15xx debit enters the register,
        # 15xx credits and 1509 belong to pelepasan-aset and penyusutan. A form's own ref
        # (AT-, SU-, LA-, SA-, BT-...) is Lumbung's export of its books and comes in as it was.
        if account.startswith("15") and kind_for_ref(ref) == "jurnal-umum":
            if account == ACCUMULATED or credit:
                raise InputError("Akun {value} hanya lewat formulir aset: pelepasan aset untuk "
                                 "menjual atau membuang, penyusutan untuk akumulasi penyusutan",
                                 field="account", row=number, value=account)
            self.assets.append((state.seq, account, day, debit, memo or ref))
        state.debit += debit
        state.credit += credit
        state.lines += 1
        self.line_rows.append((state.seq, state.lines, account, day, debit, credit, memo))
        sums = self.day_totals.get((account, day))
        if sums is None:
            sums = self.day_totals[(account, day)] = [0, 0]
        sums[0] += debit
        sums[1] += credit
        if len(self.line_rows) >= _FLUSH_EVERY:
            self.flush()

    def _amount(self, raw: str, number: int, field: str, decimal_comma: bool) -> int:
        value = _money(raw, number, field, decimal_comma)  # raises, naming the row, when bad
        if len(self.amounts) < _AMOUNTS_KEPT:
            self.amounts[raw] = value
        return value

    def _date(self, raw: str, number: int) -> str:
        iso = self.dates.get(raw)
        if iso is None:
            day = parse_date(raw, field="date", row=number)
            if self.closed is not None and day <= self.closed:
                raise InputError("Tanggal {value} ada di periode yang sudah ditutup (sampai "
                                 "{closed})", row=number, field="date", value=day.isoformat(),
                                 closed=self.closed.isoformat())
            iso = self.dates[raw] = day.isoformat()
        return iso

    def _new_ref(self, ref: str, day: str, memo: str, number: int) -> _Ref | None:
        if len(ref) > 40:
            raise InputError("Nomor ref '{value}' terlalu panjang (maks. 40)", row=number,
                             field="ref", value=ref)
        if ref in self.existing:
            if self.skip_existing:
                self.skipped.add(ref)
                return None
            raise InputError("Ref '{value}' sudah ada di buku; pakai --skip-existing untuk "
                             "melewati yang sudah diimpor", row=number, field="ref", value=ref)
        state = self.refs[ref] = _Ref(self.seq, day, number)
        entry_id = new_id()
        self.entry_ids.append(entry_id)
        self.entry_rows.append((self.seq, entry_id, ref, day, kind_for_ref(ref), memo,
                                self.device_id, self.now))
        self.seq += 1
        return state

    def flush(self) -> None:
        self.conn.executemany(
            "INSERT INTO entry (seq, id, ref, date, kind, memo, device_id, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", self.entry_rows)
        self.conn.executemany(
            "INSERT INTO line (entry_seq, line_no, account, date, debit, credit, memo) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", self.line_rows)
        self.line_count += len(self.line_rows)
        self.entry_rows.clear()
        self.line_rows.clear()

    def finish(self) -> ImportResult:
        self.flush()
        for ref, state in self.refs.items():
            if state.lines < 2 or state.debit != state.credit:
                raise InputError(
                    "Ref {value} tidak seimbang: debit {debit}, kredit {credit} "
                    "({lines} baris, mulai baris {first})",
                    row=state.first_row, field="ref", value=ref, debit=sen_str(state.debit),
                    credit=sen_str(state.credit), lines=state.lines, first=state.first_row,
                )
        for seq, account, day, cost, name in self.assets:
            register_asset(self.conn, name=name, account=account,
                           acquired=dt.date.fromisoformat(day), cost=cost, residual=0,
                           life_months=default_life(account), entry_seq=seq)
        if self.refs:
            apply_aggregates(self.conn, self.first_seq, self.seq - 1,
                             day_totals=self.day_totals)
            record_changes(self.conn, "entry", "insert", ((i, None) for i in self.entry_ids))
        return ImportResult(len(self.refs), self.line_count, len(self.skipped))


def _money(raw: str, number: int, field: str, decimal_comma: bool) -> int:
    # Fast path for what export writes ("1250000.00", "0.00"); anything else is parsed
    # (and refused with its row) by parse_amount.
    whole, sep, frac = raw.partition("," if decimal_comma else ".")
    if whole.isascii() and whole.isdigit() and (
            not sep or (len(frac) == 2 and frac.isascii() and frac.isdigit())):
        return int(whole) * 100 + (int(frac) if sep else 0)
    if not raw:
        return 0
    return parse_amount(raw, field=field, row=number, decimal_comma=decimal_comma)


def import_journal(book: Book, path: Path, *, skip_existing: bool = False,
                   progress: Progress | None = None) -> ImportResult:
    """Import a journal CSV in one transaction: one bad row and nothing is stored."""
    try:
        counter = _CountingReader(path.open("rb"))
    except OSError as exc:
        raise InputError("Berkas '{value}' tidak bisa dibuka: {reason}", field="file",
                         value=str(path), reason=exc.strerror or str(exc)) from exc
    total = path.stat().st_size
    handle = io.TextIOWrapper(io.BufferedReader(counter), encoding="utf-8-sig", newline="")
    with handle, book.write() as conn:
        importer = _Importer(conn, book.device_id, skip_existing)
        rows, decimal_comma = _rows(handle)
        for number, row in rows:
            importer.add(number, row, decimal_comma)
            if progress and number % 10_000 == 0:
                progress(counter.done, total)
        result = importer.finish()
    if progress:
        progress(total, total)
    return result


class _CountingReader(io.RawIOBase):
    """Counts the bytes read so a long import can report real progress."""

    def __init__(self, raw: io.BufferedIOBase | io.RawIOBase) -> None:
        self.raw = raw
        self.done = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        count = self.raw.readinto(buffer) or 0
        self.done += count
        return count

    def close(self) -> None:
        self.raw.close()
        super().close()


def _rows(handle: TextIO) -> tuple[Iterator[tuple[int, list[str]]], bool]:
    try:
        header_line = handle.readline()
    except UnicodeDecodeError as exc:
        raise InputError("Berkas bukan teks UTF-8", row=1, field="file") from exc
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = [cell.strip().lower() for cell in next(csv.reader([header_line],
                                                               delimiter=delimiter), [])]
    if tuple(header) != COLUMNS:
        raise InputError("Judul kolom harus {expected}, bukan '{value}'", row=1, field="header",
                         value=header_line.strip(), expected=",".join(COLUMNS))
    reader = csv.reader(handle, delimiter=delimiter)

    def numbered() -> Iterator[tuple[int, list[str]]]:
        number = 1  # the header was row 1
        try:
            for row in reader:
                number = reader.line_num + 1
                if row and (row[0].strip() or any(cell.strip() for cell in row)):
                    yield number, row
        except UnicodeDecodeError as exc:
            raise InputError("Berkas bukan teks UTF-8", row=number + 1, field="file") from exc
        except csv.Error as exc:
            raise InputError("CSV rusak: {reason}", row=number + 1, reason=str(exc)) from exc

    return numbered(), delimiter == ";"


def export_journal(conn: sqlite3.Connection, out: TextIO, *, date_from: dt.date | None = None,
                   date_to: dt.date | None = None) -> int:
    """Write every posting line in the range, in the import format; returns the line count."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = conn.execute(
        "SELECT e.date, e.ref, l.account, l.debit, l.credit, "
        "CASE WHEN l.memo = '' THEN e.memo ELSE l.memo END "
        "FROM entry e JOIN line l ON l.entry_seq = e.seq "
        "WHERE e.date >= ? AND e.date <= ? ORDER BY e.date, e.seq, l.line_no",
        ((date_from or dt.date.min).isoformat(), (date_to or dt.date.max).isoformat()),
    )
    count = 0
    for day, ref, account, debit, credit, memo in rows:
        writer.writerow((day, ref, account, sen_str(debit), sen_str(credit), memo))
        count += 1
    return count


def export_journal_text(conn: sqlite3.Connection, **kwargs: dt.date | None) -> str:
    """The export as a string (for tests and small books)."""
    buffer = io.StringIO()
    export_journal(conn, buffer, **kwargs)
    return buffer.getvalue()
