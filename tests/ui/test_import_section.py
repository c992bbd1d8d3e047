"""Pengaturan > Impor jurnal: all or nothing, the bad row named, re-import skipped, cancel safe."""

from __future__ import annotations

from pathlib import Path

from desktop.ui.pages.settings import SettingsPage
from desktop.ui.pages.settings_import import ImportSection
from desktop.ui.windows.main import MainWindow
from tests.ui.conftest import page

GOOD = ("date,ref,account,debit,credit,memo\n"
        "2026-02-01,LAMA-001,1101,250000,0,Jual keripik di pasar\n"
        "2026-02-01,LAMA-001,4101,0,250000,Jual keripik di pasar\n"
        "2026-02-02,LAMA-002,5203,40000,0,Listrik\n"
        "2026-02-02,LAMA-002,1101,0,40000,Listrik\n")


def section(win: MainWindow) -> ImportSection:
    settings = page(win, "pengaturan")
    assert isinstance(settings, SettingsPage)
    found = settings.show_section("impor")
    assert isinstance(found, ImportSection)
    return found


def count(win: MainWindow) -> int:
    return int(win.session._book.conn.execute(  # type: ignore[union-attr]
        "SELECT count(*) FROM entry WHERE ref LIKE 'LAMA-%'").fetchone()[0])


def test_import_then_import_again_skips(demo: MainWindow, tmp_path: Path) -> None:
    csv = tmp_path / "lama.csv"
    csv.write_text(GOOD, encoding="utf-8")
    imports = section(demo)
    imports.import_file(str(csv))
    assert count(demo) == 2 and "2 transaksi (4 baris)" in imports.notice.text()
    imports.import_file(str(csv))
    assert count(demo) == 2 and "2 dilewati" in imports.notice.text()


def test_one_bad_row_imports_nothing_and_is_named(demo: MainWindow, tmp_path: Path) -> None:
    csv = tmp_path / "salah.csv"
    csv.write_text(GOOD.replace("5203,40000", "5203,empat puluh ribu"), encoding="utf-8")
    imports = section(demo)
    imports.import_file(str(csv))
    assert count(demo) == 0
    text = imports.error.text()
    assert "Tidak ada yang diimpor" in text and "Baris 4" in text and "empat puluh ribu" in text
