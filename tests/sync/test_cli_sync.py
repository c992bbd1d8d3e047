"""`lumbung link`, `lumbung sync --json` and `lumbung restore-from-server` as processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.sync.live import LiveServer

ROOT = Path(__file__).parents[2]


def lumbung(data: Path, *args: str, code: int = 0,
            stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LUMBUNG_DATA_DIR": str(data),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    result = subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=120, input=stdin)
    assert result.returncode == code, result.stderr
    return result


def test_link_sync_and_restore_from_server(tmp_path: Path, live_sqlite: LiveServer) -> None:
    password = live_sqlite.user("made", "Keripik Pisang Bu Made")
    pc1, pc2 = tmp_path / "pc1", tmp_path / "pc2"
    demo = json.loads(lumbung(pc1, "demo", "--json").stdout)
    me = ("--business", demo["slug"], "--pin", "1234")
    unlinked = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
    assert unlinked["status"] == "error" and "belum terhubung" in unlinked["message"]
    wrong = lumbung(pc1, "link", *me, "--server", live_sqlite.url, "--username", "made",
                    "--password", "keliru", code=2)
    assert "kata sandi salah" in wrong.stderr
    linked = lumbung(pc1, "link", *me, "--server", live_sqlite.url, "--username", "made",
                     "--password-stdin", "--json", stdin=password + "\n")  # never on argv
    assert json.loads(linked.stdout)["device_number"] == 1
    assert "keyring" in linked.stderr.lower()  # no keyring here: said, and a 0600 file used
    token = next((pc1 / "sync").glob("*.token"))
    assert token.stat().st_mode & 0o777 == 0o600
    first = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
    assert first["status"] == "ok" and first["pushed"] > 250 and first["pending"] == 0
    assert set(first) >= {"status", "pushed", "pulled", "pending"}
    restored = json.loads(lumbung(pc2, "restore-from-server", "--server", live_sqlite.url,
                                  "--username", "made", "--password", password, "--pin",
                                  "9876", "--json").stdout)
    assert restored["status"] == "ok" and restored["pulled"] == first["pushed"]
    for pc, pin in ((pc1, "1234"), (pc2, "9876")):
        report = lumbung(pc, "report", "laba-rugi", "--business", demo["slug"], "--pin", pin,
                         "--from", "2026-01-01", "--to", "2026-12-31", "--json").stdout
        if pc == pc1:
            original = report
    assert report == original
    offline = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
    assert offline["status"] == "ok"
    live_sqlite.stop()
    gone = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
    assert gone["status"] == "offline" and gone["pending"] == 0


def test_offline_work_syncs_through_a_flaky_link_and_restores_identically(
        tmp_path: Path, live: LiveServer) -> None:
    """The issue's whole CLI flow, on SQLite and on PostgreSQL, as separate processes."""
    from tests.sync.netfault import FaultProxy

    password = live.user("made", "Keripik Pisang Bu Made")
    pc1, pc2 = tmp_path / "pc1", tmp_path / "pc2"
    slug = json.loads(lumbung(pc1, "demo", "--json").stdout)["slug"]
    me = ("--business", slug, "--pin", "1234")
    with FaultProxy(live.address) as proxy:
        lumbung(pc1, "link", *me, "--server", proxy.url, "--username", "made",
                "--password", password)
        proxy.offline()
        for amount in ("25000", "40000"):  # recorded while the village link is down
            lumbung(pc1, "tx", "add", *me, "--type", "penjualan-tunai", "--date",
                    "2026-11-20", "--amount", amount, "--memo", "pasar pagi")
        down = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
        assert down["status"] == "offline" and down["pending"] > 250
        proxy.offline(False)
        proxy.drop_request_after(3000, times=2)   # the modem drops mid-upload, twice
        proxy.drop_response_after(500, times=1)   # and once mid-reply
        up = json.loads(lumbung(pc1, "sync", *me, "--json").stdout)
        assert up["status"] == "ok" and up["pending"] == 0 and proxy.cuts >= 3
        restored = json.loads(lumbung(pc2, "restore-from-server", "--server", proxy.url,
                                      "--username", "made", "--password", password,
                                      "--pin", "9876", "--json").stdout)
        assert restored["status"] == "ok" and restored["pulled"] == up["pushed"]
    for report in ("laba-rugi", "posisi-keuangan", "neraca-saldo", "arus-kas"):
        seen = [lumbung(pc, "report", report, "--business", slug, "--pin", pin, "--from",
                        "2026-01-01", "--to", "2026-12-31", "--json").stdout
                for pc, pin in ((pc1, "1234"), (pc2, "9876"))]
        assert seen[0] == seen[1], report
    listed = lumbung(pc2, "tx", "list", "--business", slug, "--pin", "9876", "--from",
                     "2026-11-20", "--to", "2026-11-20", "--json").stdout
    assert listed.count("pasar pagi") == 2  # the offline sales reached the restored PC
