"""Sections (h)-(j3): sync with the mall, on the benchmark book (`run.py --only sync` runs these).

One PC is prepared once (the book imported a year at a time, never synced); the wire (h) and
slow-link (i) benchmarks each sync their own copy of it against their own fresh server, and the
load benchmark (j) takes its entries as the daily pushes of 200 devices.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.bench import nginx_pair, photo_link, sync_cpu, sync_link, sync_load, sync_wire
from tests.bench.generate import BookFiles
from tests.bench.measure import Result


def sync_rows(book: BookFiles, work: Path, meta: dict[str, object], checks: dict[str, bool],
              *, quick: bool, say: Callable[[str], None]) -> list[Result]:
    """Run (h), (i) and (j); their rows, with what they depend on recorded in `meta`."""
    pc = sync_wire.prepare_pc(book, work, say)
    wire = sync_wire.bench_wire(pc, book, work, say)
    rows = sync_wire.wire_rows(wire, checks)
    days = sync_link.QUICK_DAYS if quick else sync_link.DAYS
    link = sync_link.bench_link(pc, wire, work, say, days=days)
    rows += sync_link.link_rows(link, wire, checks)
    photos = photo_link.bench_photos(work, say)  # (i2): photos, resumable, on the cut link
    rows += photo_link.photo_rows(photos, checks)
    load = sync_load.bench_load(pc, work, say, quick=quick)
    rows += sync_load.load_rows(load, checks)
    cpu = sync_cpu.bench_cpu(work, say, quick=quick)  # (j2): CPU per sync, old path and new
    rows += sync_cpu.cpu_rows(cpu, checks)
    pair = nginx_pair.bench_pair(work, say, quick=quick)  # (j3): nginx + 2 server processes
    rows += nginx_pair.pair_rows(pair, checks)
    meta["sync"] = {
        "server_database": wire.db_kind, "pc_imports": pc.imports, "changes": pc.changes,
        "wire": {"sent": wire.sync.sent, "received": wire.sync.received,
                 "requests": wire.sync.round_trips, "csv_bytes": wire.csv_bytes,
                 "csv_gzip6_bytes": wire.gzip_bytes, "csv_zstd19_bytes": wire.zstd_bytes,
                 "zstd": wire.zstd_how},
        "link": {"up_bps": sync_link.UP_BPS, "down_bps": sync_link.DOWN_BPS,
                 "rtt_s": sync_link.RTT, "drop_every_bytes": sync_link.DROP_EVERY,
                 "first_sync_s": link.first.seconds, "ideal_s": link.ideal,
                 "cuts": link.first.cuts, "requests": link.first.attempts,
                 "days": [vars(d) for d in link.days]},
        "load": sync_load.load_meta(load),
        "cpu": {"devices": sync_cpu.DEVICES, "syncs_per_path": cpu.new.syncs,
                "skipped": cpu.skipped, "targets": sync_cpu.TARGETS,
                "old": vars(cpu.old), "new": vars(cpu.new)},
        "nginx_pair": {"skipped": pair.skipped, "per_upstream": pair.per_upstream,
                       "seen_s": pair.seen_s},
    }
    return rows
