"""Workers' exports (CSV files, Excel workbooks) dragged onto a window: taken, and handed on once
the drop is over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from ..i18n import N_

EXPORT_SUFFIXES = (".csv", ".xlsx")  # what the review reads
# The file dialog's filter for opening exports to review (File ▸ Review exported files…).
OPEN_FILTER = N_("PeerDesk exports (*.csv *.xlsx);;All files (*)")  # shown as _(OPEN_FILTER)


def dropped_csv_paths(mime: QMimeData) -> list[str]:
    """The local ``.csv`` files and ``.xlsx`` workbooks among what is dragged."""
    if not mime.hasUrls():
        return []
    paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.lower().endswith(EXPORT_SUFFIXES)]


def take_csv_drag(event: QDragMoveEvent) -> bool:
    """Accept a drag (entering or moving) that holds exports; False leaves it to the window."""
    if not dropped_csv_paths(event.mimeData()):
        return False
    event.acceptProposedAction()
    return True


def take_csv_drop(event: QDropEvent, open_paths: Callable[[list[str]], object]) -> bool:
    """Take a drop of exports and call *open_paths* with them after the drop returns (so
    the file manager is not held while the files are read); False leaves it to the window."""
    paths = dropped_csv_paths(event.mimeData())
    if not paths:
        return False
    event.acceptProposedAction()
    QTimer.singleShot(0, lambda: open_paths(paths))
    return True
