"""How each entity merges, and the order state machine (protocol/README.md, "Conflict rules")."""

from __future__ import annotations

import re

# Merged field by field, last writer (by hlc stamp) wins.
LWW = frozenset({"profile", "item", "party", "account", "listing",
                 "consent", "dinas_profile", "summary"})  # the last three: issue 16
# Stored once by id; a second insert with the same id is a duplicate.
INSERT_ONLY = frozenset({"entry", "asset", "photo"})
# A closed period only moves forward (the later date wins).
MONOTONIC = frozenset({"period"})

ORDER_STATUSES = ("baru", "diterima", "ditolak", "dibayar", "dikirim", "selesai", "dibatalkan")
# `dibatalkan` after `dikirim`: the parcel came back.
ORDER_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "baru": ("diterima", "ditolak"),
    "diterima": ("dibayar", "dikirim", "dibatalkan"),
    "dibayar": ("dikirim", "dibatalkan"),
    "dikirim": ("selesai", "dibatalkan"),
}
# A new order holds its units for this long unless the owner accepts it (server/shop/orders.py).
ORDER_HOLD_HOURS = 24


def normalize_phone(raw: str) -> str | None:
    """An Indonesian mobile number as `62812...`, or None when it is not one.

    The mall counts orders per number in this form, and the owner's "tolak semua dari nomor
    ini" matches on it, so 0812-..., +62 812 ... and 62812... are one buyer.
    """
    digits = re.sub(r"[\s().-]", "", raw or "")
    if digits.startswith("+"):
        digits = digits[1:]
    if digits.startswith("62"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = digits[1:]
    return f"62{digits}" if re.fullmatch(r"8[0-9]{7,11}", digits) else None


def order_step_ok(current: str, to: str) -> bool:
    """Whether an order may move from `current` to `to` (staying put records details only)."""
    return to in ORDER_STATUSES and (to == current or to in ORDER_TRANSITIONS.get(current, ()))
