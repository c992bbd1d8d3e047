"""Nota and kuitansi slips: A5 for a printer, or a 58 or 80 mm strip for a thermal printer."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer

from desktop.books.dates import format_long, format_short
from desktop.books.fmt import quantity, rupiah
from desktop.books.pdf.blocks import esc, grid, logo_image, para, style
from desktop.books.pdf.document import build_pdf
from desktop.books.pdf.fasttable import FastTable
from desktop.books.pdf.fonts import BOLD
from desktop.books.receipt import Receipt
from desktop.books.reports.table import Column, Table

SIZES = ("a5", "58mm", "80mm")
STRIP_WIDTHS = {"58mm": 58 * mm, "80mm": 80 * mm}
STRIP_WIDTH = STRIP_WIDTHS["58mm"]
STRIP_MARGIN = 2.5 * mm


def _address(receipt: Receipt) -> str:
    profile = receipt.profile
    return ", ".join(part for part in (profile.address, profile.desa and f"Desa {profile.desa}",
                                       profile.kabupaten) if part)


def _stamp(receipt: Receipt) -> object:
    def draw(canvas: Canvas) -> None:
        if not receipt.cancelled_by:
            return
        canvas.saveState()
        canvas.setFont(BOLD, 34)
        canvas.setFillColorRGB(0.85, 0.2, 0.2, alpha=0.35)
        width, height = canvas._pagesize  # type: ignore[attr-defined]
        canvas.translate(width / 2, height / 2)
        canvas.rotate(35)
        canvas.drawCentredString(0, 0, "DIBATALKAN")
        canvas.restoreState()
    return draw


def a5_story(receipt: Receipt, width: float) -> list[Flowable]:
    """A5 layout: letterhead, title, items table, total in words, signature."""
    head = style("kop", size=13, bold=True, space_after=1)
    story: list[Flowable] = []
    if receipt.logo is not None:
        logo = logo_image(receipt.logo, max_width=40 * mm, max_height=16 * mm)
        logo.hAlign = "LEFT"
        story += [logo, Spacer(1, 2 * mm)]
    story.append(para(receipt.profile.name, head))
    for line in (_address(receipt), receipt.profile.phone and f"Telp/WA {receipt.profile.phone}"):
        if line:
            story.append(para(line, style("kop-baris", size=8.5, space_after=0)))
    story += [Spacer(1, 5 * mm), para(receipt.title, style("judul-nota", size=14, bold=True,
                                                             align=TA_CENTER, space_after=2)),
              para(f"No. {receipt.ref} · {format_long(receipt.date)}",
                   style("no", size=9, align=TA_CENTER, space_after=8))]
    if receipt.title == "KUITANSI":
        story += _kuitansi_rows(receipt, width)
    elif receipt.party:
        story.append(para(f"Kepada: {receipt.party}"))
    if receipt.title != "KUITANSI" or any(ln.qty for ln in receipt.lines):
        story += [Spacer(1, 2 * mm), _items_table(receipt, width)]
    if receipt.title != "KUITANSI":  # a kuitansi already says it in words
        story += [Spacer(1, 3 * mm), para(f"Terbilang: {receipt.words}",
                                          style("terbilang", size=9, italic=True))]
    story.append(para(_payment(receipt)))
    story += _qris(receipt, 35 * mm, style("qris", size=8, align=TA_CENTER, space_after=0))
    if receipt.cancelled_by:
        story.append(para(f"Transaksi ini dibatalkan oleh {receipt.cancelled_by}.",
                          style("batal", size=9, bold=True)))
    sign = style("ttd", size=9, align=TA_CENTER)
    signatures = grid([[para("Penerima,", sign), para("Hormat kami,", sign)],
                       [Spacer(1, 16 * mm), Spacer(1, 16 * mm)],
                       [para("(........................)", sign),
                        para(receipt.profile.owner or receipt.profile.name, sign)]],
                      [width / 2, width / 2])
    return [*story, Spacer(1, 6 * mm), signatures]


def _items_table(receipt: Receipt, width: float) -> Flowable:
    """Every line of the nota; a discount column only when a line has one."""
    discounted = any(ln.discount for ln in receipt.lines)
    columns = [Column("Barang"), Column("Jumlah", "qty"), Column("Satuan"),
               Column("Harga", "money")]
    columns += [Column("Potongan", "money")] if discounted else []
    table = Table("", "", [*columns, Column("Subtotal", "money")])
    for ln in receipt.lines:
        cells = [ln.name, ln.qty, ln.unit, ln.price, *([ln.discount] if discounted else []),
                 ln.amount]
        table.add(*cells)
    blanks = [None, "", None, *([None] if discounted else [])]
    if receipt.discount:
        table.add("Potongan nota", *blanks, -receipt.discount)
    table.add("Jumlah", *blanks, receipt.total, style="total")
    return FastTable(table.columns, table.rows, width=width, size=8.5)


def _kuitansi_rows(receipt: Receipt, width: float) -> list[Flowable]:
    label = style("label-k", size=9.5, bold=True)
    rows = [["Sudah terima dari", receipt.party or "-"],
            ["Uang sejumlah", receipt.words],
            ["Untuk pembayaran", receipt.memo],
            ["Jumlah", rupiah(receipt.total)]]
    return [grid([[Paragraph(esc(a), label), para(b)] for a, b in rows],
                 [42 * mm, width - 42 * mm]), Spacer(1, 3 * mm)]


def _qris(receipt: Receipt, side: float, caption: ParagraphStyle) -> list[Flowable]:
    """The owner's QRIS, drawn again from its payload, under a sale paid by QRIS."""
    if not receipt.qris:
        return []
    from desktop.books.qris import parse_qris, qris_png

    code = logo_image(qris_png(receipt.qris, scale=4), max_width=side, max_height=side)
    code.hAlign = "CENTER"
    return [Spacer(1, 1 * mm), code, para(f"QRIS: {parse_qris(receipt.qris).merchant}", caption)]


