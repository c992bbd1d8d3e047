"""Text from outside this PC (buyers, the mall) is shown as typed, never as rich text: every
label on the Toko page that shows it is found and checked (issue 15, low finding)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.books.book import Book
from desktop.ui.pages.stock_table import select_key
from desktop.ui.windows.main import MainWindow
from tests.shop.test_orders import arrive
from tests.ui.test_shop_page import in_book, shop_page

# What buyers wrote, as it arrives from the mall; our own labels may use markup on purpose.
REMOTE = ("<b>Lestari</b>", "<b>Putu</b>", "<img src=x")


def _labels_with_remote_text(window: MainWindow) -> list[QLabel]:
    return [label for label in window.findChildren(QLabel)
            if any(text in label.text() for text in REMOTE)]


def test_remote_text_is_plain_in_every_label(demo: MainWindow) -> None:
    from desktop.shop.questions import store_question

    def asked(book: Book) -> None:
        listing = book.conn.execute("SELECT id FROM item WHERE sku = 'KRP-ORI'").fetchone()
        with book.write() as conn:
            store_question(conn, "eeeeeeee-0000-4000-8000-000000000002",
                           {"listing": listing[0], "name": "<b>Putu</b>",
                            "question": "<img src=x onerror=alert(1)>Tahan berapa lama?",
                            "created_at": "2026-11-22T09:00"})

    in_book(demo, lambda b: arrive(b, "LMB-RT01", qty=1))  # buyer "Ayu <b>Lestari</b>"
    in_book(demo, asked)
    page = shop_page(demo)
    assert select_key(page.orders.table, "LMB-RT01")
    panel = page.questions
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    shown = _labels_with_remote_text(demo)
    texts = " ".join(label.text() for label in shown)
    assert all(text in texts for text in REMOTE)  # every one found, as typed
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName() or label.text()
