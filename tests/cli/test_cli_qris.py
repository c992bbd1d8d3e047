"""`business qris --image FILE [--confirm]` and `--remove` (issue 13, QRIS)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.books.test_qris import qr_image, qris_payload
from tests.cli.test_cli import Cli, biz, cli  # noqa: F401  (fixtures)


def test_the_owner_confirms_the_merchant_before_it_is_kept(
        cli: Cli, biz: dict[str, str], tmp_path: Path) -> None:  # noqa: F811
    image = qr_image(qris_payload(), tmp_path / "qris.png")
    asked = cli("business", "qris", "--image", str(image), env=biz, ok=False)
    assert asked.returncode == 2
    assert "QRIS ini atas nama WARUNG BU SARI, KARANGASEM" in asked.stderr
    assert "--confirm" in asked.stderr
    assert json.loads(cli("business", "qris", "--json", env=biz).stdout) == {"qris": None}
    saved = json.loads(cli("business", "qris", "--image", str(image), "--confirm", "--json", env=biz).stdout)
    assert saved["qris"]["merchant"] == "WARUNG BU SARI"
    assert saved["qris"]["payload"] == qris_payload()
    wa = qr_image("https://wa.me/6281234567890", tmp_path / "wa.png")
    refused = cli("business", "qris", "--image", str(wa), "--confirm", env=biz, ok=False)
    assert refused.returncode == 2 and "bukan QRIS" in refused.stderr
    kept = json.loads(cli("business", "qris", "--json", env=biz).stdout)
    assert kept["qris"]["merchant"] == "WARUNG BU SARI"  # a refused image changes nothing
    assert json.loads(cli("business", "qris", "--remove", "--json", env=biz).stdout) == {"qris": None}
