"""Typed errors whose messages are meant for people; anything else is a bug."""

from __future__ import annotations

import traceback
from typing import Any

from desktop.books.i18n import tr


class UserFacingError(Exception):
    """A problem the user can fix; carries where it is (row, field, value) and a clear message."""

    exit_code = 2

    def __init__(
        self,
        template: str,
        /,
        *,
        row: int | None = None,
        field: str | None = None,
        value: object = None,
        **params: Any,
    ) -> None:
        self.template = template
        self.row = row
        self.field = field
        self.value = value
        self.params = params
        super().__init__(self.message("id"))

    def message(self, lang: str | None = None) -> str:
        """Return the full message, prefixed with the row and field it concerns."""
        params = dict(self.params)
        if self.value is not None:
            params.setdefault("value", self.value)
        text = tr(self.template, lang=lang, **params)
        where = []
        if self.row is not None:
            where.append(tr("baris {row}", lang=lang, row=self.row))
        if self.field is not None:
            where.append(tr("kolom {field}", lang=lang, field=self.field))
        if where:
            location = ", ".join(where)
            return f"{location[0].upper()}{location[1:]}: {text}"
        return text


class InputError(UserFacingError):
    """Bad input: a value, a row or a combination of options that cannot be accepted."""


class NotFoundError(UserFacingError):
    """Something named by the user does not exist (business, account, item, party, ref)."""


class ClosedPeriodError(UserFacingError):
    """The date falls inside a period that has been closed (tutup buku)."""


class ConfirmationRequired(UserFacingError):
    """The action is allowed but unusual; the user must confirm it explicitly."""


class BusyError(UserFacingError):
    """Another process is writing the same books and did not finish in time."""


class StoreError(UserFacingError):
    """The books file cannot be used: newer version, corrupt, or a foreign file."""


class AuthError(UserFacingError):
    """Wrong PIN, or the business is temporarily locked after too many wrong PINs."""

    exit_code = 3


class Cancelled(Exception):
    """The user cancelled; never shown as an error."""


def traceback_for_log(exc: BaseException) -> str:
    """Where an unexpected error happened, for the log file: each error's class and the code
    it ran through, never its message. Messages carry book data (names, memos, amounts), and
    the log is a plain file on a shared PC beside books that are encrypted."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.format_list(traceback.extract_tb(current.__traceback__))
        kind = type(current)
        parts.insert(0, "Traceback (most recent call last):\n" + "".join(frames)
                     + f"{kind.__module__}.{kind.__qualname__} (message not logged)\n")
        current = current.__cause__ or current.__context__
    return "\nDuring or because of the error above:\n\n".join(parts)
