"""A compact entry row is checked by `compact_envelope` exactly as its object form is by
`envelope` (one protocol definition, protocol/entities.py, two entry points)."""

from __future__ import annotations

import copy
import uuid
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from protocol.wire import b64_id, entry_row, expand
from server.validate import Reject, compact_envelope, envelope
from server.validate_quick import quick_entry
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


# Random rows near the valid ones: the one-pass check (server/validate_quick.py) may decline
# any row, but a row it accepts must be the very change the full check accepts.
IDS = st.uuids().map(lambda u: b64_id(str(u)))
ODD = st.one_of(st.none(), st.integers(), st.text(max_size=23), st.just(""),
                IDS.map(lambda i: i[:21] + "B"), IDS.map(lambda i: i + "A"))
TEXT = st.one_of(st.text(max_size=8), st.just("x" * 61), st.just("y" * 2001), st.none(),
                 st.integers())
AMOUNT = st.one_of(st.integers(-10**15, 10**15), st.just(0), st.just(10**15 + 1),
                   st.booleans(), st.just("100"))
LINE = st.tuples(st.sampled_from(["1101", "4101", "11x1", "110", 1101]), AMOUNT,
                 TEXT, st.one_of(IDS, ODD), st.integers(2, 4)).map(
    lambda t: [t[0], t[1], t[2], t[3]][:t[4]])


@st.composite
def rows(draw: st.DrawFn) -> list[Any]:
    lines = draw(st.lists(LINE, min_size=0, max_size=4))
    if draw(st.booleans()):  # balance them, as a real entry is
        amounts = [ln[1] for ln in lines if type(ln[1]) is int]
        lines.append(["1101", -sum(amounts)])
    row = [draw(st.one_of(IDS, ODD)), draw(st.one_of(IDS, ODD)),
           draw(st.sampled_from(["001790000000000:00003", "009999999999999:00000",
                                 "1790000000000:00003", "kemarin", ""])),
           draw(TEXT), draw(st.sampled_from(["2026-11-20", "2026-13-40", "2026-W49-6",
                                             "20261120", "2026-11-2", None, 20261120])),
           draw(TEXT), draw(TEXT), draw(st.one_of(st.none(), IDS, ODD)), lines]
    return row[:draw(st.sampled_from([9, 9, 9, 8]))]


@settings(max_examples=2000, deadline=None)
@given(rows())
def test_the_one_pass_check_accepts_only_what_the_full_check_accepts(row: list[Any]) -> None:
    quick = quick_entry(row, DEVICE, now_ms=NOW)
    event("accepted" if quick else "declined")
    if quick is None:
        return
    full = envelope(expand(copy.deepcopy(row), DEVICE), now_ms=NOW)
    assert (full.change_id, full.entity_id, full.data, full.hlc) == tuple(quick)
    assert compact_envelope(row, DEVICE, now_ms=NOW) == full


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 3), st.booleans(), st.booleans())
def test_the_one_pass_check_takes_every_ordinary_entry(extra: int, party: bool,
                                                       line_party: bool) -> None:
    wire = entry(**({"party": str(uuid.uuid4())} if party else {}))
    data = wire["data"]
    data["lines"] += [["5101", 100 * n, 0, f"baris {n}", str(uuid.uuid4()) if line_party
                       else None] for n in range(1, extra + 1)]
    if extra:
        data["lines"].append(["1101", 0, 50 * extra * (extra + 1), data["memo"], ""])
    row = entry_row(wire)
    quick = quick_entry(row, DEVICE, now_ms=NOW)
    assert quick is not None, row
    assert quick.data == data
