"""(k) Storefront data: 10,000 shown products of 1,000 businesses, written into a fresh mall database.

How the data gets there (and what it skips): the server's own migrations make the schema
(`server.db.upgrade`), then rows go straight into its tables in one transaction — no sync, no
HTTP, no kurator. Each business gets a `business` row and a synced `profile` entity (name,
owner, desa, kecamatan, phone, certificate, payment text); each product a `listing` entity with
the fields a desktop sends, and the storefront's `product` row built from it by the projection's
own field rules (`server.shop.project._fill`, `_search_text`, `shown_hash`; the slug the way
`_free_slug` makes it). Photos go into `product_photo` as 1024 px JPEGs the size the desktop
uploads (quality 72, about 95-130 KB); their 320 and 160 px copies are left for the server to
make on first request, as it does for synced photos. What is left out: logins, devices, the
change log and the `photo` entities (the base64 copy of each JPEG the sync keeps), which no
storefront page reads. On PostgreSQL the photos are written with `COPY ... (FORMAT BINARY)` and
the tables are `VACUUM ANALYZE`d afterwards, as autovacuum would have done on a live server.

The catalogue: businesses spread over 8 kecamatan of one kabupaten (4 desa each), each with a
main category of the 6 (most of its products) and 1-3 photos a product; about 8% of products
carry a promo price, most of them running today; 3% more listings are waiting for a kurator,
refused or drafts (stored, never shown). Photos come from a pool of distinct busy pictures
(noise and many edges, so every small copy weighs what a real photo's would); each product's
copy is made unique (its own sha256, as the server keys photos) by a JPEG comment segment.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import random
import re
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, text

FULL = {"businesses": 1_000, "products": 10_000, "photo_pool": 48}
QUICK = {"businesses": 60, "products": 600, "photo_pool": 8}
TINY = {"businesses": 6, "products": 30, "photo_pool": 3}
HIDDEN_SHARE = 0.03   # waiting, refused or draft listings stored beside the shown ones
PROMO_SHARE = 0.08
KABUPATEN = "Karangasem"
PLACES = {
    "Sidemen": ("Tangkup", "Talibeng", "Sinduwati", "Telaga Tawang"),
    "Manggis": ("Antiga", "Ulakan", "Padangbai", "Tenganan"),
    "Karangasem": ("Subagan", "Bugbug", "Seraya", "Tumbu"),
    "Abang": ("Tista", "Culik", "Purwakerthi", "Bunutan"),
    "Bebandem": ("Jungutan", "Sibetan", "Budakeling", "Macang"),
    "Rendang": ("Besakih", "Menanga", "Pesaban", "Nongan"),
    "Selat": ("Muncan", "Duda", "Sebudi", "Amerta Bhuana"),
    "Kubu": ("Tianyar", "Ban", "Sukadana", "Tulamben"),
}
GOODS = {
    "makanan-olahan": ("Keripik Pisang", "Keripik Singkong", "Keripik Talas", "Rengginang",
                       "Dodol Salak", "Sambal Matah", "Abon Ikan Tongkol", "Kacang Kapri",
                       "Kue Bantal", "Pie Susu"),
    "kain-tenun": ("Kain Endek", "Kain Songket", "Selendang Tenun", "Udeng Batik",
                   "Kain Gringsing", "Sarung Tenun Ikat"),
    "kerajinan": ("Keranjang Bambu", "Tas Anyaman Ate", "Patung Kayu", "Tempat Tisu Lontar",
                  "Piring Anyaman", "Bokor Kuningan", "Topeng Kayu"),
    "minuman": ("Kopi Robusta", "Kopi Arabika", "Teh Serai", "Loloh Cemcem", "Jamu Kunyit",
                "Sirup Salak", "Teh Daun Kelor"),
    "pertanian": ("Salak Bali", "Beras Merah", "Madu Hutan", "Jeruk Keprok", "Gula Aren",
                  "Cabai Rawit", "Vanili Kering", "Kelapa Muda"),
    "lainnya": ("Sabun Sereh", "Dupa Wangi", "Minyak Kelapa", "Lilin Aromaterapi",
                "Boreh Bali", "Minyak Urut"),
}
VARIANTS = {
    "makanan-olahan": ("Original", "Pedas", "Balado", "Manis", "Bawang", "Keju"),
    "kain-tenun": ("Motif Cepuk", "Motif Patra", "Merah", "Biru", "Hitam", "Prada"),
    "kerajinan": ("Kecil", "Sedang", "Besar", "Ukir", "Polos", "Warna Alami"),
    "minuman": ("Bubuk", "Biji", "Asli", "Tanpa Gula", "Premium", "Celup"),
    "pertanian": ("Super", "Pilihan", "Organik", "Asli", "Segar", "Kering"),
    "lainnya": ("Wangi Cendana", "Wangi Melati", "Serai", "Asli", "Herbal", "Premium"),
}
SIZES = {
    "makanan-olahan": ("100 g", "250 g", "500 g", "1 kg", "isi 10"),
    "kain-tenun": ("1 lembar", "2 m", "ukuran 110 x 200 cm", "sepasang"),
    "kerajinan": ("1 buah", "sepasang", "isi 3", "isi 6"),
    "minuman": ("100 g", "250 g", "500 g", "1 liter", "isi 20"),
    "pertanian": ("1 kg", "2 kg", "5 kg", "250 g", "1 ikat"),
    "lainnya": ("1 buah", "isi 3", "100 ml", "250 ml", "1 pak"),
}
OWNERS = ("Made", "Wayan", "Nyoman", "Ketut", "Putu", "Kadek", "Komang", "Luh", "Gede", "Sari")
USAHA = ("Usaha", "Toko", "Dapur", "Warung", "Kelompok", "Sanggar", "Kebun", "Tenun")
LINES = ("Dibuat sendiri oleh ibu-ibu desa dari bahan pilihan panen sekitar.",
         "Tanpa pengawet dan tanpa pewarna buatan.",
         "Dikemas rapat dalam plastik tebal, tahan dua bulan di tempat kering.",
         "Cocok untuk oleh-oleh dan hantaran upacara.",
         "Dikerjakan dengan tangan; warna dan ukuran bisa sedikit berbeda dari foto.",
         "Pesanan di atas sepuluh buah harap hubungi penjual lewat WhatsApp dulu.",
         "Dikirim dari desa setiap hari Senin dan Kamis.",
         "Bahan dibeli langsung dari petani anggota kelompok kami.")
NO_HIT = ("durian montong", "sepatu kulit", "laptop", "beras ketan hitam jepang", "xyzzy")


@dataclass
class Catalog:
    """What was loaded, and what the load generator and the page weights use from it."""

    businesses: int = 0
    shown: int = 0
    hidden: int = 0
    photos: int = 0
    photo_bytes: int = 0
    promos_today: int = 0
    seconds: float = 0.0
    categories: list[str] = field(default_factory=list)
    search_terms: list[str] = field(default_factory=list)
    heavy_slugs: list[str] = field(default_factory=list)  # shown products with 3 photos
    per_category: dict[str, int] = field(default_factory=dict)  # shown products per category


def busy_jpeg(seed: int, size: tuple[int, int] = (1024, 768), shapes: int | None = None
              ) -> bytes:
    """A 1024 px product photo as the desktop uploads it (quality 72): noise and many edges
    (`shapes` ellipses, or 300-1000 of them by the seed, so photos weigh differently)."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.merge("RGB", [Image.blend(Image.linear_gradient("L")
                                            .rotate(rng.randrange(360)).resize(size),
                                            Image.effect_noise(size, 30), 0.25)
                                for _ in range(3)])
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randrange(300, 1000) if shapes is None else shapes):
        x, y, r = rng.randrange(size[0]), rng.randrange(size[1]), rng.randrange(4, 60)
        draw.ellipse([x, y, x + r, y + r], fill=(rng.randrange(256), rng.randrange(256),
                                                 rng.randrange(256)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, optimize=True, progressive=True)
    return out.getvalue()


def tagged(jpeg: bytes, tag: str) -> bytes:
    """The same picture with a JPEG comment (COM) segment after SOI: its own sha256."""
    note = tag.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(note) + 2).to_bytes(2, "big") + note + jpeg[2:]


