"""File ▸ Settings: the settings declared in :mod:`peerdesk.settings`."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from .. import pin as pin_mod
from ..domain.entry import MAX_WORKER, MODES
from ..settings import SETTINGS, Settings
from . import style

_BY_KEY = {s.key: s for s in SETTINGS}


def _keyed(key: str, marked: str) -> str:
    """The setting's label as *marked* with its Alt+letter (``&``); the words stay the setting's."""
    assert marked.replace("&", "") == _BY_KEY[key].label, marked
    return marked


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)  # room for the fields' hints
        self.worker_edit = QLineEdit(settings.get("worker"))
        self.worker_edit.setMaxLength(MAX_WORKER)
        self.worker_edit.setToolTip(_BY_KEY["worker"].help)
        self.mode_combo = QComboBox()
        for key, label in MODES.items():
            self.mode_combo.addItem(label, key)
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(settings.get("default_mode"))))
        self.hours_edit = QLineEdit(f"{float(settings.get('contracted_hours') or 0):g}")
        self.hours_edit.setToolTip(_BY_KEY["contracted_hours"].help)
        self.hours_error = QLabel(wordWrap=True)
        style.error(self.hours_error)
        self.hours_error.hide()
        self.idle_spin = QSpinBox(minimum=0, maximum=240, suffix=" min")
        self.idle_spin.setSpecialValueText("never")
        self.idle_spin.setValue(int(float(settings.get("idle_lock_minutes") or 0)))
        self.idle_spin.setToolTip(_BY_KEY["idle_lock_minutes"].help)
        self.pin_edit = QLineEdit(echoMode=QLineEdit.Password)
        self.pin_edit.setPlaceholderText("set" if settings.get("pin_hash") else "none (digits, at least 4)")
        self.pin_edit.setToolTip("Type a new PIN to set or change it; leave empty to keep the current one.")
        self.pin_error = QLabel(wordWrap=True)
        style.error(self.pin_error)
        self.pin_error.hide()
        self.taxonomy_edit = QLineEdit(settings.get("taxonomy_file"))
        self.taxonomy_edit.setToolTip(_BY_KEY["taxonomy_file"].help)
        self.taxonomy_edit.setPlaceholderText("none: the built-in taxonomy")

        form = QFormLayout()
        form.addRow(_keyed("worker", "&Worker name or code"), self.worker_edit)
        form.addRow(_keyed("default_mode", "Default &mode"), self.mode_combo)
        form.addRow(_keyed("contracted_hours", "Contracted &hours per week"), self.hours_edit)
        form.addRow("", self.hours_error)
        form.addRow(_keyed("idle_lock_minutes", "&Lock after minutes without input"), self.idle_spin)
        form.addRow("New PeerDesk &PIN", self.pin_edit)
        form.addRow("", self.pin_error)
        form.addRow(_keyed("taxonomy_file", "Organisation &taxonomy file"), self.taxonomy_edit)
        note = QLabel("A new taxonomy file takes effect the next time PeerDesk starts.", wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _hours(self) -> float | None:
        try:
            value = float(self.hours_edit.text().strip().replace(",", ".") or 0)
        except ValueError:
            return None
        return value if 0 <= value <= 80 else None

    def accept(self) -> None:
        new_pin = self.pin_edit.text()
        if new_pin:
            try:
                self._pin_hash = pin_mod.hash_pin(new_pin)
            except pin_mod.PinError as exc:
                self.pin_error.setText(f"The PIN was not set: {exc}.")
                self.pin_error.show()
                self.pin_edit.setFocus()
                return
        if self._hours() is None:
            self.hours_error.setText("Contracted hours must be a number from 0 to 80 (0 for none).")
            self.hours_error.show()
            self.hours_edit.setFocus()
            return
        super().accept()

    def apply(self) -> None:
        self.settings.set("contracted_hours", self._hours() or 0.0)
        self.settings.set("idle_lock_minutes", self.idle_spin.value())
        if getattr(self, "_pin_hash", ""):
            self.settings.set("pin_hash", self._pin_hash)
        self.settings.set("worker", self.worker_edit.text().strip())
        self.settings.set("default_mode", self.mode_combo.currentData())
        self.settings.set("taxonomy_file", self.taxonomy_edit.text().strip())
