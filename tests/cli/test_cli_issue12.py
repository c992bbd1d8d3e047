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
