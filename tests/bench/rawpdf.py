"""`python -m tests.bench.rawpdf ROWS OUT.pdf`: the raw ReportLab floor for a printed ledger.

`canvas.drawString` of ROWS six-cell rows (date, ref, memo, debit, kredit, saldo) on A4 with
no layout at all: no measuring, wrapping, right-aligning, header rows or footers. It uses what
any printed ledger must also pay for: the same embedded TrueType font (Bitstream Vera from
ReportLab) at 8 pt, the same row pitch and frame as the product's table, page compression.
Only ReportLab is imported, so the process costs what ReportLab costs.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

FONT, SIZE = "RawVera", 8.0
PITCH = SIZE * 1.22 + 2 * 1.8  # one unwrapped row of the product's table (fasttable.PAD 1.8)
MARGIN = 18 * mm
BOTTOM = MARGIN * 1.2  # the product leaves room for its footer
# Tanggal, Ref, Keterangan, Debit, Kredit, Saldo: the product's fixed widths, memo takes the rest
WIDTHS = (58.0, 74.0, A4[0] - 2 * MARGIN - 58.0 - 4 * 74.0, 74.0, 74.0, 74.0)
MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
MEMOS = ("Penjualan tunai", "Ongkos kirim dan bensin", "Kemasan dan label",
         "Upah harian karyawan", "Pembelian persediaan dari UD Sumber Rejeki",
         "Terima piutang dari Warung Kopi Mertha", "Beban lain-lain")
PREFIXES = ("PT", "BB", "BB", "BB", "PB", "TP", "BB")


def rows_per_page() -> int:
    """Rows of PITCH that fit the product's frame (top and bottom margins)."""
    return int((A4[1] - MARGIN - BOTTOM) // PITCH)


def rupiah(sen: int) -> str:
    """`Rp1.250.000` (whole rupiah), formatted inline: no product code is imported."""
    return "Rp" + f"{sen // 100:,}".replace(",", ".")


def cells(index: int, saldo: int) -> tuple[tuple[str, ...], int]:
    """Six cell texts of row `index` and the running saldo after it (deterministic)."""
    day = dt.date(2022, 6, 13) + dt.timedelta(days=index // 80)
    kind = index % len(MEMOS)
    amount = (20_000 + (index * 7919) % 400_000) // 500 * 500 * 100
    debit = kind in (0, 5)
    saldo += amount if debit else -amount
    texts = (f"{day.day} {MONTHS[day.month - 1]} {day.year}",
             f"{PREFIXES[kind]}-{day.year}-{index + 1:06d}", MEMOS[kind],
             rupiah(amount) if debit else "", "" if debit else rupiah(amount), rupiah(saldo))
    return texts, saldo


def write(rows: int, out: Path) -> int:
    """Draw `rows` rows, a new page whenever the frame is full; returns the page count."""
    folder = Path(reportlab.__file__).parent / "fonts"
    pdfmetrics.registerFont(TTFont(FONT, str(folder / "Vera.ttf")))
    canvas = Canvas(str(out), pagesize=A4, pageCompression=1, initialFontName=FONT,
                    initialFontSize=SIZE)
    xs, x = [], MARGIN
    for width in WIDTHS:
        xs.append(x + 1.8)
        x += width
    per_page, top = rows_per_page(), A4[1] - MARGIN - SIZE
    pages, saldo = 1, 100_000_000
    canvas.setFont(FONT, SIZE)
    for index in range(rows):
        if index and index % per_page == 0:
            canvas.showPage()
            canvas.setFont(FONT, SIZE)
            pages += 1
        y = top - (index % per_page) * PITCH
        texts, saldo = cells(index, saldo)
        for cell_x, text in zip(xs, texts, strict=True):
            canvas.drawString(cell_x, y, text)
    canvas.showPage()
    canvas.save()
    return pages


def main(argv: list[str]) -> int:
    """Write the PDF; print the page count."""
    rows, out = int(argv[0]), Path(argv[1])
    print(write(rows, out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
