"""Printed reports: every figure from the report data, Indonesian layout, embedded font, bad input."""

from __future__ import annotations

import csv
import datetime as dt
import html
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from desktop.books.assets import depreciate_month
from desktop.books.book import Book
from desktop.books.business import create_business, get_profile, open_business
from desktop.books.dates import format_month, format_short
from desktop.books.demo import DEMO_PIN, create_demo
from desktop.books.errors import InputError
from desktop.books.journal_csv import import_journal
from desktop.books.pdf import document
from desktop.books.pdf.document import MARGIN, build_pdf
from desktop.books.pdf.fasttable import cell_text
from desktop.books.pdf.pack import write_pack
from desktop.books.pdf.receipt import STRIP_MARGIN, write_receipt
from desktop.books.pdf.single import write_tables
from desktop.books.receipt import receipt_for
from desktop.books.reports.catalog import ReportArgs, run_report, tables_of
from desktop.books.reports.pack import build_pack
from desktop.books.stock import add_item
from tests.books.conftest import fill_worked, post

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
D = dt.date
TODAY = D(2026, 11, 23)  # the demo then holds August, September and October 2026
QUARTER = (D(2026, 8, 1), D(2026, 10, 31))
DECEMBER = (D(2026, 12, 1), D(2026, 12, 31))
Json = dict[str, Any]


# -- reading PDFs back ------------------------------------------------------------------------
def run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def pdf_text(path: Path, page: int | None = None) -> str:
    """`pdftotext -layout` of the whole file, or of one page."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return run("pdftotext", "-layout", *pages, str(path), "-")


def page_texts(path: Path) -> list[str]:
    return pdf_text(path).split("\f")[:page_count(path)]


def page_count(path: Path) -> int:
    match = re.search(r"^Pages:\s+(\d+)$", run("pdfinfo", str(path)), re.M)
    assert match, path
    return int(match.group(1))


def flat(text: str) -> str:
    return " ".join(text.split())


def reading_text(path: Path) -> str:
    """The text in content-stream order, whitespace collapsed (wrapped cells read as one)."""
    return flat(run("pdftotext", "-raw", str(path), "-"))


def sen(amount: str | int) -> int:
    return amount if isinstance(amount, int) else int(Decimal(amount) * 100)


def money(amount: str | int) -> str:
    """A JSON amount ("1250000.00") as the PDF prints it: Rp1.250.000, (Rp1.250.000) or –."""
    return cell_text(sen(amount), "money")


def qty(amount: str) -> str:
    return cell_text(int(Decimal(amount) * 1000), "qty")


def short_date(iso: str) -> list[str]:
    return cell_text(D.fromisoformat(iso), "date").split()


def find_rows(text: str, label: str, count: int) -> list[list[str]]:
    """The last `count` cells of every line whose text before them is exactly `label`."""
    found = []
    for line in text.splitlines():
        tokens = line.split()
        if len(tokens) > count and " ".join(tokens[:-count]) == label:
            found.append(tokens[-count:])
    return found


def check_rows(text: str, rows: dict[str, list[str]]) -> None:
    """Each label stands on exactly one line, followed by exactly its figures."""
    wrong = {label: found for label, want in rows.items()
             if (found := find_rows(text, label, len(want))) != [want]}
    assert not wrong, "\n".join(f"{label}: want {rows[label]}, printed {found}"
                                for label, found in wrong.items())


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_WORD = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">'
                   r"(.*?)</word>")


def boxes(path: Path) -> list[tuple[float, float, list[Word]]]:
    """Width, height and words (with their boxes) of every page."""
    return [(float(w), float(h), [Word(float(a), float(b), float(c), float(d), html.unescape(t))
                                  for a, b, c, d, t in _WORD.findall(body)])
            for w, h, body in _PAGE.findall(run("pdftotext", "-bbox", str(path), "-"))]


def lines_of_words(path: Path) -> list[list[Word]]:
    """Words grouped into printed lines, page after page, top to bottom, left to right."""
    lines: list[list[Word]] = []
    for _w, _h, words in boxes(path):
        page: list[list[Word]] = []
        for word in sorted(words, key=lambda w: (w.y1, w.x0)):
            if page and abs(page[-1][0].y1 - word.y1) < 0.6:
                page[-1].append(word)
            else:
                page.append([word])
        lines += [sorted(line, key=lambda w: w.x0) for line in page]
    return lines


def column_edges(lines: list[list[Word]], header: dict[str, str]) -> dict[str, float]:
    """Right edges of amount columns, read off the right-aligned header words above them."""
    for line in lines:
        texts = [w.text for w in line]
        if all(word in texts for word in header.values()):
            return {key: next(w.x1 for w in line if w.text == word) for key, word in header.items()}
    raise AssertionError(f"no header line with {list(header.values())}")


def placed(line: list[Word], edges: dict[str, float]) -> dict[str, str]:
    """Which column each figure of a printed line sits in (right-aligned to the column edge)."""
    return {key: w.text for w in line for key, x in edges.items() if abs(w.x1 - x) < 1.0}


def words_outside(path: Path, margin: float) -> list[str]:
    """Words that leave the text area (page width minus the side margins)."""
    out = []
    for number, (width, _h, words) in enumerate(boxes(path), start=1):
        out += [f"page {number}: {w.text!r} x {w.x0:.1f}..{w.x1:.1f}" for w in words
                if w.x0 < margin - 0.5 or w.x1 > width - margin + 0.5]
    return out


def render(pdf: Path, name: str, pages: list[int] | None = None) -> list[Path]:
    """PNGs at 60 dpi in tests/artifacts for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    numbers = pages or list(range(1, page_count(pdf) + 1))
    made = []
    for number in numbers:
        stem = ARTIFACTS / (f"{name}-page-{number}" if pages or len(numbers) > 1 else name)
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", str(number), "-l", str(number),
                        "-singlefile", str(pdf), str(stem)], check=True)
        made.append(stem.parent / f"{stem.name}.png")
    return made


