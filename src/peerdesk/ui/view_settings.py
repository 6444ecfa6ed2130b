"""View preferences of this computer's user: text size, the form's width.

They are not data, so they are kept out of the data folder, in Qt's own
settings for the user (a test points QSettings at a temporary folder).
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

TEXT_SCALE = "view/text_scale"
FORM_WIDTH = "view/form_width"


def ui_settings() -> QSettings:
    """This user's view preferences."""
    return QSettings("PeerDesk", "PeerDesk")
