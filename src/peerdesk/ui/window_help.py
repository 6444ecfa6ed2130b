"""The main window's smaller conversations: the first start's welcome, Help ▸ About PeerDesk,
Help ▸ Start demo, and the status bar's "Open folder" button after an export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ..i18n import _

if TYPE_CHECKING:
    from .main_window import MainWindow


def ask_worker_if_unset(window: MainWindow) -> None:
    """The worker's name or code, asked once on a new data folder."""
    settings = window.workspace.settings
    if settings.get("worker"):
        return
    name = window.dialogs.ask_text(
        window,
        _("Welcome to PeerDesk"),
        _("Your name or worker code (written on every entry and on your exports;\n"
          "you can change it later in File ▸ Settings):"),
        window.worker(),
    )
    settings.set("worker", name or window.worker())
    settings.save()
    window._update_worker_label()


def show_about(window: MainWindow) -> None:
    from .. import __version__

    window.dialogs.info(
        window,
        _("About PeerDesk"),
        _("PeerDesk {version}\n\nLog peer support work day by day and see it week by week.\n\n"
          "Categories: {source}.\n\nData folder: {folder}").format(
            version=__version__, source=window.taxonomy.source, folder=window.workspace.data_dir),
    )


def start_demo(window: MainWindow) -> None:
    """Open the demo in its own process, on its own throwaway folder."""
    from PySide6.QtCore import QProcess

    frozen = getattr(sys, "frozen", False)
    program, args = sys.executable, (["demo"] if frozen else ["-m", "peerdesk", "demo"])
    ok, _pid = QProcess.startDetached(program, args)
    if ok:
        window.status(_("Starting the demo in a new window…"), 5000)
    else:
        window.dialogs.error(window, _("Demo not started"),
                             _("Could not start {command}.").format(command=f"{program} {' '.join(args)}"))


def offer_folder(window: MainWindow, folder: Path) -> None:
    """An "Open folder" button beside the status line for a while, after an export."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QPushButton

    old = getattr(window, "open_folder_button", None)
    if old is not None:
        old.deleteLater()
    button = QPushButton(_("Open folder"), objectName="open_export_folder")
    button.setToolTip(str(folder))
    button.setAccessibleDescription(_("Opens the folder the export was written to: {folder}").format(folder=folder))
    button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))
    window.statusBar().addPermanentWidget(button)
    window.open_folder_button = button
    window.folder_shown = folder
    QTimer.singleShot(15000, button.deleteLater)
