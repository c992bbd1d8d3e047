"""A nota of several lines: one balanced entry, one stock move per line, discounts on 4102.

The figures are worked by hand in the comments (rupiah; the books keep sen).
"""

from __future__ import annotations

import pytest

from desktop.books.book import Book
from desktop.books.errors import InputError, UserFacingError
from desktop.books.ledger import reverse_entry
from desktop.books.nota import nota_lines, nota_of, parse_line
from desktop.books.stock import add_item, find_by_code, get_item, stock_level
from tests.books.conftest import balance, lines_of, post

RP = 100  # sen per rupiah


@pytest.fixture
def warung(book: Book) -> Book:
    """Keripik (sold at Rp15.000) and sambal (Rp20.000), bought on 1 and 2 March."""
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=15_000 * RP,
                 barcode="8991234567890")
        add_item(conn, sku="SMB", name="Sambal", unit="btl", price=20_000 * RP)
    # 10 keripik at 10.000 and 5 sambal at 12.000 = 160.000, less 10.000 off the nota:
    # keripik takes 10.000 x 100/160 = 6.250 of it (93.750), sambal the rest (56.250).
    post(book, "pembelian-persediaan", date="2026-03-01", lines=["KRP:10@10000", "SMB:5@12000"],
         discount="10000", via="utang", party="Pak Budi")
    # 10 more keripik at 12.000: 20 bks worth 213.750.
    post(book, "pembelian-persediaan", date="2026-03-02", lines=["KRP:10@12000"])
    return book


def _stock(book: Book, sku: str) -> tuple[int, int]:
    level = stock_level(book.conn, get_item(book.conn, sku).id)
    return level.qty // 1000, level.value // RP


def test_a_purchase_shares_the_nota_discount_over_its_lines(warung: Book) -> None:
    assert lines_of(warung, "PB-2026-000001") == [("1301", 150_000 * RP, 0),
                                                  ("2101", 0, 150_000 * RP)]
    moves = warung.conn.execute(
        "SELECT i.sku, m.qty, m.value FROM stock_move m JOIN item i ON i.id = m.item_id "
        "JOIN entry e ON e.seq = m.entry_seq WHERE e.ref = 'PB-2026-000001' ORDER BY move_no"
    ).fetchall()
    assert moves == [("KRP", 10_000, 93_750 * RP), ("SMB", 5_000, 56_250 * RP)]
    assert _stock(warung, "KRP") == (20, 213_750) and _stock(warung, "SMB") == (5, 56_250)
    assert nota_of(warung.conn, "PB-2026-000001").to_json()["total"] == "150000.00"


def test_a_sale_of_several_lines_is_one_entry_costed_line_by_line(warung: Book) -> None:
    posted = post(warung, "penjualan-tunai", date="2026-03-03", via="qris", channel="whatsapp",
                  lines=["8991234567890:3", "KRP:2@14000-1000", "SMB:1-2000", "*Ongkir:1@5000"],
                  discount="1000")
    # Lines 45.000 + 27.000 + 18.000 + 5.000 = 95.000, less 1.000: the customer pays 94.000.
    # Gross 45.000 + 28.000 + 20.000 + 5.000 = 98.000 in sales, 4.000 of discounts on 4102.
    # Keripik: 3 of 20 at 213.750 = 32.062,5 -> 32.063 (whole rupiah), leaving 17 at 181.687;
    # then 2 of those 17 = 21.374,94 -> 21.375. Sambal: 1 of 5 at 56.250 = 11.250.
    # HPP 32.063 + 21.375 + 11.250 = 64.688.
    assert lines_of(warung, posted.ref) == [
        ("1103", 94_000 * RP, 0), ("4102", 4_000 * RP, 0), ("4101", 0, 98_000 * RP),
        ("5101", 64_688 * RP, 0), ("1301", 0, 64_688 * RP)]
    assert posted.amount == 94_000 * RP
    moves = warung.conn.execute(
        "SELECT i.sku, m.qty, m.value FROM stock_move m JOIN item i ON i.id = m.item_id "
        "WHERE m.entry_seq = ? ORDER BY move_no", (posted.seq,)).fetchall()
    assert moves == [("KRP", -3_000, -32_063 * RP), ("KRP", -2_000, -21_375 * RP),
                     ("SMB", -1_000, -11_250 * RP)]
    assert _stock(warung, "KRP") == (15, 213_750 - 53_438)
    assert _stock(warung, "SMB") == (4, 45_000)
    # the date-ordered costing agrees with what was posted: no Penyesuaian HPP
    assert not warung.conn.execute(
        "SELECT 1 FROM entry WHERE kind = 'penyesuaian-hpp'").fetchone()
    assert nota_of(warung.conn, posted.ref).to_json() == {
        "ref": posted.ref, "date": "2026-03-03", "type": "penjualan-tunai",
        "channel": "whatsapp",
        "lines": [
            {"sku": "KRP", "qty": "3", "price": "15000.00", "discount": "0.00",
             "total": "45000.00"},
            {"sku": "KRP", "qty": "2", "price": "14000.00", "discount": "1000.00",
             "total": "27000.00"},
            {"sku": "SMB", "qty": "1", "price": "20000.00", "discount": "2000.00",
             "total": "18000.00"},
            {"sku": "*Ongkir", "qty": "1", "price": "5000.00", "discount": "0.00",
             "total": "5000.00"}],
        "discount": "1000.00", "total": "94000.00"}
    assert [ln.name for ln in nota_lines(warung.conn, posted.ref)] == \
        ["Keripik", "Keripik", "Sambal", "Ongkir"]


