"""Login throttles counted in the database, so every server process (on every host) agrees.

`SharedLoginThrottle` keeps `LoginThrottle`'s rules (free tries, then a doubling wait, per
address, address and name, and name) with its counts in `login_failure`; `SharedIpThrottle`
caps logins per address per minute with the storefront's shared counter (`rate_count`).
A guesser spreading tries over N processes behind nginx gets no N-fold allowance. Keys are
stored hashed; rows idle for an hour are deleted now and then. Times are wall-clock seconds,
which every host shares (NTP), where a process's monotonic clock is its own.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from sqlalchemy import Engine, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from server.models import LoginFailure
from server.security import IP_LOGINS_PER_MINUTE, AuthError, LoginThrottle
from server.shop.guard import SharedRateLimit

FORGET_SECONDS = 3600
_TABLE = LoginFailure.__table__  # type: ignore[attr-defined]


def _hashed(key: tuple[str, str]) -> str:
    return hashlib.sha256(f"{key[0]}:{key[1]}".encode()).hexdigest()[:32]


class SharedLoginThrottle(LoginThrottle):
    """`LoginThrottle` with its failure counts in the database."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        super().__init__(clock)
        self.engine = engine
        self._insert = postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        self._writes = 0

    def _counts(self, keys: list[tuple[str, str]]) -> dict[tuple[str, str], tuple[int, float]]:
        hashed = {_hashed(key): key for key in keys}
        with self.engine.connect() as conn:
            rows = conn.execute(select(_TABLE.c.key, _TABLE.c.failures, _TABLE.c.last_at)
                                .where(_TABLE.c.key.in_(list(hashed)))).all()
        found = {hashed[row.key]: (int(row.failures), float(row.last_at)) for row in rows}
        return {key: found.get(key, (0, 0.0)) for key in keys}

    def _fail(self, keys: list[tuple[str, str]], now: float) -> None:
        rows = [{"key": _hashed(key), "failures": 1, "last_at": now} for key in keys]
        insert = self._insert(_TABLE)
        upsert = insert.on_conflict_do_update(
            index_elements=["key"], set_={"failures": _TABLE.c.failures + 1,
                                          "last_at": insert.excluded.last_at})
        with self.engine.begin() as conn:
            conn.execute(upsert, rows)
            self._writes += 1
            if self._writes % 500 == 1:
                conn.execute(delete(_TABLE).where(_TABLE.c.last_at < now - FORGET_SECONDS))

    def _clear(self, keys: list[tuple[str, str]]) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(_TABLE).where(_TABLE.c.key.in_([_hashed(k) for k in keys])))


class SharedIpThrottle:
    """At most N login attempts per minute from one address, across every server process."""

    def __init__(self, engine: Engine, per_minute: int = IP_LOGINS_PER_MINUTE, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.limit = SharedRateLimit(engine, "login_ip", per_minute, 60)
        self.clock = clock

    def check(self, ip: str, *, now: float | None = None) -> None:
        if not self.limit.hit(ip, now=self.clock() if now is None else now):
            raise AuthError(429, "Terlalu banyak percobaan masuk; coba lagi dalam semenit",
                            retry_after=60)
