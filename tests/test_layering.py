"""Domain and sync packages import without Qt, so they run on a server or in a script."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
QT_FREE = ("desktop.books", "desktop.shop", "desktop.cli", "sync_client")


def modules_of(package: str) -> list[str]:
    path = ROOT / package.replace(".", "/")
    found = [package]
    for info in pkgutil.walk_packages([str(path)], prefix=f"{package}."):
        if not info.name.endswith("__main__"):
            found.append(info.name)
    return found


@pytest.mark.parametrize("package", QT_FREE)
def test_imports_without_qt(package: str) -> None:
    names = modules_of(package)
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(sys.modules)); assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 10


def _loaded_by(packages: list[str]) -> set[str]:
    # Not the migrations (Alembic runs them) nor server.asgi (it opens the default database).
    names = [name for package in packages for name in modules_of(package)
             if not name.startswith(("server.migrations", "server.asgi"))]
    code = ("import importlib, json, sys\n"
            f"for name in {names!r}:\n"
            "    importlib.import_module(name)\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_the_server_imports_nothing_of_the_desktop_or_its_sync_client() -> None:
    # The wire format, fields, rules and clock come from `protocol`, as for the desktop.
    loaded = _loaded_by(["server"])
    assert "protocol" in loaded
    assert not loaded & {"desktop", "sync_client", "PySide6", "shiboken6"}


def test_the_protocol_needs_nothing_but_the_standard_library() -> None:
    loaded = _loaded_by(["protocol"])
    outside = {m for m in loaded - {"protocol"} if m not in sys.stdlib_module_names
               and not m.startswith("_")}
    assert not outside, outside
