"""Work out the Dinas dashboard's default view when a server process starts.

The figures of a period are kept in each process (server/dinas/report.py), so the first view
after a start or a deploy reads every consenting business's months, the medians and the mall
statistics: about a second on 5,000 businesses. A process served by `lumbung-server run`
(server/asgi.py) does that once in a background thread as it starts, for the view an officer
opens first (the last twelve months, every grouping), so that officer waits no longer than
the next one. A request that comes in before it is done simply works the figures out itself.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from typing import Any

from sqlalchemy import Engine, func, select
from sqlmodel import Session

from server.dinas.mall import mall_stats
from server.dinas.models import DinasBusiness
from server.dinas.program import month_add
from server.dinas.report import GROUPS, gaps, summarise, trend

LOG = logging.getLogger(__name__)


def default_period(today: dt.date) -> tuple[str, str]:
    """The twelve months up to this one: what `/dinas` shows when no months are asked for."""
    end = today.isoformat()[:7]
    return month_add(end, -11), end


def warm(engine: Engine, today: dt.date) -> float:
    """Work out the default period's tables, trend, permit gaps and mall statistics; seconds."""
    began = time.perf_counter()
    start, end = default_period(today)
    with Session(engine) as session:
        if not session.execute(select(func.count()).select_from(DinasBusiness)).scalar_one():
            return 0.0  # nobody has consented yet: nothing to work out
        for group in GROUPS:
            summarise(session, group=group, start=start, end=end)
        trend(session, start=start, end=end)
        gaps(session, start=start, end=end)
        for group in GROUPS:
            if group != "usaha":
                mall_stats(session, group=group, start=start, end=end)
    return time.perf_counter() - began


def warm_while_serving(app: Any) -> None:
    """Start `warm` in a background thread when the app starts serving."""

    def run() -> None:
        try:
            seconds = warm(app.state.engine, dt.date.today())
            LOG.info("Dinas figures worked out in %.2f s", seconds)
        except Exception:  # a failed warm-up only means the first view works it out itself
            LOG.exception("Dinas figures could not be worked out at start")

    def start() -> None:
        threading.Thread(target=run, name="dinas-warm", daemon=True).start()

    app.router.on_startup.append(start)
