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


class _StoreCommand(QUndoCommand):
    """A change already made once: the first redo (done by QUndoStack.push) only reports it."""

    verb = ""

    def __init__(self, store, entry: Entry, on_change: OnChange) -> None:
        super().__init__(f"{self.verb} {format_minutes(entry.minutes)} on {entry.date:%a %d %b}")
        self.store, self.entry, self.on_change = store, entry, on_change
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self._redo()
        self.on_change(self.entry)

    def undo(self) -> None:
        self.on_change(self._undo())

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> Entry:
        raise NotImplementedError


class AddEntry(_StoreCommand):
    verb = "Add"

    def _redo(self) -> None:
        self.store.restore(self.entry)

    def _undo(self) -> Entry:
        self.store.delete(self.entry.id)
        return self.entry


class EditEntry(_StoreCommand):
    verb = "Edit"

    def __init__(self, store, before: Entry, after: Entry, on_change: OnChange) -> None:
        super().__init__(store, after, on_change)
        self.before = before

    def _redo(self) -> None:
        self.store.update(self.entry)

    def _undo(self) -> Entry:
        self.store.update(self.before)
        return self.before


class DeleteEntry(_StoreCommand):
    verb = "Delete"

    def _redo(self) -> None:
        self.store.delete(self.entry.id)

    def _undo(self) -> Entry:
        self.store.restore(self.entry)
        return self.entry
