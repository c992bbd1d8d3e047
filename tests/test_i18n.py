"""Every user-facing message has an English translation with the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from desktop.books.i18n import tr
from desktop.books.i18n_en import EN
from desktop.ui.catalog import install_catalogs

install_catalogs()  # the desktop's English is part of the same catalog

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("desktop", "sync_client", "server")
MESSAGE_CALLS = {
    "tr", "N_", "UserFacingError", "InputError", "NotFoundError", "ClosedPeriodError",
    "ConfirmationRequired", "BusyError", "StoreError", "AuthError",
}


def templates() -> dict[str, str]:
    """Indonesian templates found in the source, with where each was found."""
    found: dict[str, str] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                first = node.args[0]
                if name in MESSAGE_CALLS and isinstance(first, ast.Constant) \
                        and isinstance(first.value, str):
                    found.setdefault(first.value, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_message_has_english() -> None:
    found = templates()
    assert len(found) > 50
    missing = {t: where for t, where in found.items() if t not in EN}
    assert not missing, "\n".join(f"{where}: {t!r}" for t, where in missing.items())


def test_translations_keep_placeholders() -> None:
    wrong = {t: e for t, e in EN.items() if fields(t) != fields(e)}
    assert not wrong


def test_catalog_has_no_stale_entries() -> None:
    found = templates()
    stale = sorted(set(EN) - set(found))
    assert not stale


def test_language_switch(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LUMBUNG_LANG", "en")
    assert tr("Jumlah harus lebih dari nol") == "Amount must be more than zero"
    monkeypatch.setenv("LUMBUNG_LANG", "id")
    assert tr("Jumlah harus lebih dari nol") == "Jumlah harus lebih dari nol"
