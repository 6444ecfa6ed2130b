"""Edit ▸ Sync conflicts…: what a sync kept aside when the same entry was changed on two PCs.
For each, the side in place and the other one; "Use the other side" puts it in place (an edit
like any other: Ctrl+Z takes it back, the next sync sends it), "Keep this one" closes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from ..i18n import _, ngettext

if TYPE_CHECKING:
    from ..storage.sync_local import Conflict
    from .main_window import MainWindow


def _side(values: dict, taxonomy) -> str:
    if values.get("deleted"):
        return _("deleted")
    label = taxonomy.category_label(values.get("category", ""))
    when = values["date"]  # ISO (2026-11-25): the same in every language, beside the other side's
    if values.get("start_time"):
        return _("{date} at {time}, {minutes} min of {category}").format(
            date=when, time=values["start_time"], minutes=values["minutes"], category=label)
    return _("{date}, {minutes} min of {category}").format(date=when, minutes=values["minutes"], category=label)


class ConflictsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.setWindowTitle(_("Sync conflicts"))
        self.intro = QLabel(wordWrap=True, textFormat=Qt.PlainText)
        self.list = QListWidget(objectName="conflicts")
        self.list.setAccessibleName(_("Conflicts kept by the team server's sync"))
        self.use_other = QPushButton(_("&Use the other side"))
        self.keep = QPushButton(_("&Keep this one"))
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.addButton(self.use_other, QDialogButtonBox.ActionRole)
        buttons.addButton(self.keep, QDialogButtonBox.ActionRole)
        buttons.rejected.connect(self.reject)
        self.use_other.clicked.connect(lambda: self._decide(take=True))
        self.keep.clicked.connect(lambda: self._decide(take=False))
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(640, 320)
        self.fill()

    def fill(self) -> None:
        from ..operations import syncing

        store = self.window.store
        found: list[Conflict] = syncing.conflicts(store) if store is not None else []
        self.list.clear()
        tax = self.window.taxonomy
        for c in found:
            current = store.get(c.entry_id) if store is not None else None
            here = _side({"deleted": True}, tax) if current is None else _side(
                {"date": current.date.isoformat(), "start_time": current.start_time.strftime("%H:%M")
                 if current.start_time else "", "minutes": current.minutes, "category": current.category}, tax)
            where = _("this PC's change") if c.kept == "local" else _("the change from another PC")
            item = QListWidgetItem(_("In place ({where}): {here}\nThe other: {other}").format(
                where=where, here=here, other=_side(c.other, tax)))
            item.setData(Qt.UserRole, c.id)
            self.list.addItem(item)
        self.intro.setText(
            ngettext("{n} entry was changed on two PCs; the later change is in place. Choose, for each, which one "
                     "to keep.", "{n} entries were changed on two PCs; the later change is in place. Choose, for "
                     "each, which one to keep.", len(found)).format(n=len(found))
            if found else _("No conflicts: every sync agreed."))
        for button in (self.use_other, self.keep):
            button.setEnabled(bool(found))
        if found:
            self.list.setCurrentRow(0)

    def _decide(self, *, take: bool) -> None:
        from ..operations import syncing

        item, store = self.list.currentItem(), self.window.store
        if item is None or store is None:
            return
        conflict_id = int(item.data(Qt.UserRole))
        if take:
            change = syncing.take_other_side(store, conflict_id, worker=self.window.worker())
            if change is not None and self.window.history is not None:
                self.window.history.push(change)  # Ctrl+Z takes it back; the week shows it
        else:
            syncing.settle(store, conflict_id)
        self.fill()


def open_conflicts(window: MainWindow) -> None:
    ConflictsDialog(window).open()
