"""A sheet of Code128 barcode labels (A4, 3 x 8) for goods that have no barcode of their own.

Each label carries the item's SKU as Code128, so the kasir's scanner reads it like any
printed barcode (`stock.find_by_code` falls back to the SKU); below it the name and price.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.books.fmt import rupiah
from desktop.books.pdf.fonts import BOLD, REGULAR, register_fonts
from desktop.books.stock import Item

COLUMNS, ROWS = 3, 8
MARGIN_X, MARGIN_Y = 8 * mm, 12 * mm


def needs_label(items: list[Item]) -> list[Item]:
    """Active goods without a barcode of their own."""
    return [item for item in items if item.active and not item.barcode]


def write_labels(items: list[Item], path: Path, *, copies: int = 1) -> Path:
    """`copies` labels of each item, row by row, as many A4 pages as needed."""
    register_fonts()
    canvas = Canvas(str(path), pagesize=A4)
    canvas.setTitle("Label barcode")
    width = (A4[0] - 2 * MARGIN_X) / COLUMNS
    height = (A4[1] - 2 * MARGIN_Y) / ROWS
    slots = [item for item in items for _ in range(max(copies, 1))]
    for index, item in enumerate(slots):
        if index and index % (COLUMNS * ROWS) == 0:
            canvas.showPage()
        cell = index % (COLUMNS * ROWS)
        x = MARGIN_X + (cell % COLUMNS) * width
        y = A4[1] - MARGIN_Y - (cell // COLUMNS + 1) * height
        _label(canvas, item, x, y, width, height)
    canvas.save()
    return path


def _label(canvas: Canvas, item: Item, x: float, y: float, width: float, height: float) -> None:
    code = Code128(item.sku, barHeight=height * 0.42, barWidth=0.3 * mm, humanReadable=True,
                   fontName=REGULAR, fontSize=7)
    scale = min(1.0, (width - 6 * mm) / code.width)
    canvas.saveState()
    canvas.translate(x + (width - code.width * scale) / 2, y + height * 0.38)
    canvas.scale(scale, 1)
    code.drawOn(canvas, 0, 0)
    canvas.restoreState()
    canvas.setFont(BOLD, 8)
    canvas.drawCentredString(x + width / 2, y + height * 0.22, item.name[:38])
    if item.price:
        canvas.setFont(REGULAR, 8)
        canvas.drawCentredString(x + width / 2, y + height * 0.1, rupiah(item.price))