def test_cancelling_a_nota_puts_every_line_back(warung: Book) -> None:
    posted = post(warung, "penjualan-kredit", date="2026-03-03", party="Bu Komang",
                  lines=["KRP:3", "SMB:2"], discount="5000")
    assert balance(warung, "1201") == (45_000 + 40_000 - 5_000) * RP
    with warung.write() as conn:
        reverse_entry(conn, ref=posted.ref, reason="salah catat", device_id=warung.device_id)
    for code in ("1201", "4101", "4102", "5101"):
        assert balance(warung, code) == 0, code
    assert _stock(warung, "KRP") == (20, 213_750) and _stock(warung, "SMB") == (5, 56_250)
    assert len(nota_lines(warung.conn, posted.ref)) == 2  # the cancelled nota still reads


def test_the_single_item_form_keeps_working(warung: Book) -> None:
    posted = post(warung, "penjualan-tunai", date="2026-03-03", item="KRP", qty=2,
                  amount=30_000)
    assert not warung.conn.execute("SELECT 1 FROM nota WHERE entry_seq = ?",
                                   (posted.seq,)).fetchone()
    # 2 of 20 at 213.750 = 21.375
    assert lines_of(warung, posted.ref) == [("1101", 30_000 * RP, 0), ("4101", 0, 30_000 * RP),
                                            ("5101", 21_375 * RP, 0), ("1301", 0, 21_375 * RP)]
    shown = nota_of(warung.conn, posted.ref).to_json()
    assert shown["lines"] == [{"sku": "KRP", "qty": "2", "price": "15000.00",
                               "discount": "0.00", "total": "30000.00"}]
    # with a channel the same form keeps a one-line nota, priced by its amount
    sold = post(warung, "penjualan-tunai", date="2026-03-03", item="SMB", qty=2, amount=36_000,
                channel="shopee")
    assert nota_of(warung.conn, sold.ref).to_json()["lines"] == [
        {"sku": "SMB", "qty": "2", "price": "18000.00", "discount": "0.00",
         "total": "36000.00"}]


