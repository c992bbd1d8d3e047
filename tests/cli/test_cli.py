"""The command-line contract: names, JSON shapes, exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Cli:
    """Runs `lumbung` as a separate process against one data directory."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def __call__(self, *args: str, env: dict[str, str] | None = None,
                 ok: bool = True) -> subprocess.CompletedProcess[str]:
        full_env = {**os.environ, "LUMBUNG_DATA_DIR": str(self.data_dir), **(env or {})}
        result = subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT,
                                env=full_env, capture_output=True, text=True, check=False)
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    def json(self, *args: str) -> object:
        return json.loads(self(*args).stdout)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


@pytest.fixture
def biz(cli: Cli) -> dict[str, str]:
    created = cli.json("business", "create", "--name", "Kopi Arabika Kintamani", "--pin", "1357",
                       "--owner", "I Wayan", "--type", "produksi", "--desa", "Catur",
                       "--kabupaten", "Bangli")
    assert isinstance(created, dict)
    return {"LUMBUNG_BUSINESS": created["slug"], "LUMBUNG_PIN": "1357"}


def test_business_create_and_list(cli: Cli, biz: dict[str, str]) -> None:
    listed = cli.json("business", "list", "--json")
    assert listed == [{"id": listed[0]["id"], "slug": "kopi-arabika-kintamani",  # type: ignore[index]
                       "name": "Kopi Arabika Kintamani"}]
    again = cli.json("business", "create", "--name", "Kopi Arabika Kintamani", "--pin", "1357")
    assert again["slug"] == "kopi-arabika-kintamani-2"  # type: ignore[index]


def test_tx_add_prints_entry_and_report_json(cli: Cli, biz: dict[str, str]) -> None:
    cli("item", "add", "--sku", "KOPI-200", "--name", "Kopi bubuk 200 g", "--unit", "bks",
        "--price", "45000", env=biz)
    purchase = cli("tx", "add", "--type", "pembelian-persediaan", "--date", "2026-03-01",
                   "--amount", "300000", "--item", "KOPI-200", "--qty", "20", env=biz)
    bought = json.loads(purchase.stdout)
    assert "Peringatan: Saldo Kas menjadi minus" in purchase.stderr
    assert set(bought) == {"entry_id", "ref"} and bought["ref"] == "PB-2026-000001"
    sold = cli("tx", "add", "--type", "penjualan-tunai", "--date", "2026-03-02", "--item",
               "KOPI-200", "--qty", "2", "--via", "qris", env=biz)
    assert json.loads(sold.stdout)["ref"] == "PT-2026-000001"
    report = json.loads(cli("report", "laba-rugi", "--from", "2026-03-01", "--to", "2026-03-31",
                            "--json", env=biz).stdout)
    assert report["total_pendapatan"] == "90000.00" and report["laba_bersih"] == "60000.00"
    assert set(report) >= {"report", "from", "to", "pendapatan", "total_pendapatan", "beban",
                           "total_beban", "laba_bersih"}
    position = json.loads(cli("report", "posisi-keuangan", "--as-of", "2026-03-31", "--json",
                              env=biz).stdout)
    assert position["total_aset"] == position["total_liabilitas_ekuitas"]
    text = cli("report", "posisi-keuangan", "--as-of", "2026-03-31", env=biz).stdout
    assert "Laporan Posisi Keuangan" in text and "31 Maret 2026" in text and "270.000" in text


def test_bad_input_exit_2_names_field_and_value(cli: Cli, biz: dict[str, str]) -> None:
    result = cli("tx", "add", "--type", "beban", "--date", "2026-03-01", "--amount", "-5000",
                 env=biz, ok=False)
    assert result.returncode == 2
    assert "amount" in result.stderr and "-5000" in result.stderr and "negatif" in result.stderr
    english = cli("tx", "add", "--type", "beban", "--date", "2026-02-30", "--amount", "5000",
                  env={**biz, "LUMBUNG_LANG": "en"}, ok=False)
    assert english.returncode == 2 and "does not exist" in english.stderr
    assert "2026-02-30" in english.stderr
    usage = cli("tx", "add", env=biz, ok=False)
    assert usage.returncode == 2 and "Wajib diisi" in usage.stderr
    assert "Traceback" not in result.stderr + english.stderr + usage.stderr


def test_overpayment_asks_for_confirm_flag(cli: Cli, biz: dict[str, str]) -> None:
    cli("tx", "add", "--type", "penjualan-kredit", "--date", "2026-03-01", "--amount", "10000",
        "--party", "Warung Sari", env=biz)
    refused = cli("tx", "add", "--type", "terima-piutang", "--date", "2026-03-02", "--amount",
                  "20000", "--party", "Warung Sari", env=biz, ok=False)
    assert refused.returncode == 2 and "--confirm" in refused.stderr
    cli("tx", "add", "--type", "terima-piutang", "--date", "2026-03-02", "--amount", "20000",
        "--party", "Warung Sari", "--confirm", env=biz)


