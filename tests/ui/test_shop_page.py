"""Toko Online: orders from the mall accepted into the books, and products listed with photos."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from desktop.books.book import Book
from desktop.ui.pages.shop import ShopPage
from desktop.ui.windows.main import MainWindow
from tests.shop.conftest import phone_photo
from tests.shop.test_orders import arrive


def in_book(window: MainWindow, work: Any) -> Any:
    out: list[Any] = []
    window.session.run(work, done=out.append)
    return out[0]


def shop_page(window: MainWindow) -> ShopPage:
    assert window.workspace is not None
    page = window.workspace.show_page("toko")
    assert isinstance(page, ShopPage)
    return page


def test_an_order_is_accepted_and_the_stock_drops(demo: MainWindow, tmp_path: Path) -> None:
    in_book(demo, lambda b: arrive(b, "LMB-UI01", qty=2))
    in_book(demo, lambda b: arrive(b, "LMB-UI02", qty=9999))
    page = shop_page(demo)
    orders = page.orders
    assert orders.model.rowCount() == 2
    stock_before = in_book(demo, lambda b: b.conn.execute(
        "SELECT qty FROM stock_balance b JOIN item i ON i.id = b.item_id "
        "WHERE sku = 'KRP-ORI'").fetchone()[0])
    assert orders.buttons["accept"].isVisibleTo(orders)
    from desktop.ui.pages.stock_table import select_key

    assert select_key(orders.table, "LMB-UI02")
    orders.act("accept")  # too few in stock: asked first, nothing done
    assert orders.confirm.isVisibleTo(orders) and "kurang" in orders.confirm.text.text()
    orders.act("reject", text="Stok habis")
    assert select_key(orders.table, "LMB-UI01")
    orders.act("accept")
    assert "LMB-UI01: Diterima" in page.banner.text()
    assert not orders.buttons["accept"].isVisibleTo(orders)
    assert orders.buttons["pay"].isVisibleTo(orders)
    stock_after = in_book(demo, lambda b: b.conn.execute(
        "SELECT qty FROM stock_balance b JOIN item i ON i.id = b.item_id "
        "WHERE sku = 'KRP-ORI'").fetchone()[0])
    assert stock_before - stock_after == 2000
    orders.print_pdf("label", str(tmp_path / "label.pdf"))
    assert "Tersimpan" in page.banner.text() and (tmp_path / "label.pdf").stat().st_size > 1000
    statuses = in_book(demo, lambda b: dict(b.conn.execute("SELECT code, status FROM shop_order")))
    assert statuses == {"LMB-UI01": "diterima", "LMB-UI02": "ditolak"}


def test_a_product_is_listed_with_photos(demo: MainWindow, tmp_path: Path) -> None:
    page = shop_page(demo)
    products = page.products
    products.add_button.click()
    form = products.form
    assert form.isVisibleTo(products) and form.sku.count() >= 1
    form.sku.setCurrentIndex(form.sku.findData(next(
        form.sku.itemData(i) for i in range(form.sku.count())
        if form.sku.itemData(i)[0] == "KRP-ORI")))
    assert form.title_edit.text().startswith("Keripik Pisang")
    form.price.setText("16.500")
    form.choose_photos([str(phone_photo(tmp_path / f"{n}.jpg", size=(1600, 1200), seed=n))
                        for n in range(2)])
    form.promo.setChecked(True)
    form.promo_price.setText("20.000")  # not lower than the price: refused beside the field
    form.publish.setChecked(True)
    form.save_button.click()
    assert "lebih rendah" in form.errors.labels["promo_price"].text()
    form.promo_price.setText("14.000")
    form.save_button.click()
    assert not form.isVisibleTo(products), form.errors.labels
    assert "disimpan (Menunggu kurasi)" in page.banner.text()
    row: Book = in_book(demo, lambda b: b.conn.execute(
        "SELECT price, published, (SELECT count(*) FROM listing_photo) FROM listing").fetchone())
    assert row == (1_650_000, 1, 2)
    promo = in_book(demo, lambda b: b.conn.execute(
        "SELECT promo_price, promo_start < promo_end FROM listing").fetchone())
    assert promo == (1_400_000, 1)
    products.add_button.click()
    form.title_edit.clear()
    form.price.clear()
    form.save_button.click()
    assert "wajib" in form.errors.labels["price"].text()
    form.price.setText("5.000")
    form.save_button.click()
    assert "wajib" in form.errors.labels["title"].text()
    assert in_book(demo, lambda b: b.conn.execute("SELECT count(*) FROM listing").fetchone()) \
        == (1,)


def test_a_buyers_question_is_answered_from_the_questions_tab(demo: MainWindow) -> None:
    from desktop.shop.questions import store_question

    def asked(book: Book) -> None:
        listing = book.conn.execute("SELECT id FROM item WHERE sku = 'KRP-ORI'").fetchone()
        with book.write() as conn:
            store_question(conn, "eeeeeeee-0000-4000-8000-000000000001",
                           {"listing": listing[0], "name": "Putu",
                            "question": "Tahan berapa lama?", "created_at": "2026-11-22T09:00"})

    in_book(demo, asked)
    page = shop_page(demo)
    tab = page.tabs.indexOf(page.questions)
    assert page.tabs.tabText(tab) == "Pertanyaan (1)"
    panel = page.questions
    assert panel.model.rowCount() == 1
    assert "Putu bertanya" in panel.asked.text() and "Tahan berapa lama?" in panel.asked.text()
    panel.submit("")  # an empty answer is refused, nothing stored
    assert in_book(demo, lambda b: b.conn.execute(
        "SELECT COUNT(*) FROM outbox WHERE entity = 'answer'").fetchone()[0]) == 0
    panel.answer.setPlainText("Tiga bulan bila kemasan belum dibuka.")
    panel.save.click()
    assert "Jawaban untuk Putu disimpan" in page.banner.text()
    page.refresh()
    assert page.tabs.tabText(tab) == "Pertanyaan"
    assert panel.save.text() == "Ubah jawaban"
    panel.only_open.setChecked(True)
    assert panel.model.rowCount() == 0


def test_all_new_orders_from_a_number_are_refused_from_the_toko_page(demo: MainWindow) -> None:
    from desktop.ui.pages.stock_table import select_key
    from tests.shop.test_reject_phone import pulled

    for code in ("LMB-P1", "LMB-P2"):
        in_book(demo, lambda b, c=code: pulled(b, c, "6289900003333"))
    in_book(demo, lambda b: arrive(b, "LMB-P3", qty=1))
    page = shop_page(demo)
    orders = page.orders
    assert select_key(orders.table, "LMB-P1")
    assert orders.reject_phone.isVisibleTo(orders)
    orders.reject_number("Pesanan palsu")
    assert "2 pesanan dari 6289900003333 ditolak" in page.banner.text()
    statuses = in_book(demo, lambda b: dict(b.conn.execute("SELECT code, status FROM shop_order")))
    assert statuses == {"LMB-P1": "ditolak", "LMB-P2": "ditolak", "LMB-P3": "baru"}


def test_a_two_product_order_shows_every_line_as_text(demo: MainWindow) -> None:
    from desktop.ui.pages.stock_table import select_key
    from tests.shop.test_cart_orders import arrive_cart

    in_book(demo, lambda b: arrive_cart(b, "LMB-UI03"))
    orders = shop_page(demo).orders
    assert select_key(orders.table, "LMB-UI03")
    row = [orders.model.index(0, c).data() for c in range(orders.model.columnCount())]
    assert "2 × Keripik Pisang <i>Original</i>, 1 × Keripik Pisang Cokelat" in row
    detail = orders.detail.text()
    assert "2 × Keripik Pisang <i>Original</i> · Rp30.000" in detail
    assert "1 × Keripik Pisang Cokelat · Rp18.000" in detail
    assert orders.detail.textFormat().name == "PlainText"  # buyer text is never markup
    orders.act("accept")
    sale = in_book(demo, lambda b: b.conn.execute(
        "SELECT sale_ref FROM shop_order WHERE code = 'LMB-UI03'").fetchone()[0])
    lines = in_book(demo, lambda b: b.conn.execute(
        "SELECT count(*) FROM nota_line l JOIN entry e ON e.seq = l.entry_seq "
        "WHERE e.ref = ?", (sale,)).fetchone()[0])
    assert lines == 2
