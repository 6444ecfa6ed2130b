"""The main window, its form and its dialogs in French: menus, labels, messages beside the fields,
Qt's own buttons, dates and numbers as French writes them; every Alt+letter still unique."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from peerdesk import i18n
from peerdesk.domain.entry import validate
from peerdesk.ui.entry_editing import EntryDialog
from peerdesk.ui.entry_form import RowLabel
from peerdesk.ui.history import HistoryDialog
from peerdesk.ui.settings_dialog import SettingsDialog

from .accessibility import nameless
from .test_keys_everywhere import assert_unique_and_alive

NBSP = "\u00a0"


@pytest.fixture
def qt_language(qapp):
    """Qt's translations and QLocale's default as app.py installs them; English again afterwards."""
    from peerdesk.app import install_qt_language

    before = QLocale()
    yield lambda language: install_qt_language(qapp, language)
    install_qt_language(qapp, "en")
    QLocale.setDefault(before)


@pytest.fixture
def french(open_main_window, workspace, qt_language):
    i18n.set_language("fr")  # before the window is built: its texts are made in French
    qt_language("fr")
    return open_main_window(workspace)


def test_the_menus_are_french(french):
    titles = [a.text() for a in french.menuBar().actions()]
    assert titles == ["&Fichier", "É&dition", "&Affichage", "Aid&e"]
    assert french.menu("&File").title() == "&Fichier"  # the window still finds its menus by their keys
    assert french.export_action.text() == "&Exporter…"
    assert french.settings_action.text() == "&Paramètres…"
    assert french.save_action.text() == "Enre&gistrer l'entrée"
    assert french.guide_action.text() == "&Guide du rôle"
    assert french.history.undo_action.text() == "&Annuler"


def test_the_form_is_french(french):
    form = french.form
    labels = {lab.objectName(): lab.text() for lab in form.findChildren(RowLabel)}
    assert labels["label_date"] == "Da&te"
    assert labels["label_minutes"] == "&Minutes"
    assert labels["label_category"] == "&Catégorie"
    assert labels["label_people"] == "Personne&s"
    assert labels["label_note"] == "&Note"
    assert french.area.form_box.title() == "Consigner le travail"
    assert form.save_button.text() == "Enre&gistrer l'entrée" and form.clear_button.text() == "&Vider"
    assert form.mode_combo.itemText(form.mode_combo.findData("phone")) == "Téléphone"
    assert form.date_edit.text() == "mer. 25 nov. 2026"  # as French writes a day (QLocale)
    assert form.date_edit.date().day() == 25  # and read back as that day
    assert form.note_count.text() == f"0 / 2{QLocale(QLocale.Language.French).groupSeparator()}000"
    assert french.worker_label.text() == f"Pair aidant{NBSP}: PW-07"
    assert form.start_edit.accessibleName() == "Heure de début"
    assert form.people_spin.accessibleName() == "Personnes"


def test_a_wrong_date_is_said_in_french_beside_the_field(qtbot, french):
    field = french.form.date_edit
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "zz")
    field.commit()
    said = french.form.error_text("date")
    assert said.startswith(f"«{NBSP}zz{NBSP}» n'est pas un jour{NBSP}: tapez "), said
    assert said in field.accessibleDescription()  # a screen reader hears it with the field


def test_the_domains_message_beside_a_field_is_french(qtbot, french):
    """Saving with no minutes: the domain's reason, under the field, named in French."""
    french.form.minutes_edit.clear()
    french.save_new_entry()
    said = french.form.error_text("minutes")
    assert said.startswith(f"«{NBSP}Minutes{NBSP}» ") and "required" not in said, said  # « Minutes » est obligatoire…


def test_status_messages_and_days_are_french(qtbot, french):
    french.store.add(validate({"worker": "PW-07", "date": "2026-11-24", "minutes": "45", "category": "advocacy"},
                              french.taxonomy, today=french.today()))
    french.refresh()
    french.form.minutes_edit.setText("30")
    french.form.set_values({"date": date(2026, 11, 23), "category": "advocacy"})
    french.save_new_entry()
    message = french.statusBar().currentMessage()
    assert message.startswith(f"Enregistrée{NBSP}: ") and "lun. 23 nov." in message, message
    assert french.history.undo_action.text().startswith(f"&Annuler «{NBSP}Ajout de ")


def test_every_alt_letter_is_unique_in_french(qtbot, french):
    assert_unique_and_alive(french)
    for dialog in (EntryDialog(french.taxonomy, french), SettingsDialog(french.workspace.settings, french)):
        qtbot.addWidget(dialog)
        assert_unique_and_alive(dialog)


