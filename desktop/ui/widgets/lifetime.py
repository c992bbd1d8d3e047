"""Connections from long-lived objects (the sync runner) that end when the widget is deleted.

A workspace is rebuilt on switching business or language; without this, the runner's next
signal would reach a deleted label ("RuntimeError: … QLabel already deleted").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, SignalInstance


def connect_while_alive(signal: SignalInstance, receiver: QObject,
                        slot: Callable[..., Any]) -> None:
    """Connect `slot` to `signal` until `receiver` is destroyed."""
    def relay(*args: object) -> None:  # a plain function: disconnecting it never asks the
        slot(*args)                    # deleted receiver anything

    signal.connect(relay)

    def cut(*_args: object) -> None:
        with contextlib.suppress(RuntimeError, TypeError, SystemError):
            signal.disconnect(relay)

    receiver.destroyed.connect(cut)
