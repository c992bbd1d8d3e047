"""Choosing what to print: the list of reports with a line on each, and the period picker."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.books.dates import add_months, default_report_year, month_end
from desktop.books.i18n import N_, current_lang, tr
from desktop.books.reports.catalog import REPORTS

NOTA = "nota"


@dataclass(frozen=True)
class ReportChoice:
    """One entry of the chooser: catalog name, its name and explanation, what it asks for."""

    key: str
    name: str
    about: str
    picker: str = ""  # "account" (buku besar) or "item" (kartu stok)

    @property
    def period(self) -> str:
        """'range', 'as_of', or 'none' for the nota."""
        return REPORTS[self.key][0] if self.key in REPORTS else "none"


CHOICES = (
    ReportChoice("posisi-keuangan", N_("Laporan Posisi Keuangan"),
                 N_("Harta usaha, utangnya, dan modal pemilik pada satu tanggal.")),
    ReportChoice("laba-rugi", N_("Laba Rugi"),
                 N_("Pendapatan dikurangi semua beban: untung atau rugi dalam satu periode.")),
    ReportChoice("arus-kas", N_("Arus Kas"),
                 N_("Uang yang masuk dan keluar dari kas dan bank, menurut asalnya.")),
    ReportChoice("perubahan-ekuitas", N_("Perubahan Ekuitas"),
                 N_("Modal pemilik bertambah atau berkurang: setoran, laba, dan prive.")),
    ReportChoice("neraca-saldo", N_("Neraca Saldo"),
                 N_("Saldo setiap akun pada satu tanggal, untuk diperiksa bersama pendamping.")),
    ReportChoice("buku-besar", N_("Buku Besar"),
                 N_("Semua catatan satu akun, misalnya Kas, dengan saldo berjalan."), "account"),
    ReportChoice("kartu-stok", N_("Kartu Stok"),
                 N_("Barang masuk dan keluar beserta harga pokoknya, atau daftar persediaan."),
                 "item"),
    ReportChoice("umur-piutang", N_("Umur Piutang"),
                 N_("Siapa yang belum membayar usaha Anda, dan sudah berapa lama.")),
    ReportChoice("umur-utang", N_("Umur Utang"),
                 N_("Kepada siapa usaha Anda belum membayar, dan sudah berapa lama.")),
    ReportChoice("pph-final", N_("Perkiraan PPh Final"),
                 N_("Perkiraan pajak 0,5% dari omzet setiap bulan (PP 55/2022).")),
    ReportChoice("penjualan-per-saluran", N_("Penjualan per Saluran"),
                 N_("Omzet, jumlah nota dan laba kotor per saluran: toko, WhatsApp, Shopee…")),
    ReportChoice("paket", N_("Paket Laporan Keuangan"),
                 N_("Sampul, empat laporan utama dan catatannya, untuk Dinas atau bank.")),
    ReportChoice(NOTA, N_("Nota Penjualan"),
                 N_("Nota satu penjualan atau kuitansi pembayaran, A5 atau 58 mm.")),
)
BY_KEY = {choice.key: choice for choice in CHOICES}

QUICK = (("bulan-ini", N_("Bulan ini")), ("bulan-lalu", N_("Bulan lalu")),
         ("tahun-ini", N_("Tahun ini")), ("tahun-lalu", N_("Tahun lalu")),
         ("pilih", N_("Pilih tanggal…")))


def quick_period(key: str, today: dt.date) -> tuple[dt.date, dt.date] | None:
    """The dates of a quick choice (None for 'Pilih tanggal…', which keeps the dates)."""
    first = today.replace(day=1)
    if key == "bulan-ini":
        return first, today
    if key == "bulan-lalu":
        start = add_months(first, -1)
        return start, month_end(start.year, start.month)
    if key == "tahun-ini":
        return dt.date(today.year, 1, 1), today
    if key == "tahun-lalu":
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None


def qdate(day: dt.date) -> QDate:
    """A Python date as a QDate."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> dt.date:
    """A QDate as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def date_edit() -> QDateEdit:
    """A date field with a calendar, shown like '22 Nov 2026' in the owner's language."""
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    if current_lang() == "id":
        edit.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
    else:
        edit.setLocale(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return edit


class ChoiceDelegate(QStyledItemDelegate):
    """Draws a chooser entry as its name in bold with the explanation underneath."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        bold, plain = self._fonts(option)
        width = max(option.rect.width(), 160) - 2 * self.PAD
        flags = int(Qt.TextFlag.TextWordWrap)
        name = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10_000), flags,
                                               str(index.data(Qt.ItemDataRole.DisplayRole)))
        about = QFontMetrics(plain).boundingRect(QRect(0, 0, width, 10_000), flags,
                                                 str(index.data(Qt.ItemDataRole.UserRole + 1)))
        return QSize(width, name.height() + about.height() + 2 * self.PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        style = option.widget.style() if option.widget else None
        text_option = QStyleOptionViewItem(option)
        self.initStyleOption(text_option, index)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter,
                              option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette: QPalette = option.palette
        bold, plain = self._fonts(option)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        name = str(index.data(Qt.ItemDataRole.DisplayRole))
        painter.save()
        painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if selected
                                     else QPalette.ColorRole.Text))
        painter.setFont(bold)
        used = painter.boundingRect(rect, flags, name)
        painter.drawText(rect, flags, name)
        if not selected:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        painter.setFont(plain)
        painter.drawText(rect.adjusted(0, used.height() + 2, 0, 0), flags,
                         str(index.data(Qt.ItemDataRole.UserRole + 1)))
        painter.restore()


class ChooserList(QListWidget):
    """Every report (and the nota) with a one-line explanation; emits `chosen(key)`."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report-chooser")
        self.setItemDelegate(ChoiceDelegate(self))
        self.setWordWrap(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(tr("Pilih laporan"))
        for choice in CHOICES:
            item = QListWidgetItem(tr(choice.name))
            item.setData(Qt.ItemDataRole.UserRole, choice.key)
            item.setData(Qt.ItemDataRole.UserRole + 1, tr(choice.about))
            item.setToolTip(tr(choice.about))
            self.addItem(item)
        self.currentRowChanged.connect(lambda row: self.chosen.emit(CHOICES[row].key)
                                       if row >= 0 else None)

    def current_key(self) -> str:
        """The chosen report's catalog name (or 'nota')."""
        return CHOICES[max(self.currentRow(), 0)].key

    def choose(self, key: str) -> None:
        """Select a report by its catalog name."""
        self.setCurrentRow([c.key for c in CHOICES].index(key))


class PeriodPicker(QWidget):
    """Quick choices (Bulan ini … Pilih tanggal…) and the dates; one date for balance reports."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(tr("Periode"))
        self.quick = QComboBox()
        self.quick.setAccessibleName(tr("Periode"))
        for key, label in QUICK:
            self.quick.addItem(tr(label), key)
        self.from_label = QLabel(tr("Dari"))
        self.start = date_edit()
        self.start.setAccessibleName(tr("Dari tanggal"))
        self.to_label = QLabel(tr("s.d."))
        self.end = date_edit()
        self.end.setAccessibleName(tr("Sampai tanggal"))
        for widget in (self.label, self.quick, self.from_label, self.start, self.to_label,
                       self.end):
            layout.addWidget(widget)
        layout.addStretch()
        self.label.setBuddy(self.quick)
        # In January the year just ended is the one owners print (the annual pack).
        opening = "tahun-ini" if default_report_year(today) == today.year else "tahun-lalu"
        self.quick.setCurrentIndex([k for k, _ in QUICK].index(opening))
        self._apply_quick()
        self.quick.currentIndexChanged.connect(lambda _i: self._apply_quick())
        self.start.dateChanged.connect(lambda _d: self._typed())
        self.end.dateChanged.connect(lambda _d: self._typed())
        self.set_mode("range")

    def set_mode(self, mode: str) -> None:
        """'range' shows from–to; 'as_of' shows one date ('Per tanggal')."""
        single = mode == "as_of"
        self.label.setText(tr("Per tanggal") if single else tr("Periode"))
        for widget in (self.from_label, self.start, self.to_label):
            widget.setVisible(not single)
        self.end.setAccessibleName(tr("Per tanggal") if single else tr("Sampai tanggal"))

    def choose(self, key: str) -> None:
        """Pick a quick choice by key ('bulan-lalu', …)."""
        self.quick.setCurrentIndex([k for k, _ in QUICK].index(key))

    def set_dates(self, start: dt.date, end: dt.date) -> None:
        """Type dates in (the quick choice becomes 'Pilih tanggal…')."""
        self.start.setDate(qdate(start))
        self.end.setDate(qdate(end))

    def dates(self) -> tuple[dt.date, dt.date]:
        """The chosen period (from, to); 'to' is also the 'as of' date."""
        return pydate(self.start.date()), pydate(self.end.date())

    def _apply_quick(self) -> None:
        period = quick_period(str(self.quick.currentData()), self.today)
        if period is not None:
            for edit, day in zip((self.start, self.end), period, strict=True):
                edit.blockSignals(True)
                edit.setDate(qdate(day))
                edit.blockSignals(False)
        self.changed.emit()

    def _typed(self) -> None:
        custom = [k for k, _ in QUICK].index("pilih")
        if self.quick.currentIndex() != custom:
            self.quick.blockSignals(True)
            self.quick.setCurrentIndex(custom)
            self.quick.blockSignals(False)
        self.changed.emit()
