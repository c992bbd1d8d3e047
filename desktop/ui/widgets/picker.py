"""Pickers that search as you type: items (with stock and price) and parties (add on the spot)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from desktop.books.i18n import tr


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: what is stored, what is shown, and extra data."""

    key: str
    label: str
    data: object = None


def name_of(label: str) -> str:
    """A label without its code in brackets: 'Keripik Pisang (KRP)' -> 'keripik pisang'."""
    if label.endswith(")") and " (" in label:
        label = label.rpartition(" (")[0]
    return label.strip().casefold()


class SearchPicker(QComboBox):
    """An editable combo that filters its choices by any word typed, anywhere in the label.

    With `allow_new`, text that matches no choice is accepted as a new name (a party added on
    the spot); `current_key()` then returns that text and `is_new()` is true.
    """

    picked = Signal(object)  # Choice or None

    def __init__(self, parent: QWidget | None = None, *, allow_new: bool = False,
                 placeholder: str = "") -> None:
        super().__init__(parent)
        self.allow_new = allow_new
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        editor = self.lineEdit()
        assert editor is not None
        self.editor: QLineEdit = editor
        self.editor.setPlaceholderText(placeholder or tr("Ketik untuk mencari…"))
        self._choices: list[Choice] = []
        self._names = QStringListModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self._names)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer = QCompleter(proxy, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self._proxy = proxy
        self._completer = completer
        self.editor.textEdited.connect(self._filter)
        self.currentIndexChanged.connect(self._emit)
        completer.activated.connect(self._completed)
        self.editor.returnPressed.connect(self._entered)

    def set_choices(self, choices: list[Choice]) -> None:
        """Replace the list; nothing is selected afterwards."""
        self._choices = list(choices)
        self.blockSignals(True)
        self.clear()
        for choice in self._choices:
            self.addItem(choice.label, choice.key)
        self._names.setStringList([c.label for c in self._choices])
        self.setCurrentIndex(-1)
        self.editor.clear()
        self.blockSignals(False)

    def _filter(self, text: str) -> None:
        self._proxy.setFilterFixedString(text.strip())
        self._completer.complete()

    def _completed(self, label: str) -> None:
        index = self.findText(label)
        if index >= 0:
            self.setCurrentIndex(index)
            self._emit(index)

    def _emit(self, _index: int) -> None:
        self.picked.emit(self.current_choice())

    def current_choice(self) -> Choice | None:
        """The chosen entry, matched by label or key; a full name typed without the code in
        brackets ("keripik pisang original 250 g") picks it too when only one has that name."""
        text = self.currentText().strip()
        for choice in self._choices:
            if choice.label.casefold() == text.casefold() or choice.key == text:
                return choice
        named = [c for c in self._choices if text and name_of(c.label) == text.casefold()]
        return named[0] if len(named) == 1 else None

    def _entered(self) -> None:
        """Enter on a typed full name picks that entry (the popup's first match is not forced)."""
        choice = self.current_choice()
        if choice is None:
            return
        popup = self._completer.popup()
        if popup is not None:
            popup.hide()
        index = self.findData(choice.key)
        if index >= 0 and index != self.currentIndex():
            self.setCurrentIndex(index)
        self.setEditText(choice.label)
        self.picked.emit(choice)

    def current_key(self) -> str | None:
        """The chosen key, or the typed text when new names are allowed."""
        choice = self.current_choice()
        if choice is not None:
            return choice.key
        text = self.currentText().strip()
        return text if (text and self.allow_new) else None

    def is_new(self) -> bool:
        """Whether the typed text is a name that is not in the list yet."""
        return self.current_choice() is None and bool(self.currentText().strip())

    def pick(self, key: str) -> None:
        """Select an entry by key."""
        for index, choice in enumerate(self._choices):
            if choice.key == key:
                self.setCurrentIndex(index)
                return
