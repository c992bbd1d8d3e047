"""Laporan: reports on screen match the books, files are written, printed and previewed."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from desktop.books.book import Book
from desktop.books.journal_csv import import_journal
from desktop.books.pdf.fasttable import cell_text
from desktop.books.reports.catalog import ReportArgs, run_report
from desktop.ui import errors
from desktop.ui.pages.reports import ReportsPage
from desktop.ui.pages.reports_choice import quick_period
from desktop.ui.pages.reports_export import documents_folder
from desktop.ui.pages.reports_jobs import CHUNK
from desktop.ui.pages.reports_view import RawRole, TablePanel
from desktop.ui.pdfpreview import PdfPreview, configure_printer
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page

T = TypeVar("T")


def ask(win: MainWindow, work: Callable[[Book], T]) -> T:
    """Run a read on the (synchronous) worker and return its result."""
    box: list[T] = []
    win.session.run(work, done=box.append)
    return box[0]


def reports(win: MainWindow) -> ReportsPage:
    shown = page(win, "laporan")
    assert isinstance(shown, ReportsPage)
    return shown


def only_panel(p: ReportsPage) -> TablePanel:
    panels = p.view.panels()
    assert len(panels) == 1
    return panels[0]


def sen(text: str) -> int:
    return int(Decimal(text) * 100)


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def save_to(monkeypatch: pytest.MonkeyPatch, target: Path) -> list[str]:
    """Answer the save dialog with `target`; returns the suggested paths it was shown."""
    asked: list[str] = []

    def fake(_parent: Any, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def test_laba_rugi_on_screen_equals_the_report(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                               today: dt.date) -> None:
    p = reports(demo)
    assert p.chooser.current_key() == "laba-rugi"
    p.period.choose("tahun-ini")
    qtbot.mouseClick(p.show_button, Qt.MouseButton.LeftButton)
    start, end = quick_period("tahun-ini", today) or (today, today)
    figures = ask(demo, lambda book: run_report(book.conn, "laba-rugi", ReportArgs(
        as_of=end, start=start, end=end)).to_json())
    model = only_panel(p).model
    by_account = {model.index(r, 0).data(RawRole): r for r in range(model.rowCount())}
    lines = [*figures["pendapatan"], *figures["beban"]]  # type: ignore[misc]
    assert lines
    for line in lines:
        row = by_account[line["account"]]
        assert model.index(row, 2).data(RawRole) == sen(line["amount"])
        assert model.index(row, 2).data().strip() == cell_text(sen(line["amount"]), "money")
        assert model.index(row, 1).data().strip() == line["name"]
    labels = [model.index(r, 1).data().strip() for r in range(model.rowCount())]
    net = labels.index("Laba (rugi) bersih")
    assert model.index(net, 2).data(RawRole) == sen(figures["laba_bersih"])  # type: ignore[arg-type]
    assert model.index(net, 2).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(net, 2).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.index(by_account["4101"], 1).data().startswith("    ")  # indented under PENDAPATAN
    assert not errors.shown


def empty_year(p: ReportsPage, today: dt.date) -> None:
    """Type in a year the demo, which starts three months back, leaves empty."""
    p.period.set_dates(dt.date(today.year - 5, 1, 1), dt.date(today.year - 5, 12, 31))


def test_empty_period_shows_the_message(demo: MainWindow, qtbot,  # type: ignore[no-untyped-def]
                                        today: dt.date) -> None:
    p = reports(demo)
    empty_year(p, today)
    panel = only_panel(p)  # a new period is shown at once: the screen never keeps the old one
    assert panel.body.currentWidget() is panel.empty and not p.hint.isVisible()
    with qtbot.waitActive(demo):
        demo.activateWindow()
    p.period.end.setFocus()
    qtbot.keyClick(p.period.end, Qt.Key.Key_Return)  # Enter in the period shows the report
    panel = only_panel(p)
    assert panel.body.currentWidget() is panel.empty
    assert panel.empty.text() == "Tidak ada transaksi pada periode ini."
    assert not p.hint.isVisible()


def test_balance_reports_ask_one_date_and_a_bad_period_is_explained(  # type: ignore[no-untyped-def]
        demo: MainWindow, qtbot, today: dt.date) -> None:
    p = reports(demo)
    p.chooser.choose("posisi-keuangan")
    assert p.period.start.isHidden() and p.period.label.text() == "Per tanggal"
    assert only_panel(p).title.text() == "Laporan Posisi Keuangan"
    p.chooser.choose("arus-kas")
    p.period.set_dates(dt.date(today.year, 5, 1), dt.date(today.year, 4, 1))
    qtbot.mouseClick(p.show_button, Qt.MouseButton.LeftButton)
    assert p.error.isVisible() and "sesudah tanggal akhir" in p.error.text()
    assert not errors.shown


def test_pack_shows_the_four_statements(demo: MainWindow) -> None:
    p = reports(demo)
    p.chooser.choose("paket")
    titles = [panel.title.text() for panel in p.view.panels()]
    assert titles == ["Laporan Posisi Keuangan", "Laporan Laba Rugi", "Laporan Arus Kas",
                      "Laporan Perubahan Ekuitas"]
    assert p.view.note.isVisible()


def test_save_pdf_and_excel(demo: MainWindow, qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                            monkeypatch: pytest.MonkeyPatch, today: dt.date) -> None:
    p = reports(demo)
    p.period.choose("tahun-ini")
    start, end = quick_period("tahun-ini", today) or (today, today)
    figures = ask(demo, lambda book: run_report(book.conn, "laba-rugi", ReportArgs(
        as_of=end, start=start, end=end)).to_json())
    net = cell_text(sen(figures["laba_bersih"]), "money")  # type: ignore[arg-type]
    asked = save_to(monkeypatch, tmp_path / "laba-rugi.pdf")
    qtbot.mouseClick(p.pdf_button, Qt.MouseButton.LeftButton)
    assert Path(asked[0]).name == f"Laba Rugi {start.isoformat()} s.d. {end.isoformat()}.pdf"
    assert Path(asked[0]).parent == documents_folder()
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "laba-rugi.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Laporan Laba Rugi" in text and net in text
    assert p.banner.isVisible() and "laba-rugi.pdf" in p.banner.text.text()
    opened: list[str] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(open_url))
    qtbot.mouseClick(p.banner.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path)]

    save_to(monkeypatch, tmp_path / "laba-rugi")  # the extension is added
    qtbot.mouseClick(p.xlsx_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(tmp_path / "laba-rugi.xlsx").active
    assert sheet["A1"].value == "Laporan Laba Rugi"
    values = [row[2] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert Decimal(figures["laba_bersih"]) in values  # type: ignore[arg-type]
    assert not errors.shown


def test_every_ledger_shows_as_a_tab_and_several_excel_files_are_numbered(  # type: ignore[no-untyped-def]
        demo: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = reports(demo)
    p.chooser.choose("buku-besar")
    p.account.pick("")  # Semua akun
    p.period.choose("tahun-ini")
    qtbot.mouseClick(p.show_button, Qt.MouseButton.LeftButton)
    titles = [panel.title.text() for panel in p.view.panels()]
    assert len(titles) > 5 and all(t.startswith("Buku Besar ") for t in titles)
    assert p.view.tabs.tabBar().isVisible()
    save_to(monkeypatch, tmp_path / "buku besar.xlsx")
    qtbot.mouseClick(p.xlsx_button, Qt.MouseButton.LeftButton)
    written = sorted(tmp_path.glob("buku besar-*.xlsx"))
    assert len(written) == len(titles)
    assert load_workbook(written[0]).active["A1"].value == titles[0]
    qris = next(f for f in written if "QRIS" in str(load_workbook(f).active["A1"].value))
    sheet = load_workbook(qris).active
    assert sheet["A1"].value.endswith("Dompet Digital / QRIS") and "/" not in sheet.title
    assert f"{len(titles)} berkas tersimpan" in p.banner.text.text()


def test_print_preview_prints_every_page(demo: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    p = reports(demo)
    p.chooser.choose("paket")
    qtbot.mouseClick(p.print_button, Qt.MouseButton.LeftButton)
    preview = p.preview
    assert isinstance(preview, PdfPreview) and preview.isVisible()
    pages = preview.page_count()
    assert pages > 4
    preview.go_to(2)
    assert preview.page() == 2 and preview.number.value() == 3
    qtbot.mouseClick(preview.larger, Qt.MouseButton.LeftButton)
    assert preview.view.zoomFactor() > 1
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    configure_printer(printer, preview.document)
    assert preview.print_to(printer) == pages
    assert pdf_pages(tmp_path / "printed.pdf") == pages
    temporary = preview.path
    assert temporary.exists()
    preview.close()
    assert not temporary.exists()  # the preview's temporary PDF goes with it


@pytest.mark.parametrize(("size", "width"), [("a5", 420), ("58mm", 164)])
def test_nota_of_a_demo_sale(demo: MainWindow, qtbot, size: str, width: int) -> None:  # type: ignore[no-untyped-def]
    p = reports(demo)
    p.chooser.choose("nota")
    table = p.nota.table
    assert table.model().rowCount() > 0
    first = table.visualRect(table.model().index(0, 1)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=first)
    ref = table.model().index(0, 1).data()
    assert p.nota.ref.text() == ref and ref.startswith(("PT-", "PK-", "TP-"))
    (p.nota.strip if size == "58mm" else p.nota.a5).setChecked(True)
    qtbot.mouseClick(p.nota.show_button, Qt.MouseButton.LeftButton)
    preview = p.preview
    assert isinstance(preview, PdfPreview) and preview.page_count() == 1
    assert round(preview.document.pagePointSize(0).width()) == width
    assert not errors.shown


def test_nota_needs_a_known_sale_number(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    p = reports(demo)
    p.chooser.choose("nota")
    qtbot.mouseClick(p.nota.show_button, Qt.MouseButton.LeftButton)
    assert p.nota.error.isVisible() and p.preview is None
    qtbot.keyClicks(p.nota.ref, "XX-2026-999999")
    assert p.nota.table.model().rowCount() == 0  # the list narrows to what is typed
    qtbot.keyClick(p.nota.ref, Qt.Key.Key_Return)
    assert p.nota.error.isVisible() and "XX-2026-999999" in p.nota.error.text()
    assert p.preview is None and not errors.shown


def test_english_names_and_message(demo: MainWindow, today: dt.date) -> None:
    demo.settings.language = "en"
    demo.apply_settings(demo.settings)
    p = reports(demo)
    assert p.chooser.item(1).text() == "Profit and Loss"
    assert p.show_button.text() == "Show"
    empty_year(p, today)
    p.show_report()
    assert only_panel(p).empty.text() == "There are no transactions in this period."


def write_journal(path: Path, entries: int, year: int) -> None:
    """A journal CSV of many small cash sales spread over the year."""
    rows = ["date,ref,account,debit,credit,memo"]
    for number in range(entries):
        day = dt.date(year, 1, 1) + dt.timedelta(days=number % 300)
        ref = f"JU-IMP-{number:06d}"
        rows.append(f"{day.isoformat()},{ref},1101,1000.00,,Penjualan kecil {number}")
        rows.append(f"{day.isoformat()},{ref},4201,,1000.00,Penjualan kecil {number}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.slow
def test_long_buku_besar_streams_and_printing_can_be_cancelled(  # type: ignore[no-untyped-def]
        demo: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        today: dt.date) -> None:
    year = today.year - 5  # a year the demo leaves empty, so the count is exact
    write_journal(tmp_path / "jurnal.csv", 3000, year)
    demo.session.run(lambda book: import_journal(book, tmp_path / "jurnal.csv"),
                     changes={"entries"})
    p = reports(demo)
    p.chooser.choose("buku-besar")
    p.account.pick("1101")
    empty_year(p, today)
    qtbot.mouseClick(p.show_button, Qt.MouseButton.LeftButton)
    panel = only_panel(p)
    model = panel.model
    assert model.rowCount() == CHUNK and model.has_more and panel.status.isVisible()
    assert model.index(0, 2).data() == "Saldo awal"
    panel.view.scrollToBottom()  # the view asks for the next chunk as the end comes near
    qtbot.waitUntil(lambda: model.rowCount() > CHUNK)
    while model.canFetchMore(panel.view.rootIndex()):
        model.fetchMore(panel.view.rootIndex())
    assert model.rowCount() == 3000 + 2 and not model.has_more
    assert model.index(model.rowCount() - 1, 2).data() == "Saldo akhir"
    assert model.index(model.rowCount() - 1, 5).data(RawRole) == 3000 * 1000 * 100
    assert not panel.status.isVisible()

    target = tmp_path / "kas.pdf"
    save_to(monkeypatch, target)
    reports_seen: list[tuple[int, int]] = []

    def cancel_after_first_page(done: int, total: int) -> None:
        reports_seen.append((done, total))
        if done:
            assert p.exporter.dialog is not None
            p.exporter.dialog.canceled.emit()  # what its Batal button does

    p.exporter.moved.connect(cancel_after_first_page)
    qtbot.mouseClick(p.pdf_button, Qt.MouseButton.LeftButton)
    assert reports_seen[0] == (0, 3002)
    assert not target.exists() and not list(tmp_path.glob(".kas.pdf*"))
    assert not p.banner.isVisible() and not errors.shown and not p.exporter.busy

    p.exporter.moved.disconnect(cancel_after_first_page)
    qtbot.mouseClick(p.pdf_button, Qt.MouseButton.LeftButton)
    assert pdf_pages(target) > 20 and p.banner.isVisible()
