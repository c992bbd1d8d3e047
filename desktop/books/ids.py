"""Identifiers made on this device, so records can sync without colliding."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """Return a new random UUID as text."""
    return str(uuid.uuid4())
