"""A table flowable that streams: it pulls rows one page at a time and draws them directly.

ReportLab's own Table lays out every cell generically and holds all rows; a 100,000-line
buku besar needs rows pulled as pages fill, so this flowable splits itself page by page,
repeats the header on each page, wraps long text, and draws each page as one text object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from desktop.books.dates import format_short
from desktop.books.fmt import quantity, rupiah
from desktop.books.pdf.fonts import BOLD, REGULAR, text_width
from desktop.books.reports.table import Column, Row

_NUMERIC = ("money", "qty", "number")
_FIXED_BY_TITLE = {"Akun": 30.0, "Kode": 30.0, "Ref": 74.0, "SKU": 52.0, "Satuan": 42.0,
                   "Bulan": 44.0, "No.": 22.0, "Catatan": 34.0}
_FIXED_BY_KIND = {"money": 74.0, "qty": 44.0, "date": 58.0, "number": 44.0}
PAD = 1.8
INDENT = 9.0


def column_widths(columns: Sequence[Column], width: float) -> list[float]:
    """Fixed widths for codes, dates and amounts; text columns share what is left."""
    fixed = [(_FIXED_BY_TITLE.get(c.title) if c.kind == "text" else _FIXED_BY_KIND[c.kind])
             for c in columns]
    flexible = [i for i, w in enumerate(fixed) if w is None]
    taken = sum(w for w in fixed if w is not None)
    minimum = 80.0 * len(flexible)
    if taken + minimum > width:  # many amount columns: shrink them, keep text readable
        scale = (width - minimum) / taken
        fixed = [w * scale if w is not None else None for w in fixed]
        taken = width - minimum
    if not flexible:  # all fixed (e.g. PPh per month): the first column takes the slack
        return [fixed[0] + width - taken, *fixed[1:]]  # type: ignore[operator, list-item]
    share = (width - taken) / len(flexible)
    return [w if w is not None else share for w in fixed]


@lru_cache(maxsize=4096)
def _date(day: dt.date) -> str:
    return format_short(day)


def cell_text(value: object, kind: str) -> str:
    """Display text of a raw cell in a printed table."""
    if value is None:
        return ""
    if kind == "money" and isinstance(value, int):
        return rupiah(value) if value else "–"  # a dash for nil, as statements print it
    if kind == "qty" and isinstance(value, int):
        return quantity(value)
    if isinstance(value, dt.date):
        return _date(value)
    return str(value)


def wrap(text: str, font: str, size: float, room: float) -> tuple[str, ...]:
    """Lines that fit `room`; a word longer than the room (a long ref) is broken too."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, room) or [""]:
        while text_width(line, font, size) > room and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and text_width(line[:cut], font, size) > room:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return tuple(lines)


@dataclass(frozen=True)
class _Line:
    cells: tuple[tuple[str, ...], ...]
    style: str
    indent: int
    height: float


