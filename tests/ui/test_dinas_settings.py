"""Pengaturan → Mall: the owner's choice of what the Dinas sees; Profil untuk Dinas."""

from __future__ import annotations

from PySide6.QtCore import QDate

from desktop.books.dinas import get_consent, get_dinas_profile
from desktop.ui import errors
from desktop.ui.pages.settings_dinas import DinasProfileSection
from desktop.ui.pages.settings_mall import MallSection
from desktop.ui.windows.main import MainWindow
from tests.ui.test_settings_page import click, read, retype, section


def test_the_three_levels_in_plain_words_none_first(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    mall = section(demo, "mall", MallSection)
    mall.refresh()
    part = mall.consent
    assert part.choices["none"].isChecked()
    assert "tidak melihat apa pun" in part.choices["none"].text()
    assert "tanpa nama usaha" in part.choices["ringkasan"].text()
    assert "untuk laporan Dinas" not in " ".join(w.text() for w in mall.findChildren(
        type(part.stage)))
    assert "Tahap e-UMKM" in part.stage.text() and "Langkah berikutnya" in part.stage.text()
    part.choices["ringkasan"].setChecked(True)
    click(qtbot, part.save_button)
    assert read(demo, get_consent) == "ringkasan"
    assert part.saved.text()


def test_the_dinas_profile_is_saved_and_shown_again(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = section(demo, "profil-dinas", DinasProfileSection)
    form.counts["paid_women"].setValue(3)
    form.counts["family_men"].setValue(1)
    retype(qtbot, form.money["modal_own"], "25000000")
    retype(qtbot, form.founded, "2018")
    retype(qtbot, form.materials[0][0], "pisang")
    form.materials[0][2].setValue(80)
    retype(qtbot, form.certs["halal"][0], "ID31110000123456")
    form.certs["halal"][1].setDate(QDate(2028, 1, 31))
    form.gender.setCurrentIndex(form.gender.findData("perempuan"))
    click(qtbot, form.save_button)
    assert not errors.shown
    saved = read(demo, get_dinas_profile)
    assert saved["paid_women"] == 3 and saved["modal_own"] == 2_500_000_000
    assert saved["materials"] == [["pisang", "desa", 80]] and saved["founded"] == 2018
    assert saved["halal_until"] == "2028-01-31" and saved.get("nib_until") is None
    assert saved["owner_gender"] == "perempuan"
    form.counts["paid_women"].setValue(0)
    form.refresh()
    assert form.counts["paid_women"].value() == 3  # reloaded as stored


def test_a_bad_year_is_shown_next_to_its_field(demo: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    form = section(demo, "profil-dinas", DinasProfileSection)
    retype(qtbot, form.founded, "1800")
    click(qtbot, form.save_button)
    assert form.errors.labels["founded"].isVisible()
    assert "founded" not in read(demo, get_dinas_profile)
