"""The owner's QRIS drawn from its payload, for the kasir screen and Pengaturan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel

from desktop.books.qris import qris_png


def qris_pixmap(payload: str, size: int) -> QPixmap:
    """The QR code at `size` pixels, kept sharp (no smoothing between modules)."""
    pixmap = QPixmap()
    pixmap.loadFromData(qris_png(payload, scale=8))
    return pixmap.scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio,
                         Qt.TransformationMode.FastTransformation)


def show_qris(label: QLabel, payload: str | None, size: int) -> None:
    """Put the QR in `label`, or clear it when there is none."""
    if payload:
        label.setPixmap(qris_pixmap(payload, size))
    else:
        label.setPixmap(QPixmap())
