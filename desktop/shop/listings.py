"""Listings: a stock item shown on the kabupaten mall, with price, promo, photos and policy.

A listing is edited offline and reaches the mall through the outbox like any other change:
its fields merge by last writer (as items do), and photos go as their own insert-only
changes, named by their sha256, so an unchanged photo is never sent twice. Publishing only
asks: the mall's kurator (or its auto-approve setting) decides, and the decision comes back
at the next sync as the listing's curation state.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from desktop.books.business import get_profile
from desktop.books.errors import InputError, NotFoundError
from desktop.books.i18n import N_
from desktop.books.ids import new_id
from desktop.books.outbox import record_change
from desktop.books.stock import StockLevel, get_item, stock_level
from desktop.books.store.registry import slugify
from desktop.shop.photos import MAX_PHOTOS, Photo, prepare_photo

CATEGORIES = {"makanan-olahan": N_("Makanan olahan"), "kain-tenun": N_("Kain & tenun"),
              "kerajinan": N_("Kerajinan"), "minuman": N_("Minuman"),
              "pertanian": N_("Pertanian"), "lainnya": N_("Lainnya")}
CURATION = {"draf": N_("Draf"), "menunggu": N_("Menunggu kurasi"), "tayang": N_("Tayang"),
            "ditolak": N_("Ditolak")}
CERTIFICATES = ("halal", "pirt", "sni")
DEFAULT_RETURN = "Barang rusak saat diterima dapat ditukar dalam 3 hari dengan foto kemasan."
MAX_TITLE, MAX_DESCRIPTION, MAX_POLICY = 120, 4000, 1000
MAX_WEIGHT = 1_000_000  # grams: a tonne is already no parcel
FIELDS = ("title", "description", "category", "price", "promo_price", "promo_start",
          "promo_end", "weight_grams", "return_policy", "certificates")


@dataclass(frozen=True)
class Listing:
    """One product on the mall, as this PC knows it."""

    id: str
    sku: str
    slug: str
    title: str
    description: str
    category: str
    price: int
    promo_price: int | None
    promo_start: str | None
    promo_end: str | None
    weight_grams: int
    return_policy: str
    certificates: list[str]
    published: bool
    curation: str
    curation_reason: str
    views: int = 0                                   # on the mall, last 30 days
    orders: int = 0
    photos: list[str] = field(default_factory=list)  # sha256, in order
    stock: StockLevel = field(default_factory=lambda: StockLevel(0, 0))

    def price_on(self, day: dt.date) -> int:
        """The price a buyer pays on a day (the promo price while the promo runs)."""
        if self.promo_price and self.promo_start and self.promo_end and \
                self.promo_start <= day.isoformat() <= self.promo_end:
            return self.promo_price
        return self.price

    def as_dict(self) -> dict[str, object]:
        """What `lumbung product list --json` prints."""
        return {"id": self.id, "sku": self.sku, "slug": self.slug, "title": self.title,
                "category": self.category, "price": self.price,
                "promo_price": self.promo_price, "promo_start": self.promo_start,
                "promo_end": self.promo_end, "weight_grams": self.weight_grams,
                "published": self.published, "curation": self.curation,
                "curation_reason": self.curation_reason, "photos": len(self.photos),
                "certificates": self.certificates, "stock": self.stock.qty // 1000,
                "views": self.views, "orders": self.orders}


def check_fields(values: dict[str, object]) -> dict[str, object]:
    """Validate listing fields (only those given); returns them cleaned."""
    out = dict(values)
    for name, limit in (("title", MAX_TITLE), ("description", MAX_DESCRIPTION),
                        ("return_policy", MAX_POLICY)):
        if name in out:
            text = str(out[name] or "").strip()
            if name == "title" and not text:
                raise InputError("Judul produk wajib diisi", field="title", value=text)
            if len(text) > limit:
                raise InputError("{name} terlalu panjang ({length} huruf; maks. {limit})",
                                 field=name, value=text[:20], name=name, length=len(text),
                                 limit=limit)
            out[name] = text
    if "category" in out and out["category"] not in CATEGORIES:
        raise InputError("Kategori '{value}' tidak dikenal; pilih salah satu: {choices}",
                         field="category", value=out["category"], choices=", ".join(CATEGORIES))
    for name in ("price", "promo_price"):
        if name in out and out[name] is not None and int(str(out[name])) <= 0:
            raise InputError("Harga harus lebih dari nol", field=name, value=out[name])
    if "weight_grams" in out and not 0 <= int(str(out["weight_grams"])) <= MAX_WEIGHT:
        raise InputError("Berat '{value}' gram tidak masuk akal", field="weight_grams",
                         value=out["weight_grams"])
    for name in ("promo_start", "promo_end"):
        if out.get(name):
            try:
                out[name] = dt.date.fromisoformat(str(out[name])).isoformat()
            except ValueError as exc:
                raise InputError("Tanggal '{value}' harus berbentuk TTTT-BB-HH", field=name,
                                 value=out[name]) from exc
    if "certificates" in out:
        chosen = list(out["certificates"] or [])  # type: ignore[call-overload]
        unknown = [c for c in chosen if c not in CERTIFICATES]
        if unknown:
            raise InputError("Sertifikat '{value}' tidak dikenal (halal, pirt, sni)",
                             field="certificates", value=unknown[0])
        out["certificates"] = chosen
    return out


def profile_certificates(conn: sqlite3.Connection) -> list[str]:
    """The certificates the business has in its profile (shown on listings by default)."""
    profile = get_profile(conn)
    return [name for name, number in (("halal", profile.halal), ("pirt", profile.pirt),
                                      ("sni", profile.sni)) if number]


def add_listing(conn: sqlite3.Connection, *, sku: str, title: str, price: int,
                category: str = "makanan-olahan", description: str = "",
                weight_grams: int = 0, return_policy: str = DEFAULT_RETURN,
                photos: list[Path] | None = None, publish: bool = False) -> Listing:
    """List a stock item on the mall (inside the caller's write transaction)."""
    item = get_item(conn, sku, field="sku")
    if conn.execute("SELECT 1 FROM listing WHERE item_id = ?", (item.id,)).fetchone():
        raise InputError("Barang '{value}' sudah punya produk di toko", field="sku", value=sku)
    values = check_fields({"title": title, "description": description, "category": category,
                           "price": price, "weight_grams": weight_grams,
                           "return_policy": return_policy,
                           "certificates": profile_certificates(conn)})
    prepared = _prepare(photos or [])
    listing_id = new_id()
    slug = _free_slug(conn, f"{slugify(str(values['title']))}-{item.sku.lower()}")
    now = _now()
    conn.execute(
        "INSERT INTO listing (id, item_id, slug, title, description, category, price, "
        "weight_grams, return_policy, certificates, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (listing_id, item.id, slug, values["title"], values["description"], values["category"],
         values["price"], values["weight_grams"], values["return_policy"],
         json.dumps(values["certificates"]), now, now))
    shas = _store_photos(conn, listing_id, prepared)
    record_change(conn, "listing", listing_id, "insert",
                  {"item": item.id, "sku": item.sku, "slug": slug, **values, "photos": shas,
                   "published": False})
    if publish:
        set_published(conn, sku, True)
    return get_listing(conn, sku)


