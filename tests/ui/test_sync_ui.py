"""The desktop's sync: linking in Pengaturan, the sidebar indicator, refusals, restoring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from desktop.books.book import Book
from desktop.books.forms import TxInput, post_tx
from desktop.ui import errors
from desktop.ui.pages.settings_mall import MallSection
from desktop.ui.settings import AppSettings
from desktop.ui.windows.main import MainWindow
from desktop.ui.worker import SyncWorker
from tests.sync.conftest import _no_os_keyring  # noqa: F401 - tokens to a file, not the OS
from tests.sync.live import LiveServer, sqlite_url

PASSWORD = "rahasia-123"


@pytest.fixture
def mall(tmp_path: Path) -> Iterator[LiveServer]:
    server = LiveServer(sqlite_url(tmp_path)).start()
    server.user("made", "Keripik Pisang Bu Made", PASSWORD)
    yield server
    server.stop()


def in_book(window: MainWindow, work: Any, *changes: str) -> Any:
    """Run `work(book)` on the window's (synchronous) worker and return its result."""
    out: list[Any] = []
    window.session.run(work, done=out.append, changes=changes)
    return out[0]


def mall_section(window: MainWindow) -> MallSection:
    assert window.workspace is not None
    window.workspace.show_mall()
    section = window.workspace.current().sections["mall"]  # type: ignore[attr-defined]
    assert isinstance(section, MallSection) and section.isVisible()
    return section


def link_in_settings(window: MainWindow, mall: LiveServer, password: str = PASSWORD) -> None:
    section = mall_section(window)
    section.server.setText(mall.url)
    section.username.setText("made")
    section.password.setText(password)
    section.link_button.click()


def sale(book: Book, amount: str = "25000") -> str:
    return post_tx(book, TxInput(type="penjualan-tunai", date="2026-11-20", amount=amount,
                                 memo="dari test")).ref


def test_an_unlinked_business_says_so_and_leads_to_the_mall_section(demo: MainWindow) -> None:
    assert demo.workspace is not None
    indicator = demo.workspace.sync
    assert indicator.state.text() == "Belum terhubung ke Mall"
    assert indicator.button.text() == "Hubungkan…"
    indicator.button.click()
    section = mall_section(demo)
    assert section.state.text() == "Belum terhubung ke Mall"
    assert section.refused.isHidden() and not section.sync_button.isEnabled()


def test_link_then_the_indicator_follows_every_change(demo: MainWindow, mall: LiveServer) -> None:
    link_in_settings(demo, mall, password="keliru")
    section = mall_section(demo)
    assert "kata sandi salah" in section.errors.labels["password"].text()
    assert section.state.text() == "Belum terhubung ke Mall"
    link_in_settings(demo, mall)
    assert demo.workspace is not None
    indicator = demo.workspace.sync
    # linking syncs at once: the whole demo book went up
    assert section.state.text() == f"Terhubung ke {mall.url}"
    assert indicator.state.text() == "● Online", indicator.toolTip()
    assert indicator.last.text().startswith("Terakhir sinkron: hari ini")
    assert indicator.waiting.isHidden() and section.password.text() == ""
    assert demo.session.sync is not None and demo.session.sync.result is not None
    first = demo.session.sync.result.pushed
    assert first > 100

    ref = in_book(demo, sale, "entries")
    assert not indicator.waiting.isHidden()
    assert indicator.waiting.text() == "1 perubahan menunggu dikirim"
    seen: list[Any] = []
    demo.session.sync.progress.connect(seen.append)
    indicator.button.click()
    assert demo.session.sync.result.pushed == 1 and indicator.waiting.isHidden()
    assert seen and seen[0].phase == "kirim"
    with mall.app.state.engine.connect() as db:
        stored = db.exec_driver_sql("SELECT count(*) FROM change_log WHERE entity = 'entry'"
                                    ).scalar()
    assert stored == in_book(demo, lambda b: b.conn.execute(
        "SELECT count(*) FROM entry WHERE kind != 'penyesuaian-hpp'").fetchone()[0])
    assert ref


