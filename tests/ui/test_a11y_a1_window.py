"""The main window's own controls, its form, lock screen and dialogs, as a screen reader and a
high-contrast desktop meet them: every control named (and described where a name is not enough),
errors said with the field, PeerDesk's own colours legible on the theme's background, and the
focus visible on every Tab stop under a high-contrast palette too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from peerdesk.ui import contrast
from peerdesk.ui.entry_editing import EntryDialog
from peerdesk.ui.guide import RoleGuide
from peerdesk.ui.history import HistoryDialog
from peerdesk.ui.restore_dialog import RestoreDialog
from peerdesk.ui.settings_dialog import SettingsDialog

from .accessibility import description_of, name_of, nameless
from .test_visible_focus import activate, assert_focus_shows, tab_stops

FORM_FIELDS = ("date_edit", "start_edit", "minutes_edit", "work_type_combo", "category_combo", "mode_combo",
               "format_combo", "people_spin", "client_ref_edit", "tags_group", "note_edit")


def test_every_field_of_the_form_is_named_and_described(window):
    form = window.form
    for field in FORM_FIELDS:
        widget = getattr(form, field)
        assert name_of(widget), field
        assert description_of(widget), field
    assert name_of(form.quick.edit) == "Quick entry: the whole entry in one line"
    assert name_of(form.date_edit) == "Date" and name_of(form.people_spin) == "People"
    assert name_of(window.area.form_scroll) == "Log work: the entry form"
    assert name_of(window.area.week_scroll) == "The week: entries, totals and charts"
    assert nameless(window) == []


def test_an_error_is_said_with_its_field_and_goes_once_put_right(qtbot, window):
    form = window.form
    before = description_of(form.minutes_edit)
    form.minutes_edit.setText("900")
    window.save_new_entry()
    said = form.error_text("minutes")
    assert said and description_of(form.minutes_edit).startswith(said)
    form.minutes_edit.setText("45")
    window.save_new_entry()
    assert description_of(form.minutes_edit) == before


def test_the_lock_screen_names_what_it_asks_for(qtbot, window):
    from peerdesk import pin

    window.workspace.settings.set("pin_hash", pin.hash_pin("2468"))
    window.lock()
    screen = window.area.lock_screen
    assert name_of(screen.pin_edit) == "PeerDesk PIN"
    assert "Enter your PeerDesk PIN" in description_of(screen.pin_edit)
    assert nameless(window) == []
    screen.pin_edit.setText("1111")
    screen.try_unlock()
    assert description_of(screen.pin_edit).startswith("That PIN is not right.")
    screen.pin_edit.setText("2468")
    screen.try_unlock()
    assert not window.is_locked()


def test_the_dialogs_name_their_lists_and_texts(qtbot, window, workspace):
    from peerdesk.operations import safekeeping
    from peerdesk.storage import backups

    safekeeping.back_up_now(window.store)
    restore = RestoreDialog(backups.list_backups(workspace.db_path, workspace.cipher), window)
    history = HistoryDialog(window.store.audit_log(), window)
    guide = RoleGuide(window.taxonomy, window)
    for dialog in (restore, history, guide, EntryDialog(window.taxonomy, window),
                   SettingsDialog(workspace.settings, window)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert nameless(dialog) == [], dialog.windowTitle()
    assert name_of(restore.list) == "Backups, newest first" and description_of(restore.list)
    assert name_of(history.table) and description_of(history.table)
    assert name_of(guide.tree) == "Role guide topics" and name_of(guide.text) == "Role guide text"


# ------------------------------------------------------------------ high contrast


def black_high_contrast() -> QPalette:
    """A palette like Windows' "High Contrast Black" (and GNOME's high-contrast dark)."""
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role, colour in ((QPalette.ColorRole.Window, "#000000"), (QPalette.ColorRole.WindowText, "#ffffff"),
                             (QPalette.ColorRole.Base, "#000000"), (QPalette.ColorRole.Text, "#ffffff"),
                             (QPalette.ColorRole.Button, "#000000"), (QPalette.ColorRole.ButtonText, "#ffffff"),
                             (QPalette.ColorRole.Highlight, "#1aebff"), (QPalette.ColorRole.HighlightedText, "#000000"),
                             (QPalette.ColorRole.PlaceholderText, "#c0c0c0"),
                             (QPalette.ColorRole.ToolTipBase, "#000000"), (QPalette.ColorRole.ToolTipText, "#ffffff")):
            palette.setColor(group, role, QColor(colour))
    return palette


@pytest.fixture
def dark_theme(qapp):
    before = QPalette(qapp.palette())
    qapp.setPalette(black_high_contrast())
    yield
    qapp.setPalette(before)


@pytest.fixture(params=[False, True], ids=["dark theme", "high contrast asked for"])
def high_contrast(request, dark_theme, monkeypatch):
    monkeypatch.setattr(contrast, "high_contrast", lambda: request.param)
    return request.param


def readable(widget, background_role=QPalette.ColorRole.Window) -> float:
    palette = widget.palette()
    return contrast.ratio(palette.color(QPalette.ColorRole.WindowText), palette.color(background_role))


def test_errors_stay_legible_on_a_black_theme(qtbot, high_contrast, open_main_window, workspace):
    window = open_main_window(workspace)
    form = window.form
    form.minutes_edit.setText("900")
    form.note_edit.setPlainText("x" * 2100)
    window.save_new_entry()
    for label in [form.general_error, form.note_count, *form.findChildren(QLabel)]:
        if label.objectName().startswith("error_") or label is form.note_count:
            assert readable(label) >= contrast.TEXT_CONTRAST, label.objectName()
    form.quick.edit.setText("mon blorp 45")
    form.quick._understand(form.quick.edit.text())
    assert readable(form.quick.status) >= contrast.TEXT_CONTRAST
    dialog = SettingsDialog(workspace.settings, window)
    qtbot.addWidget(dialog)
    assert readable(dialog.hours_error) >= contrast.TEXT_CONTRAST and readable(dialog.pin_error) >= 4.5
    window.lock()
    assert readable(window.area.lock_screen.error) >= contrast.TEXT_CONTRAST


def test_the_banner_and_the_guide_follow_the_theme(qtbot, high_contrast, qapp):
    from peerdesk.domain.taxonomy import load_default
    from peerdesk.ui.work_area import WorkArea

    taxonomy = load_default()
    area = WorkArea(taxonomy, demo=True)
    qtbot.addWidget(area)
    banner = area.demo_banner.palette()
    background, text = banner.color(QPalette.ColorRole.Window), banner.color(QPalette.ColorRole.WindowText)
    assert contrast.ratio(background, text) >= contrast.TEXT_CONTRAST
    if high_contrast:  # the theme's own pair for what must stand out
        assert (background, text) == (qapp.palette().color(QPalette.ColorRole.Highlight),
                                      qapp.palette().color(QPalette.ColorRole.HighlightedText))
    guide = RoleGuide(taxonomy)
    qtbot.addWidget(guide)
    base = guide.tree.palette().color(QPalette.ColorRole.Base)
    for i in range(guide.tree.topLevelItemCount()):
        item = guide.tree.topLevelItem(i)
        colour = item.foreground(0).color()
        if item.foreground(0).style().name != "NoBrush":
            assert contrast.ratio(colour, base) >= contrast.TEXT_CONTRAST, item.text(0)


def test_the_banner_follows_a_theme_changed_while_open(qtbot, qapp):
    from peerdesk.domain.taxonomy import load_default
    from peerdesk.ui.work_area import WorkArea

    area = WorkArea(load_default(), demo=True)
    qtbot.addWidget(area)
    before = QPalette(qapp.palette())
    try:
        import peerdesk.ui.contrast as module

        original = module.high_contrast
        module.high_contrast = lambda: True
        qapp.setPalette(black_high_contrast())
        QApplication.processEvents()
        assert area.demo_banner.palette().color(QPalette.ColorRole.Window) == QColor("#1aebff")
    finally:
        module.high_contrast = original
        qapp.setPalette(before)


def test_every_tab_stop_shows_the_focus_on_a_high_contrast_theme(qtbot, high_contrast, open_main_window, workspace):
    window = open_main_window(workspace)
    activate(window)
    stops = tab_stops(qtbot, window.form.date_edit)
    assert window.form.save_button in [stop for stop, *_ in stops]
    assert_focus_shows(stops)


def test_the_contrast_ratio_is_wcags():
    assert round(contrast.ratio(QColor("#000000"), QColor("#ffffff")), 1) == 21.0
    assert round(contrast.ratio(QColor("#b00020"), QColor("#ffffff")), 1) == 7.3
    assert contrast.ratio(QColor("#b00020"), QColor("#000000")) < contrast.TEXT_CONTRAST  # why it is checked


MY_FILES = ("main_window", "menus", "work_area", "entry_form", "entry_editing", "quick_line", "date_field",
            "idle_lock", "commands", "week_actions", "drops", "dialogs", "settings_dialog", "restore_dialog",
            "history", "guide", "window_help", "contrast", "locale_text")


def test_no_marked_text_hides_inside_an_f_string():
    """Babel reads no call inside an f-string: _("…") there would stay English in every language."""
    import peerdesk

    root = Path(peerdesk.__file__).parent
    hidden = []
    for path in [root / "app.py", *(root / "ui" / f"{name}.py" for name in MY_FILES)]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in ("_", "ngettext"):
                        hidden.append(f"{path.name}:{inner.lineno}")
    assert hidden == []
