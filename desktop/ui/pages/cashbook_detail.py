"""Kas & Bank's lower half: the chosen entry's lines, and the dialog that cancels an entry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.books.errors import UserFacingError
from desktop.books.fmt import number, rupiah
from desktop.books.history import EntryDetail
from desktop.books.i18n import current_lang, tr
from desktop.ui.errors import field_text
from desktop.ui.models.entries import date_text
from desktop.ui.models.labels import kind_label
from desktop.ui.widgets.common import ErrorLabel, muted, primary_button
from desktop.ui.widgets.dates import date_edit, py_date


def summary(detail: EntryDetail) -> str:
    """`22 Nov 2026 · Warung Bu Komang · Rp1.250.000`."""
    parts = [date_text(detail.date, current_lang()), detail.party or "", rupiah(detail.amount)]
    return " · ".join(part for part in parts if part)


class EntryDetailPanel(QFrame):
    """Shows one entry: what it was, whether it stands, and (for a pendamping) its lines.

    Account codes and debit/credit are shown only with the pendamping switch of Pengaturan.

    The "Batalkan transaksi" button emits `reverse_requested`; the page decides the rest.
    """

    reverse_requested = Signal()

    def __init__(self, parent: QWidget | None = None, *, pendamping: bool = False) -> None:
        super().__init__(parent)
        self.pendamping = pendamping
        self.setProperty("card", True)
        self.current: EntryDetail | None = None
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("detail-title")
        self.title.setStyleSheet("font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.info = muted("")
        self.memo = QLabel()
        self.memo.setWordWrap(True)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setObjectName("detail-state")
        self.reverse = QPushButton(tr("Batalkan transaksi"))
        self.reverse.setObjectName("reverse")
        self.reverse.setProperty("danger", True)
        self.reverse.setToolTip(tr("Mencatat transaksi pembalik; yang asli tetap tersimpan"))
        self.reverse.clicked.connect(self.reverse_requested.emit)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.reverse)
        left.addLayout(top)
        for widget in (self.info, self.memo, self.state):
            left.addWidget(widget)
        left.addStretch()
        self.lines = QTableWidget(0, 3)
        self.lines.setObjectName("detail-lines")
        self.lines.setHorizontalHeaderLabels([tr("Akun"), tr("Debit"), tr("Kredit")])
        self.lines.verticalHeader().hide()
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addLayout(left, 1)
        layout.addWidget(self.lines, 1)
        # title row, date, memo and two lines of why it was cancelled, at either text size
        self.setMinimumHeight(QFontMetrics(self.font()).lineSpacing() * 6 + 36)
        self.show_entry(None)

    def show_entry(self, detail: EntryDetail | None) -> None:
        """Fill the panel (or show the hint when nothing is chosen)."""
        self.current = detail
        self.lines.setVisible(detail is not None and self.pendamping)
        self.reverse.setVisible(detail is not None)
        if detail is None:
            self.title.setText(tr("Pilih transaksi di tabel untuk melihat rinciannya."))
            for label in (self.info, self.memo, self.state):
                label.setText("")
            self.lines.setRowCount(0)
            return
        self.title.setText(f"{detail.ref} · {kind_label(detail.kind)}")
        self.info.setText(summary(detail))
        self.memo.setText(detail.memo)
        self.state.setText(self._state_text(detail))
        self.state.setProperty("error", detail.status == "dibatalkan")
        self.state.style().polish(self.state)
        self.lines.setRowCount(len(detail.lines))
        for number_, line in enumerate(detail.lines):
            cells = (f"{line.account} {line.name}", number(line.debit) if line.debit else "",
                     number(line.credit) if line.credit else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(number_, column, item)

    @staticmethod
    def _state_text(detail: EntryDetail) -> str:
        if detail.status == "dibatalkan":
            return tr("Dibatalkan oleh {ref}. Alasan: {reason}", ref=detail.reversed_by or "",
                      reason=detail.reason or "-")
        if detail.status == "pembatalan":
            return tr("Membatalkan {ref}. Alasan: {reason}", ref=detail.reverses or "",
                      reason=detail.reason or "-")
        return ""


class ReverseDialog(QDialog):
    """Asks why (required) and on which date an entry is cancelled; emits `submitted`.

    The dialog stays open until the page says the books accepted the cancellation, so the
    books' refusal of the reason or the date is shown under that field.
    """

    submitted = Signal(str, object)  # reason, date

    def __init__(self, detail: EntryDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.detail = detail
        self.setWindowTitle(tr("Batalkan transaksi"))
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows with an error
        intro = QLabel(tr("Transaksi {ref} ({kind}, {summary}) akan dibatalkan dengan mencatat "
                          "transaksi pembalik. Transaksi aslinya tetap tersimpan dan ditandai "
                          "dibatalkan.", ref=detail.ref, kind=kind_label(detail.kind),
                          summary=summary(detail)))
        intro.setWordWrap(True)
        intro.setMinimumWidth(QFontMetrics(self.font()).averageCharWidth() * 62)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(tr("Misalnya: salah ketik jumlah"))
        self.reason.setMaxLength(200)
        self.reason_error = ErrorLabel()
        self.date = date_edit(detail.date)
        self.date.setObjectName("reversal-date")
        self.date_error = ErrorLabel()
        form.addRow(tr("Alasan pembatalan"), self.reason)
        form.addRow("", self.reason_error)
        form.addRow(tr("Tanggal pembatalan"), self.date)
        form.addRow("", self.date_error)
        hint = muted(tr("Biasanya sama dengan tanggal transaksi aslinya."))
        hint.setWordWrap(False)
        form.addRow("", hint)
        # For an entry in a closed period (tutup buku): correct last period's saldo laba instead
        # of this period's laba rugi. The books refuse it for an entry in an open period.
        self.prior = QCheckBox(tr("Koreksi periode lalu (lewat saldo laba, bukan laba tahun ini)"))
        self.prior.setObjectName("prior-period")
        form.addRow("", self.prior)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addStretch()
        self.back = QPushButton(tr("Kembali"))
        self.back.clicked.connect(self.reject)
        self.ok = primary_button(tr("Batalkan transaksi"))
        self.ok.setObjectName("confirm-reverse")
        self.ok.setDefault(True)
        self.ok.clicked.connect(self.submit)
        buttons.addWidget(self.back)
        buttons.addWidget(self.ok)
        layout.addLayout(buttons)
        self.reason.setFocus()

    def submit(self) -> None:
        """Hand the reason and date to the page (the books check them)."""
        self.show_error(None)
        self.submitted.emit(self.reason.text(), py_date(self.date))

    def show_error(self, exc: UserFacingError | None) -> bool:
        """Show a refusal beside its field; False when it belongs to no field here."""
        self.reason_error.show_message("")
        self.date_error.show_message("")
        if exc is None:
            return True
        target = {"reason": self.reason_error, "date": self.date_error,
                  "correction": self.date_error}.get(exc.field or "")
        if target is None:
            return False
        target.show_message(field_text(exc))
        self.adjustSize()  # make room for the message
        (self.reason if exc.field == "reason" else self.date).setFocus()
        return True
