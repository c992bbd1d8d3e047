"""The PyInstaller one-folder build starts: its offscreen smoke run opens the demo and prints."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LIMIT_MB = 250


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


@pytest.mark.slow
def test_frozen_build_runs_its_smoke_mode(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
         str(ROOT / "packaging" / "lumbung-desktop.spec")],
        cwd=ROOT, capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stderr[-3000:]
    app = tmp_path / "dist" / "lumbung-desktop"
    binary = app / ("lumbung-desktop.exe" if os.name == "nt" else "lumbung-desktop")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([str(binary), "--smoke", "--data-dir", str(tmp_path / "data")],
                         env=env, capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "smoke ok: 10 pages and 2 PDFs" in run.stdout
    assert (tmp_path / "data" / "smoke" / "laba-rugi.pdf").stat().st_size > 1000
    assert folder_size(app) < LIMIT_MB * 1024 * 1024