def printed(conn: sqlite3.Connection, name: str, path: Path, *, start: D, end: D,
            account: str | None = None, sku: str | None = None) -> Json:
    """Print one report like `lumbung report NAME --pdf` and return its JSON."""
    report = run_report(conn, name, ReportArgs(as_of=end, start=start, end=end, account=account,
                                               sku=sku))
    write_tables(tables_of(report), path, business=get_profile(conn).name)
    return report.to_json()


# -- books --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """Keripik Pisang Bu Made, August to October 2026."""
    data_dir = tmp_path_factory.mktemp("demo")
    ref, _created = create_demo(data_dir, today=TODAY)
    book = open_business(data_dir, ref.id, DEMO_PIN)
    yield book
    book.close()


@pytest.fixture(scope="module")
def two_years(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Book]:
    """The hand-worked book (Dec 2025, Jan 2026) plus a December 2026 to compare with, and tax."""
    data_dir = tmp_path_factory.mktemp("dua-tahun")
    ref = create_business(data_dir, name="Tenun Ikat Bu Sari", pin="2468", owner="Ni Ketut Sari",
                          kabupaten="Karangasem")
    book = open_business(data_dir, ref.id, "2468")
    fill_worked(book)
    for party, day, due, amount in (("Toko D", "2026-10-15", "2026-10-25", 150_000),
                                    ("Toko E", "2026-11-10", "2026-11-20", 80_000),
                                    ("Toko G", "2026-11-02", "2026-11-16", 50_000),
                                    ("Toko C", "2026-12-03", "2026-12-20", 2_400_000),
                                    ("Toko F", "2026-12-28", "2027-01-27", 60_000)):
        post(book, "penjualan-kredit", date=day, amount=amount, party=party, due=due)
    post(book, "terima-piutang", date="2026-11-20", amount=70_000, party="Toko G", confirm=True)
    post(book, "penjualan-tunai", date="2026-12-05", item="KRP", qty=2, amount=30_000, via="qris")
    post(book, "beban", date="2026-12-28", amount=120_000, account="5401", memo="PPh final")
    post(book, "beban", date="2026-12-29", amount=90_000, account="5203", memo="Listrik")
    post(book, "setoran-modal", date="2026-12-30", amount=500_000)
    with book.write() as conn:
        depreciate_month(conn, year=2026, month=12, device_id=book.device_id)
    yield book
    book.close()


# -- what each statement must show, from its JSON -----------------------------------------------
def _pair(data: Json, prior: Json | None, key: str) -> list[str]:
    """A figure of this period and, when comparing, of the prior period."""
    return [money(data[key])] + ([money(prior[key])] if prior is not None else [])


def _merged(mine: list[dict[str, str]], theirs: list[dict[str, str]] | None,
            skip: str = "") -> dict[str, list[str]]:
    """Statement lines of both periods by printed label (a line missing in one period is nil)."""
    def key(line: dict[str, str]) -> str:
        return f"{line['account']} {line['name']}" if line["account"] else line["name"]
    now = {key(ln): ln["amount"] for ln in mine if not (skip and (ln["account"] or "").startswith(skip))}
    then = {key(ln): ln["amount"] for ln in theirs or []
            if not (skip and (ln["account"] or "").startswith(skip))}
    return {label: [money(now.get(label, "0"))] + ([money(then.get(label, "0"))] if theirs is not None
                                                   else []) for label in {**then, **now}}


def posisi_rows(data: Json, prior: Json | None = None) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for section in ("aset", "liabilitas", "ekuitas"):
        rows |= _merged(data[section], prior[section] if prior else None)
        rows[f"Jumlah {section}"] = _pair(data, prior, f"total_{section}")
    rows["Jumlah liabilitas dan ekuitas"] = _pair(data, prior, "total_liabilitas_ekuitas")
    return rows


def laba_rugi_rows(data: Json, prior: Json | None = None) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for section in ("pendapatan", "beban"):
        rows |= _merged(data[section], prior[section] if prior else None, skip="54")
    rows["Jumlah pendapatan"] = _pair(data, prior, "total_pendapatan")
    # The statement shows beban before pajak penghasilan, then the tax on its own line.
    rows["Jumlah beban"] = [money(sen(d["total_beban"])) for d in (data, prior) if d is not None]
    for label, key in (("Laba (rugi) sebelum pajak", "laba_sebelum_pajak"),
                       ("Beban pajak penghasilan", "beban_pajak"), ("Laba (rugi) bersih", "laba_bersih")):
        rows[label] = _pair(data, prior, key)
    for d in (data, prior):
        if d is not None:  # the tax line carries exactly the 54xx lines of the JSON
            assert sum(sen(ln["amount"]) for ln in d["beban"] if ln["account"].startswith("54")) \
                == sen(d["beban_pajak"])
    return rows


def arus_kas_rows(data: Json) -> dict[str, list[str]]:
    rows: dict[str, list[str]] = {}
    for key in ("operasi", "investasi", "pendanaan"):
        rows |= {line["name"]: [money(line["amount"])] for line in data[key]}
        rows[f"Kas bersih dari aktivitas {key}"] = [money(data[f"total_{key}"])]
    rows["Kenaikan (penurunan) bersih kas"] = [money(data["kenaikan_bersih"])]
    rows["Kas dan setara kas awal periode"] = [money(data["saldo_awal"])]
    rows["Kas dan setara kas akhir periode"] = [money(data["saldo_akhir"])]
    return rows


