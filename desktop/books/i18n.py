"""One translation layer for user-facing text: Bahasa Indonesia is the source, English the second.

The language is `LUMBUNG_LANG` for the command line; the desktop app sets it from its own
settings with `set_language`. Other packages (the desktop UI) add their English templates
with `add_catalog`, so every message keeps a single lookup.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from desktop.books.i18n_en import EN

SUPPORTED = ("id", "en")
_chosen: str | None = None


def current_lang() -> str:
    """The language in use: the app's choice, else `LUMBUNG_LANG`, else Indonesian."""
    lang = (_chosen or os.environ.get("LUMBUNG_LANG", "id")).strip().lower()[:2]
    return lang if lang in SUPPORTED else "id"


def set_language(lang: str | None) -> None:
    """Choose the language for this process (None goes back to `LUMBUNG_LANG`)."""
    global _chosen
    _chosen = lang if lang in SUPPORTED else None


def add_catalog(english: Mapping[str, str]) -> None:
    """Add English templates for more Indonesian source strings."""
    EN.update(english)


def tr(template: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate an Indonesian message template and fill in its `{named}` parameters."""
    chosen = lang or current_lang()
    text = EN.get(template, template) if chosen == "en" else template
    return text.format(**params) if params else text


def N_(template: str) -> str:
    """Mark a template for translation where it is defined; `tr` translates it when used."""
    return template
