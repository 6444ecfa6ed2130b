"""Edit ▸ Undo and Redo over the application layer's changes.

A change is made first (:mod:`peerdesk.operations.entries`) and then pushed,
so an error reaches the form that asked for it. Undo and redo go through
:class:`UndoHistory`, which makes the store change *before* it moves Qt's
undo stack: when the store refuses (a full disk, a locked file) the history
says so and stays where it was, so it never claims a change was undone while
the entry is still there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from ..domain.entry import Entry, format_minutes
from ..i18n import N_, _
from ..storage.store import Store, StoreError
from .locale_text import SHORT_DAY, day_text

if TYPE_CHECKING:
    from ..operations import entries as ops

# What each change is called in Edit ▸ Undo / Redo ("Undo Add 45m on Wed 25 Nov"), by the change's kind.
VERBS = {
    "add": N_("Add {duration} on {day}"),
    "edit": N_("Edit {duration} on {day}"),
    "delete": N_("Delete {duration} on {day}"),
    "restore": N_("Restore {duration} on {day}"),
}  # shown as _(VERBS[kind])


class ChangeCommand(QUndoCommand):
    """One change on Qt's undo stack. The stack only moves once the store has changed;
    undo() and redo() then report which entry to show."""

    def __init__(self, change: ops.Change, on_change: Callable[[Entry], None]) -> None:
        entry = change.entry
        super().__init__(_(VERBS[change.kind]).format(duration=format_minutes(entry.minutes),
                                                       day=day_text(entry.date, SHORT_DAY)))
        self.change = change
        self.on_change = on_change
        self.shown: Entry = entry  # the entry to show once the stack has moved

    def redo(self) -> None:  # (also called once by QUndoStack.push: the change is made already)
        self.on_change(self.shown)

    def undo(self) -> None:
        self.on_change(self.shown)


class UndoHistory(QObject):
    """The window's undo history: its own Undo and Redo actions, truthful when the store refuses."""

    def __init__(
        self,
        parent: QObject,
        store: Callable[[], Store | None],
        on_change: Callable[[Entry], None],
        on_error: Callable[[str], None],
    ) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._store, self._on_change, self._on_error = store, on_change, on_error
        self.undo_action = QAction(_("&Undo"), parent)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(_("&Redo"), parent)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        self.stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.stack.undoTextChanged.connect(
            lambda text: self.undo_action.setText(_("&Undo {change}").format(change=text) if text else _("&Undo")))
        self.stack.redoTextChanged.connect(
            lambda text: self.redo_action.setText(_("&Redo {change}").format(change=text) if text else _("&Redo")))
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)

    def push(self, change: ops.Change) -> None:
        """A change just made (it is not made again)."""
        self.stack.push(ChangeCommand(change, self._on_change))

    def clear(self) -> None:
        self.stack.clear()

    def undo(self) -> None:
        self._move(-1)

    def redo(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        store = self._store()
        index = self.stack.index()
        command = self.stack.command(index - 1 if step < 0 else index)
        if store is None or not isinstance(command, ChangeCommand):
            return
        from ..operations import entries as ops  # (with the first undo, not at start)

        try:
            made = (ops.undo if step < 0 else ops.redo)(store, command.change)
        except StoreError as exc:
            message = (_("{change} was not undone: {reason}. Nothing was changed.") if step < 0
                       else _("{change} was not redone: {reason}. Nothing was changed."))
            self._on_error(message.format(change=command.text(), reason=exc))
            return
        command.shown = made.entry
        if step < 0:
            self.stack.undo()
        else:
            self.stack.redo()
