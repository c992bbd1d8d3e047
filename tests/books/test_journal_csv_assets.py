"""Imported journals obey the asset register like free journals do (issue 12, assets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.books.assets import list_assets
from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.journal_csv import import_journal
from tests.books.test_journal_csv import GOOD, counts, write_csv

RP = 100


def test_a_debit_on_15xx_enters_the_register(book: Book, tmp_path: Path) -> None:
    rows = [*GOOD, ("2026-05-10", "JU-B", "1503", "3000000", "", "Mesin tenun"),
            ("2026-05-10", "JU-B", "1101", "", "3000000", "Mesin tenun")]
    import_journal(book, write_csv(tmp_path / "j.csv", rows))
    [asset] = list_assets(book.conn)
    assert (asset.name, asset.account, asset.cost) == ("Mesin tenun", "1503", 3_000_000 * RP)
    assert asset.acquired.isoformat() == "2026-05-10" and asset.life_months == 48


@pytest.mark.parametrize(("account", "debit", "credit"), [
    ("1509", "", "250000"),      # accumulated depreciation: only penyusutan
    ("1509", "250000", ""),
    ("1503", "", "250000"),      # an asset leaves only through pelepasan-aset
])
def test_15xx_credits_and_1509_are_refused_naming_row_and_field(
        book: Book, tmp_path: Path, account: str, debit: str, credit: str) -> None:
    other = "5206" if credit else "4201"
    rows = [*GOOD, ("2026-05-31", "JU-C", other, credit, debit, "penyusutan"),
            ("2026-05-31", "JU-C", account, debit, credit, "penyusutan")]
    before = counts(book)
    with pytest.raises(InputError) as refused:
        import_journal(book, write_csv(tmp_path / "j.csv", rows))
    assert refused.value.row == 5 and refused.value.field == "account"
    assert account in str(refused.value) and "formulir aset" in str(refused.value)
    assert counts(book) == before and list_assets(book.conn) == []


def test_an_export_of_lumbungs_own_asset_forms_comes_back_as_it_was(book: Book,
                                                                     tmp_path: Path) -> None:
    # Found by the export/import property: a book with depreciation (SU-) and a disposal (LA-)
    # must re-import; those refs are Lumbung's forms, not free journals, so no rule applies
    rows = [*GOOD, ("2026-05-31", "SU-2026-000001", "5206", "250000", "", "penyusutan"),
            ("2026-05-31", "SU-2026-000001", "1509", "", "250000", "penyusutan"),
            ("2026-06-30", "LA-2026-000001", "1101", "500000", "", "freezer dijual"),
            ("2026-06-30", "LA-2026-000001", "1509", "250000", "", "freezer dijual"),
            ("2026-06-30", "LA-2026-000001", "1503", "", "750000", "freezer dijual")]
    result = import_journal(book, write_csv(tmp_path / "j.csv", rows))
    assert result.entries == 3 and list_assets(book.conn) == []
    kinds = {kind for (kind,) in book.conn.execute(
        "SELECT kind FROM entry WHERE ref LIKE 'SU-%' OR ref LIKE 'LA-%'")}
    assert kinds == {"penyusutan", "pelepasan-aset"}
