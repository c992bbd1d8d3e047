"""The issue-12 forms and choices from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data")


@pytest.fixture
def biz(cli: Cli) -> dict[str, str]:
    created = cli.json("business", "create", "--name", "Katering Bu Ayu", "--pin", "1357")
    assert isinstance(created, dict)
    return {"LUMBUNG_BUSINESS": created["slug"], "LUMBUNG_PIN": "1357"}


def test_new_forms_and_closed_period_correction_from_the_cli(cli: Cli,
                                                              biz: dict[str, str]) -> None:
    def ref(*args: str) -> str:
        return str(json.loads(cli("tx", "add", *args, env=biz).stdout)["ref"])

    ref("--type", "setoran-modal", "--amount", "10000000", "--date", "2025-12-01")
    ref("--type", "pembelian-aset", "--amount", "4800000", "--name", "Freezer",
        "--date", "2025-12-02")
    assert ref("--type", "pelepasan-aset", "--name", "Freezer", "--amount", "4000000",
               "--date", "2025-12-20").startswith("LA-")
    assert ref("--type", "uang-muka-pelanggan", "--party", "Bu Ayu", "--amount", "300000",
               "--date", "2025-12-21").startswith("UM-")
    sale = ref("--type", "penjualan-tunai", "--amount", "700000", "--date", "2025-12-22")
    cli("close-period", "--through", "2025-12-31", env=biz)
    refused = cli("tx", "reverse", sale, "--reason", "fiktif", env=biz, ok=False)
    assert refused.returncode != 0 and "koreksi periode lalu" in refused.stderr
    fixed = json.loads(cli("tx", "reverse", sale, "--reason", "fiktif", "--correction",
                           "periode-lalu", env=biz).stdout)
    assert fixed["ref"].startswith("KP-2026-")


def test_returns_and_opening_due_dates_from_the_cli(cli: Cli, biz: dict[str, str]) -> None:
    def ref(*args: str) -> str:
        return str(json.loads(cli("tx", "add", *args, env=biz).stdout)["ref"])

    cli("saldo-awal", "--date", "2026-01-01", "--account", "1101=1000000", "--receivable",
        "Warung Ani=500000", "--due", "Warung Ani=2026-03-31", env=biz)
    aging = json.loads(cli("report", "umur-piutang", "--as-of", "2026-02-15", "--json",
                           env=biz).stdout)
    [item] = aging["parties"][0]["items"]
    assert (item["due"], item["days_overdue"]) == ("2026-03-31", 0)
    cli("item", "add", "--sku", "NSI", "--name", "Nasi kotak", "--unit", "kotak", env=biz)
    ref("--type", "pembelian-persediaan", "--item", "NSI", "--qty", "10", "--amount", "200000",
        "--date", "2026-02-01")
    sale = ref("--type", "penjualan-kredit", "--item", "NSI", "--qty", "10", "--amount",
               "350000", "--party", "Warung Ani", "--date", "2026-02-02")
    back = ref("--type", "retur-penjualan", "--of", sale, "--qty", "2", "--date", "2026-02-03")
    assert back.startswith("RJ-2026-")
    refused = cli("tx", "reverse", sale, "--reason", "salah", env=biz, ok=False)
    assert refused.returncode != 0 and back in refused.stderr
    aging = json.loads(cli("report", "umur-piutang", "--as-of", "2026-02-15", "--json",
                           env=biz).stdout)
    assert aging["parties"][0]["total"] == "780000.00"  # 500.000 + 350.000 - 70.000 back
