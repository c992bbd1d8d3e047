"""Settings of this PC's app (language, text size, lock time, last business); plain JSON, no Qt."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

FILE = "desktop-settings.json"
TEXT_SIZES = ("normal", "besar")


@dataclass
class AppSettings:
    """What the owner chose in Pengaturan that belongs to the PC, not to a business."""

    language: str = "id"
    text_size: str = "normal"
    lock_minutes: float = 10.0
    last_business: str = ""
    pendamping: bool = False  # show account codes and debit/credit, for a pendamping
    seen_hints: list[str] = field(default_factory=list)  # forms whose first-time hint was shown

    @classmethod
    def load(cls, data_dir: Path) -> AppSettings:
        """Read the settings, ignoring a damaged file or unknown keys."""
        try:
            raw = json.loads((data_dir / FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in ("id", "en"):
            settings.language = "id"
        settings.pendamping = settings.pendamping is True
        if not isinstance(settings.seen_hints, list):
            settings.seen_hints = []
        if settings.text_size not in TEXT_SIZES:
            settings.text_size = "normal"
        return settings

    def save(self, data_dir: Path) -> None:
        """Write the settings (atomically)."""
        path = data_dir / FILE
        partial = path.with_suffix(".tmp")
        partial.write_text(json.dumps(asdict(self), indent=2), encoding="utf-8")
        partial.replace(path)
