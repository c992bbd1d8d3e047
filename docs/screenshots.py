"""Render every screen of the demo business at 1366x768, in both languages and text sizes.

Run with `make screenshots` (under Xvfb, so these are real X11 windows). PNGs go to
docs/screenshots/<lang>-<size>-<screen>.png.
"""

from __future__ import annotations

import os
import re
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
    os.environ["LUMBUNG_AUTO_APPROVE"] = "1"  # a small kabupaten: listings go live at once
    mall = LiveServer(sqlite_url(folder)).start()
    mall.user("made", "Keripik Pisang Bu Made", "rahasia-123")
    return mall


def shop_story(window: object, url: str, folder: Path) -> None:
    """Two products published through sync, then a buyer's order and question pulled back:
    the Toko tabs as an owner sees them a day after joining the mall."""
    import requests

    from desktop.books.book import Book
    from desktop.shop.listings import add_listing
    from sync_client.engine import Syncer
    from tests.shop.conftest import phone_photo

    session = window.session  # type: ignore[attr-defined]
    photos = [phone_photo(folder / f"foto-{n}.jpg", size=(1200, 900), seed=n) for n in (1, 2)]

    def publish(book: Book) -> None:
        with book.write() as conn:
            add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                        price=1_500_000, weight_grams=260, photos=[photos[0]], publish=True,
                        description="Pisang kepok Sidemen, digoreng tiap pagi.")
            add_listing(conn, sku="KRP-CKL", title="Keripik Pisang Cokelat 250 g",
                        price=1_800_000, weight_grams=260, photos=[photos[1]], publish=True)

    def sync(book: Book) -> None:
        result = Syncer(book.conn, book.data_dir).run()
        assert result.status == "ok" and not result.rejected, result

    session.run(publish)
    session.run(sync)
    items = requests.get(f"{url}/api/v1/products", timeout=10).json()["items"]
    product = next(p for p in items if "Original" in p["title"])
    for name, phone, qty, method in (("Ayu Lestari", "081234567890", 3, "transfer"),
                                     ("Komang Sudiarta", "081337001122", 1, "cod")):
        requests.post(f"{url}/api/v1/orders", timeout=10, json={
            "product_id": product["id"], "qty": qty, "buyer_name": name, "buyer_phone": phone,
            "address": "Jl. Gajah Mada 12, Denpasar", "payment_method": method})
    buyer = requests.Session()
    form = buyer.get(f"{url}/produk/{product['slug']}/tanya", timeout=10).text
    buyer.post(f"{url}/produk/{product['slug']}/tanya", timeout=10, data={
        "csrf": re.findall(r'name="csrf" value="([^"]+)"', form)[0], "nama": "Wayan",
        "pertanyaan": "Apakah tahan dikirim ke Jakarta? Berapa lama kedaluwarsanya?"})
    session.run(sync)


def settings_story(app: QApplication, window: object, prefix: str) -> None:
    """Pengaturan → QRIS and → Printer kasir, and the Kasir with the QRIS shown to the buyer."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from PySide6.QtWidgets import QRadioButton

    from desktop.books.qris import save_qris
    from tests.books.test_qris import qris_payload

    workspace = window.workspace  # type: ignore[attr-defined]
    workspace.session.run(lambda book: save_qris(book, qris_payload("KERIPIK PISANG BU MADE",
                                                                    "KARANGASEM")),
                          changes={"settings"})
    settings = workspace.show_page("pengaturan")
    for key, name in (("qris", "09d-pengaturan-qris"), ("printer", "09e-pengaturan-printer")):
        settings.show_section(key)
        shoot(app, window, f"{prefix}-{name}")
    kasir = workspace.show_page("kasir")
    for code in ("KRP-ORI", "KRP-ORI", "KRP-CKL"):
        kasir.code.setText(code)
        kasir.scan()
    kasir.findChild(QRadioButton, "kasir-qris").click()
    shoot(app, window, f"{prefix}-03b-kasir-qris")


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
                settings_story(app, window, prefix)
                mall = local_mall(Path(tmp))
                window.workspace.show_mall()
                section = window.workspace.current().sections["mall"]  # type: ignore[attr-defined]
                section.server.setText(mall.url)  # type: ignore[attr-defined]
                section.username.setText("made")
                section.password.setText("rahasia-123")
                section.link_button.click()
                shoot(app, window, f"{prefix}-08b-mall")
                shop_story(window, mall.url, Path(tmp))  # type: ignore[attr-defined]
                toko = window.workspace.show_page("toko")
                toko.refresh()
                for letter, tab in (("a", "orders"), ("b", "products"), ("c", "questions")):
                    toko.tabs.setCurrentWidget(getattr(toko, tab))  # type: ignore[attr-defined]
                    shoot(app, window, f"{prefix}-09{letter}-toko-{tab}")
                window.lock()
                shoot(app, window, f"{prefix}-11-pilih-usaha")
                dialog = window.restore_from_server()
                dialog.fields["server"].setText(mall.url)  # type: ignore[attr-defined]
                shoot(app, dialog, f"{prefix}-12-pulihkan-dari-server")
                dialog.close()
                mall.stop()  # type: ignore[attr-defined]
                window.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
