"""Saving, editing and deleting entries from the window: the application layer's verdicts, shown.

The check and the change are the application layer's
(:mod:`peerdesk.operations.entries`), the same calls ``peerdesk add`` makes;
here their results become what the worker sees: a message beside each wrong
field, the likely identifiers marked with a question to edit them or save
anyway, the store's refusal on the form (which keeps what was typed), and the
change pushed on the undo history.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from ..domain.entry import Entry, entry_to_raw, format_minutes
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..i18n import _
from ..operations import entries as ops
from ..storage.store import StoreError
from .entry_form import EntryForm
from .fitting import fit_to_screen, room_for, scrolling
from .locale_text import LONG_DAY, SHORT_DAY, day_text

if TYPE_CHECKING:
    from .main_window import MainWindow


class Chooser(Protocol):
    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int: ...


def accepted(form: EntryForm, check: ops.EntryCheck, dialogs: Chooser, parent: QWidget) -> Entry | None:
    """Show *check* on *form*; the entry when it may be saved, else None.

    A wrong field gets its message beside it. Likely identifiers are marked in
    the note or client ref and the worker chooses: edit the entry, or save it as
    it is because they identify no one.
    """
    if check.entry is None:
        form.show_errors(dict(check.errors))
        return None
    if not check.findings:
        form.clear_errors()
        return check.entry
    messages: dict[str, str] = {}
    for finding in check.findings:
        messages.setdefault(finding.field, _("May identify someone: {finding}").format(finding=finding.describe()))
    form.show_errors(messages)
    form.highlight_findings(check.findings)
    listed = "\n".join(
        (_("• {finding} in the note") if f.field == "note" else _("• {finding} in the client ref")).format(
            finding=f.describe())
        for f in check.findings
    )
    choice = dialogs.choose(
        parent,
        _("This entry may identify someone"),
        _("PeerDesk keeps client identities out of the record. It found:\n\n{listed}\n\n"
          "Edit the entry to remove them, or save it as it is if they identify no one.").format(listed=listed),
        [_("Edit the entry"), _("Save anyway")],
    )
    if choice != 1:
        return None
    form.clear_errors()
    form.highlight_findings([])
    return check.entry


def not_saved(form: EntryForm, reason: object) -> None:
    """The store refused the entry: say so on the form, which keeps what was typed."""
    form.show_errors({}, general=_("Not saved: {reason}. What you typed is kept; try again.").format(reason=reason))


def save_new_entry(window: MainWindow) -> None:
    """Edit ▸ Save entry: check the form, save the entry, clear the form for the next one."""
    form, store, history = window.form, window.store, window.history
    if store is None or form is None or history is None or not form.isEnabled():
        return
    from_line = form.quick is not None and form.quick.edit.hasFocus()  # the next one is typed there too
    check = ops.check_entry(form.values(), window.taxonomy, worker=window.worker(), today=window.today())
    entry = accepted(form, check, window.dialogs, window)
    if entry is None:
        return
    try:
        change = ops.add_entry(store, entry)
    except StoreError as exc:  # disk full, read-only folder, locked file: keep what was typed
        not_saved(form, exc)
        return
    shown = window.week
    history.push(change)  # shows the week the entry went to
    form.clear()
    window.save_draft()  # nothing left to keep
    next_field = form.quick.edit if from_line and form.quick is not None else form.start_edit
    next_field.setFocus(Qt.FocusReason.OtherFocusReason)
    saved = change.entry
    label = window.taxonomy.category_label(saved.category)
    said = _("Saved {duration} of {category} on {day}").format(
        duration=format_minutes(saved.minutes), category=label, day=day_text(saved.date, SHORT_DAY))
    week = Week.of(saved.date)
    if week != shown:  # not the week that was on screen: say so, so nobody logs it twice
        where = _("{saved}, in week {number} ({week}), now shown in place of week {shown}").format(
            saved=said, number=week.number, week=week.label(), shown=shown.number)
        window.status(where, 15000)
    else:
        window.status(said, 5000)


class EntryDialog(QDialog):
    """Edit one entry with the same form and the same checks as a new one."""

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Edit entry"))
        self.form = EntryForm(taxonomy, save_label=_("&Save changes"), quick=False)
        self.form.clear_button.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)  # in the dialog from the start
        buttons.rejected.connect(self.reject)
        # Save changes beside Cancel, in the platform's order, in sight however the fields scroll
        buttons.addButton(self.form.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # larger text on a small screen: it scrolls
        self.scroller = scrolling(self.form, "edit_scroller", _("The entry's fields"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroller, 1)
        self.form.place_actions(layout)  # what is said of the whole entry, under the fields
        layout.addWidget(buttons)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        """As tall as the form needs at this width (the category's description wraps, and a
        height taken from the unwrapped text squeezed the note under its own counter), but
        never taller than the screen: the form scrolls then."""
        super().showEvent(event)
        room = room_for(self)
        form = self.form.layout()
        width = self.form.width() or self.form.sizeHint().width()
        need = self.form.sizeHint().height()
        if form is not None and form.hasHeightForWidth():
            need = max(need, form.totalHeightForWidth(width))
        need += self.sizeHint().height() - self.scroller.sizeHint().height()  # the buttons and margins
        bar = self.scroller.verticalScrollBar().sizeHint().width()
        wide = max(self.width(), self.form.minimumSizeHint().width() + bar)
        self.resize(min(wide, room.width()), min(max(self.height(), need), room.height()))
        fit_to_screen(self)


def edit_entry(window: MainWindow, row: int) -> None:
    """The entry in the week table's *row* in an edit dialog, saved through the same checks."""
    before = window.row_entry(row)
    if before is None:
        return
    dialog = EntryDialog(window.taxonomy, window)
    dialog.form.date_edit.today = window.today
    dialog.form.set_values(entry_to_raw(before, window.taxonomy))

    def submit() -> None:
        check = ops.check_entry(
            dialog.form.values(), window.taxonomy, worker=before.worker, today=window.today(), before=before
        )
        entry = accepted(dialog.form, check, window.dialogs, dialog)
        if entry is None or window.store is None or window.history is None:
            return
        try:
            change = ops.update_entry(window.store, entry)
        except StoreError as exc:
            not_saved(dialog.form, exc)
            return
        window.history.push(change)
        dialog.accept()

    dialog.form.submitted.connect(submit)
    dialog.finished.connect(lambda _result: setattr(window, "edit_dialog", None))
    window.edit_dialog = dialog
    dialog.open()  # window-modal, without a nested event loop
    dialog.activateWindow()
    dialog.form.minutes_edit.setFocus(Qt.FocusReason.OtherFocusReason)


def delete_entry(window: MainWindow, row: int) -> None:
    """Delete the entry in the week table's *row*, once confirmed; Undo brings it back."""
    entry = window.row_entry(row)
    if entry is None or window.store is None or window.history is None:
        return
    label = window.taxonomy.category_label(entry.category)
    text = _("Delete {duration} of {category} on {day}?\n\nYou can bring it back with Undo (Ctrl+Z).").format(
        duration=format_minutes(entry.minutes), category=label, day=day_text(entry.date, LONG_DAY))
    if not window.dialogs.confirm(window, _("Delete entry"), text, ok=_("Delete")):
        return
    try:
        change = ops.delete_entry(window.store, entry.id)
    except StoreError as exc:
        window.dialogs.error(window, _("Not deleted"), str(exc))
        return
    window.history.push(change)
    view = window.week_view
    if view is not None and view.model.rowCount():  # the cursor stays where the entry was
        view.table.setCurrentIndex(view.model.index(min(row, view.model.rowCount() - 1), 0))
    window.status(_("Entry deleted. Undo with Ctrl+Z."))
