"""The window: PySide6 widgets over the application layer (:mod:`peerdesk.operations`)."""

from .pyside_features import declare_no_features

declare_no_features()  # before the window's modules are imported: PySide reads none of their sources