class FastTable(Flowable):
    """Columns and (possibly streamed) rows, drawn with a header on every page it spans."""

    def __init__(self, columns: Sequence[Column], rows: Iterable[Row], *, width: float,
                 size: float = 8.0, on_rows: Callable[[int], None] | None = None,
                 _buffer: list[_Line] | None = None, _source: Iterator[Row] | None = None,
                 _widths: list[float] | None = None) -> None:
        super().__init__()
        self.columns = list(columns)
        self.size, self.leading = size, size * 1.22
        self.width = width
        self.widths = _widths or column_widths(self.columns, width)
        self.on_rows = on_rows
        self._source = _source if _source is not None else iter(rows)
        self._buffer: list[_Line] = _buffer or []
        self._done = False
        self._label = next((i for i, c in enumerate(self.columns)
                            if c.kind == "text" and c.title not in _FIXED_BY_TITLE), 0)
        self._header = self._prepare([c.title for c in self.columns], "header", 0)

    # -- layout -------------------------------------------------------------------------------
    def _prepare(self, texts: Sequence[str], style: str, indent: int) -> _Line:
        font = REGULAR if style in ("normal", "note") else BOLD
        cells: list[tuple[str, ...]] = []
        for index, text in enumerate(texts):
            room = self.widths[index] - 2 * PAD - (indent * INDENT if index == self._label else 0)
            numeric = style != "header" and self.columns[index].kind in _NUMERIC
            if not text or numeric or text_width(text, font, self.size) <= room:
                cells.append((text,))
            elif style == "header":  # whole words only; widths are chosen to fit titles
                cells.append(tuple(simpleSplit(text, font, self.size, room)) or ("",))
            else:
                cells.append(wrap(text, font, self.size, room))
        lines = max(len(cell) for cell in cells)
        return _Line(tuple(cells), style, indent, lines * self.leading + 2 * PAD)

    def _pull(self, height: float) -> None:
        """Read rows until the buffer is taller than `height` or the rows run out."""
        have = sum(line.height for line in self._buffer)
        while have <= height and not self._done:
            row = next(self._source, None)
            if row is None:
                self._done = True
                break
            texts = [cell_text(v, c.kind) for v, c in zip(row.cells, self.columns, strict=True)]
            line = self._prepare(texts, row.style, row.indent)
            self._buffer.append(line)
            have += line.height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._pull(avail_height)
        height = self._header.height + sum(line.height for line in self._buffer)
        return self.width, height if self._done else max(height, avail_height + 1)

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self._pull(avail_height)
        room, fit = avail_height - self._header.height, 0
        for line in self._buffer:
            if room < line.height:
                break
            room -= line.height
            fit += 1
        if fit == 0:
            return []
        head = FastTable(self.columns, (), width=self.width, size=self.size,
                         on_rows=self.on_rows, _buffer=self._buffer[:fit], _widths=self.widths)
        head._done = True
        tail = FastTable(self.columns, (), width=self.width, size=self.size,
                         on_rows=self.on_rows, _buffer=self._buffer[fit:], _source=self._source,
                         _widths=self.widths)
        tail._done = self._done
        return [head, tail]

    # -- drawing ------------------------------------------------------------------------------
    def draw(self) -> None:
        canvas = self.canv
        lines = [self._header, *self._buffer]
        total = sum(line.height for line in lines)
        canvas.setFillGray(0.9)
        canvas.rect(0, total - self._header.height, self.width, self._header.height, stroke=0,
                    fill=1)
        canvas.setFillGray(0)
        text = canvas.beginText()
        rules: list[tuple[float, float, float, bool]] = []
        y = total
        for line in lines:
            self._draw_line(text, line, y)
            if line.style in ("subtotal", "total"):
                rules += [(x0, x1, y, line.style == "total") for x0, x1 in self._number_spans(line)]
            y -= line.height
        canvas.drawText(text)
        canvas.setLineWidth(0.5)
        canvas.line(0, total - self._header.height, self.width, total - self._header.height)
        for x0, x1, y_top, double in rules:
            canvas.line(x0, y_top, x1, y_top)
            if double:
                bottom = self._bottom_of(lines, y_top)
                canvas.line(x0, bottom + 1.2, x1, bottom + 1.2)
                canvas.line(x0, bottom - 0.2, x1, bottom - 0.2)
        if self.on_rows:
            self.on_rows(len(self._buffer))

    def _draw_line(self, text: Any, line: _Line, top: float) -> None:
        font = REGULAR if line.style in ("normal", "note") else BOLD
        text.setFont(font, self.size)
        x = 0.0
        for index, (cell, width) in enumerate(zip(line.cells, self.widths, strict=True)):
            right = self.columns[index].kind in _NUMERIC
            left = x + PAD + (line.indent * INDENT if index == self._label else 0)
            for number, part in enumerate(cell):
                baseline = top - PAD - self.size - number * self.leading + 1.5
                if not right:
                    text.setTextOrigin(left, baseline)
                    text.textOut(part)
                    continue
                room, wide = width - 2 * PAD, text_width(part, font, self.size)
                size = self.size if wide <= room else self.size * room / wide  # shrink, never overlap
                if size != self.size:
                    text.setFont(font, size)
                text.setTextOrigin(x + width - PAD - text_width(part, font, size), baseline)
                text.textOut(part)
                if size != self.size:
                    text.setFont(font, self.size)
            x += width

    def _number_spans(self, line: _Line) -> list[tuple[float, float]]:
        """Where a (sub)total's amounts are, to rule above (and under) them."""
        spans, x = [], 0.0
        for column, width, cell in zip(self.columns, self.widths, line.cells, strict=True):
            if column.kind == "money" and cell[0]:
                spans.append((x + PAD * 2, x + width - PAD))
            x += width
        return spans

    def _bottom_of(self, lines: list[_Line], top: float) -> float:
        y = sum(line.height for line in lines)
        for line in lines:
            if abs(y - top) < 0.01:
                return y - line.height
            y -= line.height
        return top
