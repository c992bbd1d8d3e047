"""How each entity merges, and the order state machine (protocol/README.md, "Conflict rules")."""

from __future__ import annotations

# Merged field by field, last writer (by hlc stamp) wins.
LWW = frozenset({"profile", "item", "party", "account", "listing"})
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


def order_step_ok(current: str, to: str) -> bool:
    """Whether an order may move from `current` to `to` (staying put records details only)."""
    return to in ORDER_STATUSES and (to == current or to in ORDER_TRANSITIONS.get(current, ()))
