"""What the Laporan page asks of the worker: compute a report for the screen, write files.

Nothing here imports Qt; every function takes the `Book` and runs inside `session.run`, so
SQLite is only used on the worker's thread. Rows of a long buku besar stay a generator: the
screen takes them a chunk at a time, the PDF streams them page by page.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from desktop.books.accounts import Account, list_accounts
from desktop.books.book import Book
from desktop.books.business import get_profile
from desktop.books.history import EntrySummary, list_entries
from desktop.books.receipt import SALES
from desktop.books.reports.catalog import AllLedgers, AnyReport, ReportArgs, run_report, tables_of
from desktop.books.reports.ledger_report import BukuBesar
from desktop.books.reports.pack import Pack
from desktop.books.reports.table import Column, Row, Table
from desktop.books.stock import Item, list_items

CHUNK = 500          # rows a screen table takes from the books at a time
RECENT_SALES = 100   # sales offered in the Nota list
Report = Callable[[int, int], None]  # progress: rows done, rows in all (0 when unknown)


@dataclass(frozen=True)
class ReportRequest:
    """A report by its catalog name with its period and filters."""

    name: str
    args: ReportArgs


@dataclass
class ScreenTable:
    """A table as the screen holds it: the rows read so far and, if more, where the rest is."""

    title: str
    period: str
    columns: list[Column]
    rows: list[Row]
    rest: Iterator[Row] | None = None
    notes: list[str] = field(default_factory=list)
    empty_message: str | None = None


@dataclass(frozen=True)
class Shown:
    """A computed report ready for the screen."""

    request: ReportRequest
    tables: list[ScreenTable]
    is_pack: bool = False


@dataclass(frozen=True)
class PickerData:
    """What the page's pickers offer: accounts, stock items and the latest sales."""

    accounts: list[Account]
    items: list[Item]
    sales: list[EntrySummary]


def take(rows: Iterator[Row], count: int = CHUNK) -> list[Row]:
    """The next `count` rows (fewer at the end)."""
    return list(islice(rows, count))


def close_rows(rows: Iterator[Row] | None) -> None:
    """Let go of a streamed table's open cursor (a generator's `close`)."""
    closer = getattr(rows, "close", None)
    if callable(closer):
        closer()


def screen_table(table: Table, chunk: int = CHUNK) -> ScreenTable:
    """Read the first chunk of a table; keep the generator when more rows may follow."""
    shown = ScreenTable(table.title, table.period, list(table.columns), [], None,
                        list(table.notes), table.empty_message)
    if table.empty_message:
        close_rows(table.rows if isinstance(table.rows, Iterator) else None)
        return shown
    if isinstance(table.rows, list):
        shown.rows = list(table.rows)
        return shown
    rows = iter(table.rows)
    shown.rows = take(rows, chunk)
    if len(shown.rows) == chunk:
        shown.rest = rows
    return shown


def show_report(book: Book, request: ReportRequest, *, chunk: int = CHUNK) -> Shown:
    """Compute a report in one read snapshot and take the first rows of each table."""
    with book.read() as conn:
        report = run_report(conn, request.name, request.args)
        tables = [screen_table(table, chunk) for table in tables_of(report)]
    return Shown(request, tables, isinstance(report, Pack))


def picker_data(book: Book, *, today: dt.date) -> PickerData:
    """Accounts, items and the latest sales and payments received (for a nota)."""
    with book.read() as conn:
        accounts = list_accounts(conn, include_inactive=False)
        items = [item for item, _level in list_items(conn)]
        entries = list_entries(conn, start=dt.date(1900, 1, 1), end=today, limit=2000)
    kinds = (*SALES, "terima-piutang")
    sales = [e for e in entries if e.kind in kinds][:RECENT_SALES]
    return PickerData(accounts, items, sales)


def rows_total(report: AnyReport) -> int:
    """How many rows printing will draw, when it can be known cheaply (0 otherwise)."""
    if isinstance(report, BukuBesar):
        return report.line_count + 2
    if isinstance(report, AllLedgers):
        return sum(ledger.line_count + 2 for ledger in report.ledgers)
    return 0


def export_pdf(book: Book, request: ReportRequest, path: Path, *,
               progress: Report | None = None) -> Path:
    """Print a report (or the statement pack) to an A4 PDF; a cancel leaves no file."""
    from desktop.books.pdf.pack import write_pack  # ReportLab loads only when printing
    from desktop.books.pdf.single import write_tables

    with book.read() as conn:
        report = run_report(conn, request.name, request.args)
        if isinstance(report, Pack):
            if progress:
                progress(0, 0)
            return write_pack(report, path)
        business = get_profile(conn).name
        total, done = rows_total(report), [0]

        def on_rows(count: int) -> None:
            done[0] += count
            if progress:
                progress(min(done[0], total) if total else done[0], total)

        if progress:
            progress(0, total)
        return write_tables(tables_of(report), path, business=business, on_rows=on_rows)


def numbered(path: Path, index: int) -> Path:
    """'Laporan-001.xlsx' for the first of several files."""
    return path.with_name(f"{path.stem}-{index + 1:03d}{path.suffix}")


def _counted(rows: Iterable[Row], done: list[int], total: int,
             progress: Report | None) -> Iterator[Row]:
    for row in rows:
        done[0] += 1
        if progress and done[0] % CHUNK == 0:
            progress(done[0], total)
        yield row


def export_xlsx(book: Book, request: ReportRequest, path: Path, *,
                progress: Report | None = None) -> list[Path]:
    """Write each table of a report to an Excel workbook (numbered when there are several)."""
    from desktop.books.render.tabular import write_xlsx

    written: list[Path] = []
    try:
        with book.read() as conn:
            report = run_report(conn, request.name, request.args)
            tables = tables_of(report)
            total, done = rows_total(report), [0]
            if progress:
                progress(0, total)
            for index, table in enumerate(tables):
                target = path if len(tables) == 1 else numbered(path, index)
                rows = _counted(table.rows, done, total, progress)
                written.append(write_xlsx(dataclasses.replace(table, rows=rows), target))
    except BaseException:
        for done_path in written:  # a cancel or failure keeps none of the files
            with contextlib.suppress(OSError):
                done_path.unlink()
        raise
    return written


def export_receipt(book: Book, ref: str, size: str, path: Path) -> Path:
    """Print the nota of a sale (or kuitansi of a payment) in A5 or on a 58 mm strip."""
    from desktop.books.pdf.receipt import write_receipt
    from desktop.books.receipt import receipt_for

    with book.read() as conn:
        receipt = receipt_for(conn, ref.strip())
    return write_receipt(receipt, path, size=size)