def ekuitas_rows(data: Json) -> dict[str, list[str]]:
    rows = {line["name"]: [money(line["amount"])] for line in data["lines"]}
    rows["Ekuitas awal periode"] = [money(data["saldo_awal"])]
    rows["Ekuitas akhir periode"] = [money(data["saldo_akhir"])]
    return rows


def statement_page(pages: list[str], title: str) -> str:
    found = [p for p in pages if title in [line.strip() for line in p.splitlines()]]
    assert len(found) == 1, title
    return found[0]


def calk_sections(pages: list[str], notes: list[Json]) -> dict[str, str]:
    """The printed text of each CALK note, by title."""
    start = next(i for i, p in enumerate(pages) if "Catatan atas Laporan Keuangan" in p)
    lines = [line.strip() for line in "\n".join(pages[start:]).splitlines()]
    heads = [lines.index(f"{n['number']}. {n['title']}") for n in notes]
    return {n["title"]: "\n".join(lines[a:b])
            for n, a, b in zip(notes, heads, [*heads[1:], len(lines)], strict=True)}


NOTE_KINDS = {"Persediaan": ("text", "qty", "text", "money"),
              "Aset tetap": ("text", "date", "money", "money", "money")}


def note_tokens(cells: list[Any], kinds: tuple[str, ...]) -> list[str]:
    out: list[str] = []
    for cell, kind in zip(cells, kinds, strict=True):
        if cell in (None, ""):
            continue
        out += ([money(cell)] if kind == "money" else [qty(cell)] if kind == "qty"
                else short_date(cell) if kind == "date" else str(cell).split())
    return out


# -- the statement pack -------------------------------------------------------------------------
@pytest.fixture(params=["demo", "two_years"])
def pack_pdf(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Json, Path]:
    """The pack of the demo's quarter, and the hand-worked December 2026 beside December 2025."""
    book: Book = request.getfixturevalue(request.param)
    start, end = QUARTER if request.param == "demo" else DECEMBER
    pack = build_pack(book.conn, start=start, end=end)
    return pack.to_json(), write_pack(pack, tmp_path / "paket.pdf")


def test_pack_statements_print_every_figure_beside_the_prior_period(
        pack_pdf: tuple[Json, Path]) -> None:
    data, path = pack_pdf
    pages = page_texts(path)
    check_rows(statement_page(pages, "Laporan Posisi Keuangan"),
               posisi_rows(data["posisi_keuangan"], data["posisi_keuangan_pembanding"]))
    check_rows(statement_page(pages, "Laporan Laba Rugi"),
               laba_rugi_rows(data["laba_rugi"], data["laba_rugi_pembanding"]))
    check_rows(statement_page(pages, "Laporan Arus Kas"), arus_kas_rows(data["arus_kas"]))
    check_rows(statement_page(pages, "Laporan Perubahan Ekuitas"),
               ekuitas_rows(data["perubahan_ekuitas"]))


def test_comparative_columns_are_dated_and_really_hold_the_prior_year(two_years: Book,
                                                                      tmp_path: Path) -> None:
    pack = build_pack(two_years.conn, start=DECEMBER[0], end=DECEMBER[1])
    pages = page_texts(write_pack(pack, tmp_path / "paket.pdf"))
    posisi = statement_page(pages, "Laporan Posisi Keuangan")
    assert re.search(r"Akun Keterangan\s+31 Desember\s+31 Desember\n\s+2026\s+2025", posisi)
    # hand-worked: December 2025 earned Rp800.000; at its end kas was Rp2.800.000
    assert find_rows(statement_page(pages, "Laporan Laba Rugi"), "Laba (rugi) bersih", 2)[0][1] \
        == "Rp800.000"
    assert find_rows(posisi, "1101 Kas", 2)[0][1] == "Rp2.800.000"
    assert find_rows(statement_page(pages, "Laporan Laba Rugi"), "Beban pajak penghasilan", 2) == [
        ["Rp120.000", "–"]]
    assert find_rows(posisi, "1509 Akumulasi Penyusutan", 2) == [["(Rp362.500)", "(Rp300.000)"]]


def test_money_cells_print_the_indonesian_way() -> None:
    assert [cell_text(v, "money") for v in (125_000_000, -125_000_000, 0, 12_345_650)] == [
        "Rp1.250.000", "(Rp1.250.000)", "–", "Rp123.456,50"]
    assert (money("1250000.00"), money("-300000.00"), money("0.00")) == (
        "Rp1.250.000", "(Rp300.000)", "–")


def test_calk_breakdowns_print_every_figure_of_the_data(pack_pdf: tuple[Json, Path]) -> None:
    data, path = pack_pdf
    notes = data["calk"]["notes"]
    sections = calk_sections(page_texts(path), notes)
    missing = []
    for note in notes:
        kinds = NOTE_KINDS.get(note["title"], ("text", "money"))
        lines = [line.split() for line in sections[note["title"]].splitlines()]
        for cells in note.get("rows", []):
            if note_tokens(cells, kinds) not in lines:
                missing.append(f"{note['title']}: no line reads {note_tokens(cells, kinds)} (JSON {cells})")
        for paragraph in note["paragraphs"]:
            if flat(paragraph) not in flat(sections[note["title"]]):
                missing.append(f"{note['title']}: paragraph {paragraph[:40]!r}")
    assert not missing, "\n".join(missing)


