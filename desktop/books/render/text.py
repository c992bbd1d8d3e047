"""Terminal tables for reports (rich), readable on an old 80-column console."""

from __future__ import annotations

import io
import shutil
from typing import Literal

from desktop.books.fmt import cell
from desktop.books.reports.table import Table

_STYLES = {"section": "bold", "subtotal": "bold", "total": "bold reverse", "note": "italic"}


def render_text(table: Table, *, business: str = "", width: int | None = None) -> str:
    """Render a report table as text with the business name, title and period on top."""
    from rich.console import Console  # imported here: --json output never needs it
    from rich.table import Table as RichTable

    out = io.StringIO()
    columns = width or max(shutil.get_terminal_size((140, 24)).columns, 100)
    console = Console(file=out, width=columns, force_terminal=False, color_system=None,
                      highlight=False)
    for line in (business, table.title, table.period):
        if line:
            console.print(line, style="bold" if line == table.title else None)
    if table.empty_message:
        console.print(table.empty_message)
        return out.getvalue()
    rich = RichTable(show_lines=False, expand=False)
    for column in table.columns:
        justify: Literal["left", "right"] = (
            "right" if column.kind in ("money", "qty", "number") else "left")
        wraps = column.title in ("Keterangan", "Nama akun", "Nama barang", "Pihak")
        rich.add_column(column.title, justify=justify, overflow="fold", no_wrap=not wraps)
    for row in table.rows:
        cells = []
        for index, (value, column) in enumerate(zip(row.cells, table.columns, strict=True)):
            text = cell(value, column.kind)
            if index == _label_column(table) and row.indent:
                text = "  " * row.indent + text
            cells.append(text)
        rich.add_row(*cells, style=_STYLES.get(row.style))
    console.print(rich)
    for note in table.notes:
        console.print(note)
    return out.getvalue()


def _label_column(table: Table) -> int:
    for index, column in enumerate(table.columns):
        if column.title in ("Keterangan", "Nama akun"):
            return index
    return 0
