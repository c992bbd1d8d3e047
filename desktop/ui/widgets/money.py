"""A rupiah field that groups thousands with dots while the owner types (1.250.000)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget


def group_typed(text: str, cursor: int) -> tuple[str, int]:
    """Reformat typed rupiah text; keep the cursor after the same digit it followed.

    Digits are grouped by three with dots; one comma starts up to two decimal digits (sen).
    Anything else the owner types is dropped.
    """
    digits_before = sum(ch.isdigit() for ch in text[:cursor])
    whole, comma, frac = text.partition(",")
    whole_digits = "".join(ch for ch in whole if ch.isdigit()).lstrip("0") or ("0" if comma else "")
    frac_digits = "".join(ch for ch in frac if ch.isdigit())[:2]
    grouped = f"{int(whole_digits):,}".replace(",", ".") if whole_digits else ""
    result = grouped + ("," + frac_digits if comma else "")
    seen, position = 0, 0
    for position, ch in enumerate(result, start=1):  # noqa: B007 - position is used after
        if ch.isdigit():
            seen += 1
        if seen >= digits_before:
            break
    else:
        position = len(result)
    return result, position if digits_before else 0


def plain_amount(text: str) -> str:
    """The field's text as the books read it: '1.250.000,50' -> '1250000,50'."""
    return text.replace(".", "").strip()


class MoneyEdit(QLineEdit):
    """Line edit for rupiah amounts with live grouping; `amount_text()` feeds parse_amount."""

    amountChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0")
        self.setMaxLength(22)
        self.textEdited.connect(self._regroup)

    def _regroup(self, text: str) -> None:
        grouped, cursor = group_typed(text, self.cursorPosition())
        if grouped != text:
            self.setText(grouped)
            self.setCursorPosition(cursor)
        self.amountChanged.emit(plain_amount(grouped))

    def amount_text(self) -> str:
        """The amount as typed, without grouping dots (empty when nothing is typed)."""
        return plain_amount(self.text())

    def set_amount(self, sen: int | None) -> None:
        """Show an amount given in sen."""
        if sen is None:
            self.clear()
            return
        rupiah, cents = divmod(sen, 100)
        text = f"{rupiah:,}".replace(",", ".") + (f",{cents:02d}" if cents else "")
        self.setText(text)
