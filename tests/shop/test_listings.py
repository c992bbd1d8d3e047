"""Listings: fields checked, photos made small and clean, publishing asks the kurator."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from PIL import Image

from desktop.books.book import Book
from desktop.books.errors import InputError, UserFacingError
from desktop.shop.listings import (
    add_listing,
    get_listing,
    list_listings,
    photo_data,
    set_photos,
    set_published,
    update_listing,
)
from tests.shop.conftest import phone_photo


def outbox(book: Book, entity: str) -> list[tuple[str, dict[str, object]]]:
    return [(op, json.loads(data)) for op, data in book.conn.execute(
        "SELECT op, data FROM outbox WHERE entity = ? ORDER BY seq", (entity,))]


def test_five_phone_photos_cost_well_under_a_megabyte(shop: Book, tmp_path: Path) -> None:
    files = [phone_photo(tmp_path / f"p{n}.jpg", seed=n) for n in range(5)]
    original = sum(f.stat().st_size for f in files)
    with shop.write() as conn:
        listing = add_listing(conn, sku="KRP-ORI", title="Keripik Pisang Original 250 g",
                              price=1_500_000, weight_grams=260, photos=files)
    sizes = [len(photo_data(shop.conn, sha) or b"") for sha in listing.photos]
    assert len(sizes) == 5 and sum(sizes) < 1_000_000 < original
    for sha in listing.photos:
        with Image.open(io.BytesIO(photo_data(shop.conn, sha) or b"")) as image:
            assert image.format == "JPEG" and max(image.size) == 1024
    sent = outbox(shop, "photo")
    assert [data["width"] for _op, data in sent] == [1024] * 5


def test_a_photo_is_turned_upright_and_loses_its_gps(shop: Book, tmp_path: Path) -> None:
    path = phone_photo(tmp_path / "hp.jpg", size=(1600, 1200), exif=True)
    with shop.write() as conn:
        listing = add_listing(conn, sku="KRP-ORI", title="Keripik", price=1_500_000,
                              photos=[path])
    with Image.open(io.BytesIO(photo_data(shop.conn, listing.photos[0]) or b"")) as image:
        assert image.size == (768, 1024)  # orientation 6 applied: portrait
        assert not image.getexif()


@pytest.mark.parametrize(("make", "message"), [
    (lambda p: phone_photo(p, size=(150, 150)), "minimal 200"),
    (lambda p: phone_photo(p, size=(600, 600), fmt="GIF"), "JPEG, PNG atau WebP"),
    (lambda p: p.write_text("<script>alert(1)</script>") and p, "tidak bisa dibaca"),
])
def test_bad_photos_are_refused_and_nothing_is_kept(shop: Book, tmp_path: Path, make: object,
                                                    message: str) -> None:
    good = phone_photo(tmp_path / "good.jpg", size=(800, 600))
    bad = make(tmp_path / "bad.img")  # type: ignore[operator]
    with pytest.raises(InputError) as caught, shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik", price=1_500_000, photos=[good, bad])
    assert message in caught.value.message() and caught.value.field == "photo"
    assert str(bad) in caught.value.message()
    assert list_listings(shop.conn) == [] and outbox(shop, "listing") == []
    assert shop.conn.execute("SELECT count(*) FROM listing_photo").fetchone()[0] == 0


def test_six_photos_and_bad_fields_are_refused(shop: Book, tmp_path: Path) -> None:
    photo = phone_photo(tmp_path / "p.jpg", size=(800, 600))
    cases = [({"photos": [photo] * 6}, "photo", "Paling banyak 5 foto"),
             ({"title": "  "}, "title", "Judul produk wajib diisi"),
             ({"price": 0}, "price", "lebih dari nol"),
             ({"category": "senjata"}, "category", "tidak dikenal"),
             ({"weight_grams": -1}, "weight_grams", "tidak masuk akal"),
             ({"sku": "TIDAK-ADA"}, "sku", "tidak ada")]
    for change, field, text in cases:
        values: dict[str, object] = {"sku": "KRP-ORI", "title": "Keripik", "price": 1_500_000,
                                     **change}
        with pytest.raises(UserFacingError) as caught, shop.write() as conn:
            add_listing(conn, **values)  # type: ignore[arg-type]
        assert caught.value.field == field and text in caught.value.message(), change
    assert list_listings(shop.conn) == []


def test_publishing_waits_for_curation_and_edits_are_curated_again(shop: Book) -> None:
    with shop.write() as conn:
        listing = add_listing(conn, sku="KRP-ORI", title="Keripik", price=1_500_000)
        assert listing.curation == "draf" and not listing.published
        assert listing.certificates == ["pirt"]  # from the demo profile
        assert set_published(conn, "KRP-ORI", True).curation == "menunggu"
        conn.execute("UPDATE listing SET curation = 'tayang'")  # what the mall's answer does
        edited = update_listing(conn, "KRP-ORI", price=1_600_000, promo_price=1_200_000,
                                promo_start="2026-12-01", promo_end="2026-12-31")
        assert edited.curation == "menunggu" and edited.price == 1_600_000
        with pytest.raises(InputError, match="TTTT-BB-HH"):
            update_listing(conn, "KRP-ORI", promo_end="31/12/2026")
        assert set_published(conn, "KRP-ORI", False).curation == "draf"
    assert edited.price_on(dt.date(2026, 12, 15)) == 1_200_000
    assert edited.price_on(dt.date(2027, 1, 1)) == 1_600_000
    changes = outbox(shop, "listing")
    assert changes[0][0] == "insert" and changes[0][1]["sku"] == "KRP-ORI"
    assert [data for _op, data in changes[1:]] == [
        {"published": True},
        {"price": 1_600_000, "promo_price": 1_200_000, "promo_start": "2026-12-01",
         "promo_end": "2026-12-31"},
        {"published": False}]
    clocks = {f for (f,) in shop.conn.execute(
        "SELECT field FROM field_clock WHERE entity = 'listing'")}
    assert {"title", "price", "promo_price", "published", "photos"} <= clocks


def test_replacing_photos_sends_only_new_ones(shop: Book, tmp_path: Path) -> None:
    first = phone_photo(tmp_path / "a.jpg", size=(800, 600), seed=1)
    second = phone_photo(tmp_path / "b.jpg", size=(800, 600), seed=2)
    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik", price=1_500_000, photos=[first])
        listing = set_photos(conn, "KRP-ORI", [second, first])
    assert len(listing.photos) == 2 and listing.photos[1] == get_listing(
        shop.conn, "KRP-ORI").photos[1]
    assert len(outbox(shop, "photo")) == 2  # the first photo was not queued twice


def test_stock_levels_are_queued_only_when_they_change(shop: Book) -> None:
    from desktop.books.forms import TxInput, post_tx
    from sync_client.shop_stock import queue_stock_levels

    with shop.write() as conn:
        add_listing(conn, sku="KRP-ORI", title="Keripik", price=1_500_000, publish=True)
        add_listing(conn, sku="KRP-CKL", title="Cokelat", price=1_800_000)  # a draft: not sent
        assert queue_stock_levels(conn) == 1
        assert queue_stock_levels(conn) == 0
    post_tx(shop, TxInput(type="penjualan-tunai", date="2026-11-20", item="KRP-ORI", qty="2"))
    with shop.write() as conn:
        assert queue_stock_levels(conn) == 1
    levels = [data["stock"] for _op, data in outbox(shop, "listing") if "stock" in data]
    assert levels[1] == levels[0] - 2
