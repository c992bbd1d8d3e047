"""Section (n): the Dinas pages and the XLSX export over many consented monthly summaries.

5,000 consenting businesses with 24 months each are written straight into the Dinas tables
(`dinas_business`, `dinas_month`; and two listings each with openings on 10 days, and four
orders each, for the mall statistics) of a fresh PostgreSQL database (SQLite when PostgreSQL is
missing), then each page is asked for in-process through the app (signed in as a Dinas
officer) and timed; the issue's targets are p95 ≤ 300 ms a page and ≤ 10 s for the XLSX of
every `usaha` row.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, insert, select
from sqlmodel import Session, col

from server.app import create_app
from server.dinas import mall, report, warm
from server.dinas.models import DinasBusiness, DinasMonth
from server.models import Business, utcnow
from server.security import create_user
from server.shop.models import Product, ProductViewDay, ShopOrder
from tests.bench.measure import Result
from tests.bench.sync_server import database

Say = Callable[[str], None]
FULL = {"businesses": 5_000, "months": 24, "runs": 40}
QUICK = {"businesses": 300, "months": 24, "runs": 10}
TARGETS = {"page_p95_s": 0.300, "xlsx_s": 10.0}
PAGES = {"/dinas (per kecamatan, 24 bulan)": "/dinas?kelompok=kecamatan&dari={a}&sampai={b}",
         "/dinas (per desa)": "/dinas?kelompok=desa&dari={a}&sampai={b}",
         "/dinas/usaha": "/dinas/usaha?dari={a}&sampai={b}"}
STAGES = ("persiapan", "kehadiran", "portal", "ti")


def _months(count: int) -> list[str]:
    return [f"{2025 + (m // 12):04d}-{m % 12 + 1:02d}" for m in range(count)]


def load(url: str, scale: dict[str, int]) -> float:
    """Write the businesses and their months; returns the seconds it took."""
    began = time.perf_counter()
    app = create_app(url)
    rng = random.Random(16)
    months = _months(scale["months"])
    with Session(app.state.engine) as session:
        businesses, dinas, rows = [], [], []
        for n in range(scale["businesses"]):
            business_id = str(uuid.uuid4())
            businesses.append({"id": business_id, "name": f"Usaha {n}", "slug": f"usaha-{n}",
                               "epoch": business_id, "last_seq": 0})
            dinas.append({"business_id": business_id, "consent": rng.choice(
                ("ringkasan", "profil")), "name": f"Usaha {n}", "nib": f"{n:013d}",
                "desa": f"Desa {n % 180}", "kecamatan": f"Kecamatan {n % 12}",
                "category": rng.choice(("makanan olahan", "kain tenun", "kerajinan", "kopi")),
                "profile": "{}",  # last synced some time in the past month, not all just now
                "updated_at": utcnow() - dt.timedelta(minutes=rng.randint(15, 30 * 24 * 60))})
            base = rng.randint(1_000_000, 500_000_000)
            cum_omzet = cum_laba = 0
            for seq, month in enumerate(months, start=1):
                omzet = base + rng.randint(0, base // 5)
                cum_omzet, cum_laba = cum_omzet + omzet, cum_laba + omzet // 5
                rows.append({"business_id": business_id, "month": month, "omzet": omzet,
                             "hpp": omzet // 2, "laba": omzet // 5, "kas": omzet, "aset": 4 * omzet,
                             "utang": omzet // 3, "modal": 3 * omzet, "notas": 30,
                             "tenaga_kerja": rng.randint(1, 9), "kelas": "mikro",
                             "tahap": rng.choice(STAGES), "channels": "{}",
                             "cum_omzet": cum_omzet, "cum_laba": cum_laba, "seq": seq})
        products, views, orders = _mall(businesses, months, rng)
        for table, values in ((Business, businesses), (DinasBusiness, dinas),
                              (DinasMonth, rows), (Product, products),
                              (ProductViewDay, views), (ShopOrder, orders)):
            for start in range(0, len(values), 5_000):
                session.execute(insert(table), values[start:start + 5_000])
        create_user(session, username="petugas", password="rahasia-bench", role="dinas")
        if app.state.engine.dialect.name == "postgresql":
            session.execute(__import__("sqlalchemy").text("ANALYZE"))
        session.commit()
    app.state.engine.dispose()
    return time.perf_counter() - began


def _mall(businesses: list[dict[str, object]], months: list[str], rng: random.Random
          ) -> tuple[list[dict[str, object]], ...]:
    """Two listings per business, each opened on 10 days, and 4 orders per business."""
    products, views, orders = [], [], []
    for business in businesses:
        for k in range(2):
            product_id = str(uuid.uuid4())
            products.append({"id": product_id, "business_id": business["id"],
                             "slug": f"{business['slug']}-{k}", "title": f"Produk {k}",
                             "price": 2_500_000, "description": "", "return_policy": "",
                             "photos": "[]", "search_text": ""})
            for day in rng.sample(range(28 * len(months)), 10):
                views.append({"product_id": product_id, "views": rng.randint(1, 40),
                              "day": dt.date(2025, 1, 1) + dt.timedelta(days=day)})
            for n in range(2):
                orders.append({
                    "id": str(uuid.uuid4()), "code": uuid.uuid4().hex[:12],
                    "business_id": business["id"], "product_id": product_id, "qty": n + 1,
                    "unit_price": 2_500_000, "total": 2_500_000 * (n + 1), "buyer_name": "B",
                    "buyer_phone": "081234567890", "address": "-", "payment_method": "cod",
                    "status": rng.choice(("baru", "selesai", "dibatalkan")),
                    "created_at": dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
                    + dt.timedelta(hours=rng.randrange(24 * 28 * len(months)))})
    return products, views, orders


def _signed_in(url: str) -> TestClient:
    client = TestClient(create_app(url))
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/dinas/masuk").text)
    assert csrf is not None
    reply = client.post("/dinas/masuk", data={"csrf": csrf.group(1), "nama": "petugas",
                                              "sandi": "rahasia-bench"}, follow_redirects=False)
    assert reply.status_code == 303
    return client


def synced(url: str, rng: random.Random) -> None:
    """What a sync carrying one business's new summary leaves in the Dinas tables: its last
    month's omzet and laba changed (running totals too) and its `updated_at` moved on, as
    server/dinas/project.py's rebuild does."""
    engine = create_engine(url)
    with Session(engine) as session:
        count = session.execute(select(func.count()).select_from(DinasBusiness)).scalar_one()
        business = session.execute(select(DinasBusiness).offset(rng.randrange(min(count, 1_000)))
                                   .limit(1)).scalar_one()
        month = session.execute(select(DinasMonth).where(
            DinasMonth.business_id == business.business_id).order_by(
            col(DinasMonth.month).desc()).limit(1)).scalar_one()
        extra = rng.randint(1, 1_000_000)
        month.omzet, month.cum_omzet = month.omzet + extra, month.cum_omzet + extra
        month.laba, month.cum_laba = month.laba + extra, month.cum_laba + extra
        business.updated_at = utcnow()
        session.add_all([month, business])
        session.commit()
    engine.dispose()


