"""Print every page type from the demo business and render one PNG of each into docs/img.

Run with `make docs`. Needs Debian's poppler-utils (pdftoppm).
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from desktop.books.business import open_business, set_logo
from desktop.books.demo import DEMO_PIN, create_demo
from desktop.books.pdf.pack import write_pack
from desktop.books.pdf.receipt import write_receipt
from desktop.books.pdf.single import write_tables
from desktop.books.receipt import receipt_for
from desktop.books.reports.catalog import ReportArgs, run_report, tables_of
from desktop.books.reports.pack import build_pack

OUT = Path(__file__).parent / "img"
TODAY = dt.date(2026, 11, 23)
START, END = dt.date(2026, 8, 1), dt.date(2026, 10, 31)


def png(pdf: Path, page: int, name: str, dpi: int = 60) -> None:
    """Render one page of a PDF to docs/img/NAME.png."""
    stem = OUT / name
    subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png",
                    "-singlefile", str(pdf), str(stem)], check=True)


def logo(path: Path) -> Path:
    """A simple drawn logo (a banana-chip sun) for the demo's cover."""
    image = Image.new("RGBA", (400, 240), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 230, 230), fill=(240, 190, 40, 255))
    draw.rectangle((120, 92, 390, 148), fill=(120, 80, 30, 255))
    image.save(path)
    return path


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ref, _created = create_demo(folder / "data", today=TODAY)
        book = open_business(folder / "data", ref.id, DEMO_PIN)
        set_logo(book, logo(folder / "logo.png"))
        conn = book.conn
        pack = write_pack(build_pack(conn, start=START, end=END), folder / "paket.pdf")
        for page, name in ((1, "paket-sampul"), (2, "posisi-keuangan"), (3, "laba-rugi"),
                           (4, "arus-kas"), (5, "perubahan-ekuitas"), (6, "calk"),
                           (7, "calk-tanda-tangan")):
            png(pack, page, name)
        args = ReportArgs(as_of=END, start=START, end=END, account="1101", sku="KRP-ORI")
        for name in ("buku-besar", "neraca-saldo", "kartu-stok", "umur-piutang", "pph-final"):
            pdf = write_tables(tables_of(run_report(conn, name, args)), folder / f"{name}.pdf",
                               business=ref.name)
            png(pdf, 1, name)
        sale = conn.execute("SELECT ref FROM entry WHERE kind = 'penjualan-kredit' "
                            "ORDER BY seq LIMIT 1").fetchone()[0]
        paid = conn.execute("SELECT ref FROM entry WHERE kind = 'terima-piutang' "
                            "ORDER BY seq LIMIT 1").fetchone()[0]
        png(write_receipt(receipt_for(conn, sale), folder / "nota.pdf"), 1, "nota-a5")
        png(write_receipt(receipt_for(conn, paid), folder / "kuitansi.pdf"), 1, "kuitansi-a5")
        png(write_receipt(receipt_for(conn, sale), folder / "strip.pdf", size="58mm"), 1,
            "nota-58mm", dpi=110)
        book.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} images to {OUT}")


if __name__ == "__main__":
    main()
