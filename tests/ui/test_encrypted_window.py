"""The window asks for the passphrase of an encrypted store, offers encryption on a shared
computer at first run, keeps no plain draft, and unlocks an idle lock with the passphrase."""

import pytest
from PySide6.QtCore import Qt

from peerdesk import app as peerdesk_app
from peerdesk.storage import crypto
from peerdesk.workspace import Workspace

pytestmark = pytest.mark.skipif(not crypto.available(), reason="sqlcipher3 is not installed")


class Answers:
    def __init__(self, passphrases, choice=None):
        self.passphrases = list(passphrases)
        self.choice = choice
        self.asked = []
        self.errors = []

    def ask_passphrase(self, parent, title, label):
        self.asked.append(label)
        return self.passphrases.pop(0) if self.passphrases else None

    def choose(self, parent, title, text, options):
        return next((i for i, o in enumerate(options) if self.choice and o.startswith(self.choice)), 0)

    def ask_text(self, parent, title, label, default=""):
        return "PW-enc"

    def error(self, parent, title, text):
        self.errors.append(text)

    def info(self, *a):
        pass


def close(window):
    window.close()
    window.workspace.close()
    window.deleteLater()


def test_shared_computer_at_first_run_makes_an_encrypted_store(qtbot, data_dir):
    answers = Answers(["short", "long enough phrase", "long enough phrase"], choice="This computer is shared")
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
        assert window.store.cipher is not None
        assert any("too short" in e or "at least 8" in e for e in answers.errors)
        settings = window.workspace.settings
        assert settings.get("encrypted") and settings.get("shared") and settings.get("idle_lock_minutes") == 10
        qtbot.keyClicks(window.form.minutes_edit, "30")
        qtbot.keyClicks(window.form.note_edit, "SECRET-DRAFT-TEXT")
        window.save_draft()
        assert not (data_dir / "draft.json").exists()  # no plain-text draft beside an encrypted store
    finally:
        close(window)
    assert b"SECRET-DRAFT-TEXT" not in b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file())


def test_encrypted_store_asks_until_the_passphrase_is_right(qtbot, data_dir):
    ws = Workspace(data_dir)
    ws.settings.set("worker", "PW-enc")
    ws.settings.save()
    ws.create_encrypted("the right phrase")
    ws.close()
    answers = Answers(["the wrong phrase", "the right phrase"])
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=answers)
    try:
        qtbot.waitUntil(lambda: window.store is not None, timeout=10000)
        assert len(answers.asked) == 2 and "does not open" in answers.asked[1]
        window.lock()
        window.area.lock_screen.pin_edit.setText("the wrong phrase")
        qtbot.keyClick(window.area.lock_screen.pin_edit, Qt.Key_Return)
        assert window.is_locked() and "passphrase is not right" in window.area.lock_screen.error.text()
        window.area.lock_screen.pin_edit.setText("the right phrase")
        qtbot.keyClick(window.area.lock_screen.pin_edit, Qt.Key_Return)
        assert not window.is_locked()
    finally:
        close(window)


def test_cancelling_the_passphrase_opens_nothing(qtbot, data_dir):
    ws = Workspace(data_dir)
    ws.settings.set("worker", "PW-enc")
    ws.settings.save()
    ws.create_encrypted("the right phrase")
    ws.close()
    window = peerdesk_app.launch(data_dir=str(data_dir), dialogs=Answers([]))
    try:
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
        assert window.store is None
    finally:
        close(window)
