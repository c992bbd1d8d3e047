"""The usual compact entry row, accepted in one pass (`quick_entry`), or left to the full check.

A daily sync brings about a hundred entry rows, and checking them through `expand` (the
object form) and `entities.check_entry` was the largest share of the server's CPU per sync
(issue 17: 2 of ~5 ms in the handler). Nearly every row is an ordinary entry: two to a few
lines, no extras, canonical ids, a stamp from the pushing device. This pass builds that
entry's Envelope while it checks it, with the same bounds, and returns None the moment
anything is unusual or wrong; `validate.compact_envelope` then judges the row the full way,
which gives the reason the owner reads. So the quick pass only ever accepts, and what it
accepts is exactly what the full check accepts, built the same (tests/sync/
test_compact_check.py holds the two together on random rows).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from protocol import entities
from protocol import hlc as clock
from protocol.entities import (
    ACCOUNT_CODE,
    DAY,
    KIND_LIMIT,
    MAX_AMOUNT,
    MAX_LINES,
    MAX_TEXT,
    REF_LIMIT,
    Invalid,
)
from protocol.wire import CANONICAL_ID as _ID
from protocol.wire import uuid_text

_DAYS: dict[str, bool] = {}  # date texts seen, and whether each is a date


class Quick(NamedTuple):
    """What an entry insert's Envelope needs beyond its constant entity, op and schema."""

    change_id: str
    entity_id: str
    data: dict[str, Any]
    hlc: str


def quick_entry(row: Any, device: str, *, now_ms: int) -> Quick | None:
    """An ordinary, valid compact entry row in its object form; None for any other row.

    `device` must already match the stamp's device pattern (`hlc.DEVICE`, checked once per
    push); the row's stamp is then checked for its time and counter only (`hlc.TIME`).
    """
    if type(row) is not list or len(row) != 9:
        return None
    cid, eid, stamp, ref, day, kind, memo, party, raw_lines = row
    if (type(cid) is not str or not _ID.fullmatch(cid) or type(eid) is not str
            or not _ID.fullmatch(eid) or type(stamp) is not str or not clock.TIME.fullmatch(stamp)
            or int(stamp[:15]) > now_ms + clock.MAX_SKEW_MS
            or type(ref) is not str or len(ref) > REF_LIMIT
            or type(kind) is not str or len(kind) > KIND_LIMIT
            or type(memo) is not str or len(memo) > MAX_TEXT
            or type(raw_lines) is not list or not 2 <= len(raw_lines) <= MAX_LINES
            or not _is_day(day)):
        return None
    if party is not None:
        if type(party) is not str or not _ID.fullmatch(party):
            return None
        party = uuid_text(party)
    lines = _lines(raw_lines, memo)
    if lines is None:
        return None
    data = {"ref": ref, "date": day, "kind": kind, "memo": memo, "party": party, "lines": lines}
    return Quick(uuid_text(cid), uuid_text(eid), data, f"{stamp}:{device}")


def _lines(raw_lines: list[Any], memo: str) -> list[list[Any]] | None:
    """The object form of balanced, well-formed compact lines; None otherwise."""
    lines = []
    total = 0
    for line in raw_lines:
        if type(line) is not list:
            return None
        size = len(line)
        if size == 2:
            (account, amount), line_memo, party = line, memo, None
        elif size == 3:
            (account, amount, line_memo), party = line, None
        elif size == 4:
            account, amount, line_memo, party = line
            if party is not None and party != "":
                if type(party) is not str or not _ID.fullmatch(party):
                    return None
                party = uuid_text(party)
        else:
            return None
        if (type(account) is not str or not ACCOUNT_CODE.fullmatch(account)
                or type(amount) is not int or amount == 0
                or not -MAX_AMOUNT <= amount <= MAX_AMOUNT
                or type(line_memo) is not str or len(line_memo) > MAX_TEXT):
            return None
        total += amount
        lines.append([account, amount if amount > 0 else 0, -amount if amount < 0 else 0,
                      line_memo, party])
    return lines if total == 0 else None


def _is_day(value: Any) -> bool:
    """Whether `value` passes the entry's date check (each distinct text checked once)."""
    if type(value) is not str:
        return False
    known = _DAYS.get(value)
    if known is None:
        try:
            entities.check_field("date", DAY, value)
            known = True
        except Invalid:
            known = False
        if len(_DAYS) >= 4096:  # a push names a few days; a hostile one cannot grow this
            _DAYS.clear()
        _DAYS[value] = known
    return known
