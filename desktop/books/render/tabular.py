"""CSV and XLSX exports of a report table, with raw numbers so spreadsheets can sum them."""

from __future__ import annotations

import csv
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from desktop.books.errors import InputError
from desktop.books.money import MILLI, SEN_PER_RUPIAH, milli_str, sen_str
from desktop.books.reports.table import Table


def _raw(value: object, kind: str) -> object:
    if value is None:
        return None
    if kind == "money" and isinstance(value, int):
        return Decimal(value) / SEN_PER_RUPIAH
    if kind == "qty" and isinstance(value, int):
        return Decimal(value) / MILLI
    return value


def _text(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return sen_str(value)
    if kind == "qty" and isinstance(value, int):
        return milli_str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_csv(table: Table, path: Path) -> Path:
    """Write the table as UTF-8 CSV (with BOM, so Excel shows Indonesian text correctly)."""
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow([table.title])
            writer.writerow([table.period])
            writer.writerow([column.title for column in table.columns])
            for row in table.rows:
                writer.writerow([_text(v, c.kind) for v, c in zip(row.cells, table.columns,
                                                                   strict=True)])
    except OSError as exc:
        raise InputError("Tidak bisa menulis '{value}': {reason}", field="csv", value=str(path),
                         reason=exc.strerror or str(exc)) from exc
    return path


def write_xlsx(table: Table, path: Path) -> Path:
    """Write the table as an Excel workbook with money as numbers in Indonesian format."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    # Excel refuses []:*?/\ in a sheet name (e.g. "Dompet Digital / QRIS"); the title cell keeps them.
    sheet.title = re.sub(r"[\[\]:*?/\\]", "-", table.title)[:31]
    sheet.append([table.title])
    sheet.append([table.period])
    sheet.append([column.title for column in table.columns])
    sheet["A1"].font = Font(bold=True, size=13)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([_raw(v, c.kind) for v, c in zip(row.cells, table.columns, strict=True)])
        if row.style in ("section", "subtotal", "total"):
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
    for index, column in enumerate(table.columns, start=1):
        letter = sheet.cell(row=3, column=index).column_letter
        sheet.column_dimensions[letter].width = 16 if column.kind != "text" else 34
        if column.kind == "money":
            for (cell,) in sheet.iter_rows(min_row=4, min_col=index, max_col=index):
                cell.number_format = "#,##0;(#,##0)"
        if column.kind == "date":
            for (cell,) in sheet.iter_rows(min_row=4, min_col=index, max_col=index):
                cell.number_format = "dd/mm/yyyy"
    try:
        book.save(path)
    except OSError as exc:
        raise InputError("Tidak bisa menulis '{value}': {reason}", field="xlsx", value=str(path),
                         reason=exc.strerror or str(exc)) from exc
    return path
