"""Hybrid logical clocks: an order of changes that survives wrong clocks on village PCs.

A stamp is `PPPPPPPPPPPPPPP:CCCCC:device` — milliseconds, a counter, the device id — so
comparing the text compares (time, counter, device), and ties between devices break the same
way everywhere. The time is the PC clock corrected by the offset learnt from the server at the
last sync, and never goes backwards: a stamp received from another device moves the clock past
it, so an edit made after seeing another device's edit always wins over it, even when one of
the two clocks is years off.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator

from protocol.hlc import MAX_COUNTER, encode
from protocol.hlc import decode as _decode

Wall = Callable[[], float]
__all__ = ["MAX_COUNTER", "decode", "encode", "observe", "set_offset", "stamps"]


def _wall() -> float:
    return time.time()  # looked up per call, so a test can move this PC's clock


def decode(stamp: str) -> tuple[int, int, str]:
    """(milliseconds, counter, device) of a stamp (protocol/hlc.py); ValueError when it is not
    one (BadStamp is a ValueError)."""
    return _decode(stamp)


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def stamps(conn: sqlite3.Connection, count: int, *, wall: Wall | None = None) -> Iterator[str]:
    """Issue `count` new stamps for this device; must run inside the writing transaction."""
    device = _meta(conn, "device_id") or "-"
    offset = int(_meta(conn, "clock_offset_ms") or 0)
    last = _meta(conn, "hlc")
    last_ms, last_counter = (decode(last)[:2]) if last else (0, 0)
    now = int((wall or _wall)() * 1000) + offset
    millis, counter = (now, 0) if now > last_ms else (last_ms, last_counter + 1)
    issued = ""
    for _ in range(count):
        if counter > MAX_COUNTER:  # a bulk import of >100,000 rows in one millisecond
            millis, counter = millis + 1, 0
        issued = encode(millis, counter, device)
        yield issued
        counter += 1
    if issued:
        _set_meta(conn, "hlc", encode(millis, counter - 1, device))


def observe(conn: sqlite3.Connection, stamp: str) -> None:
    """Move this device's clock past a stamp seen from elsewhere (receive rule)."""
    millis, counter, _ = decode(stamp)
    last = _meta(conn, "hlc")
    if last is None or (millis, counter) > decode(last)[:2]:
        _set_meta(conn, "hlc", encode(millis, counter, _meta(conn, "device_id") or "-"))


TOLERANCE_MS = 2000  # closer than this, the PC clock is trusted: the reading is network noise


def set_offset(conn: sqlite3.Connection, server_ms: int, rtt_ms: int = 0, *,
               wall: Wall | None = None) -> int:
    """Remember how far this PC's clock is from the server's; returns the skew in ms.

    `server_ms` was read on the server somewhere inside a round trip of `rtt_ms`, so it is
    compared with the middle of that trip, and a skew within the trip's uncertainty (or two
    seconds) is no skew at all: correcting by noise would let an earlier edit win.
    """
    skew = server_ms - (int((wall or _wall)() * 1000) - rtt_ms // 2)
    offset = skew if abs(skew) > max(TOLERANCE_MS, rtt_ms) else 0
    _set_meta(conn, "clock_offset_ms", str(offset))
    return offset
