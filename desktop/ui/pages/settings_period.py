"""Tutup buku: lock every date up to a day, after a plain confirmation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QPushButton, QWidget

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.dates import format_long
from desktop.books.i18n import current_lang, tr
from desktop.books.ledger import close_period, closed_through
from desktop.ui.pages.settings_common import (
    ConfirmBar,
    FieldErrors,
    Section,
    left,
    new_form,
    strong,
)
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted
from desktop.ui.widgets.dates import date_edit


def last_month_end(today: dt.date) -> dt.date:
    """The usual choice: the end of the month before this one."""
    return today.replace(day=1) - dt.timedelta(days=1)


class PeriodSection(Section):
    """Shows how far the books are closed; closing further needs one clear yes."""

    key = "tutup-buku"

    @classmethod
    def title(cls) -> str:
        return tr("Tutup buku")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.closed: dt.date | None = None
        self.current = strong()
        self.current.setObjectName("closed-through")
        self.body.addWidget(self.current)
        self.body.addWidget(muted(tr(
            "Tutup buku mengunci semua transaksi sampai tanggal yang dipilih, misalnya "
            "setelah laporan bulanan atau tahunan selesai. Transaksi pada tanggal itu atau "
            "sebelumnya tidak bisa dicatat atau dibatalkan lagi, dan tutup buku tidak bisa "
            "dibuka kembali.")))
        form = new_form()
        today = dates.today()
        self.through = date_edit(last_month_end(today))
        self.through.setObjectName("close-through")
        self.through.setMaximumWidth(220)
        self.errors.row(form, tr("Tutup sampai tanggal"), "through", self.through)
        self.button = QPushButton(tr("Tutup buku…"))
        self.button.setObjectName("close-period")
        self.button.clicked.connect(self.ask)
        form.addRow("", left(self.button))
        self.body.addLayout(form)
        self.confirm = ConfirmBar()
        self.body.addWidget(self.confirm)
        self.body.addStretch()

    def refresh(self) -> None:
        """Load the last closed day."""
        self.session.run(lambda book: closed_through(book.conn), done=self._show)

    def _show(self, closed: dt.date | None) -> None:
        self.closed = closed
        lang = current_lang()
        self.current.setText(
            tr("Buku sudah ditutup sampai {date}.", date=format_long(closed, lang)) if closed
            else tr("Buku belum pernah ditutup."))

    def chosen(self) -> dt.date:
        """The day typed or picked."""
        picked = self.through.date()
        return dt.date(picked.year(), picked.month(), picked.day())

    def ask(self) -> None:
        """Say what closing means for the chosen day, and wait for the yes."""
        day = self.chosen()
        self.errors.clear()
        self.say("")
        self.confirm.ask(
            tr("Tutup buku sampai {date}? Setelah itu transaksi bertanggal {date} atau "
               "sebelumnya tidak bisa dicatat atau dibatalkan lagi.",
               date=format_long(day, current_lang())),
            tr("Ya, tutup buku"), lambda: self.close_through(day))

    def close_through(self, day: dt.date) -> None:
        """Close the books up to `day`."""
        def work(book: Book) -> dt.date:
            with book.write() as conn:
                return close_period(conn, through=day)

        self.session.run(work, failed=self.errors.show, changes={"period"},
                         done=lambda through: self.say(tr(
                             "Buku sudah ditutup sampai {date}.",
                             date=format_long(through, current_lang()))))