def update_listing(conn: sqlite3.Connection, sku: str, **changes: object) -> Listing:
    """Change listing fields; only the changed fields go to the outbox."""
    current = get_listing(conn, sku)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise InputError("Kolom produk '{value}' tidak dikenal", field="listing",
                         value=sorted(unknown)[0])
    values = check_fields(changes)
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    if not changed:
        return current
    stored = {k: json.dumps(v) if k == "certificates" else v for k, v in changed.items()}
    assignments = ", ".join(f"{name} = ?" for name in stored)
    conn.execute(f"UPDATE listing SET {assignments}, updated_at = ? WHERE id = ?",
                 (*stored.values(), _now(), current.id))
    if current.published:  # a changed listing is looked at again before it shows
        conn.execute("UPDATE listing SET curation = 'menunggu', curation_reason = '' "
                     "WHERE id = ?", (current.id,))
    record_change(conn, "listing", current.id, "update", changed)
    return get_listing(conn, sku)


def set_photos(conn: sqlite3.Connection, sku: str, photos: list[Path]) -> Listing:
    """Replace the listing's photos (at most five, each prepared for the mall)."""
    current = get_listing(conn, sku)
    shas = _store_photos(conn, current.id, _prepare(photos))
    record_change(conn, "listing", current.id, "update", {"photos": shas})
    return get_listing(conn, sku)