@pytest.mark.parametrize(("fields", "message"), [
    ({"lines": ["KRP:2", "SMB:2"], "amount": "50000"},
     "Kolom amount: Jumlah Rp50.000 tidak sama dengan total nota Rp70.000: "
     "baris 1 Rp30.000 + baris 2 Rp40.000"),
    ({"lines": ["KRP:1", "SMB:1-25000"]}, "Baris 2, kolom line: Potongan Rp25.000"),
    ({"lines": ["KRP:1", "XYZ:1"]}, "Baris 2, kolom line: Barang 'XYZ' tidak ada di daftar barang"),
    ({"lines": ["KRP:0"]}, "Baris 1, kolom line: Jumlah barang harus lebih dari nol"),
    ({"lines": ["KRP:1"], "discount": "20000"}, "Potongan nota Rp20.000 lebih besar"),
    ({"lines": ["KRP:1"], "item": "SMB"}, "tidak keduanya"),
    ({"lines": ["KRP:1"], "channel": "pasar"}, "Saluran 'pasar' tidak dikenal"),
    ({"lines": ["*Pijat:1"]}, "Baris 1, kolom line: Baris jasa"),
])
def test_a_wrong_nota_names_the_line_and_value(warung: Book, fields: dict[str, object],
                                               message: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        post(warung, "penjualan-tunai", date="2026-03-03", **fields)
    assert message in str(caught.value)
    assert not warung.conn.execute("SELECT 1 FROM entry WHERE kind = 'penjualan-tunai'"
                                   ).fetchone()


def test_a_purchase_line_must_be_an_item_with_a_price(warung: Book) -> None:
    with pytest.raises(InputError, match="bukan barang"):
        post(warung, "pembelian-persediaan", lines=["*Ongkir:1@5000"])
    with pytest.raises(InputError, match="Harga Keripik belum diisi"):
        post(warung, "pembelian-persediaan", lines=["KRP:1"])


def test_lines_are_read_as_typed() -> None:
    line = parse_line("KRP:1.5@12.500-500", row=1)
    assert (line.code, line.qty, line.price, line.discount) == ("KRP", "1.5", "12.500", "500")
    service = parse_line("*Jasa: potong:2@7000", row=2)
    assert (service.code, service.name, service.qty, service.price) == \
        (None, "Jasa: potong", "2", "7000")
    assert parse_line("SMB:2-1000", row=3).discount == "1000"
    with pytest.raises(InputError, match="Baris 4"):
        parse_line("KRP", row=4)


def test_a_barcode_finds_its_item_and_is_not_given_twice(warung: Book) -> None:
    assert find_by_code(warung.conn, "8991234567890").sku == "KRP"
    assert find_by_code(warung.conn, "SMB").sku == "SMB"
    with warung.write() as conn, pytest.raises(InputError, match="sudah dipakai barang KRP"):
        add_item(conn, sku="KRP2", name="Keripik besar", unit="bks", barcode="8991234567890")


def test_sales_per_channel_and_month(warung: Book) -> None:
    from desktop.books.reports.channels import penjualan_per_saluran
    from tests.books.test_reports import D

    post(warung, "penjualan-tunai", date="2026-03-03", lines=["KRP:2"], channel="whatsapp")
    post(warung, "penjualan-tunai", date="2026-03-04", lines=["SMB:1-2000"], channel="whatsapp")
    post(warung, "penjualan-tunai", date="2026-03-05", item="KRP", qty=1, amount=15_000)
    gone = post(warung, "penjualan-kredit", date="2026-04-01", lines=["KRP:1"], party="Bu Made",
                channel="shopee")
    with warung.write() as conn:
        reverse_entry(conn, ref=gone.ref, reason="batal", device_id=warung.device_id)
    post(warung, "penjualan-kredit", date="2026-04-02", lines=["KRP:2@14000"], party="Bu Made",
         channel="shopee")
    rows = penjualan_per_saluran(warung.conn, start=D(2026, 3, 1), end=D(2026, 4, 30)).to_json()
    # March, WhatsApp: 30.000 + 18.000 (after its 2.000 discount); HPP 2 keripik at 10.687,5
    # = 21.375 and 1 sambal at 11.250. Toko: the single-item sale, 1 keripik at 10.688
    # (18 left at 192.375 -> 10.687,5 -> 10.688). April, Shopee: the cancelled nota is left out;
    # 2 at 14.000 = 28.000 less 2 of 17 left at 181.687 = 21.375.
    assert [(r["month"], r["channel"], r["notas"], r["omzet"], r["margin"])
            for r in rows["rows"]] == [  # type: ignore[union-attr]
        ("2026-03", "toko", 1, "15000.00", "4312.00"),
        ("2026-03", "whatsapp", 2, "48000.00", "15375.00"),
        ("2026-04", "shopee", 1, "28000.00", "6625.00")]
