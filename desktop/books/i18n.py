"""One translation layer for user-facing text: Bahasa Indonesia is the source, English the second."""

from __future__ import annotations

import os
from typing import Any

from desktop.books.i18n_en import EN

SUPPORTED = ("id", "en")


def current_lang() -> str:
    """Return the language chosen by `LUMBUNG_LANG` (`id` by default)."""
    lang = os.environ.get("LUMBUNG_LANG", "id").strip().lower()[:2]
    return lang if lang in SUPPORTED else "id"


def tr(template: str, /, lang: str | None = None, **params: Any) -> str:
    """Translate an Indonesian message template and fill in its `{named}` parameters."""
    chosen = lang or current_lang()
    text = EN.get(template, template) if chosen == "en" else template
    return text.format(**params) if params else text


def N_(template: str) -> str:
    """Mark a template for translation where it is defined; `tr` translates it when used."""
    return template
