"""Shared test setup: headless Qt, an isolated data directory, and business factories."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LUMBUNG_LANG", None)
os.environ.pop("LUMBUNG_BUSINESS", None)
os.environ.pop("LUMBUNG_PIN", None)