def test_calk_totals_agree_with_the_statement_lines(pack_pdf: tuple[Json, Path]) -> None:
    data, path = pack_pdf
    posisi = data["posisi_keuangan"]
    lines = {ln["account"]: sen(ln["amount"]) for key in ("aset", "liabilitas", "ekuitas")
             for ln in posisi[key] if ln["account"]}

    def of(prefix: str, exclude: str = "") -> int:
        return sum(v for k, v in lines.items() if k.startswith(prefix) and k != exclude)

    notes = {n["title"]: n for n in data["calk"]["notes"]}
    sections = calk_sections(page_texts(path), data["calk"]["notes"])
    want = {"Kas dan setara kas": [of("11")], "Piutang usaha": [of("1201")],
            "Persediaan": [of("13")], "Aset tetap": [of("15", "1509"), of("1509"), of("15")],
            "Utang usaha": [of("2101")], "Pinjaman": [of("22")],
            "Ekuitas": [sen(posisi["total_ekuitas"])]}
    assert of("11") == sen(data["arus_kas"]["saldo_akhir"])
    assert {"Kas dan setara kas", "Persediaan", "Aset tetap", "Ekuitas"} <= set(notes)
    for title, figures in want.items():
        if title not in notes:
            assert not figures[0], f"{title} has a statement line but no note"
            continue
        total = notes[title]["rows"][-1]
        assert total[0] == "Jumlah" and [sen(c) for c in total if c not in (None, "", "Jumlah")] \
            == figures, title
        assert find_rows(sections[title], "Jumlah", len(figures)) == [[money(f) for f in figures]]


def test_pack_layout_in_indonesian_with_page_numbers(demo: Book, tmp_path: Path,
                                                     today: dt.date) -> None:
    path = write_pack(build_pack(demo.conn, start=QUARTER[0], end=QUARTER[1]), tmp_path / "p.pdf")
    total = page_count(path)
    assert total == 7
    cover = flat(pdf_text(path, 1))
    for text in ("LAPORAN KEUANGAN Keripik Pisang Bu Made",
                 "Untuk periode yang berakhir 31 Oktober 2026",
                 "(1 Agustus 2026 s.d. 31 Oktober 2026) Disusun berdasarkan SAK EMKM",
                 "Pemilik Ni Made Sukerti", "Kabupaten/Kota Karangasem", "NIB 9120001234567",
                 "1. Laporan Posisi Keuangan", "5. Catatan atas Laporan Keuangan"):
        assert text in cover
    period = "Untuk periode yang berakhir 31 Oktober 2026 (1 Agustus 2026 s.d. 31 Oktober 2026)"
    headings = {2: ("Laporan Posisi Keuangan", "Per 31 Oktober 2026"),
                3: ("Laporan Laba Rugi", period), 4: ("Laporan Arus Kas", period),
                5: ("Laporan Perubahan Ekuitas", period), 6: ("Catatan atas Laporan Keuangan", period)}
    printed_on = format_short(today)  # the footer says when it was printed
    for number in range(1, total + 1):
        lines = [line.strip() for line in pdf_text(path, number).splitlines() if line.strip()]
        if number in headings:
            assert lines[:3] == ["Keripik Pisang Bu Made", *headings[number]]
        assert re.fullmatch(rf"Halaman {number} dari {total}\s+Keripik Pisang Bu Made · dicetak "
                            rf"{printed_on} dengan Lumbung", lines[-1]), lines[-1]
    posisi = pdf_text(path, 2)
    assert re.search(r"31 Oktober\s+31 Oktober\n\s+2026\s+2025", posisi)
    last = flat(pdf_text(path, total))
    for text in ("Karangasem, 31 Oktober 2026", "Dibuat oleh, Mengetahui,",
                 "Pemilik usaha Pendamping / Dinas Koperasi dan UKM", "Ni Made Sukerti"):
        assert text in last


# -- single reports ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["posisi-keuangan", "laba-rugi", "arus-kas", "perubahan-ekuitas"])
@pytest.mark.parametrize("which", ["demo", "two_years"])
def test_single_statement_prints_every_figure(name: str, which: str, request: pytest.FixtureRequest,
                                              tmp_path: Path) -> None:
    book: Book = request.getfixturevalue(which)
    start, end = QUARTER if which == "demo" else (D(2026, 1, 1), D(2026, 12, 31))
    data = printed(book.conn, name, tmp_path / f"{name}.pdf", start=start, end=end)
    rows = {"posisi-keuangan": posisi_rows, "laba-rugi": laba_rugi_rows, "arus-kas": arus_kas_rows,
            "perubahan-ekuitas": ekuitas_rows}[name](data)
    text = pdf_text(tmp_path / f"{name}.pdf")
    check_rows(text, rows)
    first, last = ("1 Agustus 2026", "31 Oktober 2026") if which == "demo" else (
        "1 Januari 2026", "31 Desember 2026")
    period = (f"Per {last}" if name == "posisi-keuangan"
              else f"Untuk periode yang berakhir {last} ({first} s.d. {last})")
    assert [line.strip() for line in text.splitlines() if line.strip()][:3] == [
        get_profile(book.conn).name, {"posisi-keuangan": "Laporan Posisi Keuangan",
                                      "laba-rugi": "Laporan Laba Rugi", "arus-kas": "Laporan Arus Kas",
                                      "perubahan-ekuitas": "Laporan Perubahan Ekuitas"}[name], period]
    assert "Halaman 1 dari 1" in text


def test_neraca_saldo_puts_each_balance_in_its_column(demo: Book, tmp_path: Path) -> None:
    data = printed(demo.conn, "neraca-saldo", tmp_path / "ns.pdf", start=QUARTER[0], end=QUARTER[1])
    lines = lines_of_words(tmp_path / "ns.pdf")
    edges = column_edges(lines, {"debit": "Debit", "credit": "Kredit"})
    for entry in data["lines"]:
        found = [ln for ln in lines if ln[0].text == entry["account"]]
        assert len(found) == 1, entry
        cells = placed(found[0], edges)
        assert " ".join(w.text for w in found[0][1:] if w.text not in cells.values()) == entry["name"]
        assert cells == {k: money(entry[k]) for k in ("debit", "credit") if sen(entry[k])}, entry
    total = [ln for ln in lines if ln[0].text == "Jumlah"]
    assert [placed(ln, edges) for ln in total] == [
        {"debit": money(data["total_debit"]), "credit": money(data["total_credit"])}]
    assert "Per 31 Oktober 2026" in pdf_text(tmp_path / "ns.pdf")


