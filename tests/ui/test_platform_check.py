"""Before Qt starts, a PC that lacks Qt's X11 libraries gets one sentence naming what to install."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.ui import app, platform_check
from desktop.ui.platform_check import DEBIAN_PACKAGES, missing_sentence, problem, uses_xcb


@pytest.fixture
def broken_plugin(tmp_path: Path) -> Path:
    """A shared library that, like libqxcb.so on a bare PC, needs a library that is not there."""
    gcc = shutil.which("gcc") or shutil.which("cc")
    assert gcc, "the suite builds a small .so with gcc (Debian's build-essential)"
    (tmp_path / "gone.c").write_text("int gone(void) { return 1; }\n")
    (tmp_path / "plugin.c").write_text("int gone(void);\nint plugin(void) { return gone(); }\n")
    subprocess.run([gcc, "-shared", "-fPIC", "-o", tmp_path / "libxcb-gone.so.7",
                    "-Wl,-soname,libxcb-gone.so.7", tmp_path / "gone.c"], check=True)
    subprocess.run([gcc, "-shared", "-fPIC", "-o", tmp_path / "libqxcb.so", tmp_path / "plugin.c",
                    f"-L{tmp_path}", "-l:libxcb-gone.so.7"], check=True)
    (tmp_path / "libxcb-gone.so.7").unlink()
    return tmp_path / "libqxcb.so"


def test_a_missing_library_is_named_with_its_package(broken_plugin: Path) -> None:
    sentence = problem({"DISPLAY": ":0"}, plugin=broken_plugin)
    assert sentence is not None
    assert "libxcb-gone.so.7" in sentence
    assert "\n" not in sentence  # one plain sentence, not Qt's plugin dump
    assert "apt-get" not in sentence  # no package is guessed for a library nobody listed


def test_the_sentence_names_debian_packages_or_the_libraries() -> None:
    debian = missing_sentence(["libxcb-cursor.so.0", "libxcb-icccm.so.4"], debian=True)
    assert debian.endswith("sudo apt-get install libxcb-cursor0 libxcb-icccm4")
    other = missing_sentence(["libxcb-cursor.so.0"], debian=False)
    assert "libxcb-cursor.so.0" in other and "apt-get" not in other
    assert "pengelola paket" in other
    mixed = missing_sentence(["libxcb-gone.so.7", "libxcb-shape.so.0"], debian=True)
    assert "libxcb-gone.so.7, libxcb-shape.so.0" in mixed
    assert mixed.endswith("sudo apt-get install libxcb-shape0")


def test_the_installed_plugin_loads_when_its_libraries_are_there() -> None:
    plugin = platform_check.xcb_plugin()
    assert plugin is not None and plugin.name == "libqxcb.so"
    missing = platform_check.missing_libraries(plugin)
    # Whatever this PC lacks must be something `make run` knows how to install.
    assert set(missing) <= set(DEBIAN_PACKAGES), missing


def test_only_the_x11_platform_is_checked() -> None:
    assert uses_xcb({"DISPLAY": ":0"}) is sys.platform.startswith("linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"})
    assert not uses_xcb({"WAYLAND_DISPLAY": "wayland-0"})
    assert problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_no_display_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(platform_check, "xcb_plugin", lambda: None)
    sentence = problem({})
    assert sentence is not None and "DISPLAY" in sentence


def test_the_app_stops_with_the_sentence_instead_of_aborting(
        broken_plugin: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(platform_check, "xcb_plugin", lambda: broken_plugin)
    assert app.main(["--data-dir", str(tmp_path / "data"), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Lumbung cannot open its window") and "libxcb-gone.so.7" in err


def test_make_run_installs_what_the_check_knows() -> None:
    listed = subprocess.run([sys.executable, "-m", "desktop.ui.platform_check",
                             "--debian-packages"], capture_output=True, text=True, check=True)
    assert set(listed.stdout.split()) == set(DEBIAN_PACKAGES.values())
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "ensure-debs $(QT_RUN_DEBS)" in makefile
