"""Workers' CSV exports dropped on a window: taken, and handed on once the drop is over."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, QObject, QTimer


def dropped_csv_paths(mime: QMimeData) -> list[str]:
    """The local ``.csv`` files among what is dragged."""
    if not mime.hasUrls():
        return []
    paths = [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]
    return [p for p in paths if p.lower().endswith(".csv")]


class CsvDrops(QObject):
    """An event filter for a window that accepts drops: it takes drags holding .csv files
    and calls *open_paths* with them after the drop returns (so the file manager is not
    held while the files are read). Other drags are left to the window."""

    _KINDS = (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop)

    def __init__(self, parent: QObject, open_paths: Callable[[list[str]], object]) -> None:
        super().__init__(parent)
        self.open_paths = open_paths

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind not in self._KINDS:
            return False
        paths = dropped_csv_paths(event.mimeData())  # type: ignore[attr-defined]
        if not paths:
            return False
        event.acceptProposedAction()  # type: ignore[attr-defined]
        if kind == QEvent.Type.Drop:
            QTimer.singleShot(0, lambda: self.open_paths(paths))
        return True
