import json

from peerdesk.ui.settings_dialog import SettingsDialog


def test_settings_dialog_changes_worker_and_default_mode(qtbot, window, workspace):
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog.isVisible()
    dialog.worker_edit.setText("PW-99")
    dialog.mode_combo.setCurrentIndex(dialog.mode_combo.findData("phone"))
    dialog.hours_edit.setText("22.5")
    dialog.accept()
    assert window.settings_dialog is None
    saved = json.loads((workspace.data_dir / "settings.json").read_text("utf-8"))
    assert saved["worker"] == "PW-99" and saved["default_mode"] == "phone"
    assert saved["contracted_hours"] == 22.5
    assert window.windowTitle() == "PW-99"
    assert window.form.mode_combo.currentData() == "phone"
    assert window.contracted_hours() == 22.5


def test_bad_contracted_hours_are_refused_in_the_dialog(qtbot, workspace):
    dialog = SettingsDialog(workspace.settings)
    qtbot.addWidget(dialog)
    dialog.hours_edit.setText("200")
    dialog.accept()
    assert dialog.result() == 0  # not accepted
    assert "0 to 80" in dialog.hours_error.text()