def test_offline_is_quiet_and_keeps_counting(demo: MainWindow, mall: LiveServer) -> None:
    link_in_settings(demo, mall)
    mall.stop()
    in_book(demo, sale, "entries")
    assert demo.workspace is not None and demo.session.sync is not None
    demo.session.sync.sync_now(auto=True)  # what the timer does
    indicator = demo.workspace.sync
    assert indicator.state.text() == "● Offline — data aman di PC ini"
    assert indicator.waiting.text() == "1 perubahan menunggu dikirim"
    assert errors.shown == []  # no box for a village link that comes and goes
    section = mall_section(demo)
    assert "Tidak terhubung ke Mall" in section.problem.text()


def test_refused_changes_are_listed_with_their_reasons(demo: MainWindow,
                                                      mall: LiveServer) -> None:
    def spoil(book: Book) -> None:  # an item change this server version cannot accept
        with book.write() as conn:
            conn.execute("UPDATE outbox SET data = ? WHERE seq = (SELECT MIN(seq) FROM outbox "
                         "WHERE entity = 'item')", (json.dumps({"sku": "X", "price": -5}),))

    in_book(demo, spoil)
    link_in_settings(demo, mall)
    section = mall_section(demo)
    assert section.refused.rowCount() == 1 and not section.refused.isHidden()
    assert section.refused.item(0, 0).text() == "Barang"
    assert section.refused.item(0, 1).text().startswith("KRP-")
    assert "price" in section.refused.item(0, 2).text()
    assert demo.workspace is not None
    assert demo.workspace.sync.refused.text() == "1 ditolak Mall — lihat Pengaturan"


def test_a_wrong_clock_is_pointed_out(demo: MainWindow, mall: LiveServer) -> None:
    link_in_settings(demo, mall)

    def skew(book: Book) -> None:
        with book.write() as conn:
            conn.execute("UPDATE meta SET value = '-600000' WHERE key = 'clock_offset_ms'")

    in_book(demo, skew)
    demo.session.changed.emit(frozenset({"settings"}))
    section = mall_section(demo)
    assert "lebih cepat 10 menit" in section.problem.text()
    assert demo.workspace is not None and "10 menit" in demo.workspace.sync.toolTip()


def test_restore_from_server_on_a_new_pc_then_changes_flow_back(
        demo: MainWindow, mall: LiveServer, qtbot: Any, tmp_path: Path) -> None:
    link_in_settings(demo, mall)
    fresh = MainWindow(tmp_path / "pc2", SyncWorker(), AppSettings())
    qtbot.addWidget(fresh)
    fresh.show()
    assert fresh.stack.currentWidget() is fresh.welcome
    dialog = fresh.restore_from_server()
    for name, value in (("server", mall.url), ("username", "made"), ("password", PASSWORD),
                        ("pin", "4321"), ("again", "4322")):
        dialog.fields[name].setText(value)
    dialog.go.click()
    assert "tidak sama" in dialog.errors.labels["again"].text()
    dialog.fields["again"].setText("4321")
    dialog.go.click()
    assert not dialog.isVisible()
    assert fresh.stack.currentWidget() is fresh.chooser
    info = fresh.findChild(QLabel, "qt_msgbox_label")
    assert info is not None and "sudah dipulihkan dari Mall" in info.text()
    fresh.unlock(fresh.chooser.chosen, "4321")
    assert fresh.workspace is not None and fresh.workspace.sync.state.text() == \
        "Terhubung ke Mall"

    def entries(window: MainWindow) -> int:
        return int(in_book(window, lambda b: b.conn.execute(
            "SELECT count(*) FROM entry").fetchone()[0]))

    assert entries(fresh) == entries(demo)
    in_book(fresh, sale, "entries")
    assert fresh.session.sync is not None and fresh.session.sync.sync_now()
    changed: list[frozenset[str]] = []
    demo.session.changed.connect(changed.append)
    assert demo.session.sync is not None and demo.session.sync.sync_now()
    assert demo.session.sync.result is not None and demo.session.sync.result.pulled == 1
    assert any("entries" in flags for flags in changed)  # the pages reload what arrived
    assert entries(fresh) == entries(demo)
