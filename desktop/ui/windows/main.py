"""The one window: welcome or chooser before a business is open, the workspace after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow, QStackedWidget

from desktop.books import dates
from desktop.books.backup import restore
from desktop.books.business import create_business, list_businesses, open_business
from desktop.books.errors import AuthError
from desktop.books.i18n import set_language, tr
from desktop.books.opening import OpeningInput, post_opening
from desktop.books.store.registry import BusinessRef
from desktop.ui.errors import plain_message, show_error
from desktop.ui.pages.base import Page
from desktop.ui.pages.settings_common import inform
from desktop.ui.session import Session
from desktop.ui.settings import AppSettings
from desktop.ui.sync_runner import SyncRunner
from desktop.ui.theme import apply_theme
from desktop.ui.widgets.recovery import ForgotPinDialog, show_recovery_code
from desktop.ui.windows.chooser import Chooser
from desktop.ui.windows.idle import IdleLock
from desktop.ui.windows.server_restore import ServerRestoreDialog
from desktop.ui.windows.welcome import Welcome
from desktop.ui.windows.wizard import NewBusiness, NewBusinessWizard
from desktop.ui.windows.workspace import Workspace
from desktop.ui.worker import SyncWorker, Worker
from sync_client.engine import SyncResult


def default_pages() -> list[type[Page]]:
    """The sidebar, in order."""
    from desktop.ui.pages.cashbook import CashbookPage
    from desktop.ui.pages.guide import GuidePage
    from desktop.ui.pages.home import HomePage
    from desktop.ui.pages.kasir import KasirPage
    from desktop.ui.pages.parties import PartiesPage
    from desktop.ui.pages.record import RecordPage
    from desktop.ui.pages.reports import ReportsPage
    from desktop.ui.pages.settings import SettingsPage
    from desktop.ui.pages.shop import ShopPage
    from desktop.ui.pages.stock import StockPage

    return [HomePage, RecordPage, KasirPage, CashbookPage, StockPage, PartiesPage, ReportsPage,
            ShopPage, SettingsPage, GuidePage]


class MainWindow(QMainWindow):
    """Routes between the screens and owns the session, the idle lock and the settings."""

    def __init__(self, data_dir: Path, worker: Worker | SyncWorker,
                 settings: AppSettings | None = None,
                 pages: Callable[[], list[type[Page]]] = default_pages,
                 net: Worker | SyncWorker | None = None) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.settings = settings or AppSettings.load(data_dir)
        self.page_classes = pages
        self.session = Session(data_dir, worker, on_error=lambda exc: show_error(self, exc))
        self.session.pendamping = self.settings.pendamping
        self.session.seen_hints = set(self.settings.seen_hints)
        self.session.hint_seen = self._hint_seen
        # The network gets its own thread: a slow link never holds up the books' worker.
        self.net = net or (Worker("lumbung-net") if isinstance(worker, Worker) else SyncWorker())
        self.session.sync = SyncRunner(self.session, self.net)
        self.session.opened.connect(self._opened)
        self.session.renamed.connect(lambda ref: self.setWindowTitle(f"Lumbung — {ref.name}"))
        self.workspace: Workspace | None = None
        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.welcome = Welcome()
        self.chooser = Chooser()
        for screen in (self.welcome, self.chooser):
            self.stack.addWidget(screen)
            screen.wants_new.connect(self.new_business)
            screen.wants_demo.connect(self.open_demo)
            screen.wants_restore.connect(lambda: self.restore_backup())
            screen.wants_server.connect(self.restore_from_server)
        self.chooser.unlock.connect(self.unlock)
        self.chooser.forgot.connect(self.forgot_pin)
        self.idle = IdleLock(self.lock, self.settings.lock_minutes, parent=self)
        self.setWindowTitle("Lumbung")
        self.resize(1366, 768)
        self.show_start()

    def show_fitted(self) -> None:
        """Show the window inside the screen: maximised when the screen is not larger than it.

        The window is never larger than the screen's available area (taskbar excluded), so
        buttons at the bottom such as "Ganti usaha" are never off the edge.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.show()
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        wanted = QSize(1366, 768)
        if room.width() <= wanted.width() + frame.width() or \
                room.height() <= wanted.height() + frame.height():
            self.resize(room.size() - frame)
            self.showMaximized()
            return
        self.resize(wanted)
        self.move(room.center() - self.rect().center())
        self.show()

    def _hint_seen(self, kind: str) -> None:
        """A form's first-time hint is shown once on this PC."""
        if kind not in self.settings.seen_hints:
            self.settings.seen_hints.append(kind)
            self.settings.save(self.data_dir)

    # -- screens -------------------------------------------------------------------------------
    def show_start(self, select: str = "") -> None:
        """The chooser when there are businesses on this PC, otherwise the welcome screen."""
        def show(refs: list[BusinessRef]) -> None:
            if refs:
                self.chooser.set_businesses(refs, select=select or self.settings.last_business)
                self.stack.setCurrentWidget(self.chooser)
            else:
                self.stack.setCurrentWidget(self.welcome)

        self.session.run_plain(lambda: list_businesses(self.data_dir), done=show)

    def unlock(self, ref: BusinessRef, pin: str) -> None:
        """Open the chosen business; a wrong PIN is explained under the PIN pad."""
        def refused(exc: BaseException) -> None:
            if isinstance(exc, AuthError) and "wait" in exc.params:
                self.chooser.pad.count_down(exc)  # the seconds left go down on screen
            elif isinstance(exc, AuthError):
                self.chooser.pad.show_error(plain_message(exc))
            else:
                show_error(self, exc)

        self.session.open(ref.id, pin, failed=refused)

    def forgot_pin(self, ref: BusinessRef) -> ForgotPinDialog:
        """Ask for the recovery code and a new PIN; the business opens with the new PIN."""
        dialog = ForgotPinDialog(self.data_dir, ref, self.session.run_plain, self)
        dialog.reset_done.connect(lambda done, pin: self.session.open(done.id, pin))
        dialog.open()
        return dialog

    def _opened(self, ref: BusinessRef) -> None:
        self.settings.last_business = ref.id
        self.settings.save(self.data_dir)
        self._build_workspace()
        self.idle.restart()
        code = self.session.take_recovery_code()
        if code:  # older plain books were just encrypted: the owner writes the code down now
            show_recovery_code(self, code, ref.name)

    def _build_workspace(self) -> None:
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
        self.workspace = Workspace(self.session, self.page_classes())
        self.workspace.lock_requested.connect(self.lock)
        self.workspace.switch_requested.connect(self.switch)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.setWindowTitle(f"Lumbung — {self.session.business.name if self.session.business else ''}")

    def lock(self) -> None:
        """Close the business now; its PIN is needed to come back."""
        if not self.session.is_open:
            return
        current = self.session.business.id if self.session.business else ""
        self._drop_workspace()
        self.show_start(select=current)

    def switch(self) -> None:
        """Close the business and show every business on this PC."""
        self._drop_workspace()
        self.show_start(select="-")

    def _drop_workspace(self) -> None:
        self.session.close()
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        self.setWindowTitle("Lumbung")

    # -- starting points -----------------------------------------------------------------------
    def new_business(self) -> None:
        """Run the wizard, create the business with its opening cash, and open it."""
        wizard = NewBusinessWizard(self)
        if wizard.exec():
            self.create_from(wizard.result_data())

    def create_from(self, data: NewBusiness) -> None:
        """Create a business from wizard data (also used by tests) and open it."""
        def work() -> BusinessRef:
            profile = dict(data.profile)
            name = profile.pop("name")
            ref = create_business(self.data_dir, name=name, pin=data.pin, **profile)
            if data.opening_cash:
                book = open_business(self.data_dir, ref.id, data.pin)
                try:
                    post_opening(book, OpeningInput(date=dates.today(),
                                                    accounts=[("1101", data.opening_cash)]))
                finally:
                    book.close()
            return ref

        def created(ref: BusinessRef) -> None:
            self.session.open(ref.id, data.pin)
            code = getattr(ref, "recovery_code", "")
            if code:
                show_recovery_code(self, code, ref.name)

        self.session.run_plain(work, done=created)

    def open_demo(self) -> None:
        """Create the demo business if needed and open it with its PIN."""
        from desktop.books.demo import DEMO_PIN, create_demo

        self.session.run_plain(lambda: create_demo(self.data_dir)[0],
                               done=lambda ref: self.session.open(ref.id, DEMO_PIN))

    def restore_backup(self, path: str | None = None, pin: str | None = None) -> None:
        """Pick a backup file and its PIN, restore it, and show it among the businesses."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas cadangan"))
            if not path:
                return
        if pin is None:
            pin, ok = QInputDialog.getText(self, tr("PIN cadangan"),
                                           tr("PIN usaha di berkas cadangan itu:"),
                                           QLineEdit.EchoMode.Password)
            if not ok:
                return
        self.session.run_plain(lambda: restore(self.data_dir, Path(path), pin=pin),
                               done=lambda ref: self.show_start(select=ref.id))

    def restore_from_server(self) -> ServerRestoreDialog:
        """Ask for the mall and the account, bring the books over, and offer the PIN pad."""
        dialog = ServerRestoreDialog(self.data_dir, self.net, self)
        dialog.restored.connect(self._restored_from_server)
        dialog.open()
        return dialog

    def _restored_from_server(self, ref: BusinessRef, result: SyncResult) -> None:
        self.show_start(select=ref.id)
        code = getattr(ref, "recovery_code", "")
        if code:
            show_recovery_code(self, code, ref.name)
        if result.status == "ok":
            inform(self, tr("Buku '{name}' sudah dipulihkan dari Mall ({count} perubahan). "
                            "Masukkan PIN baru untuk membukanya.", name=ref.name,
                            count=result.pulled))
        else:
            inform(self, tr("Sebagian buku '{name}' sudah diterima ({count} perubahan). Sisanya "
                            "diambil sendiri saat buku dibuka dan ada internet.",
                            name=ref.name, count=result.pulled))

    # -- settings ------------------------------------------------------------------------------
    def apply_settings(self, settings: AppSettings) -> None:
        """Language, text size and lock time take effect at once; pages are rebuilt."""
        from PySide6.QtWidgets import QApplication

        self.settings = settings
        self.session.pendamping = settings.pendamping
        settings.save(self.data_dir)
        set_language(settings.language)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, settings.text_size)
        self.idle.set_minutes(settings.lock_minutes)
        current = self.workspace.current().key if self.workspace else None
        if self.session.is_open:
            self._build_workspace()
            if current and self.workspace:
                self.workspace.show_page(current)
        self._rebuild_screens()

    def _rebuild_screens(self) -> None:
        for old in (self.welcome, self.chooser):
            self.stack.removeWidget(old)
            old.deleteLater()
        self.welcome, self.chooser = Welcome(), Chooser()
        for screen in (self.welcome, self.chooser):
            self.stack.insertWidget(0, screen)
            screen.wants_new.connect(self.new_business)
            screen.wants_demo.connect(self.open_demo)
            screen.wants_restore.connect(lambda: self.restore_backup())
            screen.wants_server.connect(self.restore_from_server)
        self.chooser.unlock.connect(self.unlock)
        self.chooser.forgot.connect(self.forgot_pin)

    def closeEvent(self, event: object) -> None:
        self.idle.stop()
        if self.session.sync is not None:
            self.session.sync.cancel()  # what was sent stays sent; the rest goes next time
        self.session.close()
        self.session.worker.wait_idle(timeout=120)  # an automatic backup to a slow USB stick
        super().closeEvent(event)  # type: ignore[arg-type]