def check_ledger(path: Path, data: Json) -> None:
    """Every JSON line's date, ref, memo, debit or kredit and saldo on the ref's printed line."""
    lines = lines_of_words(path)
    edges = column_edges(lines, {"debit": "Debit", "credit": "Kredit", "saldo": "Saldo"})
    rest = iter(lines)
    for entry in data["lines"]:
        line = next((ln for ln in rest if any(w.text == entry["ref"] for w in ln)), None)
        assert line is not None, f"{entry['ref']} missing or out of order"
        cells = placed(line, edges)
        assert [w.text for w in line[:4]] == [*short_date(entry["date"]), entry["ref"]]
        assert cells == {"saldo": money(entry["saldo"])} | {
            k: money(entry[k]) for k in ("debit", "credit") if sen(entry[k])}, entry
        memo = " ".join(w.text for w in line[4:] if w.text not in cells.values())
        assert flat(entry["memo"]).startswith(memo) and memo, (memo, entry["memo"])
    ends = {" ".join(w.text for w in ln[:2]): placed(ln, edges) for ln in lines
            if [w.text for w in ln[:2]] in (["Saldo", "awal"], ["Saldo", "akhir"])}
    assert ends == {"Saldo awal": {"saldo": money(data["saldo_awal"])},
                    "Saldo akhir": {"saldo": money(data["saldo_akhir"])}}


def test_buku_besar_prints_every_line_with_its_figures(demo: Book, tmp_path: Path) -> None:
    data = printed(demo.conn, "buku-besar", tmp_path / "bb.pdf", start=QUARTER[0], end=QUARTER[1],
                   account="1101")
    assert len(data["lines"]) > 100
    check_ledger(tmp_path / "bb.pdf", data)
    first = [line.strip() for line in pdf_text(tmp_path / "bb.pdf", 1).splitlines() if line.strip()]
    assert first[:3] == ["Keripik Pisang Bu Made", "Buku Besar 1101 Kas",
                         "1 Agustus 2026 s.d. 31 Oktober 2026"]


def test_kartu_stok_of_every_item_prints_every_movement(demo: Book, tmp_path: Path) -> None:
    skus = [row[0] for row in demo.conn.execute("SELECT sku FROM item ORDER BY sku")]
    assert len(skus) == 6
    header = {"qty_in": "Masuk", "qty_out": "Keluar", "qty": "Saldo", "unit_cost": "Harga",
              "value": "saldo"}
    for sku in skus:
        path = tmp_path / f"kartu-{sku}.pdf"
        data = printed(demo.conn, "kartu-stok", path, start=QUARTER[0], end=QUARTER[1], sku=sku)
        lines = lines_of_words(path)
        edges = column_edges(lines, header)
        rest = iter(lines)
        for entry in data["lines"]:
            line = next((ln for ln in rest if any(w.text == entry["ref"] for w in ln)), None)
            assert line is not None, (sku, entry["ref"])
            assert [w.text for w in line[:4]] == [*short_date(entry["date"]), entry["ref"]]
            want = {k: qty(entry[k]) for k in ("qty_in", "qty_out") if Decimal(entry[k])}
            want |= {"qty": qty(entry["qty"]), "unit_cost": money(entry["unit_cost"]),
                     "value": money(entry["value"])}
            assert placed(line, edges) == want, (sku, entry)
        ends = [placed(ln, edges) for ln in lines
                if [w.text for w in ln[:2]] in (["Saldo", "awal"], ["Saldo", "akhir"])]
        assert [{k: v for k, v in e.items() if k in ("qty", "value")} for e in ends] == [
            {"qty": qty(data[k]["qty"]), "value": money(data[k]["value"])}
            for k in ("saldo_awal", "saldo_akhir")], sku
        assert f"Kartu Stok {sku} {data['name']} ({data['unit']})" in pdf_text(path)


@pytest.mark.parametrize(("which", "as_of"), [("demo", QUARTER[1]), ("two_years", D(2026, 12, 31))])
def test_umur_piutang_puts_each_amount_in_its_bucket(which: str, as_of: D,
                                                     request: pytest.FixtureRequest,
                                                     tmp_path: Path) -> None:
    book: Book = request.getfixturevalue(which)
    data = printed(book.conn, "umur-piutang", tmp_path / "umur.pdf", start=as_of, end=as_of)
    keys = ["belum_jatuh_tempo", "hari_1_30", "hari_31_60", "hari_61_90", "lebih_90",
            "lebih_bayar", "total"]
    lines = lines_of_words(tmp_path / "umur.pdf")
    total_line = [ln for ln in lines if ln[0].text == "Jumlah"]
    assert len(total_line) == 1
    edges = {key: w.x1 for key, w in zip(keys, total_line[0][-7:], strict=True)}
    totals = data["totals"]
    assert placed(total_line[0], edges) == {k: money(-sen(totals[k]) if k == "lebih_bayar"
                                                     else totals[k]) for k in keys}
    for party in data["parties"]:
        found = [ln for ln in lines
                 if party["party"].startswith(" ".join(w.text for w in ln
                                                       if w.text not in placed(ln, edges).values()))
                 and ln[0].text == party["party"].split()[0]]
        assert len(found) == 1, party["party"]
        want = {k: money(party[k]) for k in keys[:5] if sen(party[k])}
        want |= {"lebih_bayar": money(-sen(party["lebih_bayar"]))} if sen(party["lebih_bayar"]) else {}
        assert placed(found[0], edges) == want | {"total": money(party["total"])}, party["party"]
    if which == "two_years":  # every bucket is exercised; an overpayment is now uang muka
        assert all(sen(totals[k]) for k in keys if k != "lebih_bayar")