def test_nothing_is_nameless_in_french(qtbot, french):
    assert nameless(french) == []
    french.open_guide()
    dialogs = [EntryDialog(french.taxonomy, french), SettingsDialog(french.workspace.settings, french),
               HistoryDialog(french.store.audit_log(), french), french.guide]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert nameless(dialog) == [], dialog.windowTitle()
        dialog.close()


def test_the_settings_dialog_is_french_and_offers_the_language(qtbot, french):
    dialog = SettingsDialog(french.workspace.settings, french)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Paramètres"
    assert dialog.idle_spin.specialValueText() == "jamais"
    assert dialog.language_combo is not None
    assert [dialog.language_combo.itemData(i) for i in range(dialog.language_combo.count())] == ["", "en", "fr"]
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("fr"))
    dialog.accept()
    dialog.apply()
    assert french.workspace.settings.get("language") == "fr"


def test_qts_own_buttons_speak_french(qtbot, french):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Annuler"
    assert QLocale().language() == QLocale.Language.French


def test_the_french_window_is_not_clipped(qtbot, french):
    """At 1366×768 (tests/offscreen_screen.json), each text size: no label or button of the form
    narrower than its text; pictures to look at in /tmp."""
    from peerdesk.ui import text_size

    form = french.form
    QApplication.processEvents()
    french.grab().save("/tmp/a1_fr_window.png")  # at the normal text size, as it opens
    for scale in (1.0, 1.3, 2.0):
        french.apply_text_scale(scale)
        QApplication.processEvents()
        french.area.form_scroll.horizontalScrollBar().setValue(0)
        french.area.week_scroll.horizontalScrollBar().setValue(0)
        QApplication.processEvents()
        french.grab().save(f"/tmp/a1_fr_window_{scale}.png")
        french.area.form_box.grab().save(f"/tmp/a1_fr_form_{scale}.png")
        for widget in [*form.findChildren(QLabel), form.save_button, form.clear_button]:
            if not widget.isVisibleTo(form) or (isinstance(widget, QLabel) and widget.wordWrap()):
                continue
            assert widget.width() >= widget.minimumSizeHint().width(), (scale, widget.text())
        for label in form.findChildren(RowLabel):  # as wide as drawn: the underlined letter undoes kerning
            metrics = label.fontMetrics()
            for line in label.text().split("\n"):
                at = line.find("&")
                drawn = (metrics.horizontalAdvance(line[:at]) + metrics.horizontalAdvance(line[at + 1:at + 2])
                         + metrics.horizontalAdvance(line[at + 2:])) if at >= 0 else metrics.horizontalAdvance(line)
                assert label.width() >= drawn, (scale, line)
        room = french.screen().availableGeometry()
        assert french.frameGeometry().width() <= room.width()
    text_size.apply_scale(1.0)


def test_the_lock_screen_is_french_and_named(qtbot, french):
    from peerdesk import pin

    french.workspace.settings.set("pin_hash", pin.hash_pin("4321"))
    french.lock()
    screen = french.area.lock_screen
    assert screen.pin_edit.accessibleName() == "NIP PeerDesk" and screen.button.text() == "Déverrouiller"
    assert nameless(french) == []
    screen.pin_edit.setText("0000")
    screen.try_unlock()
    assert screen.error.text() == "Ce NIP n'est pas le bon."
    screen.pin_edit.setText("4321")
    qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return)
    assert not french.is_locked()


def test_the_role_guide_is_french(french):
    french.open_guide()
    guide = french.guide
    assert guide.windowTitle() == "Guide du rôle — ce que font les pairs aidants"
    tops = [guide.tree.topLevelItem(i).text(0) for i in range(guide.tree.topLevelItemCount())]
    assert tops[:4] == ["À propos de ce guide", "Travail direct", "Travail indirect", "Travail lié au rôle"]
    assert "Ce que font les pairs aidants" in guide.page_html("intro")
    assert f"Source{NBSP}:" in guide.page_html("intro")
    assert "Catégories" in guide.page_html("work_type:direct")


def test_the_quick_lines_french_example_is_understood(qtbot, french):
    quick = french.form.quick
    example = quick.edit.placeholderText().split(" · ")[0]  # « défense 45 @tél »
    quick.edit.setText(example)
    quick._understand(example)
    assert quick.parsed is not None and not quick.parsed.problems
    assert quick.status.text().startswith(f"Compris{NBSP}: ")
    assert french.form.mode_combo.currentData() == "phone" and french.form.minutes_edit.text() == "45"


def test_qts_words_go_back_to_english(qapp, qt_language):
    qt_language("fr")
    qt_language("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    try:
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"
    finally:
        box.deleteLater()
