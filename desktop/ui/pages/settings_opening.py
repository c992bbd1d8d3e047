"""Jatuh tempo saldo awal: when each party's opening piutang or utang falls due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import QPushButton, QWidget

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.fmt import rupiah
from desktop.books.i18n import tr
from desktop.books.opening import opening_day, set_opening_dues
from desktop.books.parties import RECEIVABLE, opening_parties
from desktop.ui.pages.settings_common import FieldErrors, Section, left, new_form
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted
from desktop.ui.widgets.dates import DateField, date_edit


@dataclass(frozen=True)
class OpeningDues:
    """The saldo awal's date and its parties: (name, account, amount, due)."""

    day: dt.date | None
    parties: list[tuple[str, str, int, dt.date | None]]


def load_dues(book: Book) -> OpeningDues:
    """What the section shows, read in the worker."""
    return OpeningDues(opening_day(book.conn), opening_parties(book.conn))


class OpeningDueSection(Section):
    """One date per party with a saldo awal piutang or utang; saved together."""

    key = "jatuh-tempo-saldo-awal"

    @classmethod
    def title(cls) -> str:
        return tr("Jatuh tempo saldo awal")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.errors = FieldErrors(self)
        self.fields: dict[str, DateField] = {}
        self.body.addWidget(muted(tr(
            "Piutang dan utang yang sudah ada saat mulai memakai Lumbung dianggap jatuh tempo "
            "pada tanggal saldo awal. Isi tanggal jatuh temponya yang sebenarnya agar umur "
            "piutang dan utang tidak langsung terlihat terlambat.")))
        self.form = new_form()
        self.body.addLayout(self.form)
        self.empty = muted(tr("Saldo awal belum punya piutang atau utang per pihak."))
        self.body.addWidget(self.empty)
        self.button = QPushButton(tr("Simpan jatuh tempo"))
        self.button.setObjectName("save-opening-due")
        self.button.clicked.connect(self.save)
        self.body.addLayout(left(self.button))
        self.body.addStretch()

    def refresh(self) -> None:
        """Load the parties of the saldo awal."""
        self.session.run(load_dues, done=self._show)

    def _show(self, dues: OpeningDues) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields.clear()
        for name, account, amount, due in dues.parties:
            what = tr("piutang") if account == RECEIVABLE else tr("utang")
            field = date_edit(due or dues.day or dates.today())
            field.setObjectName(f"due-{name}")
            field.setMaximumWidth(220)
            self.fields[name] = field
            self.errors.row(self.form, f"{name} ({what} {rupiah(amount)})", f"due-{name}", field)
        self.empty.setVisible(not self.fields)
        self.button.setVisible(bool(self.fields))

    def save(self) -> None:
        """Save every party's date."""
        chosen = [(name, field.day()) for name, field in self.fields.items()]
        self.errors.clear()
        self.session.run(lambda book: set_opening_dues(book, chosen), failed=self.errors.show,
                         changes={"parties"},
                         done=lambda _n: self.say(tr("Jatuh tempo saldo awal disimpan.")))