@pytest.mark.parametrize("which", ["demo", "tax"])
def test_pph_final_prints_every_month(which: str, request: pytest.FixtureRequest,
                                      tmp_path: Path) -> None:
    if which == "demo":
        book: Book = request.getfixturevalue("demo")
        start, end = QUARTER
    else:
        book = request.getfixturevalue("book")
        for day, amount in (("2026-01-31", 450_000_000), ("2026-02-28", 100_000_000),
                            ("2026-03-15", 30_000_000)):
            post(book, "penjualan-tunai", date=day, amount=amount)
        start, end = D(2026, 1, 1), D(2026, 3, 31)
    data = printed(book.conn, "pph-final", tmp_path / "pph.pdf", start=start, end=end)
    text = pdf_text(tmp_path / "pph.pdf")
    months = data["months"]
    assert months
    def label(month: str) -> str:  # printed as "Agustus 2026", in JSON as "2026-08"
        return format_month(D(int(month[:4]), int(month[5:]), 1))

    check_rows(text, {label(m["month"]): [money(m[k]) for k in ("omzet", "omzet_kumulatif",
                                                                "dasar_pengenaan", "pph")]
                      for m in months}
               | {"Jumlah": [money(data["total_omzet"]),
                             money(sum(sen(m["dasar_pengenaan"]) for m in months)),
                             money(data["total_pph"])]})
    assert "tidak dikenai PPh final" in text and "ketentuan DJP" in text
    if which == "tax":
        assert data["total_pph"] == "400000.00"


# -- Indonesian layout of a long ledger ----------------------------------------------------------
def test_long_buku_besar_repeats_header_and_numbers_every_page(book: Book, tmp_path: Path) -> None:
    journal = tmp_path / "jurnal.csv"
    with journal.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["date", "ref", "account", "debit", "credit", "memo"])
        for n in range(1500):
            day, amount = (D(2026, 1, 1) + dt.timedelta(days=n % 365)).isoformat(), 10_000 + n * 137 % 90_000
            accounts = ("1101", "4101") if n % 5 else ("5203", "1101")
            out.writerow([day, f"JU-{n:05d}", accounts[0], amount, "", f"Transaksi harian nomor {n}"])
            out.writerow([day, f"JU-{n:05d}", accounts[1], "", amount, f"Transaksi harian nomor {n}"])
    assert import_journal(book, journal).entries == 1500
    path = tmp_path / "bb.pdf"
    data = printed(book.conn, "buku-besar", path, start=D(2026, 2, 1), end=D(2026, 12, 31),
                   account="1101")
    assert sen(data["saldo_awal"]) != 0 and len(data["lines"]) > 1300
    total = page_count(path)
    assert total >= 20
    for number in range(1, total + 1):
        lines = [line.split() for line in pdf_text(path, number).splitlines() if line.strip()]
        assert ["Tanggal", "Ref", "Keterangan", "Debit", "Kredit", "Saldo"] in lines, number
        assert lines[-1][:4] == ["Halaman", str(number), "dari", str(total)], number
    check_ledger(path, data)