def _payment(receipt: Receipt) -> str:
    text = f"Pembayaran: {receipt.payment}"
    if receipt.due:
        text += f", jatuh tempo {format_long(receipt.due)}"
    return text


def strip_story(receipt: Receipt, width: float) -> list[Flowable]:
    """58/80 mm layout: one narrow column, item name then quantity × price and amount."""
    center = style("s-tengah", size=7.5, align=TA_CENTER, space_after=0)
    small = style("s-kecil", size=7.5, space_after=0)
    right = style("s-kanan", size=7.5, align=TA_RIGHT, space_after=0)
    bold = style("s-tebal", size=8.5, bold=True, align=TA_CENTER, space_after=1)
    rule = para("-" * 42, center)
    story: list[Flowable] = [para(receipt.profile.name, bold)]
    for line in (_address(receipt), receipt.profile.phone and f"WA {receipt.profile.phone}"):
        if line:
            story.append(para(line, center))
    story += [rule, para(receipt.title, style("s-judul", size=8, bold=True, align=TA_CENTER,
                                              space_after=0)),
              para(f"{receipt.ref}", center), para(format_short(receipt.date), center), rule]
    if receipt.party:
        story.append(para(f"{'Dari' if receipt.title == 'KUITANSI' else 'Kepada'}: "
                          f"{receipt.party}", small))
    rows = []
    for ln in receipt.lines:
        rows.append([para(ln.name, small), ""])
        detail = f"{quantity(ln.qty)} {ln.unit} x {rupiah(ln.price)}" if ln.qty and ln.price \
            else ""
        rows.append([para(detail, small), para(rupiah(ln.amount + ln.discount), right)])
        if ln.discount:
            rows.append([para("  potongan", small), para(rupiah(-ln.discount), right)])
    if receipt.discount:
        rows.append([para("Potongan nota", small), para(rupiah(-receipt.discount), right)])
    rows.append([para("TOTAL", style("s-total", size=8.5, bold=True)),
                 para(rupiah(receipt.total), style("s-total-r", size=8.5, bold=True,
                                                    align=TA_RIGHT))])
    items = grid(rows, [width * 0.55, width * 0.45], tight=True)
    items.setStyle([("LINEABOVE", (0, -1), (-1, -1), 0.5, "black")])
    story += [items, para(_payment(receipt), small), para(receipt.words, small)]
    story += [*_qris(receipt, min(width * 0.8, 45 * mm), center), rule]
    if receipt.cancelled_by:
        story.append(para(f"DIBATALKAN ({receipt.cancelled_by})", bold))
    story.append(para("Terima kasih", center))
    return story


def write_receipt(receipt: Receipt, path: Path, *, size: str = "a5") -> Path:
    """Print the slip in the chosen size."""
    title = f"{receipt.title.title()} {receipt.ref}"
    if size == "a5":
        margin = 12 * mm
        story = a5_story(receipt, A5[0] - 2 * margin)
        return build_pdf(path, story, title=title, author=receipt.profile.name, pagesize=A5,
                         margin=margin, footer=False, on_page=_stamp(receipt))  # type: ignore[arg-type]
    strip = STRIP_WIDTHS.get(size, STRIP_WIDTH)
    width = strip - 2 * STRIP_MARGIN
    story = strip_story(receipt, width)
    height = sum(f.wrap(width, 10_000)[1] + f.getSpaceAfter() + f.getSpaceBefore() for f in story)
    page = (strip, height + 2 * STRIP_MARGIN + 4 * mm)
    return build_pdf(path, strip_story(receipt, width), title=title,
                     author=receipt.profile.name, pagesize=page, margin=STRIP_MARGIN,
                     footer=False)
