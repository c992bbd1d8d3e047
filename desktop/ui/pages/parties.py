"""The Utang Piutang page: balances and aging per party, payments, and WhatsApp reminders."""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtWidgets import QStackedWidget, QTabWidget, QWidget

from desktop.books.dates import today
from desktop.books.i18n import tr
from desktop.books.reports.aging import PartyAging, Umur, umur
from desktop.ui.pages.base import Page
from desktop.ui.pages.parties_payment import PaymentPanel
from desktop.ui.pages.parties_reminder import ReminderPanel
from desktop.ui.pages.parties_tab import AgingTab
from desktop.ui.session import Session
from desktop.ui.widgets.common import banner

KINDS = ("piutang", "utang")


def load_aging(conn: sqlite3.Connection, as_of: dt.date) -> dict[str, Umur]:
    """Umur piutang and umur utang on a date (runs on the worker)."""
    return {kind: umur(conn, kind=kind, as_of=as_of) for kind in KINDS}


class PartiesPage(Page):
    """Utang Piutang: a tab per direction, and panels to record a payment or send a reminder."""

    key = "utang-piutang"
    depends = frozenset({"entries", "parties"})

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._select: tuple[str, str] | None = None
        self.banner = self.title_row.add_notice(banner())
        self.body = QStackedWidget()
        self.layout_.addWidget(self.body, 1)
        self.tabs = QTabWidget()
        self.piutang = AgingTab("piutang")
        self.utang = AgingTab("utang")
        self.tabs.addTab(self.piutang, tr("Piutang (pelanggan berutang)"))
        self.tabs.addTab(self.utang, tr("Utang (usaha berutang)"))
        self.body.addWidget(self.tabs)
        self.payment = PaymentPanel(session)
        self.reminder = ReminderPanel(session)
        for panel in (self.payment, self.reminder):
            self.body.addWidget(panel)
            panel.closed.connect(self.show_tabs)
        for tab in (self.piutang, self.utang):
            tab.pay.connect(lambda party, kind=tab.kind: self.record_payment(kind, party))
        self.piutang.remind.connect(self.send_reminder)
        self.payment.saved.connect(self._paid)

    @classmethod
    def title(cls) -> str:
        return tr("Utang Piutang")

    def tab(self, kind: str) -> AgingTab:
        """The Piutang or the Utang tab."""
        return self.piutang if kind == "piutang" else self.utang

    def refresh(self) -> None:
        """Read both agings as of today."""
        super().refresh()
        as_of = today()
        self.session.run(lambda book: load_aging(book.conn, as_of), done=self._show)

    def _show(self, agings: dict[str, Umur]) -> None:
        chosen = self._select
        self._select = None
        for kind, aging in agings.items():
            self.tab(kind).show_umur(aging, chosen[1] if chosen and chosen[0] == kind else None)

    def show_tabs(self) -> None:
        """Back to the aging tabs."""
        self.body.setCurrentWidget(self.tabs)
        self.tabs.currentWidget().setFocus()

    def record_payment(self, kind: str, party: PartyAging) -> None:
        """Open the payment panel for a party."""
        self.banner.hide()
        self.body.setCurrentWidget(self.payment)
        self.payment.start_for(kind, party)

    def send_reminder(self, party: PartyAging) -> None:
        """Open the WhatsApp reminder for a customer."""
        self.banner.hide()
        self.body.setCurrentWidget(self.reminder)
        self.reminder.start_for(party.party)

    def _paid(self, message: str) -> None:
        if self.payment.party is not None:
            self._select = (self.payment.kind, self.payment.party.party)
        self.show_tabs()
        self.banner.setText(message)
        self.banner.show()
