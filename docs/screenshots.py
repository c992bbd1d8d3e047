"""Render every screen of the demo business at 1366x768, in both languages and text sizes.

Run with `make screenshots` (under Xvfb, so these are real X11 windows). PNGs go to
docs/screenshots/<lang>-<size>-<screen>.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

OUT = Path(__file__).parent / "screenshots"
SIZE = (1366, 768)


def shoot(app: QApplication, widget: object, name: str) -> None:
    """Let the window settle, then save what the screen shows."""
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(OUT / f"{name}.png"))  # type: ignore[attr-defined]


def local_mall(folder: Path) -> object:
    """A mall server on 127.0.0.1 with Bu Made's account, so Pengaturan → Mall shows a link."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import keyring
    from keyring.backends import fail

    from tests.sync.live import LiveServer, sqlite_url

    keyring.set_keyring(fail.Keyring())  # the token goes to a file in the temporary data dir
    mall = LiveServer(sqlite_url(folder)).start()
    mall.user("made", "Keripik Pisang Bu Made", "rahasia-123")
    return mall


def main() -> int:
    """Every page, plus the welcome screen, the chooser, a form and the mall, in four variants."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    from desktop.books.i18n import set_language
    from desktop.ui.catalog import install_catalogs
    from desktop.ui.settings import AppSettings
    from desktop.ui.theme import apply_theme
    from desktop.ui.windows.main import MainWindow
    from desktop.ui.worker import SyncWorker

    install_catalogs()
    OUT.mkdir(exist_ok=True)
    for lang in ("id", "en"):
        for size in ("normal", "besar"):
            set_language(lang)
            apply_theme(app, size)
            prefix = f"{lang}-{size}"
            with tempfile.TemporaryDirectory() as tmp:
                window = MainWindow(Path(tmp), SyncWorker(), AppSettings(lang, size))
                window.resize(*SIZE)
                window.show()
                shoot(app, window, f"{prefix}-00-selamat-datang")
                window.open_demo()
                assert window.workspace is not None
                for number, key in enumerate(window.workspace.pages, start=1):
                    window.workspace.show_page(key)
                    shoot(app, window, f"{prefix}-{number:02d}-{key}")
                record = window.workspace.show_page("catat")
                record.open_form("penjualan-tunai")  # type: ignore[attr-defined]
                shoot(app, window, f"{prefix}-02b-catat-penjualan")
                mall = local_mall(Path(tmp))
                window.workspace.show_mall()
                section = window.workspace.current().sections["mall"]  # type: ignore[attr-defined]
                section.server.setText(mall.url)  # type: ignore[attr-defined]
                section.username.setText("made")
                section.password.setText("rahasia-123")
                section.link_button.click()
                shoot(app, window, f"{prefix}-07b-mall")
                window.lock()
                shoot(app, window, f"{prefix}-08-pilih-usaha")
                dialog = window.restore_from_server()
                dialog.fields["server"].setText(mall.url)  # type: ignore[attr-defined]
                shoot(app, dialog, f"{prefix}-09-pulihkan-dari-server")
                dialog.close()
                mall.stop()  # type: ignore[attr-defined]
                window.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
