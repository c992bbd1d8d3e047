"""A PIN per business: stored as a slow scrypt hash, with growing delays and a temporary lock."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import math
import re
import secrets
import sqlite3
import time
from collections.abc import Callable

from desktop.books.errors import AuthError, InputError
from desktop.books.store.connection import write_tx

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MAX_FAILURES = 5
LOCK_SECONDS = 300
PIN_MAX_DIGITS = 12  # the PIN fields of the desktop take no more
_PIN_FORMAT = re.compile(rf"[0-9]{{4,{PIN_MAX_DIGITS}}}")

Clock = Callable[[], float]


def validate_pin(pin: str, *, field: str = "pin") -> str:
    """Accept 4 to 12 digits, which an owner can type and remember."""
    if not _PIN_FORMAT.fullmatch(pin or ""):
        raise InputError("PIN harus 4 sampai 12 angka", field=field, value="*" * len(pin or ""))
    return pin


def hash_pin(pin: str) -> str:
    """Return `scrypt$N$r$p$salt$hash` for a PIN."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    parts = ("scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest))
    return "$".join(parts)


def pin_matches(pin: str, stored: str) -> bool:
    """Compare a PIN with its stored hash in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    expected = base64.b64decode(digest)
    actual = hashlib.scrypt(
        pin.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
        dklen=len(expected),
    )
    return hmac.compare_digest(actual, expected)


def delay_after(failures: int) -> int:
    """Seconds to wait after the n-th wrong PIN in a row: 1, 2, 4, 8, then a 5-minute lock."""
    if failures <= 0:
        return 0
    if failures >= MAX_FAILURES:
        return LOCK_SECONDS
    return int(2 ** (failures - 1))


def set_pin(conn: sqlite3.Connection, pin: str) -> None:
    """Store a new PIN hash and clear any lock; call inside a write transaction."""
    validate_pin(pin)
    conn.execute(
        "INSERT INTO pin (id, hash, failures, blocked_until, changed_at) VALUES (1, ?, 0, 0, ?) "
        "ON CONFLICT(id) DO UPDATE SET hash = excluded.hash, failures = 0, blocked_until = 0, "
        "changed_at = excluded.changed_at",
        (hash_pin(pin), dt.datetime.now().isoformat(timespec="seconds")),
    )


def check_pin(conn: sqlite3.Connection, pin: str | None, *, clock: Clock = time.time) -> None:
    """Raise `AuthError` unless the PIN is right and the business is not locked."""
    row = conn.execute("SELECT hash, failures, blocked_until FROM pin WHERE id = 1").fetchone()
    if row is None:
        raise AuthError("Buku ini belum punya PIN")
    stored, failures, blocked_until = row
    now = clock()
    if now < blocked_until:
        raise locked_error(failures, blocked_until - now)
    if pin and pin_matches(pin, stored):
        if failures:
            with write_tx(conn):
                conn.execute("UPDATE pin SET failures = 0, blocked_until = 0 WHERE id = 1")
        return
    failures += 1
    delay = delay_after(failures)
    with write_tx(conn):
        conn.execute(
            "UPDATE pin SET failures = ?, blocked_until = ? WHERE id = 1", (failures, now + delay)
        )
    raise wrong_pin_error(failures)


def locked_error(failures: int, wait: float) -> AuthError:
    """The refusal while a business waits out its delay or lock after wrong PINs."""
    seconds = math.ceil(wait)
    if failures >= MAX_FAILURES:
        return AuthError(
            "Usaha ini dikunci sementara karena {count} kali PIN salah. "
            "Coba lagi dalam {wait} detik.",
            count=failures, wait=seconds,
        )
    return AuthError("Tunggu {wait} detik sebelum mencoba PIN lagi", wait=seconds)


def wrong_pin_error(failures: int) -> AuthError:
    """The refusal of the n-th wrong PIN in a row."""
    if failures >= MAX_FAILURES:
        return AuthError(
            "PIN salah. Usaha ini dikunci {minutes} menit karena {count} kali PIN salah.",
            count=failures, minutes=LOCK_SECONDS // 60,
        )
    return AuthError(
        "PIN salah. Sisa {left} kali percobaan sebelum dikunci sementara.",
        left=MAX_FAILURES - failures,
    )


def change_pin(
    conn: sqlite3.Connection, *, old_pin: str, new_pin: str, clock: Clock = time.time
) -> None:
    """Change the PIN after checking the old one."""
    validate_pin(new_pin, field="new-pin")
    check_pin(conn, old_pin, clock=clock)
    with write_tx(conn):
        set_pin(conn, new_pin)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
