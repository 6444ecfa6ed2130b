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

from .. import i18n
from .. import pin as pin_mod
from ..domain.entry import MAX_WORKER, MODES
from ..i18n import N_, _
from ..settings import SETTINGS, Settings
from . import contrast
from .locale_text import locale

_BY_KEY = {s.key: s for s in SETTINGS}


def _keyed(key: str, marked: str) -> str:
    """The setting's label as *marked* (``N_``) with its Alt+letter (``&``), translated; the words
    stay the setting's."""
    assert marked.replace("&", "") == _BY_KEY[key].label, marked
    return _(marked)


def _help(key: str) -> str:
    """The setting's help (marked in settings.py), translated."""
    return _(_BY_KEY[key].help) if _BY_KEY[key].help else ""


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent=None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(_("Settings"))
        self.setMinimumWidth(520)  # room for the fields' hints
        self.worker_edit = QLineEdit(settings.get("worker"), objectName="settings_worker")
        self.worker_edit.setMaxLength(MAX_WORKER)
        self.mode_combo = QComboBox(objectName="settings_mode")
        for key, label in MODES.items():
            self.mode_combo.addItem(_(label), key)  # the domain's labels, marked N_ there
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(settings.get("default_mode"))))
        hours = float(settings.get("contracted_hours") or 0)
        self.hours_edit = QLineEdit(locale().toString(hours, "g", 6), objectName="settings_hours")
        self.hours_error = QLabel(wordWrap=True, objectName="settings_hours_error")
        contrast.error(self.hours_error)
        self.hours_error.hide()
        # TRANSLATORS: the unit after the number of idle minutes
        self.idle_spin = QSpinBox(minimum=0, maximum=240, suffix=_(" min"), objectName="settings_idle")
        # TRANSLATORS: the idle lock at 0 minutes: it never locks
        self.idle_spin.setSpecialValueText(_("never"))
        self.idle_spin.setValue(int(float(settings.get("idle_lock_minutes") or 0)))
        self.pin_edit = QLineEdit(echoMode=QLineEdit.Password, objectName="settings_pin")
        # TRANSLATORS: the PIN field's placeholder when a PIN is already set
        self.pin_edit.setPlaceholderText(_("set") if settings.get("pin_hash") else _("none (digits, at least 4)"))
        self.pin_edit.setToolTip(_("Type a new PIN to set or change it; leave empty to keep the current one."))
        self.pin_error = QLabel(wordWrap=True, objectName="settings_pin_error")
        contrast.error(self.pin_error)
        self.pin_error.hide()
        self.taxonomy_edit = QLineEdit(settings.get("taxonomy_file"), objectName="settings_taxonomy")
        self.taxonomy_edit.setPlaceholderText(_("none: the built-in taxonomy"))
        for key, field in (("worker", self.worker_edit), ("default_mode", self.mode_combo),
                           ("contracted_hours", self.hours_edit), ("idle_lock_minutes", self.idle_spin),
                           ("taxonomy_file", self.taxonomy_edit)):
            field.setToolTip(_help(key))
            field.setAccessibleName(_(_BY_KEY[key].label))
            field.setAccessibleDescription(_help(key))
        self.pin_edit.setAccessibleName(_("New PeerDesk PIN"))
        self.pin_edit.setAccessibleDescription(self.pin_edit.toolTip())
        self.language_combo: QComboBox | None = None
        if "language" in _BY_KEY:  # the language setting (settings.py), when it is declared
            self.language_combo = self._language_choice(str(settings.get("language") or ""))

        form = QFormLayout()
        form.addRow(_keyed("worker", N_("&Worker name or code")), self.worker_edit)
        form.addRow(_keyed("default_mode", N_("Default &mode")), self.mode_combo)
        form.addRow(_keyed("contracted_hours", N_("Contracted &hours per week")), self.hours_edit)
        form.addRow("", self.hours_error)
        form.addRow(_keyed("idle_lock_minutes", N_("&Lock after minutes without input")), self.idle_spin)
        form.addRow(_("New PeerDesk &PIN"), self.pin_edit)
        form.addRow("", self.pin_error)
        form.addRow(_keyed("taxonomy_file", N_("Organisation &taxonomy file")), self.taxonomy_edit)
        if self.language_combo is not None:
            form.addRow(_("Lan&guage"), self.language_combo)
        note = QLabel(_("A new taxonomy file or language takes effect the next time PeerDesk starts."), wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _language_choice(self, current: str) -> QComboBox:
        """The language PeerDesk speaks: the system's, or one it knows (each named in itself)."""
        combo = QComboBox(objectName="settings_language")
        combo.addItem(_("The system's language"), "")
        for code, name in i18n.LANGUAGES.items():
            combo.addItem(name, code)
        if combo.findData(current) < 0:
            combo.addItem(current, current)
        combo.setCurrentIndex(combo.findData(current))
        combo.setAccessibleName(_("Language"))
        combo.setAccessibleDescription(_help("language"))
        combo.setToolTip(_help("language"))
        return combo

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
                self.pin_error.setText(_("The PIN was not set: {reason}.").format(reason=exc))
                self.pin_error.show()
                self.pin_edit.setFocus()
                return
        if self._hours() is None:
            self.hours_error.setText(_("Contracted hours must be a number from 0 to 80 (0 for none)."))
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
        if self.language_combo is not None:
            self.settings.set("language", self.language_combo.currentData())
