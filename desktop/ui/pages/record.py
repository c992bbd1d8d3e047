"""Catat Transaksi: one large button per form, the form itself, and undo of the last entry."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.books.book import Book
from desktop.books.errors import UserFacingError
from desktop.books.i18n import tr
from desktop.books.ledger import EntryRow, Posted, last_reversible, reverse_entry
from desktop.ui.errors import show_error
from desktop.ui.pages.base import Page
from desktop.ui.pages.record_form import FormPanel, describe
from desktop.ui.pages.record_specs import BY_KIND, SPECS
from desktop.ui.session import Session
from desktop.ui.widgets.common import ErrorLabel, TwoLineButton, banner, muted, primary_button


class RecordPage(Page):
    """The owner picks what happened; the form asks only what that form needs."""

    key = "catat"
    depends = frozenset({"entries"})

    @classmethod
    def title(cls) -> str:
        return tr("Catat Transaksi")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.banner = banner()
        self.layout_.addWidget(self.banner)
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
            grid.addWidget(button, index // 3, index % 3)
        self.undo = UndoPanel(session)
        self.undo.done.connect(self._undone)
        menu.addWidget(self.undo)
        menu.addStretch()
        self.stack.addWidget(self.menu)
        self.form: FormPanel | None = None

    def open_form(self, kind: str) -> FormPanel:
        """Show the form of one kind (a fresh one each time)."""
        if self.form is not None:
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
        self.form = FormPanel(self.session, BY_KIND[kind])
        self.form.saved.connect(self._saved)
        self.form.back.connect(self.show_menu)
        self.stack.addWidget(self.form)
        self.stack.setCurrentWidget(self.form)
        self.banner.hide()
        return self.form

    def show_menu(self) -> None:
        """Back to the buttons."""
        self.stack.setCurrentWidget(self.menu)
        self.undo.refresh()

    def _saved(self, posted: Posted) -> None:
        assert self.form is not None
        text = describe(self.form.spec, posted)
        if posted.warnings:
            text += "\n" + "\n".join(tr("Perhatian: {text}", text=w) for w in posted.warnings)
        self.banner.setText(text)
        self.banner.show()
        self.undo.refresh()

    def _undone(self, posted: Posted) -> None:
        self.banner.setText(tr("Dibatalkan dengan {ref}: {memo}", ref=posted.ref,
                               memo=posted.memo))
        self.banner.show()

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

    def refresh(self) -> None:
        """Read the newest entry that can still be cancelled."""
        self.session.run(lambda book: last_reversible(book.conn), done=self._show)

    def _show(self, entry: EntryRow | None) -> None:
        self.last = entry
        self.button.setEnabled(entry is not None)
        self.reason.setEnabled(entry is not None)
        self.info.setText(tr("Transaksi terakhir: {ref} · {memo}", ref=entry.ref, memo=entry.memo)
                          if entry else tr("Belum ada transaksi."))

    def cancel_last(self) -> None:
        """Reverse the newest entry with the reason typed (a reason is required)."""
        if self.last is None:
            return
        ref, reason = self.last.ref, self.reason.text()
        self.error.show_message("")

        def work(book: Book) -> Posted:
            with book.write() as conn:
                return reverse_entry(conn, ref=ref, reason=reason, device_id=book.device_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserFacingError):
                self.error.show_message(exc.message())
            else:
                show_error(self, exc)

        self.session.run(work, done=self._cancelled, failed=failed,
                         changes={"entries", "stock", "parties", "assets"})

    def _cancelled(self, posted: Posted) -> None:
        self.reason.clear()
        self.done.emit(posted)
        self.refresh()