# -- fonts ---------------------------------------------------------------------------------------
def test_every_document_embeds_bitstream_vera_only(demo: Book, tmp_path: Path) -> None:
    files = [write_pack(build_pack(demo.conn, start=QUARTER[0], end=QUARTER[1]), tmp_path / "p.pdf")]
    for name in ("buku-besar", "pph-final"):  # pph-final has italic notes
        printed(demo.conn, name, tmp_path / f"{name}.pdf", start=QUARTER[0], end=QUARTER[1],
                account="1101")
        files.append(tmp_path / f"{name}.pdf")
    ref = demo.conn.execute("SELECT ref FROM entry WHERE kind = 'penjualan-tunai'").fetchone()[0]
    for size in ("a5", "58mm"):
        files.append(write_receipt(receipt_for(demo.conn, ref), tmp_path / f"n-{size}.pdf", size=size))
    for path in files:
        listing = run("pdffonts", str(path))
        assert "Helvetica" not in listing and "Times" not in listing
        rows = listing.splitlines()[2:]
        assert rows, path
        for row in rows:
            match = re.match(r"(\S+)\s+(.+?)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row)
            assert match, row
            assert "BitstreamVeraSans" in match.group(1) and "TrueType" in match.group(2), row
            assert match.group(3) == "yes", f"{path.name}: {row}"


# -- bad input -----------------------------------------------------------------------------------
EMPTY = [("posisi-keuangan", "Laporan Posisi Keuangan", "Per 31 Maret 2026"),
         ("laba-rugi", "Laporan Laba Rugi", "Untuk periode yang berakhir 31 Maret 2026 "
          "(1 Januari 2026 s.d. 31 Maret 2026)"),
         ("arus-kas", "Laporan Arus Kas", "Untuk periode yang berakhir 31 Maret 2026 "
          "(1 Januari 2026 s.d. 31 Maret 2026)"),
         ("perubahan-ekuitas", "Laporan Perubahan Ekuitas", "Untuk periode yang berakhir "
          "31 Maret 2026 (1 Januari 2026 s.d. 31 Maret 2026)"),
         ("neraca-saldo", "Neraca Saldo", "Per 31 Maret 2026"),
         ("buku-besar", "Buku Besar 1101 Kas", "1 Januari 2026 s.d. 31 Maret 2026"),
         ("kartu-stok", "Kartu Stok KRP Keripik (bks)", "1 Januari 2026 s.d. 31 Maret 2026"),
         ("pph-final", "Perkiraan PPh Final UMKM (PP 55/2022)", "1 Januari 2026 s.d. 31 Maret 2026")]


@pytest.mark.parametrize(("name", "title", "period"), EMPTY)
def test_empty_period_prints_heading_and_message(book: Book, tmp_path: Path, name: str, title: str,
                                                  period: str) -> None:
    with book.write() as conn:
        add_item(conn, sku="KRP", name="Keripik", unit="bks", price=1_500_000)
    path = tmp_path / f"{name}.pdf"
    printed(book.conn, name, path, start=D(2026, 1, 1), end=D(2026, 3, 31), account="1101", sku="KRP")
    lines = [line.strip() for line in pdf_text(path).splitlines() if line.strip()]
    assert lines[:4] == ["Tenun Ikat Bu Sari", title, period, "Tidak ada transaksi pada periode ini."]
    assert lines[-1].startswith("Halaman 1 dari 1")


def test_empty_pack_and_an_empty_period_in_a_used_book(book: Book, two_years: Book,
                                                       tmp_path: Path) -> None:
    path = write_pack(build_pack(book.conn, start=D(2026, 1, 1), end=D(2026, 3, 31)), tmp_path / "p.pdf")
    pages = page_texts(path)
    for title in ("Laporan Posisi Keuangan", "Laporan Laba Rugi", "Laporan Arus Kas",
                  "Laporan Perubahan Ekuitas"):
        assert "Tidak ada transaksi pada periode ini." in statement_page(pages, title)
    june = tmp_path / "juni.pdf"
    printed(two_years.conn, "laba-rugi", june, start=D(2026, 6, 1), end=D(2026, 6, 30))
    assert "Tidak ada transaksi pada periode ini." in pdf_text(june)
    printed(two_years.conn, "posisi-keuangan", june, start=D(2025, 6, 30), end=D(2025, 6, 30))
    assert "Tidak ada transaksi pada periode ini." in pdf_text(june)


def _writers(book: Book) -> dict[str, Callable[[Path], Path]]:
    post(book, "penjualan-tunai", amount=50_000)
    ref = book.conn.execute("SELECT ref FROM entry").fetchone()[0]
    return {
        "tables": lambda p: write_tables(tables_of(run_report(book.conn, "laba-rugi", ReportArgs(
            D(2026, 3, 31), D(2026, 1, 1), D(2026, 3, 31)))), p, business="Tenun Ikat Bu Sari"),
        "pack": lambda p: write_pack(build_pack(book.conn, start=D(2026, 1, 1), end=D(2026, 3, 31)), p),
        "nota-a5": lambda p: write_receipt(receipt_for(book.conn, ref), p, size="a5"),
        "nota-58mm": lambda p: write_receipt(receipt_for(book.conn, ref), p, size="58mm"),
    }


@pytest.mark.parametrize("writer", ["tables", "pack", "nota-a5", "nota-58mm"])
def test_unwritable_path_is_refused_by_name_without_leftovers(book: Book, tmp_path: Path,
                                                              writer: str) -> None:
    write = _writers(book)[writer]
    out = tmp_path / "keluar"
    out.mkdir()
    (out / "catatan.txt").write_text("bukan folder")
    for target in (out / "tidak-ada" / "laporan.pdf", out / "catatan.txt" / "laporan.pdf"):
        with pytest.raises(InputError) as caught:
            write(target)
        assert str(target) in str(caught.value) and caught.value.field == "pdf"
    assert [p.name for p in out.rglob("*")] == ["catatan.txt"]
    with pytest.raises(InputError, match="folder"):
        write(out)
    assert [p.name for p in out.rglob("*")] == ["catatan.txt"]


def test_failed_write_keeps_the_old_file_and_leaves_no_partial(book: Book, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    write = _writers(book)["tables"]
    out = tmp_path / "keluar"
    out.mkdir()
    target = out / "laba-rugi.pdf"
    target.write_bytes(b"versi lama")

    def disk_full(_src: object, _dst: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(document, "os", SimpleNamespace(replace=disk_full))
        with pytest.raises(InputError, match="No space left on device") as caught:
            write(target)
    assert str(target) in str(caught.value)
    assert target.read_bytes() == b"versi lama" and os.listdir(out) == ["laba-rugi.pdf"]

    class Broken(Flowable):
        def wrap(self, *_args: object) -> tuple[float, float]:
            return 10, 10

        def draw(self) -> None:
            raise RuntimeError("rusak di tengah halaman")

    with pytest.raises(RuntimeError, match="rusak"):
        build_pdf(target, [Broken()], title="x", author="y")
    assert target.read_bytes() == b"versi lama" and os.listdir(out) == ["laba-rugi.pdf"]


LONG_NAME = ("Kelompok Usaha Bersama Wanita Tani Makmur Sejahtera Banjar Tabola Desa Sidemen "
             "Kecamatan Sidemen Kabupaten Karangasem Provinsi Bali Penghasil Keripik Pisang, "
             "Keripik Singkong, Rengginang, Jaja Bali Tradisional dan Aneka Olahan Hasil Kebun "
             "Warga Lestari")[:250]
LONG_MEMO = ("Pelunasan pesanan keripik pisang original dan cokelat untuk upacara odalan di Pura "
             "Desa beserta ongkos kirim ke Amlapura, biaya kemasan khusus bertuliskan nama "
             "pemesan, pita, kartu ucapan dan tambahan lima puluh bungkus untuk tamu undangan dari "
             "desa tetangga")[:250]
LONG_PARTY = ("Koperasi Serba Usaha Wanita Karya Mandiri Sejahtera Desa Sidemen Unit Simpan "
              "Pinjam dan Pertokoan Oleh-oleh Khas Karangasem Bali")[:120]


def test_long_names_and_memos_wrap_inside_the_page(tmp_path: Path) -> None:
    assert (len(LONG_NAME), len(LONG_MEMO), len(LONG_PARTY)) == (250, 250, 120)
    ref = create_business(tmp_path / "data", name=LONG_NAME, pin="2468", owner="Ni Luh Putu Sari",
                          kabupaten="Karangasem")
    book = open_business(tmp_path / "data", ref.id, "2468")
    try:
        cash = post(book, "penjualan-tunai", date="2026-03-02", amount=1_250_000, memo=LONG_MEMO).ref
        credit = post(book, "penjualan-kredit", date="2026-03-03", amount=500_000, party=LONG_PARTY,
                      memo=LONG_MEMO).ref
        paid = post(book, "terima-piutang", date="2026-03-09", amount=200_000, party=LONG_PARTY).ref
        start, end = D(2026, 1, 1), D(2026, 3, 31)
        a4 = {"pack": write_pack(build_pack(book.conn, start=start, end=end), tmp_path / "pack.pdf")}
        for name in ("buku-besar", "umur-piutang"):
            printed(book.conn, name, tmp_path / f"{name}.pdf", start=start, end=end, account="1101")
            a4[name] = tmp_path / f"{name}.pdf"
        slips = {f"{r}-{size}": write_receipt(receipt_for(book.conn, r), tmp_path / f"{r}-{size}.pdf",
                                              size=size)
                 for r in (cash, credit, paid) for size in ("a5", "58mm")}
    finally:
        book.close()
    render(a4["pack"], "nama-panjang-pack", [1, 2])
    outside = []
    for path in a4.values():
        outside += words_outside(path, MARGIN)
        assert LONG_NAME in reading_text(path)
    for name, path in slips.items():
        outside += words_outside(path, 12 * mm if name.endswith("a5") else STRIP_MARGIN)
        assert LONG_NAME in reading_text(path) and page_count(path) == 1
    assert not outside, "\n".join(outside[:12])
    assert LONG_MEMO in reading_text(a4["buku-besar"])
    assert LONG_PARTY in reading_text(a4["umur-piutang"])
    assert LONG_MEMO in reading_text(slips[f"{cash}-a5"]) and LONG_MEMO in reading_text(slips[f"{cash}-58mm"])
    assert LONG_PARTY in reading_text(slips[f"{paid}-a5"])


# -- the command line ---------------------------------------------------------------------------
def lumbung(book: Book, *args: str, pin: str = DEMO_PIN) -> subprocess.CompletedProcess[str]:
    """Run the `lumbung` command on a book in its own process."""
    env = {**os.environ, "LUMBUNG_DATA_DIR": str(book.data_dir), "LUMBUNG_BUSINESS": book.business.slug,
           "LUMBUNG_PIN": pin}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)


def test_cli_prints_pack_ledger_and_slip(demo: Book, tmp_path: Path) -> None:
    period = ["--from", "2026-08-01", "--to", "2026-10-31"]
    runs = {"paket.pdf": ["report", "paket", *period], "bb.pdf": ["report", "buku-besar", "--account",
                                                                  "1101", *period],
            "nota.pdf": ["nota", "PK-2026-000001", "--size", "58mm"]}
    for file, args in runs.items():
        done = lumbung(demo, *args, "--pdf", str(tmp_path / file))
        assert done.returncode == 0, done.stderr
        assert str(tmp_path / file) in done.stdout
        assert (tmp_path / file).read_bytes()[:5] == b"%PDF-"
    pack: Json = build_pack(demo.conn, start=QUARTER[0], end=QUARTER[1]).to_json()
    pages = page_texts(tmp_path / "paket.pdf")
    assert len(pages) == 7
    check_rows(statement_page(pages, "Laporan Posisi Keuangan"),
               posisi_rows(pack["posisi_keuangan"], pack["posisi_keuangan_pembanding"]))
    assert page_count(tmp_path / "bb.pdf") > 1 and "Buku Besar 1101 Kas" in pdf_text(tmp_path / "bb.pdf", 1)
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(tmp_path / "nota.pdf")))
    assert size and abs(float(size.group(1)) - 58 * mm) < 0.1
    assert "jatuh tempo" in reading_text(tmp_path / "nota.pdf")


