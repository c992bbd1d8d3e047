"""The CLI around encrypted books: the recovery code, reset-pin, a new code, PINs on stdin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli import ROOT, Cli


def run(cli: Cli, *args: str, stdin: str = "", ok: bool = True
        ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LUMBUNG_DATA_DIR": str(cli.data_dir)}
    result = subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                            input=stdin, capture_output=True, text=True, check=False)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def test_create_reset_pin_and_new_code(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    made = run(cli, "business", "create", "--name", "Kopi Bangli", "--pin-stdin",
               stdin="482916\n")
    created = json.loads(made.stdout)
    code = created["recovery_code"]
    assert len(code) == 24 and code in made.stderr and "tidak akan ditampilkan lagi" in made.stderr
    slug = created["slug"]
    shown = run(cli, "business", "show", "--business", slug, "--pin-stdin", "--json",
                stdin="482916\n")
    assert json.loads(shown.stdout)["name"] == "Kopi Bangli"
    wrong = run(cli, "business", "reset-pin", "--business", slug, "--recovery-code",
                "AAAA-AAAA-AAAA-AAAA-AAAA", "--pin-stdin", stdin="1111\n", ok=False)
    assert wrong.returncode == 3 and "Kode pemulihan salah" in wrong.stderr
    run(cli, "business", "reset-pin", "--business", slug, "--recovery-code", code,
        "--pin-stdin", stdin="135790\n")
    fresh = run(cli, "business", "recovery-code", "--business", slug, "--pin-stdin", "--json",
                stdin="135790\n")
    new_code = json.loads(fresh.stdout)["recovery_code"]
    assert new_code != code
    stale = run(cli, "business", "reset-pin", "--business", slug, "--recovery-code", code,
                "--new-pin", "2222", ok=False)
    assert stale.returncode == 3
    run(cli, "business", "reset-pin", "--business", slug, "--recovery-code", new_code,
        "--new-pin", "2222")
    run(cli, "business", "show", "--business", slug, "--pin", "2222")
    refused = run(cli, "business", "show", "--business", slug, "--pin", "482916", ok=False)
    assert refused.returncode == 3 and "PIN salah" in refused.stderr


def test_backup_file_from_cli_is_sealed(tmp_path: Path) -> None:
    cli = Cli(tmp_path / "data")
    slug = json.loads(run(cli, "business", "create", "--name", "Tenun", "--pin", "2468").stdout
                      )["slug"]
    out = tmp_path / "usb" / "tenun.lumbung"
    saved = json.loads(run(cli, "backup", "--business", slug, "--pin", "2468", "--out",
                           str(out)).stdout)
    assert saved["file"] == str(out) and out.read_bytes().startswith(b"LUMBUNG-CADANGAN")
    other = Cli(tmp_path / "pc-lain")
    bad = run(other, "restore", str(out), "--pin-stdin", stdin="0000\n", ok=False)
    assert bad.returncode == 3
    run(other, "restore", str(out), "--pin-stdin", stdin="2468\n")
    run(other, "business", "show", "--business", slug, "--pin", "2468")


def test_business_pin_rekeys_and_prints_a_new_code(tmp_path: Path) -> None:
    """Old and new PIN on two lines of stdin; the new code works, the old one no longer."""
    cli = Cli(tmp_path / "data")
    made = json.loads(run(cli, "business", "create", "--name", "Kopi Bangli", "--pin-stdin",
                          stdin="482916\n").stdout)
    slug, old_code = made["slug"], made["recovery_code"]
    missing = run(cli, "business", "pin", "--business", slug, "--pin-stdin", "--new-pin-stdin",
                  stdin="482916\n", ok=False)
    assert missing.returncode != 0 and "--new-pin-stdin" in missing.stderr
    wrong = run(cli, "business", "pin", "--business", slug, "--pin-stdin", "--new-pin-stdin",
                stdin="111111\n135790\n", ok=False)
    assert wrong.returncode == 3 and "PIN salah" in wrong.stderr
    kpath = next((tmp_path / "data" / "books").glob("*.kunci"))  # skip the wrong PIN's wait
    kpath.write_text(json.dumps({**json.loads(kpath.read_text()), "blocked_until": 0}))
    changed = run(cli, "business", "pin", "--business", slug, "--pin-stdin", "--new-pin-stdin",
                  stdin="482916\n135790\n")
    code = changed.stdout.split("KODE PEMULIHAN BARU: ")[1].split()[0]
    assert len(code) == 24 and code != old_code and "tidak akan ditampilkan lagi" in changed.stdout
    run(cli, "business", "show", "--business", slug, "--pin", "135790")
    stale = run(cli, "business", "reset-pin", "--business", slug, "--recovery-code", old_code,
                "--new-pin", "2222", ok=False)
    assert stale.returncode == 3 and "Kode pemulihan salah" in stale.stderr
    again = json.loads(run(cli, "business", "pin", "--business", slug, "--pin", "135790",
                           "--new-pin", "2468", "--json").stdout)
    assert again["recovery_code"] not in (code, old_code)
    run(cli, "business", "reset-pin", "--business", slug, "--recovery-code",
        again["recovery_code"], "--new-pin", "2222")
    run(cli, "business", "show", "--business", slug, "--pin", "2222")
