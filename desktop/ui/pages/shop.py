"""Toko Online: the business's products on the kabupaten mall and the orders buyers place."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page
from desktop.ui.pages.shop_orders import OrdersPanel
from desktop.ui.pages.shop_products import ProductsPanel
from desktop.ui.pages.shop_questions import QuestionsPanel
from desktop.ui.session import Session
from desktop.ui.widgets.common import banner


class ShopPage(Page):
    """Three tabs: Pesanan (first: orders need an answer), Produk and Pertanyaan."""

    key = "toko"
    depends = frozenset({"shop", "stock", "entries"})

    @classmethod
    def title(cls) -> str:
        return tr("Toko Online")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.banner = self.title_row.add_notice(banner())
        self.tabs = QTabWidget()
        self.orders = OrdersPanel(session)
        self.products = ProductsPanel(session)
        self.tabs.addTab(self.orders, tr("Pesanan"))
        self.tabs.addTab(self.products, tr("Produk"))
        self.questions = QuestionsPanel(session)
        self.tabs.addTab(self.questions, tr("Pertanyaan"))
        self.layout_.addWidget(self.tabs, 1)
        for panel in (self.orders, self.products, self.questions):
            panel.changed.connect(self._say)
        self.questions.waiting.connect(self._count)

    def _say(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    def refresh(self) -> None:
        """Read orders, listings and questions; the questions tab counts the unanswered."""
        super().refresh()
        self.orders.refresh()
        self.products.refresh()
        self.questions.refresh()

    def _count(self, waiting: int) -> None:
        index = self.tabs.indexOf(self.questions)
        self.tabs.setTabText(index, tr("Pertanyaan ({count})", count=waiting) if waiting
                             else tr("Pertanyaan"))