def test_cli_unwritable_pdf_exits_2_naming_the_path(demo: Book, tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "paket.pdf"
    done = lumbung(demo, "report", "paket", "--from", "2026-08-01", "--to", "2026-10-31",
                   "--pdf", str(target))
    assert done.returncode == 2 and str(target) in done.stderr
    assert not target.parent.exists() and list(tmp_path.iterdir()) == []


# -- pictures for a person ----------------------------------------------------------------------
def test_render_every_page_type_for_review(demo: Book, tmp_path: Path) -> None:
    made = render(write_pack(build_pack(demo.conn, start=QUARTER[0], end=QUARTER[1]),
                             tmp_path / "pack.pdf"), "pack")
    for name, options in (("buku-besar", {"account": "1101"}), ("neraca-saldo", {}),
                          ("kartu-stok", {"sku": "KRP-ORI"}), ("umur-piutang", {}), ("pph-final", {})):
        path = tmp_path / f"{name}.pdf"
        printed(demo.conn, name, path, start=QUARTER[0], end=QUARTER[1], **options)
        made += render(path, name, [1, 2] if page_count(path) > 1 else [1])
    names = {png.name for png in made}
    assert {f"pack-page-{n}.png" for n in range(1, 8)} | {
        "buku-besar-page-1.png", "buku-besar-page-2.png", "neraca-saldo-page-1.png",
        "kartu-stok-page-1.png", "umur-piutang-page-1.png", "pph-final-page-1.png"} <= names
    for png in made:
        assert png.exists() and png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", png
        assert png.stat().st_size > 2000, png
