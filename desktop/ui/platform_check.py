"""Before Qt starts: can this Linux PC open a window? If not, say which package to install.

Qt's X11 platform plugin (`libqxcb.so`) needs a dozen small system libraries. When one is
missing, Qt prints a long plugin dump and aborts the process, which a Python `try` cannot
catch. So `lumbung-desktop` loads the plugin itself first and, when that fails, names the
missing libraries, and on Debian or Ubuntu the packages that hold them, in one sentence.
`python -m desktop.ui.platform_check --debian-packages` prints the packages `make run` installs.

No Qt is imported here: the check must work exactly when Qt cannot.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from desktop.books.i18n import tr

# The libraries Qt 6's xcb platform plugin loads, by soname, with the Debian/Ubuntu package
# that holds each one. `make run` installs these packages when they are missing.
DEBIAN_PACKAGES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
}
_NOT_FOUND = re.compile(r"^\s*(\S+\.so[.\d]*)\s+=>\s+not found", re.MULTILINE)
_DLOPEN = re.compile(r"(\S+\.so[.\d]*): cannot open shared object file")


def xcb_plugin() -> Path | None:
    """Where PySide6 keeps Qt's X11 platform plugin (None when PySide6 is not installed)."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt/plugins/platforms/libqxcb.so"
    return plugin if plugin.exists() else None


def missing_libraries(plugin: Path) -> list[str]:
    """Sonames the plugin needs but the system lacks; empty when it loads."""
    try:
        ctypes.CDLL(str(plugin))
        return []
    except OSError as exc:
        first = _DLOPEN.findall(str(exc))
    ldd = shutil.which("ldd")
    if ldd is None:
        return first
    listed = subprocess.run([ldd, str(plugin)], capture_output=True, text=True, check=False)
    found = list(dict.fromkeys(_NOT_FOUND.findall(listed.stdout)))
    return found or first


def is_debian_like() -> bool:
    """Debian, Ubuntu and their children install with apt-get."""
    return Path("/etc/debian_version").exists() and shutil.which("apt-get") is not None


def uses_xcb(environ: dict[str, str] | os._Environ[str]) -> bool:
    """Whether Qt will try its X11 plugin: Linux, and no other platform asked for."""
    if not sys.platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(":")[0].split(";")[0] == "xcb"
    return not (environ.get("WAYLAND_DISPLAY") and not environ.get("DISPLAY"))


def problem(environ: dict[str, str] | os._Environ[str] = os.environ,
            plugin: Path | None = None) -> str | None:
    """One plain sentence when the window cannot open on this PC, else None."""
    if not uses_xcb(environ):
        return None
    plugin = plugin or xcb_plugin()
    if plugin is not None:
        missing = missing_libraries(plugin)
        if missing:
            return missing_sentence(missing, debian=is_debian_like())
    if not environ.get("DISPLAY"):
        return tr("Lumbung tidak menemukan layar untuk membuka jendela (DISPLAY kosong); "
                  "jalankan dari desktop, atau pakai QT_QPA_PLATFORM=offscreen untuk uji.")
    return None


def missing_sentence(missing: Sequence[str], *, debian: bool) -> str:
    """Name the missing libraries, and on Debian/Ubuntu the apt-get command that adds them."""
    names = ", ".join(missing)
    packages = " ".join(dict.fromkeys(DEBIAN_PACKAGES[name] for name in missing
                                      if name in DEBIAN_PACKAGES))
    if debian and packages:
        return tr("Lumbung tidak bisa membuka jendela karena pustaka layar Qt belum terpasang "
                  "({names}); pasang dengan: sudo apt-get install {packages}",
                  names=names, packages=packages)
    return tr("Lumbung tidak bisa membuka jendela karena pustaka layar Qt belum terpasang "
              "({names}); pasang pustaka itu dengan pengelola paket sistem Anda.", names=names)


def main(argv: Sequence[str] | None = None) -> int:
    """`--debian-packages` prints what `make run` installs; no argument runs the check."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--debian-packages"]:
        print(" ".join(sorted(set(DEBIAN_PACKAGES.values()))))
        return 0
    sentence = problem()
    if sentence:
        print(sentence, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
