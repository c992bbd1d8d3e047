"""Any report (or several, like buku besar of every account) printed on A4."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, PageBreak

from desktop.books.pdf.blocks import document
from desktop.books.pdf.document import build_pdf, content_width
from desktop.books.reports.table import Table

WIDE = 7


def write_tables(tables: Sequence[Table], path: Path, *, business: str,
                 on_rows: Callable[[int], None] | None = None) -> Path:
    """Print report tables, each starting on a new page, with streamed rows.

    Tables of seven or more columns (kartu stok, umur piutang) go on landscape pages so the
    descriptions keep room to breathe.
    """
    pagesize = landscape(A4) if any(len(t.columns) >= WIDE for t in tables) else A4
    width = content_width(pagesize)
    story: list[Flowable] = []
    for index, table in enumerate(tables):
        if index:
            story.append(PageBreak())
        story += document(business, table, width=width, on_rows=on_rows)
    title = tables[0].title if len(tables) == 1 else "Laporan"
    return build_pdf(path, story, title=f"{title} {business}", author=business,
                     pagesize=pagesize)
