"""Beranda: cash now, this month against last, twelve months, low stock, bills due this week."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QListWidget, QVBoxLayout, QWidget

from desktop.books import dates
from desktop.books.dashboard import Dashboard, MonthFigures, dashboard
from desktop.books.dates import format_short, month_end
from desktop.books.fmt import quantity, rupiah
from desktop.books.i18n import current_lang, tr
from desktop.ui.pages.base import Page
from desktop.ui.session import Session
from desktop.ui.widgets.common import Card, muted


def month_label(first: dt.date) -> str:
    """'Agu 26' in Indonesian, 'Aug 26' in English."""
    from babel.dates import format_date

    locale = "en_GB" if current_lang() == "en" else "id_ID"
    return str(format_date(first, "MMM yy", locale=locale)).replace(".", "")


def change_text(now: int, before: int, days: int | None = None) -> str:
    """'naik 12% dari bulan lalu' style comparison (empty when last month had nothing).

    `days` is how many days of this month have passed when the month is not over: the
    comparison is then with the same days of last month, and says so.
    """
    if before == 0:
        return ""
    if now == 0:
        return tr("belum ada transaksi bulan ini")
    percent = round((now - before) * 100 / abs(before))
    if days is not None:
        if percent == 0:
            return tr("sama dengan tgl 1–{day} bulan lalu", day=days)
        word = tr("naik") if percent > 0 else tr("turun")
        return tr("{word} {percent}% dari tgl 1–{day} bulan lalu", word=word,
                  percent=abs(percent), day=days)
    if percent == 0:
        return tr("sama dengan bulan lalu")
    word = tr("naik") if percent > 0 else tr("turun")
    return tr("{word} {percent}% dari bulan lalu", word=word, percent=abs(percent))


class HomePage(Page):
    """How the business is doing, at a glance."""

    key = "beranda"
    depends = frozenset({"entries", "stock", "parties", "accounts"})

    @classmethod
    def title(cls) -> str:
        return tr("Beranda")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        cards = QGridLayout()
        self.cash = Card(tr("Uang kas dan bank sekarang"))
        self.sales = Card(tr("Penjualan bulan ini"))
        self.expenses = Card(tr("Biaya bulan ini"))
        self.profit = Card(tr("Laba bulan ini"))
        for index, card in enumerate((self.cash, self.sales, self.expenses, self.profit)):
            cards.addWidget(card, 0, index)
        self.layout_.addLayout(cards)
        self.chart = QChartView()
        self.chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart.setMinimumHeight(230)
        self.layout_.addWidget(self.chart, 1)
        lists = QHBoxLayout()
        self.low = QListWidget()
        self.low.setObjectName("low-stock")
        self.due = QListWidget()
        self.due.setObjectName("due-soon")
        for title, widget in ((tr("Stok menipis"), self.low),
                              (tr("Piutang jatuh tempo minggu ini"), self.due)):
            column = QVBoxLayout()
            column.addWidget(muted(title))
            widget.setMaximumHeight(150)
            widget.setWordWrap(True)  # a long name wraps in Besar instead of scrolling sideways
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            column.addWidget(widget)
            lists.addLayout(column)
        self.layout_.addLayout(lists)
        self.data: Dashboard | None = None

    def refresh(self) -> None:
        super().refresh()
        today = dates.today()
        self.session.run(lambda book: dashboard(book.conn, today=today), done=self.show_data)

    def show_data(self, data: Dashboard) -> None:
        """Fill the cards, the chart and the lists."""
        self.data = data
        total = sum(amount for _name, amount in data.cash)
        self.cash.figure.setText(rupiah(total))
        self.cash.note.setText(" · ".join(f"{name} {rupiah(amount)}" for name, amount in data.cash))
        now, before = data.this_month, data.last_month
        day = data.today
        days = None if day == month_end(day.year, day.month) else day.day
        for card, current, earlier in ((self.sales, now.sales, before.sales),
                                       (self.expenses, now.expenses, before.expenses),
                                       (self.profit, now.profit, before.profit)):
            card.figure.setText(rupiah(current))
            card.note.setText(change_text(current, earlier, days))
        self.chart.setChart(self._chart(data.months))
        self.low.clear()
        for name, qty, unit in data.low_stock:
            self.low.addItem(tr("{name}: tinggal {qty} {unit}", name=name, qty=quantity(qty),
                                unit=unit))
        if not data.low_stock:
            self.low.addItem(tr("Semua stok cukup."))
        self.due.clear()
        for bill in data.due_soon:
            late = tr(" (lewat jatuh tempo)") if bill.due < data.today else ""
            self.due.addItem(f"{bill.party} · {rupiah(bill.open)} · {format_short(bill.due)}{late}")
        if not data.due_soon:
            self.due.addItem(tr("Tidak ada yang jatuh tempo minggu ini."))

    def _chart(self, months: list[MonthFigures]) -> QChart:
        chart = QChart()
        chart.setTitle(tr("Penjualan, biaya dan laba 12 bulan terakhir (juta rupiah)"))
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        sales, costs = QBarSet(tr("Penjualan")), QBarSet(tr("Biaya"))
        sales.setColor(QColor("#2e7d32"))
        costs.setColor(QColor("#f9a825"))
        line = QLineSeries()
        line.setName(tr("Laba"))
        line.setColor(QColor("#1565c0"))
        labels = []
        millions = 100 * 1_000_000
        for index, month in enumerate(months):
            sales.append(month.sales / millions)
            costs.append(month.expenses / millions)
            line.append(index, month.profit / millions)
            labels.append(month_label(month.month))
        bars = QBarSeries()
        bars.append(sales)
        bars.append(costs)
        chart.addSeries(bars)
        chart.addSeries(line)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_y = QValueAxis()
        values = [v for m in months for v in (m.sales, m.expenses, m.profit)] or [0]
        axis_y.setRange(min(0, min(values) / millions) * 1.1, max(1, max(values) / millions) * 1.1)
        axis_y.setLabelFormat("%.1f")
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        for series in (bars, line):
            series.attachAxis(axis_x)
            series.attachAxis(axis_y)
        return chart
