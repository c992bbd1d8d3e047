"""(i2) Five listing photos through the slow village link, cut every 200 KB.

A PC (the demo book, synced first on an unshaped link) lists a product with 5 phone photos,
each prepared for the mall (≤1024 px JPEG, about 90 KB). Then, through a proxy shaped to
128 kbit/s up, 384 kbit/s down, 400 ms round trip and cutting the connection whenever 200 KB
have crossed since the last cut, it syncs: every photo goes up on its own (HEAD, then PUT of
what the server lacks, sync_client/photos.py), the listing and the photo changes by hash after.
Judged against payload ÷ bandwidth, the payload being the 5 JPEGs' bytes up. A second sync
then checks that nothing is sent again.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from tests.bench.measure import Result
from tests.bench.sync_link import DOWN_BPS, RTT, UP_BPS
from tests.bench.sync_server import ServerProcess, add_owner, database
from tests.bench.sync_wire import Say
from tests.sync.netfault import FaultProxy

PHOTOS, CUT_EVERY = 5, 200_000
TARGET_RATIO = 1.3


@dataclass
class PhotoRuns:
    """The shaped sync of the photos, and what a second sync sent."""

    db_kind: str = ""
    photo_bytes: int = 0
    seconds: float = 0.0
    sent: int = 0
    cuts: int = 0
    requests: int = 0
    status: str = ""
    again_puts: int = 0
    again_sent: int = 0
    skipped: str = ""

    @property
    def ideal(self) -> float:
        return self.photo_bytes * 8 / UP_BPS


def bench_photos(work: Path, say: Say) -> PhotoRuns:
    """A fresh server, a linked demo PC, 5 photos and the shaped sync."""
    from desktop.books.business import open_business
    from desktop.books.demo import create_demo
    from desktop.shop.listings import add_listing, photo_data
    from sync_client.engine import Syncer
    from sync_client.link import link
    from sync_client.transport import Transport
    from tests.bench.sync_server import PASSWORD
    from tests.shop.conftest import phone_photo

    runs = PhotoRuns()
    with database(work, "photos") as db:
        add_owner(db, "foto", "Toko Foto")
        runs.db_kind = db.kind
        with ServerProcess(db, work / "server-photos.log", workers=1) as server, \
                FaultProxy(server.address) as proxy:
            ref, _ = create_demo(work / "pc-photos")
            book = open_business(work / "pc-photos", ref.id, "1234")
            try:
                link(book, server=proxy.url, username="foto", password=PASSWORD)
                Syncer(book.conn, book.data_dir, transport=Transport(proxy.url)).run()
                files = [phone_photo(work / f"foto{n}.jpg", seed=n) for n in range(PHOTOS)]
                with book.write() as conn:
                    listing = add_listing(conn, sku="KRP-ORI", title="Keripik Pisang 250 g",
                                          price=1_500_000, photos=files)
                runs.photo_bytes = sum(len(photo_data(book.conn, s) or b"")
                                       for s in listing.photos)
                say(f"photos: {PHOTOS} photos, {runs.photo_bytes:,} B, at 128/384 kbit/s, "
                    f"400 ms, a cut every 200 KB (payload ÷ bandwidth = {runs.ideal:.1f} s)")
                proxy.set_link(up_bps=UP_BPS, down_bps=DOWN_BPS, rtt=RTT,
                               drop_every_bytes=CUT_EVERY)
                cuts = proxy.cuts
                transport = Transport(proxy.url, retries=8)
                started = time.perf_counter()
                result = Syncer(book.conn, book.data_dir, transport=transport).run()
                runs.seconds = time.perf_counter() - started
                runs.status, runs.cuts = result.status, proxy.cuts - cuts
                runs.sent, runs.requests = transport.bytes_sent, transport.attempts
                again = Transport(proxy.url)
                Syncer(book.conn, book.data_dir, transport=again).run()
                runs.again_sent = again.bytes_sent
                runs.again_puts = int(again.bytes_sent > runs.photo_bytes // PHOTOS)
            finally:
                book.close()
    return runs


def photo_rows(runs: PhotoRuns, checks: dict[str, bool]) -> list[Result]:
    """Rows for section (i2)."""
    if runs.skipped:
        return [Result("i2", "photos over the slow link: skipped", "s", [0.0],
                       note=runs.skipped)]
    checks["(i2) the photos' sync over the cut link finished ok"] = runs.status == "ok"
    checks["(i2) a second sync sent no photo again"] = runs.again_puts == 0
    return [
        Result("i2", f"{PHOTOS} listing photos (~90 KB each) over the slow link, a cut every "
               "200 KB", "s", [runs.seconds], TARGET_RATIO, "payload ÷ bandwidth",
               [runs.ideal], target_on="ratio",
               note=f"{runs.photo_bytes:,} B of JPEG; {runs.sent:,} B sent in answered "
               f"{runs.requests} requests, {runs.cuts} connections cut; 128 kbit/s up, "
               f"384 kbit/s down, 400 ms round trip; server on {runs.db_kind}"),
        Result("i2", "the next sync: bytes sent (the photos are not sent again)", "B",
               [float(runs.again_sent)], None),
    ]


def main() -> None:
    """`python -m tests.bench.photo_link`: section (i2) alone, printed."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        runs = bench_photos(Path(tmp), print)
    checks: dict[str, bool] = {}
    for row in photo_rows(runs, checks):
        print(json.dumps({"what": row.name, "value": row.value, "baseline": row.baseline,
                          "ratio": row.ratio, "note": row.note}, ensure_ascii=False))
    print(json.dumps(checks, ensure_ascii=False))


if __name__ == "__main__":
    main()