def _timed(client: TestClient, address: str, *, fresh: bool = False,
           change: Callable[[], None] | None = None) -> float:
    """Seconds for one page; `fresh` forgets every kept sum first (a server just started),
    `change` is a sync's change to one business made just before."""
    if fresh:
        report.forget()
        mall.forget()
    if change is not None:
        change()
    began = time.perf_counter()
    reply = client.get(address)
    took = time.perf_counter() - began
    assert reply.status_code == 200
    return took


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def dinas_rows(work: Path, meta: dict[str, object], checks: dict[str, bool], *, quick: bool,
               say: Say) -> list[Result]:
    """Run section (n); its rows."""
    scale = QUICK if quick else FULL
    months = _months(scale["months"])
    period = {"a": months[0], "b": months[-1]}
    rows: list[Result] = []
    rng = random.Random(1606)
    with database(work, "dinas") as db:
        say(f"dinas: {scale['businesses']:,} businesses × {scale['months']} months into {db.kind}")
        seconds = load(db.url, scale)
        client = _signed_in(db.url)
        for label, path in PAGES.items():
            address = path.format(**period)
            started = [_timed(client, address, fresh=True)
                       for _ in range(max(3, scale["runs"] // 8))]
            samples = [_timed(client, address) for _ in range(scale["runs"])]
            changed = [_timed(client, address, change=lambda: synced(db.url, rng))
                       for _ in range(scale["runs"])]
            rows.append(Result("n", f"GET {label}, p95 of {scale['runs']} (in-process)", "s",
                               [p95(samples)], TARGETS["page_p95_s"],
                               note=f"median {statistics.median(samples) * 1000:.0f} ms; "
                               "the sums are kept until a business's Dinas rows change"))
            rows.append(Result("n", f"GET {label}, first view after a sync changed the data, "
                               f"p95 of {scale['runs']}", "s", [p95(changed)],
                               TARGETS["page_p95_s"],
                               note=f"median {statistics.median(changed) * 1000:.0f} ms: one "
                               "business's summary changed before each view; only it is "
                               "read again"))
            rows.append(Result("n", f"GET {label}, first view after the server started",
                               "s", started, TARGETS["page_p95_s"],
                               note=f"median of {len(started)}: nothing kept, every "
                               "business's period read from its running totals"))
        engine = client.app.state.engine  # type: ignore[attr-defined]
        # the default view as if today were the data's last month (not the wall clock), asked
        # for by its months so the page reads the period the warm-up worked out
        last = dt.date.fromisoformat(f"{months[-1]}-28")
        start, end = warm.default_period(last)
        warmed, after = [], []
        for _ in range(3):  # a `lumbung-server run` process works out the default view first
            report.forget()
            mall.forget()
            warmed.append(warm.warm(engine, last))
            after.append(_timed(client, f"/dinas?dari={start}&sampai={end}"))
        rows.append(Result("n", "Dinas warm-up as a server process starts (12 months, every "
                           "grouping, mall statistics; background thread)", "s", warmed,
                           note=f"median of {len(warmed)}; server/dinas/warm.py"))
        rows.append(Result("n", "GET /dinas (default 12 months), first view after the "
                           "warm-up", "s", after, TARGETS["page_p95_s"],
                           note=f"median of {len(after)}"))
        began = time.perf_counter()
        xlsx = client.get("/dinas/ekspor", params={"kelompok": "usaha", "dari": months[0],
                                                   "sampai": months[-1], "format": "xlsx"})
        took = time.perf_counter() - began
        checks["dinas: the XLSX of every usaha row is a workbook"] = \
            xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
        rows.append(Result("n", "GET /dinas/ekspor XLSX of every `usaha` row", "s", [took],
                           TARGETS["xlsx_s"], note=f"{len(xlsx.content) / 1e6:.1f} MB"))
        meta["dinas"] = {"database": db.kind, **scale, "load_seconds": round(seconds, 1),
                         "targets": TARGETS}
        client.app.state.engine.dispose()  # type: ignore[attr-defined]
    return rows
