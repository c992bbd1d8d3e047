"""Passwords (argon2), device tokens (random, stored as SHA-256) and login throttling.

A wrong password never locks an account: anyone who knows a username could keep its owner
out that way, and a lock that only real accounts get tells a guesser which names exist.
Instead `LoginThrottle` slows guessing down, per address, per address and name, and per
name, counting names that exist and names that do not alike; every refusal says the same.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from typing import ClassVar

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, func, select

from server.models import AppUser, Business, Device, utcnow

ROLES = ("umkm", "kurator", "admin", "dinas")
IP_LOGINS_PER_MINUTE = 20
WRONG = "Nama pengguna atau kata sandi salah"
_hasher = PasswordHasher()


class AuthError(Exception):
    """A login or token problem, with the HTTP status and an Indonesian message."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


def hash_password(password: str) -> str:
    """An argon2id hash; refuses passwords shorter than 8 characters."""
    if len(password) < 8:
        raise ValueError("Kata sandi paling sedikit 8 karakter")
    return _hasher.hash(password)


def token_hash(token: str) -> str:
    """What is stored for a token (tokens are 256 random bits, so one SHA-256 suffices)."""
    return hashlib.sha256(token.encode()).hexdigest()


def slugify(name: str) -> str:
    """`Keripik Pisang Bu Made` -> `keripik-pisang-bu-made`."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:100] or "usaha"


class IpThrottle:
    """At most N login attempts per minute from one address (in this process)."""

    def __init__(self, per_minute: int = IP_LOGINS_PER_MINUTE) -> None:
        self.per_minute = per_minute
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, ip: str, *, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._seen.setdefault(ip, deque())
            while times and now - times[0] > 60:
                times.popleft()
            if len(times) >= self.per_minute:
                raise AuthError(429, "Terlalu banyak percobaan masuk; coba lagi dalam semenit",
                                retry_after=60)
            times.append(now)


def create_user(session: Session, *, username: str, password: str, role: str,
                business_name: str | None = None, new_business: bool = False,
                active: bool = True) -> AppUser:
    """Add a login; an umkm login gets its business (new, or an existing one by name unless
    `new_business`, as for an owner registering on the mall)."""
    if role not in ROLES:
        raise ValueError(f"Peran '{role}' harus salah satu dari: {', '.join(ROLES)}")
    if not re.fullmatch(r"[A-Za-z0-9._-]{3,80}", username):
        raise ValueError(f"Nama pengguna '{username}' hanya huruf, angka, titik, garis (3-80)")
    if session.exec(select(AppUser).where(AppUser.username == username)).first():
        raise ValueError(f"Nama pengguna '{username}' sudah ada")
    business_id = None
    if role == "umkm":
        if not business_name or not business_name.strip():
            raise ValueError("Akun umkm butuh --business-name")
        business = session.exec(select(Business).where(Business.name == business_name)).first()
        if business is not None and new_business:
            raise ValueError(f"Usaha '{business_name}' sudah terdaftar di Mall")
        if business is None:
            slug, n = slugify(business_name), 1
            while session.exec(select(Business).where(Business.slug == slug)).first():
                n += 1
                slug = f"{slugify(business_name)}-{n}"
            business = Business(id=str(uuid.uuid4()), name=business_name.strip(), slug=slug,
                                epoch=str(uuid.uuid4()))
            session.add(business)
            session.flush()
        business_id = business.id
    user = AppUser(username=username, password_hash=hash_password(password), role=role,
                   business_id=business_id, active=active)
    session.add(user)
    session.commit()
    return user


class LoginThrottle:
    """Free tries, then a wait that doubles with each further failure, up to a ceiling.

    Keys are the address, the address with the name, and the name alone (lower-cased,
    whether or not it exists). The name alone gets many free tries and a short ceiling, so
    guessers on many addresses slow an owner down by seconds, never lock them out. Counted in
    this process; a success clears the name's counts.
    """

    # key kind: (free failures, longest wait in seconds)
    RULES: ClassVar[dict[str, tuple[int, float]]] = {
        "ip": (20, 300.0), "ip+user": (5, 300.0), "user": (50, 10.0)}

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._failures: dict[tuple[str, str], tuple[int, float]] = {}
        self._lock = threading.Lock()

    def _keys(self, ip: str, username: str) -> list[tuple[str, str]]:
        name = username.strip().lower()[:80]
        return [("ip", ip), ("ip+user", f"{ip} {name}"), ("user", name)]

    def check(self, ip: str, username: str) -> None:
        """Raise 429 with the seconds to wait while any of the keys is still waiting."""
        now, wait = self.clock(), 0.0
        for key, (count, last) in self._counts(self._keys(ip, username)).items():
            free, ceiling = self.RULES[key[0]]
            if count >= free:
                wait = max(wait, last + min(2.0 ** (count - free), ceiling) - now)
        if wait > 0:
            raise AuthError(429, f"Terlalu banyak percobaan masuk; coba lagi dalam "
                                 f"{int(wait) + 1} detik", retry_after=int(wait) + 1)

    def failed(self, ip: str, username: str) -> None:
        self._fail(self._keys(ip, username), self.clock())

    def succeeded(self, ip: str, username: str) -> None:
        self._clear(self._keys(ip, username)[1:])

    # Where the counts live: here in this process; server/throttle_db.py keeps them in the
    # database, shared by every server process.
    def _counts(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
        with self._lock:
            return {key: self._failures.get(key, (0, 0.0)) for key in keys}

    def _fail(self, keys: list[tuple[str, str]], now: float) -> None:
        with self._lock:
            if len(self._failures) > 100_000:  # forget old keys rather than grow without end
                self._failures = {k: v for k, v in self._failures.items() if now - v[1] < 3600}
            for key in keys:
                count, _last = self._failures.get(key, (0, 0.0))
                self._failures[key] = (count + 1, now)

    def _clear(self, keys: list[tuple[str, str]]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


def check_password(session: Session, username: str, password: str, *,
                   throttle: LoginThrottle | None = None, ip: str = "?") -> AppUser:
    """The user, if the password is right; the same refusal, at the same cost, for a name
    that does not exist. With a `throttle`, a guesser is slowed down first."""
    if throttle is not None:
        throttle.check(ip, username)
    user = session.exec(select(AppUser).where(AppUser.username == username)).first()
    try:
        ok = user is not None and _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        ok = False
    if user is None:
        _hasher.hash(password)  # same cost whether or not the name exists
    if not ok:
        if throttle is not None:
            throttle.failed(ip, username)
        raise AuthError(401, WRONG)
    assert user is not None  # a password only checks out against a stored hash
    if throttle is not None:
        throttle.succeeded(ip, username)
    return user


def enrol_device(session: Session, user: AppUser, *, name: str) -> tuple[Device, str]:
    """A new device for the user's business, and its token (shown once, never stored)."""
    if user.role != "umkm" or user.business_id is None:
        raise AuthError(403, "Akun ini bukan akun usaha (umkm)")
    if not user.active:
        raise AuthError(403, "Akun ini belum diaktifkan Dinas: NIB sedang diperiksa")
    count = session.exec(select(func.count()).select_from(Device)
                         .where(Device.business_id == user.business_id)).one()
    token = "lmb_" + secrets.token_urlsafe(32)
    device = Device(id=str(uuid.uuid4()), business_id=user.business_id, user_id=user.id or 0,
                    number=int(count) + 1, name=name[:120], token_hash=token_hash(token))
    session.add(device)
    session.commit()
    return device, token


def device_for_token(session: Session, token: str) -> Device:
    """The live device holding this token."""
    device = session.exec(select(Device).where(Device.token_hash == token_hash(token))).first()
    if device is None:
        raise AuthError(401, "Token perangkat tidak dikenal; hubungkan ulang ke Mall")
    if device.revoked_at is not None:
        raise AuthError(401, "Perangkat ini sudah dicabut aksesnya; hubungkan ulang ke Mall")
    return device


def revoke(session: Session, device_id: str) -> Device:
    """Cut a device off; its token stops working at once."""
    device = session.get(Device, device_id)
    if device is None:
        raise ValueError(f"Perangkat '{device_id}' tidak ada")
    device.revoked_at = utcnow()
    session.add(device)
    session.commit()
    return device
