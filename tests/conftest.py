"""Shared test setup: headless Qt, an isolated data directory, and the pinned date.

No test reads the wall clock. A test that depends on what day it is takes the `today`
fixture: the test then runs with the clock travelled (time-machine) to that day at 10:00,
and processes it starts get `LUMBUNG_TODAY`. `pytest --today 2028-02-29` (or
`LUMBUNG_TEST_TODAY`) picks the day; by default it is the real date, read once here.
Such tests carry the `dates` marker, so `make test-dates` reruns just them at pinned dates.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
import time_machine
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LUMBUNG_LANG", None)
os.environ.pop("LUMBUNG_BUSINESS", None)
os.environ.pop("LUMBUNG_PIN", None)
os.environ.pop("LUMBUNG_TODAY", None)
# Key files made by tests use a cheap scrypt (desktop/books/store/keyfile.py); the real cost is
# tested on its own, and every file records the cost it was made with.
os.environ["LUMBUNG_TEST_WEAK_KDF"] = "1"

# Property tests replay the same examples on every run, so a red CI names a case anyone can
# rerun; `HYPOTHESIS_PROFILE=explore make test` searches fresh random examples instead.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore", print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--today", default=os.environ.get("LUMBUNG_TEST_TODAY") or None,
                     help="run the date-sensitive tests as if today were YYYY-MM-DD")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "today" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.dates)


def pytest_report_header(config: pytest.Config) -> str:
    chosen = config.getoption("--today")
    return f"today: {chosen} (pinned)" if chosen else "today: the real date"


@pytest.fixture
def today(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[dt.date]:
    """The day this test runs on, with the clock held there (from 10:00, ticking)."""
    chosen = request.config.getoption("--today")
    day = dt.date.fromisoformat(chosen) if chosen else dt.date.today()
    monkeypatch.setenv("LUMBUNG_TODAY", day.isoformat())
    with time_machine.travel(dt.datetime.combine(day, dt.time(10, 0)).astimezone(), tick=True):
        yield day

