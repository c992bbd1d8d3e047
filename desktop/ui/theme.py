"""Look and feel: large, calm widgets for owners new to computers, in two text sizes."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from desktop.ui.widgets.common import BANNER_PADDING

POINT_SIZES = {"normal": 10.5, "besar": 13.5}
ACCENT = "#2e7d32"
ACCENT_DARK = "#1b5e20"
WARN = "#b71c1c"
FOCUS = "#f9a825"  # amber: a ring that shows on the green button as well as on white ones

STYLE = """
QWidget {{ font-size: {size}pt; }}
QMainWindow, #workspace {{ background: #f6f7f4; }}
#sidebar {{ background: #1f3b2d; border: none; }}
#sidebar QPushButton {{ color: #e8f0e8; background: transparent; border: none; text-align: left;
    padding: 7px 16px; font-size: {big}pt; }}
#sidebar QPushButton:checked {{ background: #2e5c43; font-weight: bold; }}
#sidebar QPushButton:hover {{ background: #29503a; }}
#sidebar QLabel#brand {{ color: #ffffff; font-size: {big}pt; font-weight: bold; padding: 14px 16px; }}
QPushButton {{ padding: 6px 14px; border-radius: 6px; border: 1px solid #b9c2b5; background: #ffffff; }}
QPushButton:focus {{ border: 2px solid {accent}; }}
QComboBox:focus, QDateEdit:focus, QSpinBox:focus {{ border: 2px solid {accent}; }}
QRadioButton:focus, QCheckBox:focus {{ color: {accent_dark}; text-decoration: underline; }}
QPushButton[primary="true"] {{ background: {accent}; color: white; border: 1px solid {accent_dark};
    font-weight: bold; }}
QPushButton[big="true"] {{ padding: 14px 18px; font-size: {big}pt; text-align: left; }}
QPushButton[big="true"]:checked {{ border: 3px solid {accent}; background: #e8f5e9;
    font-weight: bold; }}
QPushButton[primary="true"]:focus, QPushButton[big="true"]:focus {{ border: 3px solid {focus}; }}
QPushButton[danger="true"] {{ color: {warn}; }}
QLineEdit, QPlainTextEdit {{ padding: 5px; border: 1px solid #b9c2b5; border-radius: 4px;
    background: white; }}
QComboBox, QDateEdit, QSpinBox {{ padding: 4px; min-height: 1.6em; }}
QLineEdit:focus {{ border: 2px solid {accent}; }}
QLabel[error="true"] {{ color: {warn}; }}
QLabel[heading="true"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[muted="true"] {{ color: #5f6b5c; }}
QFrame[card="true"] {{ background: white; border: 1px solid #dde3d9; border-radius: 8px; }}
QLabel[figure="true"] {{ font-size: {title}pt; font-weight: bold; }}
QLabel[banner="true"] {{ background: #e8f5e9; border: 1px solid #a5d6a7; border-radius: 6px;
    padding: {banner_padding}px 8px; }}
QTableView {{ background: white; alternate-background-color: #f7f9f5; gridline-color: #e3e8df; }}
QHeaderView::section {{ background: #e9ede6; padding: 5px; border: none;
    border-bottom: 1px solid #c9d1c4; font-weight: bold; }}
"""


def apply_theme(app: QApplication, text_size: str) -> None:
    """Set the base font and the style sheet for the chosen text size."""
    size = POINT_SIZES.get(text_size, POINT_SIZES["normal"])
    font = QFont(app.font())
    font.setPointSizeF(size)
    app.setFont(font)
    app.setStyleSheet(STYLE.format(size=size, big=size + 1.5, title=size + 4, accent=ACCENT,
                                   accent_dark=ACCENT_DARK, warn=WARN, focus=FOCUS,
                                   banner_padding=BANNER_PADDING))
