"""English for the desktop's Indonesian text, one module per screen, merged into one catalog."""

from __future__ import annotations

import importlib
import pkgutil

from desktop.books.i18n import add_catalog


def install_catalogs() -> None:
    """Add every `EN` dict found in this package to the translation layer."""
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        add_catalog(getattr(module, "EN", {}))
