"""Message boxes and small questions, behind one seam.

Widgets ask ``self.dialogs`` rather than calling QMessageBox directly, so a
test replaces one object instead of patching Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

# The module, not its classes: each Qt class creates its Python enums when first
# touched, and message boxes and file dialogs are not needed to show the window.
from PySide6 import QtWidgets

from ..i18n import _

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


class Dialogs:
    """Every text given is the caller's, already translated; Qt's own buttons (Cancel, OK) and file
    dialogs speak the language through the translations start-up loads (app.install_qt_language)."""

    def confirm(self, parent: QWidget, title: str, text: str, ok: str = "") -> bool:
        """*ok*: the confirming button's text ("Delete" when not given)."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Question, title, text, parent=parent)
        yes = box.addButton(ok or _("Delete"), QtWidgets.QMessageBox.DestructiveRole)
        box.addButton(QtWidgets.QMessageBox.Cancel)
        box.setDefaultButton(QtWidgets.QMessageBox.Cancel)
        box.exec()
        return box.clickedButton() is yes

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.critical(parent, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        QtWidgets.QMessageBox.information(parent, title, text)

    def choose(self, parent: QWidget | None, title: str, text: str, options: list[str]) -> int:
        """Ask the user to pick one of *options* (buttons, first is the default); -1 if closed."""
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Warning, title, text, parent=parent)
        buttons = [box.addButton(o, QtWidgets.QMessageBox.AcceptRole) for o in options]
        if buttons:
            box.setDefaultButton(buttons[0])
        box.exec()
        clicked = box.clickedButton()
        return buttons.index(clicked) if clicked in buttons else -1

    def ask_folder(self, parent: QWidget | None, title: str) -> str | None:
        return QtWidgets.QFileDialog.getExistingDirectory(parent, title) or None

    def ask_save_path(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return path or None

    def ask_open_paths(self, parent: QWidget | None, title: str, filters: str) -> list[str]:
        """Existing files to open (several at once); empty if cancelled."""
        paths, _filter = QtWidgets.QFileDialog.getOpenFileNames(parent, title, "", filters)
        return list(paths)

    def ask_passphrase(self, parent: QWidget | None, title: str, label: str) -> str | None:
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.Password)
        return text if ok and text else None

    def ask_text(self, parent: QWidget | None, title: str, label: str, default: str = "") -> str | None:
        text, ok = QtWidgets.QInputDialog.getText(parent, title, label, QtWidgets.QLineEdit.Normal, default)
        return text.strip() if ok else None
