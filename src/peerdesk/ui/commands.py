"""Undoable changes to the store (add, edit, delete), for the window's QUndoStack.

The first change is made *before* the command is pushed, so an error (a full
disk, a locked file) reaches the form that asked for it; the command only
records how to undo and redo it. ``on_change`` tells the window to refresh.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..domain.entry import Entry, format_minutes

OnChange = Callable[[Entry], None]


def _describe(entry: Entry) -> str:
    return f"{format_minutes(entry.minutes)} on {entry.date:%a %d %b}"


class AddEntry(QUndoCommand):
    def __init__(self, store, entry: Entry, on_change: OnChange) -> None:
        super().__init__(f"Add {_describe(entry)}")
        self.store, self.entry, self.on_change = store, entry, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.store.restore(self.entry)
        self.on_change(self.entry)

    def undo(self) -> None:
        self.store.delete(self.entry.id)
        self.on_change(self.entry)


class EditEntry(QUndoCommand):
    def __init__(self, store, before: Entry, after: Entry, on_change: OnChange) -> None:
        super().__init__(f"Edit {_describe(after)}")
        self.store, self.before, self.after, self.on_change = store, before, after, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.store.update(self.after)
        self.on_change(self.after)

    def undo(self) -> None:
        self.store.update(self.before)
        self.on_change(self.before)


class DeleteEntry(QUndoCommand):
    def __init__(self, store, entry: Entry, on_change: OnChange) -> None:
        super().__init__(f"Delete {_describe(entry)}")
        self.store, self.entry, self.on_change = store, entry, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.store.delete(self.entry.id)
        self.on_change(self.entry)

    def undo(self) -> None:
        self.store.restore(self.entry)
        self.on_change(self.entry)
