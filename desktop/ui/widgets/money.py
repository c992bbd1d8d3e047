"""A rupiah field that groups thousands with dots while the owner types (1.250.000)."""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.books.i18n import N_, tr


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
    """Rupiah amounts with live grouping; a minus sign or a letter is refused, and `refused` says so."""

    amountChanged = Signal(str)
    refused = Signal(str)  # why typed characters were left out

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0")
        self.setMaxLength(22)
        self.textEdited.connect(self._regroup)

    def _regroup(self, text: str) -> None:
        refused = refusal(text)
        if refused:  # stays under the field until the next save, so she can read it
            self.refused.emit(refused)
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


REFUSED_MINUS = N_("Tanda minus tidak dipakai di sini: tulis jumlahnya saja. Untuk uang keluar, "
                   "pilih transaksi yang sesuai, misalnya Bayar biaya.")
REFUSED_LETTER = N_("Di sini hanya angka yang bisa diketik.")
REFUSED_QTY = N_("Jumlah barang hanya angka, misalnya 3 atau 2,5.")


def refusal(typed: str) -> str | None:
    """Why typed text was changed: a minus sign or letters were left out (None when not)."""
    if "-" in typed or "(" in typed:
        return tr(REFUSED_MINUS)
    if any(not (ch.isdigit() or ch in ".,") for ch in typed):
        return tr(REFUSED_LETTER)
    return None


class QtyEdit(QLineEdit):
    """A quantity: digits with up to three decimals after a comma or dot, nothing else.

    A refused key (a minus sign, a letter) is said at once through `refused(text)`.
    """

    refused = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(14)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"^\d{0,9}([.,]\d{0,3})?$"),
                                                      self))
        self.inputRejected.connect(lambda: self.refused.emit(tr(REFUSED_QTY)))