def slug_of(title: str, taken: set[str]) -> str:
    """The mall address the projection would give this title (`project._free_slug`)."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:100] or "produk"
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


def _businesses(rng: random.Random, count: int) -> list[dict[str, Any]]:
    out = []
    kecamatan = sorted(PLACES)
    for n in range(count):
        kec = kecamatan[n % len(kecamatan)]
        desa = rng.choice(PLACES[kec])
        owner = rng.choice(OWNERS)
        name = f"{rng.choice(USAHA)} {owner} {desa} {n + 1}"
        profile: dict[str, Any] = {
            "name": name, "owner": f"Ni {owner}" if n % 2 else f"I {owner}", "desa": desa,
            "kecamatan": kec, "kabupaten": KABUPATEN, "type": "Perorangan",
            "phone": f"0812-{3000 + n % 7000:04d}-{rng.randrange(10_000):04d}",
            "address": f"Br. Dinas Kaja, Desa {desa}",
            "payment_transfer": f"BPD Bali 0{rng.randrange(10**9):09d} a.n. {name}",
            "payment_qris": "QRIS tersedia, minta lewat WhatsApp", "payment_cod": "Bisa COD"}
        if rng.random() < 0.5:
            profile["halal"] = f"ID5111{rng.randrange(10**8):08d}"
        if rng.random() < 0.4:
            profile["pirt"] = f"2{rng.randrange(10**14):014d}"
        out.append({"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    "slug": re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-"),
                    "main": rng.choice(list(GOODS)), "profile": profile})
    return out


def _listing(rng: random.Random, category: str, n: int, today: dt.date,
             shas: list[str], state: str) -> dict[str, Any]:
    """The fields a desktop pushes for one listing (money in sen)."""
    title = (f"{rng.choice(GOODS[category])} {rng.choice(VARIANTS[category])} "
             f"{rng.choice(SIZES[category])}")
    price = rng.randrange(10, 1000) * 50_000            # Rp5.000 .. Rp499.500, in sen
    data: dict[str, Any] = {
        "item": str(uuid.UUID(int=rng.getrandbits(128), version=4)), "sku": f"SKU-{n:05d}",
        "title": title, "description": " ".join(rng.sample(LINES, rng.randrange(2, 6))),
        "category": category, "price": price, "promo_price": None, "promo_start": None,
        "promo_end": None, "weight_grams": rng.choice((100, 250, 500, 750, 1000, 1500, 2500)),
        "return_policy": "Tukar dalam 3 hari bila barang rusak saat diterima.",
        "certificates": ["halal"] if category in ("makanan-olahan", "minuman")
        and rng.random() < 0.5 else [], "published": state != "draf", "photos": shas}
    if rng.random() < 0.7:
        data["stock"] = rng.randrange(0, 200)
    if rng.random() < PROMO_SHARE:
        start = today + dt.timedelta(days=rng.choice((-20, -5, -1, 0, 0, 0, 3)))
        data.update(promo_price=price * rng.choice((80, 85, 90)) // 100,
                    promo_start=start.isoformat(),
                    promo_end=(start + dt.timedelta(days=rng.randrange(3, 30))).isoformat())
    return data


def _product_row(data: dict[str, Any], *, listing_id: str, business: dict[str, Any],
                 slug: str, state: str, approved: dt.datetime) -> dict[str, Any]:
    """The `product` row the projection makes of this listing."""
    from server.shop.models import Product
    from server.shop.project import _fill, _search_text, shown_hash

    product = Product(id=listing_id, business_id=business["id"], slug=slug)
    _fill(product, data)
    place = business["profile"]
    product.seller, product.desa = place["name"], place["desa"]
    product.kecamatan, product.kabupaten = place["kecamatan"], place["kabupaten"]
    product.search_text = _search_text(product)
    product.shown_hash = shown_hash(data)
    product.curation = state
    product.curation_reason = "Foto kurang jelas" if state == "ditolak" else ""
    product.created_at = approved - dt.timedelta(hours=6)
    product.updated_at = approved - dt.timedelta(hours=1)
    product.approved_at = approved if state == "tayang" else None
    row = product.model_dump()
    return row


def build_rows(scale: dict[str, int], seed: int, today: dt.date,
               pool: list[bytes]) -> tuple[dict[str, list[dict[str, Any]]], Catalog]:
    """Every row to insert, table by table, and the catalogue's summary."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC)
    businesses = _businesses(rng, scale["businesses"])
    total = scale["products"] + round(scale["products"] * HIDDEN_SHARE)
    owners = list(range(len(businesses))) + rng.choices(
        range(len(businesses)), weights=[1 / (1 + k % 50) for k in range(len(businesses))],
        k=max(0, total - len(businesses)))
    rows: dict[str, list[dict[str, Any]]] = {"business": [], "entity": [], "product": [],
                                             "product_photo": []}
    cat = Catalog(businesses=len(businesses), categories=list(GOODS))
    for b in businesses:
        rows["business"].append({"id": b["id"], "name": b["profile"]["name"], "slug": b["slug"],
                                 "book_id": str(uuid.uuid4()), "epoch": str(uuid.uuid4()),
                                 "last_seq": 0, "created_at": now})
        rows["entity"].append({"entity": "profile", "entity_id": str(uuid.uuid4()),
                               "business_id": b["id"], "data": json.dumps(b["profile"]),
                               "clocks": "{}", "updated_seq": 0})
    taken: set[str] = set()
    for n, owner in enumerate(owners):
        business = businesses[owner]
        state = "tayang" if n < scale["products"] else rng.choice(("menunggu", "ditolak", "draf"))
        category = business["main"] if rng.random() < 0.7 else rng.choice(list(GOODS))
        shas = []
        for k in range(rng.choices((1, 2, 3), weights=(40, 35, 25))[0]):
            pick, tag = rng.randrange(len(pool)), f"lumbung-bench {n}.{k}"
            jpeg = tagged(pool[pick], tag)
            shas.append(hashlib.sha256(jpeg).hexdigest())
            rows["product_photo"].append({"sha256": shas[-1], "business_id": business["id"],
                                          "pool": pick, "tag": tag})
            cat.photo_bytes += len(jpeg)
        data = _listing(rng, category, n, today, shas, state)
        listing_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        rows["entity"].append({"entity": "listing", "entity_id": listing_id,
                               "business_id": business["id"], "data": json.dumps(data),
                               "clocks": "{}", "updated_seq": 0})
        approved = now - dt.timedelta(minutes=rng.randrange(60, 365 * 24 * 60))
        row = _product_row(data, listing_id=listing_id, business=business,
                           slug=slug_of(data["title"], taken), state=state, approved=approved)
        rows["product"].append(row)
        if state == "tayang":
            cat.shown += 1
            cat.per_category[row["category"]] = cat.per_category.get(row["category"], 0) + 1
            if len(shas) == 3 and len(cat.heavy_slugs) < 50:
                cat.heavy_slugs.append(row["slug"])
            iso = today.isoformat()
            if row["promo_price"] and row["promo_start"] <= iso <= row["promo_end"]:
                cat.promos_today += 1
        else:
            cat.hidden += 1
    cat.photos = len(rows["product_photo"])
    cat.search_terms = search_terms(rng)
    return rows, cat


