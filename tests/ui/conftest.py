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
        self.save_answer = None  # the path a save dialog answers with (`saved_in`); None: cancelled
        self.save_asks = []
        self.on_save = None  # called just before the answer, e.g. to schedule a cancel

    def confirm(self, parent, title, text, ok="Delete"):
        self.confirms.append((title, text))
        return self.confirm_answer

    def error(self, parent, title, text):
        self.errors.append((title, text))

    def info(self, parent, title, text):
        self.infos.append((title, text))

    def ask_text(self, parent, title, label, default=""):
        return self.text_answer

    def ask_save_path(self, parent, title, suggested, filters):
        self.save_asks.append((title, suggested, filters))
        if self.on_save is not None:
            self.on_save()
        return self.save_answer


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
def saved_in(dialogs, tmp_path):
    """``saved_in("exports", "chosen.csv")``: the recording dialogs' save dialog answers with that
    file in a new folder under tmp_path; the folder."""

    def answer(folder_name: str, file_name: str):
        folder = tmp_path / folder_name
        folder.mkdir()
        dialogs.save_answer = str(folder / file_name)
        return folder

    return answer


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
    """What PeerDesk's start-up installs (app._application): the focus shown on every push button."""
    from peerdesk.ui import focus_ring

    focus_ring.install(qapp)
