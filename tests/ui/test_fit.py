"""Everything fits at 1366×768 less a 40 px taskbar, in Normal and Besar, in both languages."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QWidget,
)

from desktop.ui.windows.main import MainWindow

WIDTH, HEIGHT = 1366, 768 - 40
SHOTS = os.environ.get("LUMBUNG_FIT_SHOTS")  # a folder: save what the test looked at


def scrolled(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel) and not widget.wordWrap() and widget.textFormat() != 1:
        return widget.text() if "<" not in widget.text() else ""
    if isinstance(widget, QAbstractButton) and widget.layout() is None:
        return widget.text().replace("&&", "&")
    return ""


def problems(win: MainWindow) -> list[str]:
    """Visible widgets whose one-line text is wider than they are, or that leave the window."""
    found = []
    frame = QRect(0, 0, win.width(), win.height())
    for widget in win.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        where = QRect(widget.mapTo(win, widget.rect().topLeft()), widget.size())
        if not scrolled(widget) and not frame.contains(where):
            found.append(f"outside: {type(widget).__name__} {widget.objectName()!r} {where}")
        text = text_of(widget)
        if text and "\n" not in text:
            room = widget.contentsRect().width()
            if isinstance(widget, QAbstractButton):
                room -= 8  # the style's padding
            wide = widget.fontMetrics().horizontalAdvance(text)
            if wide > room + 2:
                found.append(f"cut: {type(widget).__name__} {text!r} {wide}>{room}")
            if isinstance(widget, QLabel) and \
                    widget.contentsRect().height() < widget.fontMetrics().height() - 2:
                found.append(f"squeezed: {type(widget).__name__} {text!r}")
    return found


@pytest.mark.parametrize("size", ["normal", "besar"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_page_fits_a_small_laptop_screen(demo: MainWindow, size: str, lang: str) -> None:
    demo.apply_settings(replace(demo.settings, text_size=size, language=lang))
    demo.resize(WIDTH, HEIGHT)
    assert demo.workspace is not None
    found: dict[str, list[str]] = {}
    for key in list(demo.workspace.pages):
        demo.workspace.show_page(key)
        QApplication.processEvents()
        trouble = problems(demo)
        if trouble:
            found[key] = trouble
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            demo.grab().save(str(Path(SHOTS) / f"{key}-{size}-{lang}.png"))
    record = demo.workspace.show_page("catat")
    for kind in ("penjualan-tunai", "pembelian-persediaan", "pembelian-aset"):  # the longest
        form = record.open_form(kind)  # type: ignore[attr-defined]
        form.start_new_item() if form.new_item is not None else None
        QApplication.processEvents()
        trouble = problems(demo)
        if trouble:
            found[kind] = trouble
        if SHOTS:
            demo.grab().save(str(Path(SHOTS) / f"form-{kind}-{size}-{lang}.png"))
    assert demo.width() <= WIDTH and demo.height() <= HEIGHT
    assert not found, "\n".join(f"{k}: {p}" for k, v in found.items() for p in v)
