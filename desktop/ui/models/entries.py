"""The cash book as a Qt table: pages are read on the worker as the owner scrolls, few are held."""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from shiboken6 import isValid

from desktop.books.dates import format_short
from desktop.books.fmt import number
from desktop.books.history import (
    PAGE_SIZE,
    CashbookRow,
    Cursor,
    EntryFilter,
    EntryPage,
    entry_page,
    rows_by_seq,
)
from desktop.books.i18n import N_, current_lang, tr
from desktop.ui.models.labels import kind_label, status_label
from desktop.ui.session import Session
from desktop.ui.theme import ACCENT, WARN

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Tanggal"), N_("Ref"), N_("Jenis"), N_("Keterangan"), N_("Pihak"), N_("Masuk"),
           N_("Keluar"), N_("Status"))
DATE, REF, KIND, MEMO, PARTY, CASH_IN, CASH_OUT, STATUS = range(len(COLUMNS))
MONEY_COLUMNS = (CASH_IN, CASH_OUT)
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
GREY = "#8a9386"


@lru_cache(maxsize=4096)
def date_text(day: dt.date, lang: str) -> str:
    """`22 Nov 2026`, cached: a scrolled table asks for the same few days again and again."""
    return format_short(day, lang)


class EntryListModel(QAbstractTableModel):
    """The rows of the cash book for one filter.

    Asks the worker for the next page when the view wants more (`canFetchMore`/`fetchMore`);
    rows appear when the job returns. Every listed entry costs 8 bytes (its seq); the rows
    themselves are kept only for the most recently shown chunks, and a chunk scrolled back to
    is read again by seq. A new filter drops everything, and answers to an older filter are
    ignored, so memory stays flat however far the owner scrolls.
    """

    page_loaded = Signal(int)  # rows listed so far, after each page arrives
    failed = Signal(object)  # the error of a page that could not be read

    def __init__(self, session: Session, *, page_size: int = PAGE_SIZE, keep_chunks: int = 8,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.page_size = page_size
        self._keep = max(2, keep_chunks)
        self._filters = EntryFilter()
        self._generation = 0
        self._seqs = array("q")
        self._chunks: OrderedDict[int, list[CashbookRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._next: Cursor | None = None
        self._more = False
        self._loading = False
        self._struck = QFont()
        self._struck.setStrikeOut(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    # -- filter and fetching ---------------------------------------------------------------------
    @property
    def filters(self) -> EntryFilter:
        """The filter the rows were read with."""
        return self._filters

    @property
    def loading(self) -> bool:
        """Whether a page is on its way."""
        return self._loading

    def set_filters(self, filters: EntryFilter) -> None:
        """Drop every row and start again from the newest entry that passes `filters`."""
        self.beginResetModel()
        self._generation += 1
        self._filters = filters
        self._seqs = array("q")
        self._chunks.clear()
        self._pending.clear()
        self._next, self._more, self._loading = None, True, False
        self.endResetModel()
        self.fetchMore(QModelIndex())

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or not self._session.is_open:
            return
        self._loading = True
        generation, filters, after, size = (self._generation, self._filters, self._next,
                                            self.page_size)
        self._session.run(
            lambda book: entry_page(book.conn, filters=filters, after=after, limit=size),
            done=lambda page: self._append(generation, page),
            failed=lambda exc: self._page_failed(generation, exc))

    def _current(self, generation: int) -> bool:
        """Whether an answer is for the rows shown now (and the model still exists)."""
        return generation == self._generation and isValid(self)

    def _append(self, generation: int, page: EntryPage) -> None:
        if not self._current(generation):
            return
        self._loading = False
        self._next, self._more = page.next, page.next is not None
        if page.rows:
            first = len(self._seqs)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._seqs.extend(row.seq for row in page.rows)
            self._store(first, page.rows)
            self.endInsertRows()
        self.page_loaded.emit(len(self._seqs))

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if self._current(generation):
            self._loading, self._more = False, False
            self.failed.emit(exc)

    def _store(self, first: int, rows: list[CashbookRow]) -> None:
        """Put freshly read rows into their chunks (a chunk is only kept whole from its start)."""
        for position, row in enumerate(rows, start=first):
            chunk, offset = divmod(position, self.page_size)
            held = self._chunks.get(chunk)
            if held is None and offset == 0:
                held = self._chunks[chunk] = []
            if held is not None and len(held) == offset:
                held.append(row)
                self._chunks.move_to_end(chunk)
        self._evict()

    def _evict(self) -> None:
        while len(self._chunks) > self._keep:
            self._chunks.popitem(last=False)

    # -- rows ------------------------------------------------------------------------------------
    def seq_at(self, number: int) -> int:
        """The seq of the entry shown on a row."""
        return int(self._seqs[number])

    def row_of_seq(self, seq: int) -> int | None:
        """Where an entry is listed (None when it is not among the rows fetched so far)."""
        try:
            return self._seqs.index(seq)
        except ValueError:
            return None

    def entry_at(self, number: int) -> CashbookRow | None:
        """The row's data, or None while its chunk is being read again."""
        if not 0 <= number < len(self._seqs):
            return None
        chunk, offset = divmod(number, self.page_size)
        held = self._chunks.get(chunk)
        if held is None:
            self._request(chunk)
            return None
        self._chunks.move_to_end(chunk)
        return held[offset] if offset < len(held) else None

    def held_rows(self) -> int:
        """How many rows are kept in memory now (the rest are only seqs)."""
        return sum(len(rows) for rows in self._chunks.values())

    def _request(self, chunk: int) -> None:
        if chunk in self._pending:
            return
        self._pending.add(chunk)
        generation = self._generation
        # Later, never from inside data(): a synchronous worker would answer re-entrantly.
        QTimer.singleShot(0, self, lambda: self._read_chunk(generation, chunk))

    def _read_chunk(self, generation: int, chunk: int) -> None:
        if not self._current(generation):
            return
        start = chunk * self.page_size
        seqs = list(self._seqs[start:start + self.page_size])
        filters = self._filters
        self._session.run(lambda book: rows_by_seq(book.conn, filters=filters, seqs=seqs),
                          done=lambda rows: self._chunk_read(generation, chunk, rows),
                          failed=lambda exc: self._page_failed(generation, exc))

    def _chunk_read(self, generation: int, chunk: int, rows: list[CashbookRow]) -> None:
        if not self._current(generation):
            return
        self._pending.discard(chunk)
        self._chunks[chunk] = rows
        self._chunks.move_to_end(chunk)
        self._evict()
        start = chunk * self.page_size
        end = min(start + self.page_size, len(self._seqs)) - 1
        if end >= start:
            self.dataChanged.emit(self.index(start, 0), self.index(end, len(COLUMNS) - 1))

    # -- Qt model interface ----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.entry_at(index.row())
        column = index.column()
        if row is None:
            shows_dots = role == Qt.ItemDataRole.DisplayRole and column == DATE
            return "…" if shows_dots else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(row, column)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.FontRole and row.status != "aktif":
            return self._struck if row.status == "dibatalkan" else self._italic
        if role == Qt.ItemDataRole.ToolTipRole and column in (KIND, MEMO, PARTY):
            return self.text(row, column) or None
        return None

    @staticmethod
    def text(row: CashbookRow, column: int) -> str:
        """What a cell shows."""
        if column == DATE:
            return date_text(row.date, current_lang())
        if column == CASH_IN:
            return number(row.cash_in) if row.cash_in else ""
        if column == CASH_OUT:
            return number(row.cash_out) if row.cash_out else ""
        values = {REF: row.ref, KIND: kind_label(row.kind), MEMO: row.memo,
                  PARTY: row.party or "", STATUS: status_label(row.status)}
        return values.get(column, "")

    @staticmethod
    def _colour(row: CashbookRow, column: int) -> QColor | None:
        if row.status != "aktif":
            return QColor(GREY)
        if column == CASH_IN:
            return QColor(ACCENT)
        if column == CASH_OUT:
            return QColor(WARN)
        return None
