"""Building blocks shared by every printed document: headings, tables, notes, signatures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Literal

from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer
from reportlab.platypus import Table as GridTable

from desktop.books.business import Profile
from desktop.books.dates import format_long
from desktop.books.pdf.fasttable import FastTable
from desktop.books.pdf.fonts import BOLD, ITALIC, REGULAR, register_fonts
from desktop.books.reports.table import Table


def style(name: str, *, size: float = 9, bold: bool = False, italic: bool = False,
          align: Literal[0, 1, 2, 4] = TA_LEFT, space_after: float = 3,
          leading: float | None = None) -> ParagraphStyle:
    """A paragraph style in the embedded font."""
    register_fonts()
    font = BOLD if bold else ITALIC if italic else REGULAR
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.3,
                          alignment=align, spaceAfter=space_after)


BODY = style("isi", size=9, leading=12.5, space_after=5)
SMALL = style("kecil", size=7.5, leading=9.5)
NOTE = style("catatan", size=8, italic=True, space_after=2)
HEADING = style("judul", size=13, bold=True, space_after=1)
SUBHEADING = style("subjudul", size=10, bold=True, space_after=3)
BUSINESS = style("usaha", size=10.5, bold=True, space_after=0)
PERIOD = style("periode", size=9, space_after=8)
CENTER = style("tengah", size=9, align=TA_CENTER)


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], *,
         h_align: Literal["LEFT", "CENTER"] = "LEFT", tight: bool = False) -> GridTable:
    """A layout grid (no rules) in the embedded font; `tight` drops the cell padding."""
    table = GridTable([list(row) for row in rows], colWidths=list(widths), hAlign=h_align)
    commands: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), REGULAR, 9),
                                          ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if tight:
        commands += [(side, (0, 0), (-1, -1), pad) for side, pad in (
            ("LEFTPADDING", 0), ("RIGHTPADDING", 0), ("TOPPADDING", 0.5), ("BOTTOMPADDING", 0.5))]
    table.setStyle(commands)
    return table


def logo_image(data: bytes, *, max_width: float, max_height: float) -> Flowable:
    """The business's logo scaled to fit the box, keeping its proportions."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(max_width / width, max_height / height)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def esc(text: str) -> str:
    """Escape text for a ReportLab paragraph."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def para(text: str, st: ParagraphStyle = BODY) -> Paragraph:
    """A paragraph of plain (escaped) text."""
    return Paragraph(esc(text), st)


def heading(business: str, title: str, period: str) -> list[Flowable]:
    """Business name, report title and period, as at the top of every statement."""
    return [para(business, BUSINESS), para(title, HEADING), para(period, PERIOD)]


def table_block(table: Table, *, width: float, size: float = 8.0,
                on_rows: Callable[[int], None] | None = None) -> list[Flowable]:
    """The table, or its empty-period message, followed by its notes."""
    if table.empty_message:
        body: list[Flowable] = [Spacer(1, 6), para(table.empty_message, SUBHEADING)]
    else:
        body = [FastTable(table.columns, table.rows, width=width, size=size, on_rows=on_rows)]
    notes = [para(note, NOTE) for note in table.notes]
    return body + ([Spacer(1, 4), *notes] if notes else [])


def document(business: str, table: Table, *, width: float,
             on_rows: Callable[[int], None] | None = None) -> list[Flowable]:
    """One report: heading plus table."""
    return [*heading(business, table.title, table.period),
            *table_block(table, width=width, on_rows=on_rows)]


def place(profile: Profile) -> str:
    """Where the statements are signed: the kabupaten, else the desa."""
    return profile.kabupaten or profile.desa or profile.kecamatan or ""


def signature_block(profile: Profile, day: dt.date, *, width: float) -> Flowable:
    """'Dibuat oleh' (owner) and 'Mengetahui' (pendamping or Dinas), with room to sign."""
    where = place(profile)
    dated = f"{where}, {format_long(day)}" if where else format_long(day)
    owner = profile.owner or "(..............................)"
    cells: list[list[object]] = [
        ["", para(dated, CENTER)],
        [para("Dibuat oleh,", CENTER), para("Mengetahui,", CENTER)],
        [para("Pemilik usaha", CENTER), para("Pendamping / Dinas Koperasi dan UKM", CENTER)],
        [Spacer(1, 20 * mm), Spacer(1, 20 * mm)],
        [para(owner, style("ttd", size=9, bold=True, align=TA_CENTER)),
         para("(..............................)", CENTER)],
        [para(profile.name, CENTER), para("NIP / nama lembaga", style("nip", size=7.5,
                                                                      align=TA_CENTER))],
    ]
    return KeepTogether([Spacer(1, 10 * mm), grid(cells, [width / 2, width / 2])])
