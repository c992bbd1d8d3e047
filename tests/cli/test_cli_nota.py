"""`tx add --line`, `tx show --json` and `item add --barcode` / `item find` (issue 13)."""

from __future__ import annotations

import json

from tests.cli.test_cli import Cli, biz, cli  # noqa: F401  (fixtures)


def test_a_multi_line_sale_from_the_command_line(cli: Cli, biz: dict[str, str]) -> None:  # noqa: F811
    cli("item", "add", "--sku", "KRP", "--name", "Keripik", "--unit", "bks", "--price", "15000",
        "--barcode", "8991234567890", env=biz)
    cli("item", "add", "--sku", "SMB", "--name", "Sambal", "--unit", "btl", "--price", "20000",
        env=biz)
    found = json.loads(cli("item", "find", "8991234567890", "--json", env=biz).stdout)
    assert found["sku"] == "KRP" and found["barcode"] == "8991234567890"
    cli("tx", "add", "--type", "pembelian-persediaan", "--date", "2026-03-01",
        "--line", "KRP:10@10000", "--line", "SMB:5@12000", env=biz)
    wrong = cli("tx", "add", "--type", "penjualan-tunai", "--date", "2026-03-03",
                "--line", "KRP:2", "--line", "SMB:1-2000", "--amount", "45000", env=biz,
                ok=False)
    assert wrong.returncode == 2
    assert "Jumlah Rp45.000 tidak sama dengan total nota Rp48.000: baris 1 Rp30.000 + " \
           "baris 2 Rp18.000" in wrong.stderr
    sold = json.loads(cli("tx", "add", "--type", "penjualan-tunai", "--date", "2026-03-03",
                          "--line", "8991234567890:2", "--line", "SMB:1-2000",
                          "--line", "*Ongkir:1@5000", "--discount", "3000", "--amount", "50000",
                          "--via", "qris", "--channel", "shopee", env=biz).stdout)
    shown = json.loads(cli("tx", "show", sold["ref"], "--json", env=biz).stdout)
    assert shown == {
        "ref": sold["ref"], "date": "2026-03-03", "type": "penjualan-tunai",
        "channel": "shopee",
        "lines": [{"sku": "KRP", "qty": "2", "price": "15000.00", "discount": "0.00",
                   "total": "30000.00"},
                  {"sku": "SMB", "qty": "1", "price": "20000.00", "discount": "2000.00",
                   "total": "18000.00"},
                  {"sku": "*Ongkir", "qty": "1", "price": "5000.00", "discount": "0.00",
                   "total": "5000.00"}],
        "discount": "3000.00", "total": "50000.00"}
    # the old single-item form still posts as before
    old = json.loads(cli("tx", "add", "--type", "penjualan-tunai", "--date", "2026-03-04",
                         "--item", "KRP", "--qty", "1", env=biz).stdout)
    assert json.loads(cli("tx", "show", old["ref"], "--json", env=biz).stdout)["total"] == \
        "15000.00"
