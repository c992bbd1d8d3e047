"""Raw-sqlite3 baselines: the floor that Lumbung's import, reports and postings are held to."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from desktop.books.store.schema import V1, V4

# Copied from desktop/books/store/schema.py (V1 and V4): the entry and line tables and the indexes
# they have after every migration.
ENTRY_TABLE = """CREATE TABLE entry (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    ref TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    memo TEXT NOT NULL DEFAULT '',
    party_id TEXT REFERENCES party(id),
    due_date TEXT,
    reverses_seq INTEGER UNIQUE REFERENCES entry(seq),
    reason TEXT,
    device_id TEXT NOT NULL,
    created_at TEXT NOT NULL
)"""
LINE_TABLE = """CREATE TABLE line (
    entry_seq INTEGER NOT NULL REFERENCES entry(seq),
    line_no INTEGER NOT NULL,
    account TEXT NOT NULL REFERENCES account(code),
    date TEXT NOT NULL,
    debit INTEGER NOT NULL DEFAULT 0 CHECK (debit >= 0),
    credit INTEGER NOT NULL DEFAULT 0 CHECK (credit >= 0),
    memo TEXT NOT NULL DEFAULT '',
    party_id TEXT REFERENCES party(id),
    PRIMARY KEY (entry_seq, line_no)
) WITHOUT ROWID"""
INDEXES = (
    "CREATE INDEX entry_date ON entry(date)",
    "CREATE INDEX entry_kind_date ON entry(kind, date)",
    "CREATE INDEX entry_party_date ON entry(party_id, date) WHERE party_id IS NOT NULL",
    "CREATE INDEX line_account_date ON line(account, date, entry_seq)",
    "CREATE INDEX line_party ON line(party_id, account) WHERE party_id IS NOT NULL",
)
SCHEMA = (ENTRY_TABLE, LINE_TABLE, *INDEXES)
BATCH_LINES = 20_000
INSERT_ENTRY = ("INSERT INTO entry (seq, id, ref, date, kind, memo, device_id, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
INSERT_LINE = ("INSERT INTO line (entry_seq, line_no, account, date, debit, credit, memo) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)")


def schema_drift() -> list[str]:
    """Statements copied above that no longer appear verbatim in the product schema."""
    return [sql.split("(")[0].strip() for sql in SCHEMA if sql not in V1 + V4]


def create(path: Path) -> sqlite3.Connection:
    """A fresh file with the entry and line tables, in WAL mode with full sync (as Lumbung)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    for sql in SCHEMA:
        conn.execute(sql)
    return conn


def _sen(text: str) -> int:
    whole, _dot, frac = text.partition(".")
    return int(whole) * 100 + int(frac.ljust(2, "0")[:2] or "0")


def _batches(csv_path: Path) -> Iterator[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]]:
    """Entry and line rows in batches; rows of one ref are contiguous in the generated file."""
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    device = str(uuid.uuid4())
    entries: list[tuple[object, ...]] = []
    lines: list[tuple[object, ...]] = []
    seq, line_no, last_ref = 0, 0, None
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for day, ref, account, debit, credit, memo in reader:
            if ref != last_ref:
                seq, line_no, last_ref = seq + 1, 0, ref
                entries.append((seq, str(uuid.uuid4()), ref, day, ref.split("-", 1)[0], memo,
                                device, now))
            line_no += 1
            lines.append((seq, line_no, account, day, _sen(debit), _sen(credit), memo))
            if len(lines) >= BATCH_LINES:
                yield entries, lines
                entries, lines = [], []
    yield entries, lines


def bulk_import(csv_path: Path, db_path: Path) -> dict[str, float | int]:
    """Parse the CSV and `executemany` its rows into a fresh file in one transaction."""
    start = time.perf_counter()
    conn = create(db_path)
    inserting = 0.0
    counts = [0, 0]
    conn.execute("BEGIN IMMEDIATE")
    for entry_rows, line_rows in _batches(csv_path):
        mark = time.perf_counter()
        conn.executemany(INSERT_ENTRY, entry_rows)
        conn.executemany(INSERT_LINE, line_rows)
        inserting += time.perf_counter() - mark
        counts[0] += len(entry_rows)
        counts[1] += len(line_rows)
    mark = time.perf_counter()
    conn.execute("COMMIT")
    conn.close()
    commit = time.perf_counter() - mark
    return {"entries": counts[0], "lines": counts[1], "insert_seconds": inserting,
            "commit_close_seconds": commit, "seconds": time.perf_counter() - start}


def naive_net(conn: sqlite3.Connection, start: dt.date | None, end: dt.date) -> dict[str, int]:
    """Debit minus credit per account by scanning every journal line (no kept balances)."""
    rows = conn.execute(
        "SELECT account, SUM(debit) - SUM(credit) FROM line WHERE date >= ? AND date <= ? "
        "GROUP BY account", ((start or dt.date.min).isoformat(), end.isoformat()))
    return {code: int(amount) for code, amount in rows}


def post_raw(conn: sqlite3.Connection, day: str, amount: int) -> None:
    """One durable two-line entry in its own transaction: the floor for posting a form."""
    conn.execute("BEGIN IMMEDIATE")
    seq = conn.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM entry").fetchone()[0]
    conn.execute(INSERT_ENTRY, (seq, str(uuid.uuid4()), f"RAW-{seq}", day, "penjualan-tunai",
                                "Penjualan tunai", "bench", day))
    conn.executemany(INSERT_LINE, [(seq, 1, "1101", day, amount, 0, ""),
                                   (seq, 2, "4101", day, 0, amount, "")])
    conn.execute("COMMIT")


def main(argv: list[str]) -> int:
    """`python -m tests.bench.baseline CSV DB`: run the bulk baseline, print its phases."""
    print(json.dumps(bulk_import(Path(argv[0]), Path(argv[1]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
