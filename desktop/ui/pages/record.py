"""Catat Transaksi: one large button per form, the form itself, and undo of the last entry."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.dates import format_short
from desktop.books.errors import UserFacingError
from desktop.books.i18n import current_lang, tr
from desktop.books.ledger import EntryRow, Posted, last_reversible, reverse_entry
from desktop.ui.errors import plain_message, show_error
from desktop.ui.models.labels import kind_label
from desktop.ui.pages.base import Page
from desktop.ui.pages.record_form import FormPanel, describe
from desktop.ui.pages.record_specs import BY_KIND, SPECS
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, TwoLineButton, muted, primary_button, reserved_banner
from desktop.ui.widgets.confirm import ConfirmBar


def scrolled(widget: QWidget) -> QScrollArea:
    """The widget in a frameless vertical scroll area: a tall form never makes the window grow."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    widget.setProperty("scroller", scroll)
    return scroll


class FormFrame(QWidget):
    """A form scrolling above its Simpan / Kembali row, which stays at the bottom in sight.

    However long the form (Besar, a new-item panel open, messages shown), "Simpan (Enter)"
    never scrolls away. Keys pressed on those buttons reach the form (Escape goes back).
    """

    def __init__(self, form: FormPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(scrolled(form), 1)
        layout.addWidget(form.footer)
        form.setProperty("scroller", self)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        focus = self.focusWidget()
        if focus is not None and self.form.footer.isAncestorOf(focus):
            self.form.keyPressEvent(event)
        else:
            super().keyPressEvent(event)


COLUMNS = 4  # four tiles a row: every form fits a 1366×768 laptop, even in Besar


class RecordPage(Page):
    """The owner picks what happened; the form asks only what that form needs."""

    key = "catat"
    depends = frozenset({"entries"})

    @classmethod
    def title(cls) -> str:
        return tr("Catat Transaksi")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # beside the title, taking its space always: the tiles never move under the mouse
        self.banner = self.title_row.add_notice(reserved_banner(2))
        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack, 1)
        self.menu = QWidget()
        menu = QVBoxLayout(self.menu)
        menu.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setSpacing(10)
        menu.addLayout(grid)
        self.buttons: dict[str, QPushButton] = {}
        for index, spec in enumerate(SPECS):
            button = TwoLineButton(tr(spec.title), tr(spec.hint),
                                   primary=spec.kind == "penjualan-tunai")
            button.setObjectName(f"form-{spec.kind}")
            button.clicked.connect(lambda _c=False, kind=spec.kind: self.open_form(kind))
            self.buttons[spec.kind] = button
            grid.addWidget(button, index // COLUMNS, index % COLUMNS)
        self.undo = UndoPanel(session)
        self.undo.done.connect(self._undone)
        menu.addWidget(self.undo)
        menu.addStretch()
        self.menu_scroll = scrolled(self.menu)  # more tiles than fit in Besar scroll
        self.stack.addWidget(self.menu_scroll)
        self.form: FormPanel | None = None
        self.forms: dict[str, FormPanel] = {}

    def open_form(self, kind: str) -> FormPanel:
        """Show the form of one kind; one left with Kembali comes back as it was left."""
        form = self.forms.get(kind)
        if form is None:
            form = FormPanel(self.session, BY_KIND[kind])
            form.saved.connect(self._saved)
            form.back.connect(self.show_menu)
            self.forms[kind] = form
            self.stack.addWidget(FormFrame(form))
        else:
            form.reload()  # an item or customer added elsewhere meanwhile is there now
            form.focus_first()
        self.form = form
        self.stack.setCurrentWidget(form.scroller)
        self.banner.say("")
        return form

    def show_menu(self) -> None:
        """Back to the buttons, with the cursor on the form just left."""
        self.stack.setCurrentWidget(self.menu_scroll)
        self.undo.refresh()
        button = self.buttons.get(self.form.spec.kind) if self.form is not None else None
        (button or self.buttons["penjualan-tunai"]).setFocus()

    def _saved(self, posted: Posted) -> None:
        assert self.form is not None
        text = describe(self.form.spec, posted)
        if posted.warnings:
            text += "\n" + "\n".join(tr("Perhatian: {text}", text=w) for w in posted.warnings)
        self.banner.say(text)
        self.undo.refresh()

    def _undone(self, posted: Posted) -> None:
        self.banner.say(tr("Dibatalkan dengan {ref}: {memo}", ref=posted.ref, memo=posted.memo))

    def refresh(self) -> None:
        super().refresh()
        self.undo.refresh()


class UndoPanel(QWidget):
    """'Batalkan transaksi terakhir': shows the newest entry and cancels it with a reason."""

    done = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.last: EntryRow | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 12, 0, 0)
        self.info = muted("")
        box.addWidget(self.info)
        row = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("undo-reason")
        self.reason.setPlaceholderText(tr("Alasan pembatalan, misalnya: salah ketik jumlah"))
        self.button = primary_button(tr("Batalkan transaksi terakhir"))
        self.button.setProperty("primary", False)
        self.button.setProperty("danger", True)
        self.button.setObjectName("undo")
        self.button.clicked.connect(self.cancel_last)
        self.reason.returnPressed.connect(self.cancel_last)
        row.addWidget(self.reason, 1)
        row.addWidget(self.button)
        box.addLayout(row)
        self.error = ErrorLabel()
        box.addWidget(self.error)
        self.confirm = ConfirmBar()
        box.addWidget(self.confirm)

    def refresh(self) -> None:
        """Read the newest entry that can still be cancelled."""
        self.session.run(lambda book: last_reversible(book.conn), done=self._show)

    def _show(self, entry: EntryRow | None) -> None:
        self.last = entry
        self.button.setEnabled(entry is not None)
        self.reason.setEnabled(entry is not None)
        self.info.setText(tr("Transaksi terakhir: {what}", what=self.what(entry))
                          if entry else tr("Belum ada transaksi."))

    def what(self, entry: EntryRow) -> str:
        """Which transaction, in words: 'Penjualan tunai · 5 Des 2026 · Keripik 3 bks (PJ-0042)'."""
        parts = [kind_label(entry.kind), format_short(entry.date, current_lang())]
        if entry.memo:
            parts.append(entry.memo)
        return " · ".join(parts) + f" ({entry.ref})"

    def cancel_last(self) -> None:
        """Ask first, naming the transaction; on yes, reverse it with the reason typed."""
        if self.last is None:
            return
        entry, reason = self.last, self.reason.text()
        self.error.show_message("")
        if not reason.strip():
            self.error.show_message(tr("Alasan pembatalan wajib diisi."))
            self.reason.setFocus()
            return
        self.confirm.ask(tr("Batalkan transaksi ini? {what}\nTransaksinya tetap terlihat sebagai "
                            "dibatalkan.", what=self.what(entry)),
                         tr("Ya, batalkan"), lambda: self._reverse(entry.ref, reason),
                         no=tr("Jangan"))

    def _reverse(self, ref: str, reason: str) -> None:
        def work(book: Book) -> Posted:
            with book.write() as conn:
                return reverse_entry(conn, ref=ref, reason=reason, device_id=book.device_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.error.show_message(plain_message(exc))
            else:
                show_error(self, exc)

        self.session.run(work, done=self._cancelled, failed=failed,
                         changes={"entries", "stock", "parties", "assets"})

    def _cancelled(self, posted: Posted) -> None:
        self.reason.clear()
        self.done.emit(posted)
        self.refresh()
