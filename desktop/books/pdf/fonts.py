"""The embedded TrueType font (Bitstream Vera, shipped inside ReportLab) so every PC prints alike."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reportlab
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR, BOLD, ITALIC, BOLD_ITALIC = "Lumbung", "Lumbung-Bold", "Lumbung-Italic", "Lumbung-BI"
_FILES = {REGULAR: "Vera.ttf", BOLD: "VeraBd.ttf", ITALIC: "VeraIt.ttf", BOLD_ITALIC: "VeraBI.ttf"}


@cache
def register_fonts() -> str:
    """Register the font family once and return the regular face's name."""
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, ITALIC)
    addMapping(REGULAR, 1, 1, BOLD_ITALIC)
    return REGULAR


def text_width(text: str, font: str, size: float) -> float:
    """Width of a string in points (registering the fonts on first use)."""
    register_fonts()
    width: float = pdfmetrics.stringWidth(text, font, size)  # points of paper, not money
    return width
