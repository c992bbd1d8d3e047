"""`lumbung product …`: the names and JSON the issue fixes, and refusals with exit code 2."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_cli import Cli
from tests.shop.conftest import phone_photo


def test_product_add_list_publish_unpublish(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    business = cli.json("business", "create", "--name", "VCO Bu Sari", "--pin", "1357")
    me = ("--business", business["slug"], "--pin", "1357")  # type: ignore[index]
    photo = phone_photo(tmp_path / "vco.jpg", size=(1200, 900))
    added = cli.json("product", "add", *me, "--sku", "VCO-250", "--title", "VCO 250 ml",
                     "--price", "45000", "--category", "minuman", "--weight-grams", "300",
                     "--photo", str(photo), "--publish", "--json")
    assert isinstance(added, dict)
    assert (added["sku"], added["price"], added["weight_grams"], added["photos"],
            added["published"], added["curation"]) == ("VCO-250", 4_500_000, 300, 1, True,
                                                        "menunggu")
    items = cli.json("item", "list", *me, "--json")
    assert [i["sku"] for i in items] == ["VCO-250"]  # type: ignore[index,union-attr]
    down = cli.json("product", "unpublish", "VCO-250", *me, "--json")
    assert down["curation"] == "draf"  # type: ignore[index]
    listed = cli.json("product", "list", *me, "--json")
    assert [(x["sku"], x["published"]) for x in listed] == [("VCO-250", False)]  # type: ignore
    bad = cli("product", "add", *me, "--sku", "KOPI", "--title", "Kopi", "--price", "-5",
              ok=False)
    assert bad.returncode == 2 and "price" in bad.stderr
    again = cli("product", "add", *me, "--sku", "VCO-250", "--title", "Lagi", "--price", "5",
                ok=False)
    assert again.returncode == 2 and "sudah punya produk" in again.stderr
    assert len(cli.json("product", "list", *me, "--json")) == 1  # type: ignore[arg-type]


def test_order_commands(tmp_path: Path) -> None:
    from desktop.books.business import open_business
    from tests.shop.test_orders import arrive

    cli = Cli(tmp_path / "data")
    cli("demo")
    me = ("--business", "keripik-pisang-bu-made", "--pin", "1234")
    book = open_business(tmp_path / "data", "keripik-pisang-bu-made", "1234")
    try:
        arrive(book, "LMB-AAA1", qty=1)
        arrive(book, "LMB-BBB2", qty=500)
    finally:
        book.close()
    listed = cli.json("order", "list", *me, "--status", "baru", "--json")
    assert sorted(listed, key=lambda o: o["code"]) == [  # type: ignore[arg-type,index]
        {"code": "LMB-AAA1", "status": "baru", "sku": "KRP-ORI", "qty": 1,
         "buyer_name": "Ayu <b>Lestari</b>", "buyer_phone": "081234567890", "total": 1_500_000,
         "lines": [{"sku": "KRP-ORI", "title": "Keripik Pisang Original", "qty": 1,
                    "unit_price": 1_500_000, "total": 1_500_000}]},
        {"code": "LMB-BBB2", "status": "baru", "sku": "KRP-ORI", "qty": 500,
         "buyer_name": "Ayu <b>Lestari</b>", "buyer_phone": "081234567890",
         "total": 750_000_000,
         "lines": [{"sku": "KRP-ORI", "title": "Keripik Pisang Original", "qty": 500,
                    "unit_price": 1_500_000, "total": 750_000_000}]}]
    for step in (("accept",), ("pay",), ("ship", "--courier", "JNE", "--resi", "R1"),
                 ("complete",)):
        done = cli.json("order", step[0], "LMB-AAA1", *step[1:], *me, "--json")
        assert done["code"] == "LMB-AAA1"  # type: ignore[index]
    assert done["status"] == "selesai"  # type: ignore[index]
    short = cli("order", "accept", "LMB-BBB2", *me, ok=False)
    assert short.returncode == 2 and "Stok KRP-ORI kurang" in short.stderr
    assert "--confirm" in short.stderr
    refused = cli.json("order", "reject", "LMB-BBB2", "--reason", "Stok habis", *me, "--json")
    assert refused["status"] == "ditolak"  # type: ignore[index]


def test_order_nota_and_shipping_label(tmp_path: Path) -> None:
    import subprocess

    from desktop.books.business import open_business
    from tests.shop.test_orders import arrive

    cli = Cli(tmp_path / "data")
    cli("demo")
    me = ("--business", "keripik-pisang-bu-made", "--pin", "1234")
    book = open_business(tmp_path / "data", "keripik-pisang-bu-made", "1234")
    try:
        arrive(book, "LMB-LBL1", qty=2)
    finally:
        book.close()
    early = cli("order", "label", "LMB-LBL1", "--pdf", str(tmp_path / "x.pdf"), *me, ok=False)
    assert early.returncode == 2 and "sudah diterima" in early.stderr
    assert not (tmp_path / "x.pdf").exists()
    cli("order", "accept", "LMB-LBL1", *me)
    cli("order", "ship", "LMB-LBL1", "--courier", "JNE", "--resi", "JN0042", *me, ok=False)
    label = cli.json("order", "label", "LMB-LBL1", "--pdf", str(tmp_path / "label.pdf"), *me,
                     "--json")
    nota = cli.json("order", "nota", "LMB-LBL1", "--pdf", str(tmp_path / "nota.pdf"), *me,
                    "--json")
    texts = [subprocess.run(["pdftotext", "-layout", p["pdf"], "-"], capture_output=True,  # type: ignore[index]
                            text=True, check=True).stdout for p in (label, nota)]
    assert "Ayu <b>Lestari</b>" in texts[0] and "Jl. Gajah Mada 1" in texts[0]
    assert "Keripik Pisang Bu Made" in texts[0] and "LMB-LBL1" in texts[0]
    assert "Rp30.000" in texts[1] and "Ayu <b>Lestari</b>" in texts[1]
