"""Screenshots of the mall storefront (home, a product, its questions, the order form, the
seller's cart of several products and its confirmation) on a phone and a PC.

Run with `make screenshots`: a local mall on SQLite gets the demo business's products through
a real sync, then Debian's Chromium (through Playwright) photographs the pages.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SIZES = {"hp": {"width": 390, "height": 844}, "pc": {"width": 1366, "height": 768}}


def staff_pages(browser: Any, url: str, engine: Any) -> None:
    """The seller registration form, then the waiting registration as the Dinas and a kurator
    see it, at both sizes."""
    from sqlmodel import Session

    from server.security import create_user

    with Session(engine) as session:
        for role in ("dinas", "kurator"):
            create_user(session, username=f"petugas-{role}", password="kurasi-rahasia", role=role)
    form = {"nama": "Tenun Ikat Sidemen", "nib": "9120001234567", "desa": "Sidemen",
            "hp": "0812-3456-7890", "sertifikat": "P-IRT 2095107010123-29",
            "pengguna": "tenun.sidemen", "sandi": "rahasia-tenun"}
    for size, viewport in SIZES.items():
        page = browser.new_page(viewport=viewport, is_mobile=size == "hp")
        page.goto(f"{url}/daftar")
        page.screenshot(path=str(OUT / f"mall-{size}-daftar.png"), full_page=False)
        if size == "hp":
            for name, value in form.items():
                page.fill(f"#{name}", value)
            with page.expect_navigation():
                page.click("form.kotak button[type=submit]")
        for side in ("dinas", "kurator"):
            page.goto(f"{url}/{side}/masuk")
            page.fill("#nama", f"petugas-{side}")
            page.fill("#sandi", "kurasi-rahasia")
            with page.expect_navigation():
                page.click("form.kotak button[type=submit]")
            page.goto(f"{url}/{side}/pendaftaran")
            page.screenshot(path=str(OUT / f"mall-{size}-{side}-pendaftaran.png"),
                            full_page=False)
        page.close()


def main() -> int:
    """Seed a mall from the demo business, then shoot three pages at two sizes."""
    sys.path.insert(0, str(ROOT))
    os.environ["LUMBUNG_AUTO_APPROVE"] = "1"
    import re

    import keyring
    import requests
    from keyring.backends import fail
    from playwright.sync_api import sync_playwright

    from desktop.books.business import open_business, update_profile
    from desktop.books.demo import DEMO_PIN, create_demo
    from desktop.shop.listings import add_listing, update_listing
    from desktop.shop.questions import answer_question, list_questions
    from sync_client.engine import Syncer
    from sync_client.link import link
    from tests.shop.conftest import phone_photo
    from tests.sync.live import LiveServer, sqlite_url

    keyring.set_keyring(fail.Keyring())
    tmp = Path(tempfile.mkdtemp())
    mall = LiveServer(sqlite_url(tmp)).start()
    ref, _ = create_demo(tmp / "pc")
    book = open_business(tmp / "pc", ref.id, DEMO_PIN)
    link(book, server=mall.url, username="made",
         password=mall.user("made", "Keripik Pisang Bu Made"))
    update_profile(book, payment_transfer="BRI 0123-01-004567-50-8 a.n. Ni Made Sukerti. "
                   "Kirim foto bukti transfer lewat WhatsApp.",
                   payment_cod="Bayar di tempat hanya untuk Kecamatan Sidemen dan Rendang.")
    with book.write() as conn:
        for n, (sku, title, price) in enumerate((
                ("KRP-ORI", "Keripik Pisang Original 250 g", 1_500_000),
                ("KRP-CKL", "Keripik Pisang Cokelat 250 g", 1_800_000))):
            add_listing(conn, sku=sku, title=title, price=price, weight_grams=260,
                        description="Pisang kepok dari kebun sendiri, digoreng dengan minyak "
                                    "kelapa. Tanpa pengawet.", publish=True,
                        photos=[phone_photo(tmp / f"{sku}.jpg", size=(1600, 1200), seed=n)])
        update_listing(conn, "KRP-CKL", promo_price=1_500_000, promo_start="2026-01-01",
                       promo_end="2030-12-31")
    Syncer(book.conn, book.data_dir).run()
    slug = book.conn.execute("SELECT slug FROM listing WHERE title LIKE '%Original%'"
                             ).fetchone()[0]
    buyer = requests.Session()  # a buyer asks on the product page; the owner answers at home
    form = buyer.get(f"{mall.url}/produk/{slug}/tanya", timeout=10).text
    buyer.post(f"{mall.url}/produk/{slug}/tanya", timeout=10, data={
        "csrf": re.findall(r'name="csrf" value="([^"]+)"', form)[0], "nama": "Wayan",
        "pertanyaan": "Apakah tahan dikirim ke Jakarta? Berapa lama kedaluwarsanya?"})
    Syncer(book.conn, book.data_dir).run()
    with book.write() as conn:
        answer_question(conn, list_questions(conn)[0].id, "Tahan, Pak. Dikemas kedap udara, "
                        "baik dimakan sampai tiga bulan.")
    Syncer(book.conn, book.data_dir).run()
    book.close()
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        for size, viewport in SIZES.items():
            page = browser.new_page(viewport=viewport, is_mobile=size == "hp")
            for name, path in (("beranda", "/"), ("produk", f"/produk/{slug}"),
                               ("pesan", f"/produk/{slug}/pesan")):
                page.goto(mall.url + path)
                page.screenshot(path=str(OUT / f"mall-{size}-{name}.png"), full_page=False)
            page.goto(f"{mall.url}/produk/{slug}#tanya-jawab")
            page.screenshot(path=str(OUT / f"mall-{size}-tanya-jawab.png"), full_page=False)
            shoot_cart(page, mall.url, slug, size)
            page.close()
        staff_pages(browser, mall.url, mall.app.state.engine)
        browser.close()
    mall.stop()
    print(f"wrote the storefront, cart and staff screenshots to {OUT}")
    return 0


def shoot_cart(page: object, url: str, slug: str, size: str) -> None:
    """The seller's order form with two products filled in, then the order it makes."""
    page.goto(f"{url}/produk/{slug}")  # type: ignore[attr-defined]
    page.click("text=pesan bersama produk lain dari penjual ini")  # type: ignore[attr-defined]
    page.fill("#jumlah-1", "2")  # type: ignore[attr-defined]
    page.click("button:has-text('Hitung total')")  # type: ignore[attr-defined]
    for field, text in (("#nama", "Ayu Lestari"), ("#hp", "0812 3456 7890"),
                        ("#alamat", "Jl. Gajah Mada 1, Denpasar")):
        page.fill(field, text)  # type: ignore[attr-defined]
    page.check("input[name=bayar][value=transfer]")  # type: ignore[attr-defined]
    page.screenshot(path=str(OUT / f"mall-{size}-keranjang.png"),  # type: ignore[attr-defined]
                    full_page=True)  # the whole cart: products, the total, the buyer
    page.click("button:has-text('Kirim pesanan')")  # type: ignore[attr-defined]
    page.screenshot(path=str(OUT / f"mall-{size}-pesanan.png"),  # type: ignore[attr-defined]
                    full_page=False)


if __name__ == "__main__":
    raise SystemExit(main())
