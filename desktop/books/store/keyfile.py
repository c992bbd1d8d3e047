"""The key file beside each encrypted book: its data key wrapped under the PIN and a recovery code.

`<business>.sqlite3.kunci` is JSON, created 0600. It never holds the data key itself, only two
AES-256-GCM wrappings of it: one under a key derived from the PIN (scrypt, N=2^17, about 128 MiB
and half a second), one under a 20-character recovery code (scrypt, N=2^14; the code's 100
random bits make guessing hopeless, the KDF only slows a typo-check). Resetting a forgotten
PIN or making a new recovery code rewraps the same data key; changing the PIN makes a new one
(store/rekey.py). The wrong-PIN count and the temporary lock live here too, because the books
cannot be opened to record them before the PIN is right.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from desktop.books.errors import AuthError, InputError, StoreError
from desktop.books.pin import Clock, delay_after, locked_error, validate_pin, wrong_pin_error

SUFFIX = ".kunci"
FORMAT = "lumbung-kunci"
VERSION = 1
KEY_BYTES = 32


@dataclass(frozen=True)
class Cost:
    """scrypt parameters; the key file records those it was made with."""

    n: int
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        """Memory scrypt needs (128 * r * n bytes) plus headroom for OpenSSL."""
        return 129 * self.r * self.n + 1024 * 1024


PIN_COST = Cost(n=2**17)
RECOVERY_COST = Cost(n=2**14)
# Only for the test suite, which creates thousands of books: `LUMBUNG_TEST_WEAK_KDF=1` makes
# NEW key files cheap to derive. The cost is stored in each file, so reading never depends on it.
_WEAK = Cost(n=2**8)
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
RECOVERY_LENGTH = 20


def _cost(normal: Cost) -> Cost:
    return _WEAK if os.environ.get("LUMBUNG_TEST_WEAK_KDF") == "1" else normal


def keyfile_path(book_file: Path) -> Path:
    """Where the key file of a books file lives: beside it, `<file>.kunci`."""
    return book_file.with_name(book_file.name + SUFFIX)


def pending_path(book_file: Path) -> Path:
    """Where a restore puts the new key file until the books have been swapped in."""
    return book_file.with_name(book_file.name + SUFFIX + "-baru")


def new_data_key() -> bytes:
    """A random 256-bit key for one business's books and backups."""
    return secrets.token_bytes(KEY_BYTES)


def new_recovery_code() -> str:
    """20 random characters (100 bits), shown as XXXX-XXXX-XXXX-XXXX-XXXX."""
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, RECOVERY_LENGTH, 4))


def normalise_recovery_code(code: str) -> str:
    """Accept the code typed loosely: any case, spaces or dashes, O for 0 and I/L for 1."""
    plain = "".join(ch for ch in (code or "").upper() if ch not in " -\t")
    plain = plain.translate(str.maketrans("OILU", "011V"))
    if len(plain) != RECOVERY_LENGTH or any(ch not in RECOVERY_ALPHABET for ch in plain):
        raise InputError("Kode pemulihan harus {count} huruf/angka seperti di kertas catatan",
                         field="recovery-code", value="*" * len(plain), count=RECOVERY_LENGTH)
    return plain


