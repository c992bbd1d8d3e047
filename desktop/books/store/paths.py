"""Where Lumbung keeps its files on this PC."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "Lumbung"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Return the data directory: `--data-dir`, then `LUMBUNG_DATA_DIR`, then the OS default."""
    chosen = explicit or os.environ.get("LUMBUNG_DATA_DIR")
    if chosen:
        path = Path(chosen).expanduser()
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def books_dir(data_dir: Path) -> Path:
    """Folder holding one SQLite file per business."""
    path = data_dir / "books"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir(data_dir: Path, business_id: str) -> Path:
    """Folder holding the automatic copies of one business (pre-migration and daily)."""
    path = data_dir / "backups" / business_id
    path.mkdir(parents=True, exist_ok=True)
    return path
