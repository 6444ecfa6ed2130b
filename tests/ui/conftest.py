from datetime import date

import pytest

from peerdesk.ui.main_window import MainWindow
from peerdesk.workspace import Workspace

TODAY = date(2026, 11, 25)  # a Wednesday in ISO week 2026-W48


class RecordingDialogs:
    """Stands in for message boxes: answers confirmations, records what was shown."""

    def __init__(self):
        self.confirm_answer = True
        self.confirms = []
        self.errors = []
        self.infos = []
        self.text_answer = "PW-07"

    def confirm(self, parent, title, text, ok="Delete"):
        self.confirms.append((title, text))
        return self.confirm_answer

    def error(self, parent, title, text):
        self.errors.append((title, text))

    def info(self, parent, title, text):
        self.infos.append((title, text))

    def ask_text(self, parent, title, label, default=""):
        return self.text_answer


@pytest.fixture(autouse=True)
def normal_text_size(qapp, tmp_path):
    """Each test has its own view settings (QSettings) and starts at the normal text size;
    the app font is global, so it is put back afterwards."""
    from PySide6.QtCore import QSettings

    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, str(tmp_path / "qsettings"))
    QSettings("PeerDesk", "PeerDesk").remove("view/text_scale")
    yield
    base = qapp.property("peerdesk_base_font")
    if base is not None:
        qapp.setFont(base)
    QSettings("PeerDesk", "PeerDesk").remove("view/text_scale")


@pytest.fixture
def dialogs():
    return RecordingDialogs()


@pytest.fixture
def workspace(data_dir):
    ws = Workspace(data_dir)
    ws.settings.set("worker", "PW-07")
    ws.settings.save()
    yield ws
    ws.close()


@pytest.fixture
def open_main_window(qtbot, dialogs):
    """``open_main_window(workspace)``: a shown main window over that workspace's store, on TODAY."""

    def open_(workspace) -> MainWindow:
        win = MainWindow(workspace, dialogs=dialogs, today=lambda: TODAY)
        qtbot.addWidget(win)
        win.set_store(workspace.open_store())
        win.show()
        qtbot.waitExposed(win)
        return win

    return open_


@pytest.fixture
def window(open_main_window, workspace):
    return open_main_window(workspace)


@pytest.fixture(autouse=True, scope="session")
def focus_ring_style(qapp):
    """The style PeerDesk's start-up installs (app._application): focus shown on every button."""
    from peerdesk.ui import focus_ring

    focus_ring.install(qapp)
