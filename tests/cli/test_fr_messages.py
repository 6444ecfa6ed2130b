"""The French of the command line keeps what scripts and people rely on (issue 23): the
`--option: …` shape of messages, the placeholders, the Alt+letters of the export dialog; the
settings refuse a language PeerDesk does not speak; the export dialog speaks French."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import date
from pathlib import Path

import pytest

from peerdesk import i18n

ROOT = Path(__file__).resolve().parents[2]
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def catalogue():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("translations", module)
    spec.loader.exec_module(module)
    return {m.id: m.string for m in module.read("fr") if m.id and isinstance(m.id, str)}


def command_line_messages() -> set[str]:
    """The strings the command line's own modules mark (as packaging/translations.py finds them)."""
    from babel.messages.extract import extract_from_file

    import peerdesk

    source = Path(peerdesk.__file__).parent
    found = set()
    for path in [source / "cli.py", *source.glob("cli_*.py"), source / "settings.py"]:
        for _line, message, _comments, _context in extract_from_file(
                "python", str(path), keywords={"_": None, "N_": None, "ngettext": (1, 2)}):
            found.add(message if isinstance(message, str) else message[0])
    return found


def test_option_named_messages_keep_their_shape_in_french(catalogue):
    """`--week: …` stays `--week: …` (no space, the option as typed), so `peerdesk: --week: …`
    reads the same way in both languages."""
    prefix = re.compile(r"^(--[a-z-]+|\{flag\}|\{field\}|\{place\}|peerdesk): ")
    checked = 0
    mine = command_line_messages()
    for english, french in catalogue.items():
        if english not in mine:
            continue
        found = prefix.match(english)
        if found and french:
            assert french.startswith(found.group(0)), (english, french)
            checked += 1
    assert checked > 20


def test_the_export_dialogs_alt_letters_are_kept_and_unique_in_french(catalogue):
    from peerdesk.ui import export_dialog

    texts = ["CSV &files", "Excel &workbook (entries, weekly summary and charts)", "&Entries (one row per entry)",
             "Weekly &summary (minutes per week and category)", "&Both files", "Include &client references",
             "Include &notes", "&Dates", "E&xport…"]
    source = Path(export_dialog.__file__).read_text("utf-8")
    letters = []
    for text in texts:
        assert f'_("{text}")' in source
        french = catalogue[text]
        assert french.count("&") == 1, french
        letters.append(french[french.index("&") + 1].lower())
    assert len(set(letters)) == len(letters), letters


def test_settings_refuse_a_language_peerdesk_does_not_speak(tmp_path):
    from peerdesk.settings import Settings, SettingsError

    settings = Settings.load(tmp_path)
    for good in ("", "en", "fr"):
        settings.set("language", good)
        assert settings.get("language") == good
    with pytest.raises(SettingsError, match='"language" must be "en", "fr" or ""'):
        settings.set("language", "de")
    assert settings.get("language") == "fr"  # unchanged
    settings.save()
    assert Settings.load(tmp_path).get("language") == "fr"


def test_a_hand_written_language_setting_is_refused_with_its_place(tmp_path):
    from peerdesk.settings import Settings, SettingsError

    (tmp_path / "settings.json").write_text('{\n  "worker": "PW-07",\n  "language": "es"\n}\n', "utf-8")
    with pytest.raises(SettingsError) as exc:
        Settings.load(tmp_path)
    assert str(exc.value).startswith(f"{tmp_path / 'settings.json'}:3:1: ")
    assert str(exc.value).endswith('not "es"')


def test_the_settings_labels_are_marked_and_translated(catalogue):
    from peerdesk.settings import SETTINGS

    for setting in SETTINGS:
        assert catalogue.get(setting.label), setting.label
        assert not setting.help or catalogue.get(setting.help), setting.help


def test_the_export_dialog_in_french(qtbot):
    from peerdesk.ui.export_dialog import NOTES_WARNING, TITLE, ExportDialog

    i18n.set_language("fr")
    dialog = ExportDialog("PW-07", date(2026, 11, 25), count=lambda start, end: 3)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == i18n._(TITLE) == "Exporter en CSV ou en Excel"
    assert dialog.range_combo.currentText() == "Cette semaine"
    assert dialog.csv_radio.text() == "&Fichiers CSV"
    assert dialog.file_label.text() == f"Nom du fichier{NBSP}: peerdesk_PW-07_2026-11-23_2026-11-29.csv"
    leaves = dialog.leaves_label.text()
    assert leaves.startswith(f"Ce qui quittera cet ordinateur{NBSP}: 3 entrées du 23 nov. 2026 au 29 nov. 2026, ")
    assert leaves.endswith("(sans les notes). Rien d'autre n'est envoyé nulle part.")
    dialog.notes_check.setChecked(True)
    assert dialog.notes_warning.text() == i18n._(NOTES_WARNING) != NOTES_WARNING
    assert "ainsi que sa note" in dialog.leaves_label.text()
    dialog.xlsx_radio.setChecked(True)
    assert "dans un seul classeur avec leurs graphiques" in dialog.leaves_label.text()
    dialog.set_custom_dates(date(2026, 11, 30), date(2026, 11, 1))
    assert dialog.range_error.text() == "Le premier jour est après le dernier."
