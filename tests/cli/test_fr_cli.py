"""The command line in French (issue 23): `--lang fr`, the `language` setting, and English unchanged.

The category labels come from the taxonomy's French and the field messages from the domain's;
what the command line says itself (headings, work type lines, option-named messages, --help
and argparse's own words) is checked here word for word where it is the command line's."""

from __future__ import annotations

import json
import re

import pytest

from peerdesk import i18n
from peerdesk.domain.taxonomy import load as load_taxonomy

NBSP = "\u00a0"


def french(message: str) -> str:
    """*message* as the French catalogue says it (what PeerDesk prints with --lang fr)."""
    i18n.set_language("fr")
    try:
        return i18n._(message)
    finally:
        i18n.set_language("en")


def test_the_catalogue_speaks_the_command_lines_french():
    # the strings below are the command line's: each must have its French (not fall back to English)
    for message in ("tags: {keys}", "{key}: {label}", "options", "usage: ", "peerdesk: warning: {message}",
                    "show program's version number and exit", "print the work types and category keys"):
        assert french(message) != message, message


def test_categories_in_french(cli, data_dir):
    r = cli("--lang", "fr", "categories", "--data-dir", data_dir)
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    taxonomy = load_taxonomy()
    # the work type lines: the key first, then « : » with its no-break space, then the French label
    for key, work_type in taxonomy.work_types.items():
        assert f"{key}{NBSP}: {work_type.label_in('fr')}" in lines
    # every category key is still listed, with its label in French where the taxonomy gives one
    keys = [line.split()[0] for line in lines if line.startswith("  ")]
    assert set(keys) == set(taxonomy.categories)
    for category in taxonomy.categories.values():
        assert any(line.startswith(f"  {category.key} ") and line.endswith(category.label_in("fr")) for line in lines)
    translated = [c for c in taxonomy.categories.values() if c.label_in("fr") != c.label_in("en")]
    assert translated, "the taxonomy has no French labels yet"
    # the last line: the tags' keys (never translated) after a French heading
    assert lines[-1] == f"manifestations (--tag){NBSP}: " + ", ".join(taxonomy.tags)


def test_categories_in_english_unchanged(cli, data_dir):
    r = cli("--lang", "en", "categories", "--data-dir", data_dir)
    lines = r.out.splitlines()
    assert "direct: Direct" in lines and lines[-1].startswith("tags: experience, ")
    assert "  advocacy                                 Advocacy" in lines


def _add(cli, data_dir, day, *extra):
    return cli("--lang", "fr", "add", "--data-dir", data_dir, "--date", day.isoformat(), "--category", "advocacy",
               *extra)


def test_add_with_a_bad_value_says_so_in_french_and_exits_2(cli, data_dir, yesterday, count_entries):
    r = _add(cli, data_dir, yesterday, "--minutes", "900")
    assert r.code == 2 and r.out == ""
    # the shape is the command line's, in every language: peerdesk: --OPTION: message
    assert r.err.startswith("peerdesk: --minutes: ")
    # the field's message is the domain's, in French
    i18n.set_language("fr")
    try:
        from peerdesk.domain.entry import minutes_hint

        expected = i18n._("{minutes} is out of range: {hint}").format(minutes=900, hint=minutes_hint())
    finally:
        i18n.set_language("en")
    assert expected != f"900 is out of range: {minutes_hint()}"  # translated
    assert r.err == f"peerdesk: --minutes: {expected}\n"
    assert "hors" in r.err and "minutes" in r.err
    assert count_entries(data_dir) == 0


def test_add_with_an_identifier_is_refused_in_french(cli, data_dir, yesterday, count_entries):
    r = _add(cli, data_dir, yesterday, "--minutes", "45", "--note", "called her at 613 555 0199")
    assert r.code == 2
    assert r.err.startswith("peerdesk: --note: semble contenir un renseignement identifiant (")
    assert "--accept-identifiers" in r.err and "numéro de téléphone" in r.err
    assert count_entries(data_dir) == 0


def test_a_missing_argument_is_told_in_french(cli, data_dir, capsys):
    with pytest.raises(SystemExit) as exc:
        cli("--lang", "fr", "add", "--data-dir", data_dir, "--minutes", "30")
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"utilisation{NBSP}: peerdesk add ")
    assert f"peerdesk add: erreur{NBSP}: les arguments suivants sont obligatoires{NBSP}: --date, --category" in err


def test_a_bad_week_is_told_in_french(cli, data_dir):
    r = cli("--lang", "fr", "list", "--data-dir", data_dir, "--week", "2026-48")
    assert r.code == 2
    assert r.err == (f"peerdesk: --week: «{NBSP}2026-48{NBSP}» n'est pas une semaine; écrivez-la AAAA-Wss, "
                     "p. ex. 2026-W48\n")


