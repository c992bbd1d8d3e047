"""Small text tables for list commands."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.books.render.text import render_text
from desktop.books.reports.table import Column, Table


def simple_table(headers: Sequence[str], rows: Sequence[Sequence[object]], *,
                 right: Sequence[int] = (), empty: str = "") -> str:
    """Render rows of already formatted strings under the given headers."""
    if not rows and empty:
        return empty
    columns = [Column(h, "number" if i in right else "text") for i, h in enumerate(headers)]
    table = Table("", "", columns)
    for row in rows:
        table.add(*("" if v is None else str(v) for v in row))
    return render_text(table)
