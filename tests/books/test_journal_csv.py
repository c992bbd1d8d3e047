"""Journal CSV import and export: round trip, Indonesian formats, atomic errors, idempotence."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from desktop.books.book import Book
from desktop.books.business import create_business, open_business
from desktop.books.errors import InputError, NotFoundError, UserFacingError
from desktop.books.journal_csv import export_journal, import_journal
from desktop.books.ledger import close_period
from desktop.books.reports.flows import arus_kas
from desktop.books.reports.statements import laba_rugi, neraca_saldo, posisi_keuangan
from tests.books.conftest import PIN, post

HEADER = "date,ref,account,debit,credit,memo"
START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
Row = Sequence[str]
GOOD: list[Row] = [("2026-04-01", "JU-A", "1101", "100000", "", "modal"),
                   ("2026-04-01", "JU-A", "3101", "", "100000", "modal")]


@pytest.fixture
def other(data_dir: Path) -> Iterator[Book]:
    """A second, empty business on the same PC."""
    ref = create_business(data_dir, name="Keripik Bu Made", pin=PIN)
    opened = open_business(data_dir, ref.id, PIN)
    yield opened
    opened.close()


def reports(book: Book) -> dict[str, object]:
    """The four statements as JSON, for comparing two books."""
    conn = book.conn
    return {
        "posisi-keuangan": posisi_keuangan(conn, as_of=END).to_json(),
        "laba-rugi": laba_rugi(conn, start=START, end=END).to_json(),
        "neraca-saldo": neraca_saldo(conn, as_of=END).to_json(),
        "arus-kas": arus_kas(conn, start=START, end=END).to_json(),
    }


def counts(book: Book) -> tuple[int, ...]:
    """Rows in every table an import writes to."""
    tables = ("entry", "line", "account_day", "cashflow_day", "outbox")
    return tuple(book.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)


def write_csv(path: Path, rows: Sequence[Row], *, header: str = HEADER, sep: str = ",",
              bom: bool = False) -> Path:
    """Write a journal file the way a spreadsheet would."""
    lines = [header.replace(",", sep), *(sep.join(row) for row in rows)]
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + ("\r\n".join(lines) + "\r\n").encode())
    return path


def export_text(book: Book) -> str:
    buffer = io.StringIO()
    export_journal(book.conn, buffer)
    return buffer.getvalue()


def post_many(book: Book) -> None:
    """A year of varied forms: cash and credit, stock, loans, assets, transfers."""
    post(book, "setoran-modal", date="2026-01-05", amount=20_000_000, via="kas")
    post(book, "penjualan-tunai", date="2026-01-10", amount="1250000.50", via="kas")
    post(book, "penjualan-tunai", date="2026-02-01", amount=300_000, via="qris")
    post(book, "penjualan-kredit", date="2026-02-03", amount=750_000, party="Toko Sinar")
    post(book, "terima-piutang", date="2026-02-20", amount=500_000, party="Toko Sinar",
         via="bank")
    post(book, "pembelian-persediaan", date="2026-03-01", amount=2_000_000, via="utang",
         party="UD Benang")
    post(book, "bayar-utang", date="2026-03-15", amount=1_000_000, party="UD Benang")
    post(book, "beban", date="2026-03-31", amount=450_000, account="5201", memo="Upah, Maret")
    post(book, "pinjaman", date="2026-04-02", amount=5_000_000, via="bank")
    post(book, "bayar-pinjaman", date="2026-05-02", amount=400_000, interest=50_000, via="bank")
    post(book, "pembelian-aset", date="2026-05-10", amount=3_000_000, name="Alat tenun")
    post(book, "pindah-dana", date="2026-06-01", amount=1_000_000, via="kas", into="bank")
    post(book, "pendapatan-lain", date="2026-06-15", amount=75_000, via="kas")
    post(book, "prive", date="2026-07-01", amount=250_000, via="kas")


def test_round_trip_gives_identical_statements(book: Book, other: Book, tmp_path: Path) -> None:
    """Export, import into a fresh business: the same statements and the same export."""
    post_many(book)
    text = export_text(book)
    path = tmp_path / "jurnal.csv"
    path.write_text(text, encoding="utf-8")
    result = import_journal(other, path)
    entries, lines = book.conn.execute(
        "SELECT count(DISTINCT e.seq), count(*) FROM entry e JOIN line l ON l.entry_seq = e.seq"
    ).fetchone()
    assert (result.entries, result.lines, result.skipped_entries) == (entries, lines, 0)
    assert reports(other) == reports(book)
    assert export_text(other) == text
    kinds = "SELECT ref, kind FROM entry ORDER BY ref"
    assert other.conn.execute(kinds).fetchall() == book.conn.execute(kinds).fetchall()


@pytest.mark.parametrize("bom", [True, False])
def test_utf8_with_and_without_bom(book: Book, tmp_path: Path, bom: bool) -> None:
    """A leading BOM (Excel's 'CSV UTF-8') is not part of the first column name."""
    rows = [("2026-04-01", "JU-1", "1101", "150000", "", "Modal awal Bu Sári"),
            ("2026-04-01", "JU-1", "3101", "", "150000", "Modal awal Bu Sári")]
    result = import_journal(book, write_csv(tmp_path / "j.csv", rows, bom=bom))
    assert (result.entries, result.lines) == (1, 2)
    memo = book.conn.execute("SELECT memo FROM entry WHERE ref = 'JU-1'").fetchone()[0]
    assert memo == "Modal awal Bu Sári"


def test_semicolons_decimal_commas_and_dmy_dates(book: Book, other: Book, tmp_path: Path) -> None:
    """Indonesian Excel: `;` separators, `1.250.000,50` amounts, DD/MM/YYYY dates."""
    semi = [("15/04/2026", "JU-1", "1101", "1.250.000,50", "", "Jual"),
            ("15/04/2026", "JU-1", "4101", "", "1250000,50", "Jual"),
            ("01/05/2026", "JU-2", "5201", "25.000", "", "Upah"),
            ("01/05/2026", "JU-2", "1101", "", "25000", "Upah")]
    plain = [("2026-04-15", "JU-1", "1101", "1250000.50", "", "Jual"),
             ("2026-04-15", "JU-1", "4101", "", "1250000.50", "Jual"),
             ("2026-05-01", "JU-2", "5201", "25000", "", "Upah"),
             ("2026-05-01", "JU-2", "1101", "", "25000", "Upah")]
    import_journal(book, write_csv(tmp_path / "semi.csv", semi, sep=";", bom=True))
    import_journal(other, write_csv(tmp_path / "plain.csv", plain))
    stored = "SELECT e.date, l.account, l.debit, l.credit FROM line l JOIN entry e " \
             "ON e.seq = l.entry_seq ORDER BY e.ref, l.line_no"
    assert book.conn.execute(stored).fetchall() == [
        ("2026-04-15", "1101", 125000050, 0), ("2026-04-15", "4101", 0, 125000050),
        ("2026-05-01", "5201", 2500000, 0), ("2026-05-01", "1101", 0, 2500000)]
    assert reports(book) == reports(other)


BAD_CASES = {
    "mixed-dates": ([("2026-04-02", "JU-B", "1101", "500", "", ""),
                     ("2026-04-03", "JU-B", "4101", "", "500", "")], 5, "date"),
    "unbalanced": ([("2026-04-02", "JU-B", "1101", "500", "", ""),
                    ("2026-04-02", "JU-B", "4101", "", "400", "")], 4, "ref"),
    "unknown-account": ([("2026-04-02", "JU-B", "9999", "500", "", ""),
                         ("2026-04-02", "JU-B", "4101", "", "500", "")], 4, "account"),
    "negative": ([("2026-04-02", "JU-B", "1101", "-500", "", ""),
                  ("2026-04-02", "JU-B", "4101", "", "500", "")], 4, "debit"),
    "not-a-number": ([("2026-04-02", "JU-B", "1101", "500", "", ""),
                      ("2026-04-02", "JU-B", "4101", "", "lima ratus", "")], 5, "credit"),
    "letters-after-digits": ([("2026-04-02", "JU-B", "1101", "500x", "", ""),
                              ("2026-04-02", "JU-B", "4101", "", "500", "")], 4, "debit"),
    "superscript-digit": ([("2026-04-02", "JU-B", "1101", "5²", "", ""),
                           ("2026-04-02", "JU-B", "4101", "", "25", "")], 4, "debit"),
    "three-decimals": ([("2026-04-02", "JU-B", "1101", "500.125", "", ""),
                        ("2026-04-02", "JU-B", "4101", "", "500.125", "")], 4, "debit"),
    "both-sides": ([("2026-04-02", "JU-B", "1101", "500", "500", ""),
                    ("2026-04-02", "JU-B", "4101", "", "500", "")], 4, "debit"),
    "both-zero": ([("2026-04-02", "JU-B", "1101", "500", "", ""),
                   ("2026-04-02", "JU-B", "4101", "", "500", ""),
                   ("2026-04-02", "JU-B", "5201", "0", "0.00", "")], 6, "debit"),
    "both-empty": ([("2026-04-02", "JU-B", "1101", "", "", ""),
                    ("2026-04-02", "JU-B", "4101", "", "", "")], 4, "debit"),
    "impossible-date": ([("2026-02-30", "JU-B", "1101", "500", "", ""),
                         ("2026-02-30", "JU-B", "4101", "", "500", "")], 4, "date"),
    "impossible-dmy-date": ([("30/02/2026", "JU-B", "1101", "500", "", ""),
                             ("30/02/2026", "JU-B", "4101", "", "500", "")], 4, "date"),
}


def assert_refused(book: Book, path: Path, row: int, field: str,
                   **kwargs: bool) -> UserFacingError:
    """Import must fail naming row and field, and leave every table as it was."""
    before = counts(book)
    with pytest.raises(UserFacingError) as caught:
        import_journal(book, path, **kwargs)
    exc = caught.value
    assert counts(book) == before
    assert book.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert isinstance(exc, InputError | NotFoundError)
    assert exc.field is not None and field in exc.field, exc.message()
    assert exc.row == row, exc.message()
    assert exc.message().startswith(f"Baris {row}, kolom {exc.field}: "), exc.message()
    return exc


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_row_names_row_and_field_and_stores_nothing(book: Book, tmp_path: Path,
                                                        case: str) -> None:
    """A good ref before the bad one is not stored either."""
    post(book, "setoran-modal", amount=1_000_000)
    rows, row, field = BAD_CASES[case]
    assert_refused(book, write_csv(tmp_path / "j.csv", [*GOOD, *rows]), row, field)


@pytest.mark.parametrize("header", ["tanggal,ref,akun,debit,kredit,memo",
                                    "date,ref,account,debit,credit", "date;ref;account"])
def test_wrong_header_is_row_one(book: Book, tmp_path: Path, header: str) -> None:
    """The header row is row 1 and the field is the header."""
    assert_refused(book, write_csv(tmp_path / "j.csv", GOOD, header=header), 1, "header")


def test_date_in_closed_period(book: Book, tmp_path: Path) -> None:
    """Tutup buku through March: a March row is refused, the April ref before it too."""
    with book.write() as conn:
        close_period(conn, through=dt.date(2026, 3, 31))
    rows = [*GOOD, ("31/03/2026", "JU-B", "1101", "500", "", ""),
            ("31/03/2026", "JU-B", "4101", "", "500", "")]
    exc = assert_refused(book, write_csv(tmp_path / "j.csv", rows), 4, "date")
    assert "2026-03-31" in exc.message()


def test_ref_already_in_books(book: Book, tmp_path: Path) -> None:
    """A ref posted by a form cannot be imported again without skip_existing."""
    ref = post(book, "penjualan-tunai", amount=80_000, via="kas").ref
    rows = [*GOOD, ("2026-04-02", ref, "1101", "500", "", ""),
            ("2026-04-02", ref, "4101", "", "500", "")]
    exc = assert_refused(book, write_csv(tmp_path / "j.csv", rows), 4, "ref")
    assert ref in exc.message()


def test_bad_last_row_after_many_good_rows(book: Book, tmp_path: Path) -> None:
    """More than one flush of good rows, then one bad row: nothing at all is stored."""
    rows: list[Row] = []
    for n in range(10_100):
        day = (dt.date(2026, 1, 1) + dt.timedelta(days=n % 365)).isoformat()
        rows += [(day, f"JU-{n}", "1101", f"{n + 1}.50", "", ""),
                 (day, f"JU-{n}", "4101", "", f"{n + 1}.50", "")]
    rows.append(("2026-12-31", "JU-LAST", "1101", "-1", "", ""))
    last_row = len(rows) + 1
    assert_refused(book, write_csv(tmp_path / "big.csv", rows), last_row, "debit")
    assert balance_of(book, "1101") == 0


def balance_of(book: Book, code: str) -> int:
    return int(book.conn.execute("SELECT COALESCE(SUM(debit - credit), 0) FROM line "
                                 "WHERE account = ?", (code,)).fetchone()[0])


def test_skip_existing_does_not_double(book: Book, other: Book, tmp_path: Path) -> None:
    """Importing the same file twice with skip_existing leaves the books as after once."""
    post_many(book)
    path = tmp_path / "jurnal.csv"
    path.write_text(export_text(book), encoding="utf-8")
    first = import_journal(other, path, skip_existing=True)
    once = reports(other)
    before = counts(other)
    second = import_journal(other, path, skip_existing=True)
    assert (second.entries, second.lines, second.skipped_entries) == (0, 0, first.entries)
    assert counts(other) == before
    assert reports(other) == once == reports(book)
    assert_refused(other, path, 2, "ref")


def test_skip_existing_adds_only_new_refs(book: Book, tmp_path: Path) -> None:
    """A file that overlaps the books adds just its new refs."""
    import_journal(book, write_csv(tmp_path / "a.csv", GOOD))
    more = [("2026-04-05", "JU-C", "5201", "2500", "", ""),
            ("2026-04-05", "JU-C", "1101", "", "2500", "")]
    result = import_journal(book, write_csv(tmp_path / "b.csv", [*GOOD, *more]),
                            skip_existing=True)
    assert result.as_dict() == {"entries": 1, "lines": 2, "skipped": 1}
    assert balance_of(book, "1101") == (100_000 - 2_500) * 100


def test_sa_refs_import_as_saldo_awal(book: Book, tmp_path: Path) -> None:
    """`SA-` refs are opening balances: kind saldo-awal, cash counted as saldo awal."""
    rows = [("2026-01-01", "SA-2026-000001", "1101", "5000000", "", "Saldo awal"),
            ("2026-01-01", "SA-2026-000001", "3101", "", "5000000", "Saldo awal"),
            *GOOD]
    import_journal(book, write_csv(tmp_path / "j.csv", rows))
    kinds = dict(book.conn.execute("SELECT ref, kind FROM entry"))
    assert kinds["SA-2026-000001"] == "saldo-awal"
    assert kinds["JU-A"] == "jurnal-umum"
    flows = arus_kas(book.conn, start=START, end=END)
    assert flows.saldo_awal == 5_000_000 * 100
    assert flows.kenaikan_bersih == 100_000 * 100


@pytest.mark.parametrize("refs", [3, 6_000])
def test_progress_ends_at_total(book: Book, tmp_path: Path, refs: int) -> None:
    """Progress is reported in bytes, never goes back, and ends at (total, total)."""
    rows: list[Row] = []
    for n in range(refs):
        rows += [("2026-04-01", f"JU-{n}", "1101", "1000", "", ""),
                 ("2026-04-01", f"JU-{n}", "4101", "", "1000", "")]
    path = write_csv(tmp_path / "j.csv", rows)
    calls: list[tuple[int, int]] = []
    import_journal(book, path, progress=lambda done, total: calls.append((done, total)))
    size = path.stat().st_size
    assert calls and calls[-1] == (size, size)
    assert all(total == size and 0 <= done <= size for done, total in calls)
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    if refs * 2 >= 10_000:
        assert len(calls) >= 2 and calls[0][0] < size


INDONESIAN = re.compile(r"\b(baris|kolom|tidak|harus|sudah|berbeda|judul|seimbang|tanggal|"
                        r"jumlah|dikenal|tepat|bukan|ada|satu|atau|pakai)\b", re.IGNORECASE)
EN_CASES = ["mixed-dates", "unbalanced", "unknown-account", "negative", "not-a-number",
            "three-decimals", "both-sides", "impossible-date"]


@pytest.mark.parametrize("case", EN_CASES)
def test_english_messages(book: Book, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          case: str) -> None:
    """With LUMBUNG_LANG=en the whole message, location and reason, is English."""
    monkeypatch.setenv("LUMBUNG_LANG", "en")
    rows, row, _field = BAD_CASES[case]
    with pytest.raises(UserFacingError) as caught:
        import_journal(book, write_csv(tmp_path / "j.csv", [*GOOD, *rows]))
    message = caught.value.message()
    assert message.startswith(f"Row {row}, field {caught.value.field}: "), message
    assert not INDONESIAN.search(message), message


def test_english_header_and_existing_ref(book: Book, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Header and duplicate-ref messages are English too."""
    monkeypatch.setenv("LUMBUNG_LANG", "en")
    with pytest.raises(UserFacingError) as caught:
        import_journal(book, write_csv(tmp_path / "h.csv", GOOD, header="tanggal,ref"))
    assert not INDONESIAN.search(caught.value.message().replace("tanggal,ref", "")), \
        caught.value.message()
    import_journal(book, write_csv(tmp_path / "a.csv", GOOD))
    with pytest.raises(UserFacingError) as caught:
        import_journal(book, write_csv(tmp_path / "a.csv", GOOD))
    assert caught.value.message().startswith("Row 2, field ref: "), caught.value.message()
    assert not INDONESIAN.search(caught.value.message()), caught.value.message()
