"""The server's canonical data text (server/merge.py `canonical_text`, orjson) is the
protocol's (protocol/wire.py `canonical_data`, the standard json module's).

Every stored change's payload hash was made from `json.dumps(data, sort_keys=True,
separators=(",", ":"), ensure_ascii=False)`; the faster orjson text must be the same bytes, or
a change sent again after a dropped link would look like a cloned PC's (a different hash).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from protocol.wire import canonical_data
from server.merge import canonical_text

SCALARS = (st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**64 - 1)
           | st.text())
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=5)
                      | st.dictionaries(st.text(), inner, max_size=5), max_leaves=30)


def _json(data: Any) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.text(), VALUES, max_size=8))
def test_the_same_text_as_the_json_module(data: dict[str, Any]) -> None:
    assert canonical_text(data) == canonical_data(data) == _json(data)


def test_every_character_and_the_key_order_agree() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    data = {"teks": every, "é": {"z": 1, "Z": 2, "\U0001f600": 3, "\uffff": 4, "a_": 5},
            "kontrol": "\x00\x1f\x7f\"\\/\n\t", "besar": [2**63, -(2**63), 2**64 - 1]}
    assert canonical_text(data) == canonical_data(data) == _json(data)


def test_what_orjson_refuses_goes_through_json() -> None:
    odd = {"lone": "\ud800", "huge": 2**70, "negative": -(2**64)}
    assert canonical_text(odd) == canonical_data(odd) == _json(odd)
