"""Test configuration shared by every layer.

Qt must never try to reach a display in tests: the offscreen platform is set
here, before anything imports Qt, rather than by hand in a shell.
"""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Tests never read or write the real user's data folder.
os.environ.pop("PEERDESK_DATA_DIR", None)

import pytest  # noqa: E402
from PySide6.QtCore import QStandardPaths  # noqa: E402

# QSettings (view preferences such as the text size) go to a test location,
# never to the real user's configuration.
QStandardPaths.setTestModeEnabled(True)


@pytest.fixture
def data_dir(tmp_path):
    """A fresh PeerDesk data folder in a temporary directory."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