def set_published(conn: sqlite3.Connection, sku: str, published: bool) -> Listing:
    """Ask the mall to show the listing (it waits for curation), or take it down at once."""
    current = get_listing(conn, sku)
    if published == current.published:
        return current
    curation = "menunggu" if published else "draf"
    conn.execute("UPDATE listing SET published = ?, curation = ?, curation_reason = '', "
                 "updated_at = ? WHERE id = ?", (int(published), curation, _now(), current.id))
    record_change(conn, "listing", current.id, "update", {"published": published})
    return get_listing(conn, sku)


_COLUMNS = ("l.id, i.sku, l.slug, l.title, l.description, l.category, l.price, l.promo_price, "
            "l.promo_start, l.promo_end, l.weight_grams, l.return_policy, l.certificates, "
            "l.published, l.curation, l.curation_reason, l.views, l.orders_count, l.item_id")


def _listing(conn: sqlite3.Connection, row: tuple[object, ...]) -> Listing:
    *values, item_id = row
    values[12] = json.loads(str(values[12]))
    values[13] = bool(values[13])
    photos = [r[0] for r in conn.execute("SELECT sha256 FROM listing_photo WHERE listing_id = ? "
                                         "ORDER BY position", (values[0],))]
    return Listing(*values, photos, stock_level(conn, str(item_id)))  # type: ignore[arg-type,call-arg]


def get_listing(conn: sqlite3.Connection, sku: str) -> Listing:
    """The listing of the item with this SKU, or a clear refusal."""
    row = conn.execute(f"SELECT {_COLUMNS} FROM listing l JOIN item i ON i.id = l.item_id "
                       "WHERE i.sku = ?", (sku.strip(),)).fetchone()
    if row is None:
        raise NotFoundError("Belum ada produk toko untuk SKU '{value}'", field="sku", value=sku)
    return _listing(conn, row)


def list_listings(conn: sqlite3.Connection) -> list[Listing]:
    """Every listing, by SKU."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM listing l JOIN item i ON i.id = l.item_id "
                        "ORDER BY i.sku").fetchall()
    return [_listing(conn, row) for row in rows]


def photo_data(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """A stored photo's JPEG bytes."""
    row = conn.execute("SELECT data FROM photo WHERE sha256 = ?", (sha256,)).fetchone()
    return bytes(row[0]) if row else None


def _prepare(paths: list[Path]) -> list[Photo]:
    if len(paths) > MAX_PHOTOS:
        raise InputError("Paling banyak {limit} foto per produk ({value} dipilih)",
                         field="photo", value=len(paths), limit=MAX_PHOTOS)
    return [prepare_photo(Path(path)) for path in paths]


def _store_photos(conn: sqlite3.Connection, listing_id: str, photos: list[Photo]) -> list[str]:
    for photo in photos:
        stored = conn.execute("INSERT INTO photo (sha256, data, width, height) VALUES "
                              "(?, ?, ?, ?) ON CONFLICT DO NOTHING",
                              (photo.sha256, photo.data, photo.width, photo.height))
        if stored.rowcount:  # a photo already here was already queued: never sent twice
            record_change(conn, "photo", photo.sha256, "insert",
                          {"jpeg": base64.b64encode(photo.data).decode("ascii"),
                           "width": photo.width, "height": photo.height})
    place_photos(conn, listing_id, [photo.sha256 for photo in photos])
    return [photo.sha256 for photo in photos]


def place_photos(conn: sqlite3.Connection, listing_id: str, shas: list[str]) -> None:
    """Put stored photos on a listing in this order (ones not stored here are skipped)."""
    conn.execute("DELETE FROM listing_photo WHERE listing_id = ?", (listing_id,))
    known = [sha for sha in shas
             if conn.execute("SELECT 1 FROM photo WHERE sha256 = ?", (sha,)).fetchone()]
    conn.executemany("INSERT INTO listing_photo (listing_id, position, sha256) VALUES (?, ?, ?)",
                     [(listing_id, position, sha) for position, sha in enumerate(known)])


def _free_slug(conn: sqlite3.Connection, base: str) -> str:
    slug, number = base[:80].strip("-"), 2
    while conn.execute("SELECT 1 FROM listing WHERE slug = ?", (slug,)).fetchone():
        slug, number = f"{base[:76]}-{number}", number + 1
    return slug


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

