"""Child process of section (o): the real Kasir page paid `runs` times, offscreen.

`python -m tests.bench.kasir_probe DATA_DIR BUSINESS RUNS` opens the business through the
session and its worker thread, scans three barcodes (the scanner types the code and Enter),
types the money received and times "Bayar" to the page ready for the next customer: the cart
empty, the total Rp0 and the cursor in the code field. No printer is set, so none is timed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QWidget

from tests.bench.desktop_probe import open_session, wait_until
from tests.bench.kasir_bench import barcode


def main(data_dir: Path, business: str, runs: int) -> dict[str, object]:
    from desktop.ui.pages.kasir import KasirPage

    qt, worker, session = open_session(data_dir, business)
    holder = QWidget()
    holder.resize(1366, 768)
    kasir = KasirPage(session, holder)
    kasir.resize(1366, 768)
    holder.show()
    kasir.refresh()
    worker.wait_idle()
    qt.processEvents()
    samples, posted = [], 0
    for _ in range(runs):
        for n in range(3):
            before = len(kasir.cart.lines)
            kasir.code.setText(barcode(n))
            kasir.scan()
            wait_until(lambda b=before: len(kasir.cart.lines) == b + 1)  # type: ignore[misc]
        kasir.received.setText("1000000")
        done_before = kasir.done.text()
        started = time.perf_counter()
        kasir.pay()
        wait_until(lambda d=done_before: not kasir.cart.lines  # type: ignore[misc]
                   and kasir.done.text() != d and kasir.total.text() == "Rp0"
                   and kasir.window().focusWidget() is kasir.code)
        samples.append(time.perf_counter() - started)
        posted += kasir.done.text().startswith("Tercatat ")
        if kasir.error.text():
            raise SystemExit(f"the Kasir page said: {kasir.error.text()}")
    worker.stop()
    return {"bayar_s": samples, "notas_posted": posted}


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))))
