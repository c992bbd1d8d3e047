"""A4 documents with a footer 'Halaman N dari M', written atomically to the chosen path."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from desktop.books import dates
from desktop.books.dates import format_short
from desktop.books.errors import InputError
from desktop.books.pdf.fonts import REGULAR, register_fonts, text_width

MARGIN = 18 * mm
FOOTER_SIZE = 7.5
_TOTAL_FORM = "lumbung-total-pages"


class NumberedCanvas(Canvas):
    """A canvas that learns the page count at the end and fills it into every footer.

    Each footer refers to one PDF form; the form is drawn once, after the last page, so pages
    can be written out as they are made (a 2,000-page ledger is never held as page states).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("pageCompression", 1)
        # Start in the embedded font, or ReportLab puts an unembedded Helvetica on every page.
        kwargs["initialFontName"] = register_fonts()
        super().__init__(*args, **kwargs)
        self.pages_done = 0

    def showPage(self) -> None:
        self.pages_done += 1
        super().showPage()

    def save(self) -> None:
        total = self.pages_done + (1 if self._code else 0)  # type: ignore[attr-defined]
        self.beginForm(_TOTAL_FORM)
        self.setFont(REGULAR, FOOTER_SIZE)
        self.drawString(0, 0, str(total))
        self.endForm()
        super().save()


def draw_footer(canvas: Canvas, left: str, page_width: float) -> None:
    """'Halaman N dari M' on the left, the business and print date on the right."""
    canvas.saveState()
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.setStrokeGray(0.7)
    canvas.setLineWidth(0.4)
    y = MARGIN * 0.55
    canvas.line(MARGIN, y + 9, page_width - MARGIN, y + 9)
    label = f"Halaman {canvas.getPageNumber()} dari "
    canvas.drawString(MARGIN, y, label)
    canvas.saveState()
    canvas.translate(MARGIN + text_width(label, REGULAR, FOOTER_SIZE), y)
    canvas.doForm(_TOTAL_FORM)
    canvas.restoreState()
    tail = f" · dicetak {format_short(dates.today())} dengan Lumbung"
    room = page_width - 2 * MARGIN - text_width(label + "0000", REGULAR, FOOTER_SIZE) - 12
    name = left
    while name and text_width(name + tail, REGULAR, FOOTER_SIZE) > room:
        name = name[:-2].rstrip() + "…" if len(name) > 2 else ""
    canvas.drawRightString(page_width - MARGIN, y, name + tail)
    canvas.restoreState()


def build_pdf(path: Path, story: Sequence[Flowable], *, title: str, author: str,
              pagesize: tuple[float, float] = A4, margin: float = MARGIN,
              footer: bool = True, on_page: Callable[[Canvas], None] | None = None) -> Path:
    """Lay out the flowables into a PDF at `path`; a failure leaves no half-written file."""
    register_fonts()
    target = Path(path).expanduser()
    if target.is_dir():
        raise InputError("'{value}' adalah folder; tulis nama berkas PDF", field="pdf",
                         value=str(target))
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.sebagian")
    width, _height = pagesize

    def decorate(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        if footer:
            draw_footer(canvas, author, width)
        if on_page:
            on_page(canvas)

    try:
        doc = BaseDocTemplate(str(partial), pagesize=pagesize, title=title, author=author,
                              creator="Lumbung", leftMargin=margin, rightMargin=margin,
                              topMargin=margin, bottomMargin=margin * (1.2 if footer else 1))
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="isi",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="halaman", frames=[frame], onPage=decorate)])
        doc.build(list(story), canvasmaker=NumberedCanvas)
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise InputError("Tidak bisa menulis '{value}': {reason}", field="pdf",
                         value=str(target), reason=exc.strerror or str(exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise
    return target


def content_width(pagesize: tuple[float, float] = A4, margin: float = MARGIN) -> float:
    """Width of the text frame."""
    return pagesize[0] - 2 * margin