def test_list_in_french(cli, data_dir, yesterday):
    assert _add(cli, data_dir, yesterday, "--minutes", "90", "--mode", "phone").code == 0
    r = cli("--lang", "fr", "list", "--data-dir", data_dir, "--week", _week(yesterday))
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].startswith("Semaine ")
    weekday = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."][yesterday.weekday()]
    assert lines[1].startswith(f"{weekday} {yesterday.isoformat()}")
    assert "Téléphone" in lines[1] and "Défense des droits" in lines[1]
    assert lines[-1].startswith("1 entrée, ")


def _week(day) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _unwrapped(text: str) -> str:
    """argparse's help with its lines joined again (its no-break spaces kept)."""
    return re.sub(r"[ \n]+", " ", text)


def test_help_in_french(cli, capsys):
    with pytest.raises(SystemExit) as exc:
        cli("--lang", "fr", "--help")
    assert exc.value.code == 0
    out = _unwrapped(capsys.readouterr().out)
    assert out.startswith(f"utilisation{NBSP}: peerdesk ")
    assert "arguments positionnels:" in out and "options de la commande:" in out
    assert "afficher ce message d'aide et quitter" in out
    assert "afficher le numéro de version du programme et quitter" in out
    assert "--data-dir DOSSIER" in out and "--week AAAA-Wss" in out
    assert "afficher les types de travail et les clés des catégories" in out  # categories' help
    assert "Consignez le travail de soutien par les pairs" in out
    for english in ("usage:", "show this help", "data folder", "print the work types", "Without a command"):
        assert english not in out


def test_export_help_in_french(cli, capsys):
    with pytest.raises(SystemExit) as exc:
        cli("--lang", "fr", "export", "--help")
    assert exc.value.code == 0
    out = _unwrapped(capsys.readouterr().out)
    assert out.startswith(f"utilisation{NBSP}: peerdesk export ")
    assert "--from AAAA-MM-JJ" in out and "--out FICHIER" in out
    assert "premier jour" in out and "dernier jour (inclus)" in out
    assert "inclure les notes" in out and "Weekly summary" in out  # the sheet names stay as they are
    for english in ("usage:", "first day", "include notes", "show this help"):
        assert english not in out


def test_an_export_refused_in_french_keeps_its_shape_and_code(cli, data_dir, tmp_path):
    r = cli("--lang", "fr", "export", "--data-dir", data_dir, "--from", "2026-11-30", "--to", "2026-11-01",
            "--out", tmp_path / "x.csv")
    assert r.code == 2
    assert r.err == "peerdesk: --from: 2026-11-30 est après --to 2026-11-01; la période doit commencer avant de finir\n"


def _settings(data_dir, **values):
    (data_dir / "settings.json").write_text(json.dumps(values), "utf-8")


def test_the_language_setting_makes_a_command_french(cli, data_dir):
    _settings(data_dir, language="fr")
    r = cli("categories", "--data-dir", data_dir)
    assert r.code == 0
    assert r.out.splitlines()[-1].startswith(f"manifestations (--tag){NBSP}: ")


def test_the_language_setting_makes_help_french(cli, data_dir, capsys):
    _settings(data_dir, language="fr")
    with pytest.raises(SystemExit):
        cli("--data-dir", str(data_dir), "export", "--help")
    assert capsys.readouterr().out.startswith(f"utilisation{NBSP}: peerdesk export ")


def test_lang_en_overrides_the_setting(cli, data_dir, yesterday):
    _settings(data_dir, language="fr")
    r = cli("--lang", "en", "categories", "--data-dir", data_dir)
    assert r.code == 0
    assert r.out.splitlines()[-1].startswith("tags: ")
    bad = cli("add", "--lang", "en", "--data-dir", data_dir, "--date", yesterday.isoformat(), "--minutes", "900",
              "--category", "advocacy")
    assert bad.code == 2 and bad.err.startswith("peerdesk: --minutes: 900 is out of range: between 1 and 720")


def test_lang_fr_overrides_an_english_setting(cli, data_dir):
    _settings(data_dir, language="en")
    r = cli("categories", "--lang", "fr", "--data-dir", data_dir)
    assert r.out.splitlines()[-1].startswith("manifestations")


def test_without_setting_or_lang_the_tests_speak_english(cli, data_dir):
    r = cli("categories", "--data-dir", data_dir)
    assert r.out.splitlines()[-1].startswith("tags: ")


@pytest.mark.parametrize("value", ["de", "FR", "french", 1, None, ["fr"]])
def test_a_language_setting_peerdesk_does_not_speak_is_refused(cli, data_dir, value):
    _settings(data_dir, worker="PW-07", language=value)
    r = cli("categories", "--data-dir", data_dir)
    assert r.code == 2 and r.out == ""
    assert r.err.startswith(f"peerdesk: {data_dir / 'settings.json'}:")
    assert f'"language" must be "en", "fr" or "" (the system\'s language), not {json.dumps(value)}' in r.err


def test_a_language_setting_refused_in_french(cli, data_dir):
    _settings(data_dir, language="de")
    r = cli("categories", "--lang", "fr", "--data-dir", data_dir)
    assert r.code == 2
    assert f"«{NBSP}language{NBSP}» doit valoir \"en\", \"fr\" ou \"\"" in r.err and "pas \"de\"" in r.err
