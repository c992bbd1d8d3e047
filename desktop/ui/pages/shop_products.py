"""Toko → Produk: the listings, and a form to list a stock item on the mall with photos."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.books import dates
from desktop.books.book import Book
from desktop.books.errors import InputError
from desktop.books.fmt import rupiah
from desktop.books.i18n import N_, tr
from desktop.books.money import parse_amount
from desktop.books.stock import list_items
from desktop.shop.listings import (
    CATEGORIES,
    CURATION,
    DEFAULT_RETURN,
    Listing,
    add_listing,
    list_listings,
    set_photos,
    set_published,
    update_listing,
)
from desktop.shop.photos import MAX_PHOTOS
from desktop.ui.pages.settings_common import FieldErrors, new_form
from desktop.ui.pages.stock_table import Column, Row, RowsModel, rows_view, selected_key
from desktop.ui.session import Session
from desktop.ui.widgets.common import muted, primary_button
from desktop.ui.widgets.money import MoneyEdit

PICTURES = N_("Gambar (*.jpg *.jpeg *.png *.webp)")


def listing_rows(listings: list[Listing]) -> list[Row]:
    """Listings as table rows; refused ones stand out."""
    return [Row([x.sku, x.title, rupiah(x.price), str(x.stock.qty // 1000), str(len(x.photos)),
                 f"{x.views} / {x.orders}",
                 tr(CURATION[x.curation]) + (f": {x.curation_reason}" if x.curation_reason
                                             else "")],
                [x.sku, x.title, x.price, x.stock.qty, len(x.photos), x.views, x.curation],
                key=x.sku, mark="low" if x.curation == "ditolak" else "") for x in listings]


class ProductsPanel(QWidget):
    """The listing table with add, change and show/hide, and the form in place of the table."""

    changed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.listings: dict[str, Listing] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.add_button = primary_button(tr("Tambah produk"))
        self.edit_button = QPushButton(tr("Ubah"))
        self.show_button = QPushButton(tr("Tayangkan / turunkan"))
        for button, name in ((self.add_button, "product-add"), (self.edit_button, "product-edit"),
                             (self.show_button, "product-publish")):
            button.setObjectName(name)
            bar.addWidget(button)
        bar.addStretch()
        layout.addLayout(bar)
        self.model = RowsModel([Column(tr("Kode")), Column(tr("Judul")),
                                Column(tr("Harga"), True), Column(tr("Stok"), True),
                                Column(tr("Foto"), True),
                                Column(tr("Dilihat / dipesan (30 hari)"), True),
                                Column(tr("Status di Mall"))])
        self.table = rows_view(self.model, stretch=1)
        self.table.setObjectName("products")
        layout.addWidget(self.table, 1)
        layout.addWidget(muted(tr("Produk yang ditayangkan dikirim ke Mall saat sinkron, lalu "
                                  "diperiksa kurator Dinas sebelum tampil.")))
        self.form = ProductForm(session)
        self.form.hide()
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self._close_form)
        layout.addWidget(self.form)
        self.add_button.clicked.connect(lambda: self.open_form(None))
        self.edit_button.clicked.connect(lambda: self.open_form(self.selected()))
        self.show_button.clicked.connect(self.toggle_published)

    def refresh(self) -> None:
        """Read the listings."""
        self.session.run(lambda book: list_listings(book.conn), done=self._show)

    def _show(self, listings: list[Listing]) -> None:
        self.listings = {x.sku: x for x in listings}
        self.model.set_rows(listing_rows(listings))
        if listings:
            self.table.selectRow(0)

    def selected(self) -> Listing | None:
        """The listing chosen in the table."""
        key = selected_key(self.table)
        return self.listings.get(key) if isinstance(key, str) else None

    def open_form(self, listing: Listing | None) -> None:
        """Show the form (empty, or for a listing) in place of the table."""
        self.table.hide()
        self.form.start(listing)

    def _close_form(self) -> None:
        self.form.hide()
        self.table.show()

    def _saved(self, message: str) -> None:
        self._close_form()
        self.changed.emit(message)
        self.refresh()

    def toggle_published(self) -> None:
        """Ask the mall to show the chosen listing, or take it down."""
        listing = self.selected()
        if listing is None:
            return
        wanted = not listing.published

        def work(book: Book) -> Listing:
            with book.write() as conn:
                return set_published(conn, listing.sku, wanted)

        self.session.run(work, done=lambda x: self._saved(tr(
            "{title}: {state}.", title=x.title, state=tr(CURATION[x.curation]))),
            changes=("shop",))


class ProductForm(QWidget):
    """Item, title, category, price and promo, weight, description, policy, photos."""

    saved = Signal(str)
    cancelled = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.listing: Listing | None = None
        self.photos: list[str] = []
        self.errors = FieldErrors(self)
        form = new_form()
        self.sku = QComboBox()
        self.sku.setObjectName("product-sku")
        self.sku.currentIndexChanged.connect(self._item_chosen)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("product-title")
        self.category = QComboBox()
        for key, label in CATEGORIES.items():
            self.category.addItem(tr(label), key)
        self.price = MoneyEdit()
        self.price.setObjectName("product-price")
        self.promo = QCheckBox(tr("Ada harga promo"))
        self.promo.setObjectName("product-promo")
        self.promo_price = MoneyEdit()
        self.promo_price.setObjectName("product-promo-price")
        self.promo_start, self.promo_end = QDateEdit(), QDateEdit()
        promo_row = QHBoxLayout()
        promo_row.setContentsMargins(0, 0, 0, 0)
        promo_row.addWidget(self.promo_price, 1)
        for label, edit in ((tr("dari"), self.promo_start), (tr("sampai"), self.promo_end)):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd-MM-yyyy")
            promo_row.addWidget(QLabel(label))
            promo_row.addWidget(edit)
        self.promo_box = QWidget()
        self.promo_box.setLayout(promo_row)
        self.promo.toggled.connect(self.promo_box.setEnabled)
        self.weight = QSpinBox()
        self.weight.setRange(0, 1_000_000)
        self.weight.setSuffix(" g")
        self.description = QPlainTextEdit()
        self.description.setMaximumHeight(90)
        self.policy = QLineEdit(DEFAULT_RETURN)
        self.photo_list = QListWidget()
        self.photo_list.setMaximumHeight(80)
        photo_button = QPushButton(tr("Pilih foto…"))
        photo_button.clicked.connect(self.choose_photos)
        self.publish = QCheckBox(tr("Ajukan tayang di Mall"))
        for label, field, widget in ((tr("Barang"), "sku", self.sku),
                                     (tr("Judul"), "title", self.title_edit),
                                     (tr("Kategori"), "category", self.category),
                                     (tr("Harga"), "price", self.price),
                                     (tr("Harga promo"), "promo_price", self.promo_box),
                                     (tr("Berat"), "weight_grams", self.weight),
                                     (tr("Keterangan"), "description", self.description),
                                     (tr("Kebijakan retur"), "return_policy", self.policy),
                                     (tr("Foto (paling banyak 5)"), "photo", self.photo_list)):
            self.errors.row(form, label, field, widget)
            if field == "price":
                form.addRow("", self.promo)
        form.addRow("", photo_button)
        form.addRow("", self.publish)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.save_button = primary_button(tr("Simpan produk"))
        self.save_button.setObjectName("product-save")
        self.save_button.clicked.connect(self.save)
        back = QPushButton(tr("Batal"))
        back.clicked.connect(self.cancelled.emit)
        buttons.addWidget(self.save_button)
        buttons.addWidget(back)
        buttons.addStretch()
        layout.addLayout(buttons)
        self.chosen_files: list[Path] | None = None

    def start(self, listing: Listing | None) -> None:
        """Fill the form for a new listing (items without one) or for `listing`."""
        self.listing, self.chosen_files = listing, None
        self.errors.clear()
        self.photo_list.clear()
        self.sku.clear()
        self.sku.setEnabled(listing is None)
        if listing is None:
            def load(book: Book) -> list[tuple[str, str, int]]:
                listed = {x.sku for x in list_listings(book.conn)}
                # what is sold: finished goods (1301), not raw materials (1302)
                return [(i.sku, i.name, i.price) for i, _l in list_items(book.conn)
                        if i.sku not in listed and i.active and i.account == "1301"]

            self.title_edit.clear()
            self.price.clear()
            self.weight.setValue(0)
            self._show_promo(None, None, None)
            self.description.clear()
            self.session.run(load, done=self._items)
        else:
            self.sku.addItem(f"{listing.sku} · {listing.title}", listing.sku)
            self.title_edit.setText(listing.title)
            self.category.setCurrentIndex(list(CATEGORIES).index(listing.category))
            self.price.set_amount(listing.price)
            self.weight.setValue(listing.weight_grams)
            self._show_promo(listing.promo_price, listing.promo_start, listing.promo_end)
            self.description.setPlainText(listing.description)
            self.policy.setText(listing.return_policy)
            self.photo_list.addItems([tr("Foto {n}", n=n + 1) for n in range(len(listing.photos))])
            self.publish.setChecked(listing.published)
        self.show()
        self.title_edit.setFocus()

    def _show_promo(self, price: int | None, start: str | None, end: str | None) -> None:
        now = dates.today()
        today = QDate(now.year, now.month, now.day)
        self.promo.setChecked(price is not None)
        self.promo_box.setEnabled(price is not None)
        self.promo_price.set_amount(price)
        self.promo_start.setDate(QDate.fromString(start, "yyyy-MM-dd") if start else today)
        self.promo_end.setDate(QDate.fromString(end, "yyyy-MM-dd") if end
                               else today.addDays(30))

    def promo_values(self) -> dict[str, object]:
        """The promo fields as the listing keeps them (all empty when there is no promo)."""
        if not self.promo.isChecked():
            return {"promo_price": None, "promo_start": None, "promo_end": None}
        return {"promo_price": self.promo_price.amount_text(),
                "promo_start": self.promo_start.date().toString("yyyy-MM-dd"),
                "promo_end": self.promo_end.date().toString("yyyy-MM-dd")}

    def _items(self, items: list[tuple[str, str, int]]) -> None:
        for sku, name, price in items:
            self.sku.addItem(f"{sku} · {name}", (sku, name, price))
        self._item_chosen()

    def _item_chosen(self, *_args: object) -> None:
        data = self.sku.currentData()
        if isinstance(data, tuple) and self.listing is None:
            self.title_edit.setText(data[1])
            if data[2]:
                self.price.set_amount(data[2])

    def choose_photos(self, paths: list[str] | None = None) -> None:
        """Pick up to five pictures; they are shrunk when the form is saved."""
        if paths is None:
            paths, _ = QFileDialog.getOpenFileNames(self, tr("Pilih foto"), str(Path.home()),
                                                    tr(PICTURES))
        if paths:
            self.chosen_files = [Path(p) for p in paths][:MAX_PHOTOS + 1]
            self.photo_list.clear()
            self.photo_list.addItems([Path(p).name for p in paths])

    def save(self) -> None:
        """Check and store the listing (photos prepared on the worker)."""
        self.errors.clear()
        data = self.sku.currentData()
        sku = data[0] if isinstance(data, tuple) else data
        values = {"title": self.title_edit.text(), "category": self.category.currentData(),
                  "price": self.price.amount_text(), "weight_grams": self.weight.value(),
                  "description": self.description.toPlainText(),
                  "return_policy": self.policy.text()}
        files, publish, listing = self.chosen_files, self.publish.isChecked(), self.listing
        promo = self.promo_values()

        def work(book: Book) -> Listing:
            values["price"] = parse_amount(str(values["price"]), field="price", allow_zero=False)
            if promo["promo_price"] is not None:
                promo["promo_price"] = parse_amount(str(promo["promo_price"]),
                                                    field="promo_price", allow_zero=False)
                if promo["promo_price"] >= values["price"]:
                    raise InputError("Harga promo harus lebih rendah dari harga biasa",
                                     field="promo_price", value=promo["promo_price"])
                if str(promo["promo_end"]) < str(promo["promo_start"]):
                    raise InputError("Promo berakhir sebelum mulai", field="promo_price",
                                     value=promo["promo_end"])
            with book.write() as conn:
                if listing is None:
                    saved = add_listing(conn, sku=sku or "", photos=files or [], **values)
                    saved = update_listing(conn, saved.sku, **promo)
                else:
                    saved = update_listing(conn, listing.sku, **values, **promo)
                    if files is not None:
                        saved = set_photos(conn, listing.sku, files)
                return set_published(conn, saved.sku, publish)

        self.session.run(work, done=lambda x: self.saved.emit(tr(
            "Produk {title} disimpan ({state}).", title=x.title,
            state=tr(CURATION[x.curation]))), failed=self.errors.show,
            changes=("shop", "stock"))