@dataclass(frozen=True)
class Slot:
    """One wrapping of the data key: scrypt salt and cost, GCM nonce and ciphertext."""

    cost: Cost
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def as_json(self) -> dict[str, Any]:
        """The slot as JSON-ready values."""
        return {"kdf": "scrypt", "n": self.cost.n, "r": self.cost.r, "p": self.cost.p,
                "salt": _b64(self.salt), "nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Slot:
        """Read a slot, refusing anything but scrypt."""
        if data.get("kdf") != "scrypt":
            raise ValueError("unknown kdf")
        cost = Cost(n=int(data["n"]), r=int(data["r"]), p=int(data["p"]))
        return cls(cost, _unb64(data["salt"]), _unb64(data["nonce"]), _unb64(data["wrapped"]))


def derive(secret: str, salt: bytes, cost: Cost) -> bytes:
    """The 256-bit wrapping key for a PIN or recovery code."""
    return hashlib.scrypt(secret.encode(), salt=salt, n=cost.n, r=cost.r, p=cost.p,
                          maxmem=cost.maxmem, dklen=KEY_BYTES)


def wrap(data_key: bytes, secret: str, *, cost: Cost, aad: bytes) -> Slot:
    """Wrap the data key under a secret with a fresh salt and nonce."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    wrapped = AESGCM(derive(secret, salt, cost)).encrypt(nonce, data_key, aad)
    return Slot(cost, salt, nonce, wrapped)


def unwrap(slot: Slot, secret: str, *, aad: bytes) -> bytes | None:
    """The data key, or None when the secret is wrong (the GCM tag does not verify)."""
    try:
        return AESGCM(derive(secret, slot.salt, slot.cost)).decrypt(slot.nonce, slot.wrapped, aad)
    except InvalidTag:
        return None


@dataclass(frozen=True)
class KeyFile:
    """What a key file holds: whose it is, the two wrappings, and the wrong-PIN state."""

    business_id: str
    pin: Slot
    recovery: Slot
    failures: int = 0
    blocked_until: float = 0.0

    def aad(self, slot: str) -> bytes:
        """Binds each wrapping to its business and purpose, so slots cannot be swapped."""
        return f"{FORMAT}:{VERSION}:{self.business_id}:{slot}".encode()

    def as_json(self) -> dict[str, Any]:
        """The whole file as JSON-ready values."""
        return {"format": FORMAT, "version": VERSION, "business_id": self.business_id,
                "pin": self.pin.as_json(), "recovery": self.recovery.as_json(),
                "failures": self.failures, "blocked_until": self.blocked_until}


def make_keyfile(business_id: str, data_key: bytes, *, pin: str,
                 recovery_code: str) -> KeyFile:
    """Wrap a data key under a PIN and a recovery code."""
    empty = Slot(PIN_COST, b"", b"", b"")
    shell = KeyFile(business_id, empty, empty)
    return KeyFile(
        business_id,
        wrap(data_key, pin, cost=_cost(PIN_COST), aad=shell.aad("pin")),
        wrap(data_key, normalise_recovery_code(recovery_code), cost=_cost(RECOVERY_COST),
             aad=shell.aad("recovery")),
    )


def load(path: Path) -> KeyFile:
    """Read a key file; a missing or damaged one is a `StoreError` naming the file."""
    try:
        return parse(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError as exc:
        raise StoreError("Berkas kunci '{value}' hilang; buku terenkripsi tidak bisa dibuka "
                         "tanpanya (pulihkan dari cadangan)", value=str(path)) from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise StoreError("Berkas kunci '{value}' rusak", value=str(path)) from exc


def parse(data: Any) -> KeyFile:
    """A key file from its JSON values (also the header of an encrypted backup)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or \
            int(data.get("version", 0)) > VERSION:
        raise ValueError("not a key file")
    return KeyFile(str(data["business_id"]), Slot.from_json(data["pin"]),
                   Slot.from_json(data["recovery"]), int(data.get("failures", 0)),
                   float(data.get("blocked_until", 0.0)))


def save(path: Path, keyfile: KeyFile) -> None:
    """Write the key file atomically (aside, fsync, rename), readable only by its owner."""
    partial = path.with_name(f"{path.name}.{secrets.token_hex(4)}.baru")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(keyfile.as_json(), out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    fsync_dir(path.parent)


def unlock_with_pin(path: Path, pin: str | None, *, clock: Clock = time.time) -> bytes:
    """The data key if the PIN is right and the business is not locked; else `AuthError`."""
    keyfile = load(path)
    now = clock()
    if now < keyfile.blocked_until:
        raise locked_error(keyfile.failures, keyfile.blocked_until - now)
    key = unwrap(keyfile.pin, pin, aad=keyfile.aad("pin")) if pin else None
    if key is not None:
        if keyfile.failures:
            save(path, replace(keyfile, failures=0, blocked_until=0.0))
        return key
    failures = keyfile.failures + 1
    save(path, replace(keyfile, failures=failures, blocked_until=now + delay_after(failures)))
    raise wrong_pin_error(failures)


def unlock_with_recovery(path: Path, code: str) -> bytes:
    """The data key for a right recovery code; else `AuthError`."""
    keyfile = load(path)
    key = unwrap(keyfile.recovery, normalise_recovery_code(code), aad=keyfile.aad("recovery"))
    if key is None:
        raise AuthError("Kode pemulihan salah")
    return key


def set_pin(path: Path, data_key: bytes, new_pin: str) -> None:
    """Rewrap the data key under a new PIN and clear the wrong-PIN count and lock."""
    validate_pin(new_pin, field="new-pin")
    keyfile = load(path)
    slot = wrap(data_key, new_pin, cost=_cost(PIN_COST), aad=keyfile.aad("pin"))
    save(path, replace(keyfile, pin=slot, failures=0, blocked_until=0.0))


def set_recovery_code(path: Path, data_key: bytes) -> str:
    """Rewrap the data key under a new recovery code and return it (the old one stops working)."""
    keyfile = load(path)
    code = new_recovery_code()
    slot = wrap(data_key, normalise_recovery_code(code), cost=_cost(RECOVERY_COST),
                aad=keyfile.aad("recovery"))
    save(path, replace(keyfile, recovery=slot))
    return code


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op on Windows)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)
