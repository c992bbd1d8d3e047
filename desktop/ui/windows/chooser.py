"""Choosing a business on a shared PC: large cards, then the PIN pad of the one chosen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.books.i18n import tr
from desktop.books.store.registry import BusinessRef
from desktop.ui.widgets.common import heading, muted
from desktop.ui.widgets.pinpad import PinPad


class Chooser(QWidget):
    """Cards for every business on this PC; `unlock(ref, pin)` asks the window to open one."""

    unlock = Signal(object, str)
    forgot = Signal(object)  # the chosen business's PIN is forgotten
    wants_new = Signal()
    wants_demo = Signal()
    wants_restore = Signal()
    wants_server = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chosen: BusinessRef | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        left = QVBoxLayout()
        left.addWidget(heading(tr("Pilih usaha Anda")))
        left.addWidget(muted(tr("Klik kartu usaha, lalu masukkan PIN-nya.")))
        self.cards = QGridLayout()
        self.cards.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.cards.setSpacing(12)
        holder = QWidget()
        holder.setObjectName("cards")
        holder.setLayout(self.cards)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(holder)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, #cards { background: transparent; }")
        left.addWidget(scroll, 1)
        more = QHBoxLayout()
        for text, signal in ((tr("Buat usaha baru"), self.wants_new),
                             (tr("Coba data contoh"), self.wants_demo),
                             (tr("Pulihkan dari cadangan"), self.wants_restore),
                             (tr("Pulihkan dari server"), self.wants_server)):
            button = QPushButton(text)
            button.clicked.connect(signal.emit)
            more.addWidget(button)
        more.addStretch()
        left.addLayout(more)
        layout.addLayout(left, 3)
        self.pad = PinPad()
        self.pad.setMaximumWidth(300)
        self.pad.entered.connect(self._entered)
        self.pad.forgot.connect(lambda: self.chosen is not None and self.forgot.emit(self.chosen))
        self.pad.setEnabled(False)
        layout.addWidget(self.pad, 1, Qt.AlignmentFlag.AlignVCenter)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self._refs: list[BusinessRef] = []

    def set_businesses(self, refs: list[BusinessRef], *, select: str = "") -> None:
        """Show one card per business; preselect one (the last used, or the locked one)."""
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.deleteLater()
        self._refs = refs
        for index, ref in enumerate(refs):
            card = QPushButton(ref.name)
            card.setCheckable(True)
            card.setProperty("big", True)
            card.setToolTip(ref.name)
            card.ensurePolished()  # the big font of Besar decides the width: the name shows whole
            card.setFixedSize(min(max(280, card.sizeHint().width() + 16), 560), 96)
            card.setObjectName(f"card-{ref.slug}")
            card.clicked.connect(lambda _checked=False, r=ref: self.choose(r))
            self.group.addButton(card)
            self.cards.addWidget(card, index // 2, index % 2)
        chosen = next((r for r in refs if select in (r.id, r.slug)), None)
        if chosen is None and len(refs) == 1:
            chosen = refs[0]
        if chosen is not None:
            self.choose(chosen)
        else:
            self.chosen = None
            self.pad.setEnabled(False)

    def choose(self, ref: BusinessRef) -> None:
        """Select a business and move the keyboard to its PIN."""
        self.chosen = ref
        for button in self.group.buttons():
            button.setChecked(button.objectName() == f"card-{ref.slug}")
        self.pad.prompt.setText(tr("PIN untuk {name}", name=ref.name))
        self.pad.setEnabled(True)
        self.pad.reset()

    def _entered(self, pin: str) -> None:
        if self.chosen is not None:
            self.unlock.emit(self.chosen, pin)
