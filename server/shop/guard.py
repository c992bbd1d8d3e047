"""Form protection: a signing secret, CSRF tokens, rate limits and the kurator's session.

CSRF is a double submit: a form page sets a random `csrf` cookie (HttpOnly, SameSite=Lax,
only on form pages) and puts an HMAC of it, the form's name and the time in a hidden field;
a post must bring both. On PostgreSQL the storefront's rate limits are counted in the
database, so every worker process shares them; `RateLimit` counts in memory, for one process.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import time
from collections import deque

from sqlalchemy import Engine, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from server.shop.models import RateCount, ShopSetting

CSRF_COOKIE = "csrf"
CSRF_MAX_AGE = 2 * 3600
KURATOR_COOKIE = "kurator"
KURATOR_MAX_AGE = 8 * 3600


def load_secret(engine: Engine) -> bytes:
    """LUMBUNG_SECRET, or a random secret made once and kept in the database (all workers)."""
    env = os.environ.get("LUMBUNG_SECRET")
    if env:
        return env.encode()
    with Session(engine) as session:
        row = session.get(ShopSetting, "secret")
        if row is None:
            session.add(ShopSetting(key="secret", value=secrets.token_hex(32)))
            try:
                session.commit()
            except IntegrityError:  # another worker made it first
                session.rollback()
            row = session.get(ShopSetting, "secret")
        assert row is not None
        return row.value.encode()


def ascii_int(text: str, *, digits: int = 18) -> int | None:
    """The number written in ASCII digits 0-9 (at most `digits` of them), else None.

    Not `str.isdigit()`: that also takes "²" and "٣", which `int()` then refuses (a 500) or
    reads as a number no one typed.
    """
    if not (text.isascii() and text.isdigit() and len(text) <= digits):
        return None
    return int(text)


def sign(secret: bytes, message: str) -> str:
    """A hex HMAC-SHA256 of `message`."""
    return hmac.new(secret, message.encode(), hashlib.sha256).hexdigest()


def new_csrf_cookie() -> str:
    """The random value a form page puts in the `csrf` cookie."""
    return secrets.token_urlsafe(18)


def csrf_token(secret: bytes, cookie: str, form: str, *, now: float | None = None) -> str:
    """The hidden field's value for `form`, bound to the visitor's cookie and the time."""
    stamp = str(int(time.time() if now is None else now))
    return f"{stamp}.{sign(secret, f'{form}:{cookie}:{stamp}')}"


def csrf_ok(secret: bytes, cookie: str | None, token: str | None, form: str, *,
            now: float | None = None) -> bool:
    """Whether a post's token matches its cookie and form and is under two hours old."""
    if not cookie or not token or "." not in token:
        return False
    stamp, _, mac = token.partition(".")
    when = ascii_int(stamp, digits=12)
    if when is None:
        return False
    age = (time.time() if now is None else now) - when
    return -60 <= age <= CSRF_MAX_AGE and hmac.compare_digest(
        mac, sign(secret, f"{form}:{cookie}:{stamp}"))


class RateLimit:
    """At most `count` events per key in `window` seconds (in this process)."""

    def __init__(self, count: int, window: float) -> None:
        self.count, self.window = count, window
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, *, now: float | None = None) -> bool:
        """Count one event; False (and not counted) when the key is over its limit."""
        now = time.monotonic() if now is None else now
        with self._lock:
            if len(self._seen) > 100_000:  # forget idle keys rather than grow without end
                self._seen = {k: v for k, v in self._seen.items()
                              if v and now - v[-1] <= self.window}
            times = self._seen.setdefault(key, deque())
            while times and now - times[0] > self.window:
                times.popleft()
            if len(times) >= self.count:
                return False
            times.append(now)
            return True


class SharedRateLimit:
    """At most `count` events per key in each fixed `window`, counted in the database.

    One upsert per event (returning the new count), in its own short transaction, so a
    refused order still counts and a rolled-back one does too. Keys are stored hashed; every
    few hundred events the windows that ended are deleted.
    """

    def __init__(self, engine: Engine, bucket: str, count: int, window: float) -> None:
        self.engine, self.bucket, self.count, self.window = engine, bucket, count, window
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        self._events = 0

    def hit(self, key: str, *, now: float | None = None) -> bool:
        """Count one event; False when the key is over its limit in this window."""
        start = int((time.time() if now is None else now) // self.window * self.window)
        table = RateCount.__table__  # type: ignore[attr-defined]
        digest = hashlib.sha256(f"{self.bucket}:{key}".encode()).hexdigest()[:32]
        insert = self._insert(table).values(bucket=self.bucket, key=digest, window_start=start,
                                            hits=1)
        upsert = insert.on_conflict_do_update(
            index_elements=["bucket", "key", "window_start"],
            set_={"hits": table.c.hits + 1}).returning(table.c.hits)
        with self.engine.begin() as conn:
            hits = int(conn.execute(upsert).scalar_one())
            self._events += 1
            if self._events % 500 == 1:
                conn.execute(delete(table).where(table.c.bucket == self.bucket,
                                                 table.c.window_start < start))
        return hits <= self.count


class ShopLimits:
    """The storefront's limits: orders per address and per phone, questions and order-status
    lookups per address; shared by all worker processes when an engine is given."""

    # Per address is generous: a village's phones often share one carrier (CGNAT) address.
    def __init__(self, *, engine: Engine | None = None, orders_per_ip: int = 30,
                 orders_per_phone: int = 5, questions_per_ip: int = 5,
                 lookups_per_ip: int = 30, registrations_per_ip: int = 5,
                 window: float = 3600) -> None:
        def limit(bucket: str, count: int) -> RateLimit | SharedRateLimit:
            if engine is None:
                return RateLimit(count, window)
            return SharedRateLimit(engine, bucket, count, window)

        self.order_ip = limit("order_ip", orders_per_ip)
        self.order_phone = limit("order_phone", orders_per_phone)
        self.question_ip = limit("question_ip", questions_per_ip)
        self.lookup_ip = limit("lookup_ip", lookups_per_ip)
        self.register_ip = limit("register_ip", registrations_per_ip)


def kurator_cookie(secret: bytes, user_id: int, password_hash: str, *,
                   now: float | None = None) -> str:
    """A kurator's session: id, expiry, and an HMAC that a password change invalidates."""
    expires = int((time.time() if now is None else now) + KURATOR_MAX_AGE)
    return f"{user_id}.{expires}.{sign(secret, f'kurator:{user_id}:{expires}:{password_hash}')}"


def kurator_user_id(cookie: str | None, *, now: float | None = None) -> int | None:
    """The user id an unexpired session cookie names (then check it with `kurator_cookie_ok`)."""
    if not cookie or cookie.count(".") != 2:
        return None
    user, expires, _mac = cookie.split(".")
    user_id, until = ascii_int(user), ascii_int(expires, digits=12)
    if user_id is None or until is None or until < (time.time() if now is None else now):
        return None
    return user_id


def kurator_cookie_ok(secret: bytes, cookie: str, password_hash: str) -> bool:
    """Whether the session cookie was made by this server for this password."""
    user, expires, mac = cookie.split(".")
    return hmac.compare_digest(mac, sign(secret, f"kurator:{user}:{expires}:{password_hash}"))
