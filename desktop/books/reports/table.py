"""A report's printable shape: titled columns and rows of raw values with a row style."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, Protocol

EMPTY_PERIOD = "Tidak ada transaksi pada periode ini."

ColumnKind = Literal["text", "money", "qty", "date", "number"]
RowStyle = Literal["normal", "section", "subtotal", "total", "note"]


@dataclass(frozen=True)
class Column:
    """A column: its title and how its raw values are formatted."""

    title: str
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Row:
    """Raw cell values (money in sen, quantities in thousandths, dates as date) and a style."""

    cells: tuple[object, ...]
    style: RowStyle = "normal"
    indent: int = 0


@dataclass
class Table:
    """Everything a renderer needs: title, period line, columns, rows and closing notes.

    `rows` may be a generator (buku besar of many years), so renderers read it once, in
    order; `empty_message` replaces the rows when the period holds nothing to show.
    """

    title: str
    period: str
    columns: list[Column]
    rows: Iterable[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    empty_message: str | None = None

    def add(self, *cells: object, style: RowStyle = "normal", indent: int = 0) -> None:
        """Append one row (to a table whose rows are a list)."""
        assert isinstance(self.rows, list), "rows of a streamed table cannot be added to"
        self.rows.append(Row(tuple(cells), style, indent))


class Report(Protocol):
    """What every report offers its renderers."""

    def to_json(self) -> dict[str, object]:
        """The JSON shape fixed by the CLI contract."""

    def table(self) -> Table:
        """The same figures as a printable table."""
