"""Pengaturan > Jatuh tempo saldo awal: a date per party with an opening piutang or utang."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from desktop.books.reports.aging import umur
from desktop.ui.pages.settings import SettingsPage
from desktop.ui.pages.settings_opening import OpeningDueSection
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page


def test_an_opening_receivable_gets_its_due_date(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                                 today: dt.date) -> None:
    settings = page(demo, "pengaturan")
    assert isinstance(settings, SettingsPage)
    shown = settings.show_section("jatuh-tempo-saldo-awal")
    assert isinstance(shown, OpeningDueSection)
    shown.refresh()
    assert "Warung Bu Komang" in shown.fields
    field = shown.fields["Warung Bu Komang"]
    later = today + dt.timedelta(days=400)
    field.setDate(QDate(later.year, later.month, later.day))
    qtbot.mouseClick(shown.button, Qt.MouseButton.LeftButton)
    assert "disimpan" in shown.notice.text()
    book = demo.session._book
    assert book is not None
    # aged on the opening day: later payments in the demo (which ends on `today`) may have
    # settled the saldo awal by any later date
    (opened,) = book.conn.execute("SELECT min(date) FROM entry WHERE ref LIKE 'SA-%'").fetchone()
    report = umur(book.conn, kind="piutang", as_of=dt.date.fromisoformat(opened))
    opening = [item for party in report.parties if party.party == "Warung Bu Komang"
               for item in party.items if item.ref.startswith("SA-")]
    assert opening and opening[0].due == later