def test_wrong_pin_exit_3(cli: Cli, biz: dict[str, str]) -> None:
    result = cli("report", "neraca-saldo", env={**biz, "LUMBUNG_PIN": "0000"}, ok=False)
    assert result.returncode == 3 and "PIN salah" in result.stderr


def test_reverse_and_journal_roundtrip(cli: Cli, biz: dict[str, str], tmp_path: Path) -> None:
    posted = json.loads(cli("tx", "add", "--type", "setoran-modal", "--date", "2026-01-02",
                            "--amount", "2.500.000", env=biz).stdout)
    cli("tx", "reverse", posted["ref"], "--reason", "salah usaha", env=biz)
    again = cli("tx", "reverse", posted["ref"], "--reason", "lagi", env=biz, ok=False)
    assert again.returncode == 2 and "sudah dibatalkan" in again.stderr
    listed = json.loads(cli("tx", "list", "--from", "2026-01-01", "--to", "2026-12-31",
                            "--json", env=biz).stdout)
    assert {e["status"] for e in listed} == {"dibatalkan", "pembatalan"}
    out = tmp_path / "jurnal.csv"
    cli("journal", "export", "--out", str(out), env=biz)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "date,ref,account,debit,credit,memo"
    other = cli.json("business", "create", "--name", "Salinan", "--pin", "1357")
    copy = {"LUMBUNG_BUSINESS": other["slug"], "LUMBUNG_PIN": "1357"}  # type: ignore[index]
    imported = json.loads(cli("journal", "import", str(out), env=copy).stdout)
    assert imported == {"entries": 2, "lines": 4, "skipped": 0}
    twice = json.loads(cli("journal", "import", str(out), "--skip-existing", env=copy).stdout)
    assert twice == {"entries": 0, "lines": 0, "skipped": 2}


def test_csv_and_xlsx_exports(cli: Cli, biz: dict[str, str], tmp_path: Path) -> None:
    cli("tx", "add", "--type", "setoran-modal", "--date", "2026-01-02", "--amount", "1000000",
        env=biz)
    csv_path, xlsx_path = tmp_path / "neraca.csv", tmp_path / "neraca.xlsx"
    cli("report", "neraca-saldo", "--as-of", "2026-01-31", "--csv", str(csv_path), env=biz)
    cli("report", "neraca-saldo", "--as-of", "2026-01-31", "--xlsx", str(xlsx_path), env=biz)
    text = csv_path.read_text(encoding="utf-8-sig")
    assert "1101,Kas,1000000.00," in text and "3101,Modal Pemilik,,1000000.00" in text
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx_path).active
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=4)]
    assert values[0][:3] == ["1101", "Kas", 1000000]
    unwritable = cli("report", "neraca-saldo", "--csv", str(tmp_path / "no" / "x" / "y.csv"),
                     env=biz, ok=False)
    assert unwritable.returncode == 2 and "y.csv" in unwritable.stderr


def test_demo_and_backup_restore(cli: Cli, tmp_path: Path) -> None:
    demo = cli.json("demo")
    env = {"LUMBUNG_BUSINESS": demo["slug"], "LUMBUNG_PIN": demo["pin"]}  # type: ignore[index]
    before = cli("report", "posisi-keuangan", "--json", env=env).stdout
    target = tmp_path / "cadangan.lumbung"
    cli("backup", "--out", str(target), env=env)
    restored = Cli(tmp_path / "lain")
    restored("restore", str(target), "--pin", "1234")
    assert restored("report", "posisi-keuangan", "--json", env=env).stdout == before
    (tmp_path / "rusak.lumbung").write_bytes(b"bukan sqlite" * 100)
    bad = restored("restore", str(tmp_path / "rusak.lumbung"), "--pin", "1234", ok=False)
    assert bad.returncode == 2 and "rusak" in bad.stderr


def test_xlsx_of_an_account_whose_name_has_a_slash(cli: Cli, biz: dict[str, str],
                                                  tmp_path: Path) -> None:
    cli("tx", "add", "--type", "setoran-modal", "--date", "2026-01-02", "--amount", "1000",
        "--via", "qris", env=biz)
    target = tmp_path / "qris.xlsx"
    cli("report", "buku-besar", "--account", "1103", "--xlsx", str(target), env=biz)
    from openpyxl import load_workbook

    book = load_workbook(target)
    assert book.active.title.startswith("Buku Besar 1103") and "/" not in book.active.title
    assert "Dompet Digital / QRIS" in book.active["A1"].value