def search_terms(rng: random.Random) -> list[str]:
    """What buyers type: product nouns, a noun and a variant, places, and a few misses."""
    nouns = sorted({word.lower() for goods in GOODS.values() for title in goods
                    for word in title.split()})
    pairs = [f"{title.split()[0].lower()} {variant.split()[-1].lower()}"
             for category, goods in GOODS.items() for title in goods
             for variant in VARIANTS[category][:3]]
    places = [name.lower() for kec, desas in PLACES.items() for name in (kec, *desas)]
    terms = nouns + pairs + places + [t for t in NO_HIT]
    rng.shuffle(terms)
    return terms


def _photos(rows: list[dict[str, Any]], pool: list[bytes]) -> Iterator[dict[str, Any]]:
    """The photo rows with their bytes, made one at a time (2 GB never sits in memory)."""
    for row in rows:
        yield {"sha256": row["sha256"], "business_id": row["business_id"],
               "jpeg": tagged(pool[row["pool"]], row["tag"]), "width": 1024, "height": 768}


def _insert(engine: Engine, rows: dict[str, list[dict[str, Any]]], pool: list[bytes]) -> None:
    """Every row in one transaction; photos by binary COPY on PostgreSQL."""
    from server.models import Business, Entity
    from server.shop.models import Product, ProductPhoto

    tables = {"business": Business.__table__, "entity": Entity.__table__,  # type: ignore[attr-defined]
              "product": Product.__table__,  # type: ignore[attr-defined]
              "product_photo": ProductPhoto.__table__}  # type: ignore[attr-defined]
    with engine.begin() as conn:
        for name in ("business", "entity", "product"):
            for start in range(0, len(rows[name]), 2_000):
                conn.execute(tables[name].insert(), rows[name][start:start + 2_000])
        photos = _photos(rows["product_photo"], pool)
        if engine.dialect.name != "postgresql":
            for row in photos:
                conn.execute(tables["product_photo"].insert(), [row])
            return
        raw = conn.connection.driver_connection
        assert raw is not None
        with raw.cursor() as cur, cur.copy(
                "COPY product_photo (sha256, business_id, jpeg, width, height) "
                "FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(["text", "text", "bytea", "int4", "int4"])
            for p in photos:
                copy.write_row((p["sha256"], p["business_id"], p["jpeg"], p["width"],
                                p["height"]))


def load_catalog(url: str, scale: dict[str, int], *, seed: int = 6) -> Catalog:
    """Migrate a fresh mall database at `url` and fill it; what went in, and how long it took."""
    from server.db import make_engine, upgrade

    began = time.perf_counter()
    pool = [busy_jpeg(seed * 1000 + k) for k in range(scale["photo_pool"])]
    engine = make_engine(url)
    try:
        upgrade(engine)
        rows, catalog = build_rows(scale, seed, dt.date.today(), pool)
        _insert(engine, rows, pool)
        if engine.dialect.name == "postgresql":
            with engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()
    catalog.seconds = time.perf_counter() - began
    return catalog
