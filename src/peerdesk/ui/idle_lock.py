"""Idle lock: after some minutes without input the window hides its content.

A watcher sees every key press and mouse event of the application; when none
has come for the set time, the main window swaps its content for a lock screen.
Unlocking needs the worker's PeerDesk PIN when one is set; without a PIN the
lock is a privacy screen that any click lifts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .. import pin as pin_mod
from ..i18n import _
from . import contrast

INPUT_EVENTS = frozenset(
    {
        QEvent.KeyPress,
        QEvent.MouseButtonPress,
        QEvent.MouseMove,
        QEvent.Wheel,
        QEvent.TouchBegin,
    }
)


class IdleWatcher(QObject):
    """Emits ``idle`` once no input has arrived for *minutes*; 0 turns it off."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.idle)

    def set_timeout_ms(self, ms: int) -> None:
        """Arm the lock for *ms* of no input; 0 turns it off.

        The application-wide event filter is installed only while the lock is on:
        it is called, in Python, for every event of the application (hundreds for
        each redraw of the week)."""
        self.timer.stop()
        app = QApplication.instance()
        if ms > 0:
            self.timer.setInterval(ms)
            self.timer.start()
            if app is not None:
                app.installEventFilter(self)  # installing it again only moves it first
        else:
            self.timer.setInterval(0)  # so resume() does not arm it again
            if app is not None:
                app.removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if event.type() in INPUT_EVENTS and self.timer.interval() > 0 and self.timer.isActive():
            self.timer.start()
        return False

    def pause(self) -> None:
        self.timer.stop()

    def resume(self) -> None:
        if self.timer.interval() > 0:
            self.timer.start()


class LockScreen(QWidget):
    """Shown instead of the window's content; ``unlocked`` when the PIN is right."""

    unlocked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.pin_hash = ""
        self.passphrase_check = None
        title = QLabel(_("PeerDesk is locked"), alignment=Qt.AlignCenter, objectName="lock_title")
        big = QFont()
        big.setBold(True)
        big.setPointSizeF(self.font().pointSizeF() * 1.6)
        title.setFont(big)
        self.hint = QLabel(alignment=Qt.AlignCenter, wordWrap=True, objectName="lock_hint")
        self.pin_edit = QLineEdit(objectName="unlock_pin", echoMode=QLineEdit.Password)
        self.pin_edit.setPlaceholderText(_("PIN"))
        self.pin_edit.setAccessibleName(_("PeerDesk PIN"))
        self.pin_edit.setMaximumWidth(220)
        self.pin_edit.returnPressed.connect(self.try_unlock)
        self.button = QPushButton(_("Unlock"), objectName="unlock_button")
        self.button.setMaximumWidth(220)
        self.button.clicked.connect(self.try_unlock)
        self.error = QLabel(alignment=Qt.AlignCenter, objectName="unlock_error", wordWrap=True)
        contrast.error(self.error)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.addWidget(title)
        layout.addWidget(self.hint)
        layout.addWidget(self.pin_edit, 0, Qt.AlignHCenter)
        layout.addWidget(self.button, 0, Qt.AlignHCenter)
        layout.addWidget(self.error)
        layout.addStretch(3)

    def prepare(self, pin_hash: str, passphrase_check=None) -> None:
        """*passphrase_check* (an encrypted store's) takes precedence over the PIN."""
        self.pin_hash = pin_hash
        self.passphrase_check = passphrase_check
        self.pin_edit.clear()
        self.error.clear()
        needs = bool(pin_hash or passphrase_check)
        self.pin_edit.setVisible(needs)
        self.pin_edit.setPlaceholderText(_("passphrase") if passphrase_check else _("PIN"))
        self.pin_edit.setAccessibleName(_("Passphrase of your PeerDesk records") if passphrase_check
                                        else _("PeerDesk PIN"))
        if passphrase_check:
            self.hint.setText(_("The window was idle, so its content is hidden. Enter your passphrase to go on."))
        elif pin_hash:
            self.hint.setText(_("The window was idle, so its content is hidden. Enter your PeerDesk PIN to go on."))
        else:
            self.hint.setText(
                _("The window was idle, so its content is hidden. Set a PIN in File ▸ Settings to require one.")
            )
        self.pin_edit.setAccessibleDescription(self.hint.text())
        self.button.setAccessibleDescription(self.hint.text())
        contrast.error(self.error)  # the theme may have changed since the lock screen was made
        (self.pin_edit if needs else self.button).setFocus()

    def _right(self, text: str) -> bool:
        if self.passphrase_check is not None:
            return bool(text) and self.passphrase_check(text)
        return not self.pin_hash or pin_mod.verify_pin(text, self.pin_hash)

    def try_unlock(self) -> None:
        if self._right(self.pin_edit.text()):
            self.pin_edit.clear()
            self.unlocked.emit()
        else:
            self.pin_edit.clear()
            self.error.setText(_("That passphrase is not right.") if self.passphrase_check
                               else _("That PIN is not right."))
            self.pin_edit.setAccessibleDescription(f"{self.error.text()} {self.hint.text()}")
