"""Creating, listing and opening businesses, and their profile (identity and permits)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from desktop.books import backup
from desktop.books.accounts import install_default_chart
from desktop.books.book import Book
from desktop.books.errors import InputError, StoreError
from desktop.books.ids import new_id, random_id
from desktop.books.outbox import record_change
from desktop.books.pin import Clock, set_pin, validate_pin
from desktop.books.store import keyfile
from desktop.books.store.connection import connect, write_tx
from desktop.books.store.migrate import migrate
from desktop.books.store.paths import backups_dir, books_dir
from desktop.books.store.registry import BusinessRef, Registry
from desktop.books.unlock import unlock

BUSINESS_TYPES = ("dagang", "produksi", "jasa")
TAXPAYER_TYPES = ("orang-pribadi", "badan")


@dataclass(frozen=True)
class Profile:
    """Who the business is: identity, address, contact and permits (NIB, NPWP, P-IRT)."""

    id: str
    name: str
    owner: str = ""
    type: str = "produksi"
    address: str = ""
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""
    provinsi: str = ""
    phone: str = ""
    email: str = ""
    category: str = ""
    nib: str = ""
    npwp: str = ""
    pirt: str = ""
    taxpayer: str = "orang-pribadi"
    halal: str = ""
    sni: str = ""
    payment_transfer: str = ""
    payment_qris: str = ""
    payment_cod: str = ""

    def as_dict(self) -> dict[str, str]:
        """All fields as plain strings."""
        return asdict(self)


@dataclass(frozen=True, eq=False)
class NewBusiness(BusinessRef):
    """A business just made: its reference, and the recovery code to show the owner once."""

    recovery_code: str = field(default="", repr=False)

    def __eq__(self, other: object) -> bool:
        """Equal to the plain reference of the same business (the code is not identity)."""
        if not isinstance(other, BusinessRef):
            return NotImplemented
        mine, theirs = (self.id, self.slug, self.name, self.file), \
            (other.id, other.slug, other.name, other.file)
        return mine == theirs


EDITABLE = tuple(f.name for f in fields(Profile) if f.name != "id")
_DIGITS = {"nib": (13,), "npwp": (15, 16), "pirt": (15,)}
PAYMENT_FIELDS = ("payment_transfer", "payment_qris", "payment_cod")
MAX_PAYMENT_TEXT = 500  # the mall shows at most this much of each


def validate_profile(values: dict[str, str]) -> dict[str, str]:
    """Check profile values and return them trimmed; identifiers must have the right digits."""
    clean = {k: (v or "").strip() for k, v in values.items()}
    unknown = set(clean) - set(EDITABLE)
    if unknown:
        raise InputError("Kolom profil '{value}' tidak dikenal", field="profile",
                         value=", ".join(sorted(unknown)))
    if "name" in clean and not clean["name"]:
        raise InputError("Nama usaha wajib diisi", field="name", value="")
    if "type" in clean and clean["type"] not in BUSINESS_TYPES:
        raise InputError("Jenis usaha '{value}' harus salah satu dari: {choices}", field="type",
                         value=clean["type"], choices=", ".join(BUSINESS_TYPES))
    if "taxpayer" in clean and clean["taxpayer"] not in TAXPAYER_TYPES:
        raise InputError("Jenis wajib pajak '{value}' harus salah satu dari: {choices}",
                         field="taxpayer", value=clean["taxpayer"],
                         choices=", ".join(TAXPAYER_TYPES))
    halal = clean.get("halal", "").replace(" ", "").upper()
    if halal and not re.fullmatch(r"ID\d{10,20}", halal):
        raise InputError("Nomor sertifikat halal '{value}' harus diawali ID lalu 10 sampai 20 angka",
                         field="halal", value=clean["halal"])
    if "halal" in clean:
        clean["halal"] = halal
    if len(clean.get("sni", "")) > 60 or not re.fullmatch(r"[\w ./()-]*", clean.get("sni", "")):
        raise InputError("Nomor sertifikat SNI '{value}' hanya boleh huruf, angka, titik, garis "
                         "miring dan tanda hubung (maks. 60)", field="sni", value=clean["sni"])
    for key, lengths in _DIGITS.items():
        digits = clean.get(key, "").replace(".", "").replace("-", "").replace(" ", "")
        if digits and (not digits.isdigit() or len(digits) not in lengths):
            raise InputError("{label} harus {lengths} angka, bukan '{value}'", field=key,
                             value=clean[key], label=key.upper(),
                             lengths=" atau ".join(str(n) for n in lengths))
        if key in clean:
            clean[key] = digits
    for key in PAYMENT_FIELDS:
        if len(clean.get(key, "")) > MAX_PAYMENT_TEXT:
            raise InputError("Petunjuk pembayaran paling panjang {limit} huruf ({value} huruf "
                             "diisi)", field=key, value=str(len(clean[key])),
                             limit=MAX_PAYMENT_TEXT)
    return clean


def create_business(data_dir: Path, *, name: str, pin: str, **profile: str) -> NewBusiness:
    """Make a new encrypted business file with the default chart and its PIN, and register it.

    The result carries the recovery code; it is stored nowhere readable, so show it once.
    """
    values = validate_profile({"name": name, **profile})
    validate_pin(pin)
    # typed by prefix on the CLI, so not time-ordered
    return _create(data_dir, random_id(), values, pin, queue=True)


def create_restored_business(data_dir: Path, *, business_id: str, name: str,
                             pin: str) -> NewBusiness:
    """The empty books a copy from the mall server is pulled into: the server's id, and
    nothing queued for sending back (the profile arrives with the pull)."""
    values = validate_profile({"name": name})
    validate_pin(pin)
    if Registry(data_dir).get(business_id) is not None:
        raise InputError("Usaha '{value}' sudah ada di PC ini", field="business", value=name)
    return _create(data_dir, business_id, values, pin, queue=False)


def _create(data_dir: Path, business_id: str, values: dict[str, str], pin: str, *,
            queue: bool) -> NewBusiness:
    file = books_dir(data_dir) / f"{business_id}.sqlite3"
    kpath = keyfile.keyfile_path(file)
    data_key, code = keyfile.new_data_key(), keyfile.new_recovery_code()
    keyfile.save(kpath, keyfile.make_keyfile(business_id, data_key, pin=pin, recovery_code=code))
    try:
        conn = connect(file, key=data_key)
    except BaseException:
        kpath.unlink(missing_ok=True)
        raise
    try:
        migrate(conn, path=file, backup_dir=backups_dir(data_dir, business_id), key=data_key)
        with write_tx(conn):
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [("business_id", business_id), ("device_id", new_id()), ("created_at", now)],
            )
            columns = ["id", *values, "updated_at"]
            conn.execute(
                f"INSERT INTO profile ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' for _ in columns)})",
                [business_id, *values.values(), now],
            )
            set_pin(conn, pin)
            install_default_chart(conn)
            if queue:
                record_change(conn, "profile", business_id, "update", dict(values))
    except BaseException:
        conn.close()
        file.unlink(missing_ok=True)
        kpath.unlink(missing_ok=True)
        raise
    conn.close()
    ref = Registry(data_dir).add(business_id=business_id, name=values["name"], file=file)
    return NewBusiness(ref.id, ref.slug, ref.name, ref.file, recovery_code=code)


def list_businesses(data_dir: Path) -> list[BusinessRef]:
    """Every business registered on this PC."""
    return Registry(data_dir).list()


def open_business(data_dir: Path, key: str, pin: str | None, *,
                  clock: Clock = time.time) -> Book:
    """Open a business by id or slug after checking its PIN; encrypts, migrates and backs up.

    Plain books from an older version are encrypted here; the book then carries the new
    recovery code for the owner to write down.
    """
    ref = Registry(data_dir).find(key)
    unlocked = unlock(data_dir, ref, pin, clock=clock)
    book = _open_file(data_dir, ref, unlocked.key)
    book.recovery_code = unlocked.recovery_code
    try:
        backup.daily_copy(book)
    except BaseException:
        book.close()
        raise
    return book


def open_again(data_dir: Path, ref: BusinessRef, *, key: bytes | None) -> Book:
    """A second connection to a business already opened with its PIN, for another thread.

    The sync runs beside the window's own connection; SQLite's WAL and busy timeout keep the
    two apart, so a long first sync never holds up typing a sale.
    """
    return _open_file(data_dir, ref, key)


def _open_file(data_dir: Path, ref: BusinessRef, key: bytes | None) -> Book:
    if not ref.file.exists():
        raise StoreError("Berkas buku untuk '{value}' hilang: {file}", value=ref.slug,
                         file=str(ref.file))
    conn = connect(ref.file, key=key)
    try:
        migrate(conn, path=ref.file, backup_dir=backups_dir(data_dir, ref.id), key=key)
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    except BaseException:
        conn.close()
        raise
    if meta.get("business_id") != ref.id:
        conn.close()
        raise StoreError("Berkas '{value}' berisi buku usaha lain", value=str(ref.file))
    return Book(conn=conn, business=ref, device_id=meta["device_id"], data_dir=data_dir, key=key)


def get_profile(conn: sqlite3.Connection) -> Profile:
    """Return the business profile."""
    names = [f.name for f in fields(Profile)]
    row = conn.execute(f"SELECT {', '.join(names)} FROM profile").fetchone()
    return Profile(*row)


def update_profile(book: Book, **changes: str) -> Profile:
    """Change profile fields; only the changed fields go to the outbox."""
    values = validate_profile(changes)
    if not values:
        return get_profile(book.conn)
    with book.write() as conn:
        assignments = ", ".join(f"{key} = ?" for key in values)
        conn.execute(f"UPDATE profile SET {assignments}, updated_at = ?",
                     [*values.values(), dt.datetime.now(dt.UTC).isoformat(timespec="seconds")])
        record_change(conn, "profile", book.business.id, "update", dict(values))
    if "name" in values:
        Registry(book.data_dir).rename(book.business.id, values["name"])
    return get_profile(book.conn)


MAX_LOGO_BYTES = 5 * 1024 * 1024
LOGO_PIXELS = 600


def set_logo(book: Book, path: Path | None) -> str | None:
    """Store a PNG or JPEG as the logo (resized to 600 px, kept as PNG); None removes it."""
    import hashlib

    data: bytes | None = None
    if path is not None:
        data = _logo_png(Path(path))
    with book.write() as conn:
        conn.execute("UPDATE profile SET logo = ?, updated_at = ?",
                     (data, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")))
        digest = hashlib.sha256(data).hexdigest() if data else None
        record_change(conn, "profile", book.business.id, "update", {"logo_sha256": digest})
    return digest


def get_logo(conn: sqlite3.Connection) -> bytes | None:
    """The logo as PNG bytes, if one was set."""
    row = conn.execute("SELECT logo FROM profile").fetchone()
    return bytes(row[0]) if row and row[0] else None


def _logo_png(path: Path) -> bytes:
    import io

    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        raise InputError("Berkas logo '{value}' tidak ada", field="logo", value=str(path))
    if path.stat().st_size > MAX_LOGO_BYTES:
        raise InputError("Berkas logo '{value}' terlalu besar (maks. 5 MB)", field="logo",
                         value=str(path))
    out = io.BytesIO()
    try:
        with Image.open(path) as image:
            kind = image.format
            image.thumbnail((LOGO_PIXELS, LOGO_PIXELS))
            mode = "RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB"
            image.convert(mode).save(out, "PNG")
    except (OSError, UnidentifiedImageError) as exc:
        raise InputError("Logo '{value}' tidak bisa dibaca sebagai gambar", field="logo",
                         value=str(path)) from exc
    if kind not in ("PNG", "JPEG"):
        raise InputError("Logo '{value}' harus gambar PNG atau JPEG", field="logo",
                         value=str(path))
    return out.getvalue()
