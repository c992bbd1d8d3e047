"""Toko Online: the business's products on the kabupaten mall and the orders buyers place."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from desktop.books.i18n import tr
from desktop.ui.pages.base import Page
from desktop.ui.pages.shop_orders import OrdersPanel
from desktop.ui.pages.shop_products import ProductsPanel
from desktop.ui.session import Session
from desktop.ui.widgets.common import banner


class ShopPage(Page):
    """Two tabs: Pesanan (first: orders need an answer) and Produk."""

    key = "toko"
    depends = frozenset({"shop", "stock", "entries"})

    @classmethod
    def title(cls) -> str:
        return tr("Toko Online")

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.banner = banner()
        self.layout_.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.orders = OrdersPanel(session)
        self.products = ProductsPanel(session)
        self.tabs.addTab(self.orders, tr("Pesanan"))
        self.tabs.addTab(self.products, tr("Produk"))
        self.layout_.addWidget(self.tabs, 1)
        for panel in (self.orders, self.products):
            panel.changed.connect(self._say)

    def _say(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    def refresh(self) -> None:
        """Read orders and listings."""
        super().refresh()
        self.orders.refresh()
        self.products.refresh()
