"""Hybrid logical clock stamps on the wire, and how far ahead of the server one may be.

A stamp is `PPPPPPPPPPPPPPP:CCCCC:device`: milliseconds since 1970 (15 ASCII digits),
a counter (5 digits) and the device id, so comparing the text compares (time, counter,
device). A stamp further ahead of the server's clock than `MAX_SKEW_MS` is refused
(protocol/README.md, "Clock"): one PC that pushed `999999999999999:99999:x` made every other
PC of its business roll its next stamp over to 16 digits, after which nothing synced.
"""

from __future__ import annotations

import re

# A stamp's time and counter, and its device: ASCII digits, so stamps sort as text.
TIME = re.compile(r"[0-9]{15}:[0-9]{5}")
DEVICE = re.compile(r"[0-9a-f-]{1,36}")
STAMP = re.compile(f"{TIME.pattern}:{DEVICE.pattern}")
MAX_COUNTER = 99_999
MAX_LENGTH = 80
# A village PC's clock can be years off (protocol/README.md failure 8 is two years ahead), and
# its edits must still land; beyond three years a stamp is a broken or hostile clock.
MAX_SKEW_MS = 3 * 366 * 86_400_000


class BadStamp(ValueError):
    """A stamp that is malformed or too far in the future; the message is for the owner."""


def encode(millis: int, counter: int, device: str) -> str:
    """The text form of a stamp."""
    return f"{millis:015d}:{counter:05d}:{device}"


def decode(stamp: str) -> tuple[int, int, str]:
    """(milliseconds, counter, device) of a stamp; BadStamp when it is not one."""
    if not isinstance(stamp, str) or not STAMP.fullmatch(stamp):
        raise BadStamp(f"bukan stempel HLC: {str(stamp)[:MAX_LENGTH]!r}")
    millis, counter, device = stamp.split(":", 2)
    return int(millis), int(counter), device


def check(stamp: str, *, now_ms: int) -> tuple[int, int, str]:
    """A stamp, decoded, if it is well formed and at most `MAX_SKEW_MS` ahead of `now_ms`."""
    millis, counter, device = decode(stamp)
    if millis > now_ms + MAX_SKEW_MS:
        raise BadStamp("stempel waktu (hlc) terlalu jauh di masa depan; periksa jam PC")
    return millis, counter, device


def device_of(stamp: str) -> str:
    """The device part of a stamp ("" when there is none)."""
    return stamp.split(":", 2)[2] if stamp.count(":") >= 2 else ""
