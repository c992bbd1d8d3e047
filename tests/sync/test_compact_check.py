"""A compact entry row is checked by `compact_envelope` exactly as its object form is by
`envelope` (one protocol definition, protocol/entities.py, two entry points)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from protocol.wire import entry_row, expand
from server.validate import Reject, compact_envelope, envelope
from tests.sync.test_server import HLC, entry

DEVICE = HLC.split(":", 2)[2]
NOW = 1_790_000_000_000


def _row(**extra: Any) -> list[Any]:
    return entry_row(entry(**extra))


def _set(path: tuple[int, ...], value: Any) -> Any:
    def mutate(row: list[Any]) -> list[Any]:
        target: Any = row
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value
        return row
    return mutate


MUTATIONS = {
    "as sent": lambda row: row,
    "unbalanced": _set((8, 1, 1), -999),
    "bad date": _set((4,), "2026-13-40"),
    "date as a number": _set((4,), 20261120),
    "ref too long": _set((3,), "x" * 61),
    "kind not text": _set((5,), 7),
    "bad account": _set((8, 0, 0), "11x1"),
    "one line": lambda row: [*row[:8], row[8][:1]],
    "party not an id": _set((7,), "bukan-id-ringkas-22chr"),
    "stamp from the future": _set((2,), "009999999999999:00000"),
    "stamp not a stamp": _set((2,), "kemarin"),
    "memo not text": _set((6,), None),
    "unknown extra": lambda row: [*row, {"rahasia": 1}],
    "moves malformed": lambda row: [*row, {"moves": [["x"]]}],
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_the_fast_check_agrees_with_the_object_check(name: str) -> None:
    row = MUTATIONS[name](copy.deepcopy(_row()))
    try:
        slow: Any = envelope(expand(row, DEVICE), now_ms=NOW)
    except (Reject, ValueError) as exc:
        slow = exc
    try:
        fast: Any = compact_envelope(row, DEVICE, now_ms=NOW)
    except Reject as exc:
        fast = exc
    if isinstance(slow, Exception):
        assert isinstance(fast, Reject), name
        assert str(fast) == str(slow)[:200], name  # the same reason, word for word
    else:
        assert fast == slow, name
    assert (name == "as sent") == (not isinstance(fast, Exception))
