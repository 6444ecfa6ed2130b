"""The translation catalogues are current with the source and complete in French.

The template (resources/locale/peerdesk.pot) must be what extracting the source gives now, each
language's catalogue must hold exactly its strings, every one translated (none fuzzy), with the
same placeholders, and the compiled .mo must be the .po's. `python packaging/translations.py
update` brings them up to date; the French words are then written in the .po."""

from __future__ import annotations

import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location("translations", ROOT / "packaging" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["translations"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def template(tool):
    return tool.extracted()


def test_the_template_is_current_with_the_source(tool, template):
    assert tool.POT.read_bytes() == tool.template_bytes(template), (
        "strings were marked, changed or removed: run `python packaging/translations.py update`")


@pytest.mark.parametrize("language", ["fr"])
def test_each_catalogue_holds_the_templates_strings_all_translated(tool, template, language):
    catalog = tool.read(language)
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    assert sorted(wanted - ids) == [], "run `python packaging/translations.py update`"
    assert sorted(ids - wanted) == [], "run `python packaging/translations.py update`"
    missing = tool.untranslated(catalog)
    total = len(wanted)
    print(f"{language}: {total - len(missing)} of {total} strings translated")
    assert missing == [], f"{len(missing)} of {total} strings have no {language} translation: {missing[:10]}"


PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


@pytest.mark.parametrize("language", ["fr"])
def test_translations_keep_the_placeholders(tool, language):
    wrong = []
    for m in tool.read(language):
        if not m.id or not m.string:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        want = sorted(PLACEHOLDER.findall(ids[-1]))
        for s in strings:
            if s and sorted(PLACEHOLDER.findall(s)) != want and not (len(ids) > 1 and s is strings[0]):
                wrong.append((ids[0], s))
        if len(ids) > 1 and strings[0] and set(PLACEHOLDER.findall(strings[0])) - set(PLACEHOLDER.findall(ids[0])):
            wrong.append((ids[0], strings[0]))
    assert wrong == []


@pytest.mark.parametrize("language", ["fr"])
def test_the_compiled_catalogue_is_the_sources(tool, language):
    from babel.messages.mofile import write_mo

    compiled = io.BytesIO()
    write_mo(compiled, tool.read(language), use_fuzzy=False)
    assert tool.po_path(language).with_suffix(".mo").read_bytes() == compiled.getvalue(), (
        "run `python packaging/translations.py update`")


def test_french_is_spoken_when_asked():
    from peerdesk import i18n
    from peerdesk.domain.entry import count_of

    assert i18n.set_language("fr") == "fr"
    assert i18n._("options") != "options"  # argparse's word, from PeerDesk's catalogue
    assert count_of(2, "entry", "entries") != "2 entries"
    i18n.set_language("en")
    assert count_of(2, "entry", "entries") == "2 entries"


@pytest.mark.parametrize(("environment", "expected"), [
    ({"LANGUAGE": "fr_CA:en"}, "fr"), ({"LC_ALL": "fr_FR.UTF-8"}, "fr"), ({"LANG": "en_CA.UTF-8"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"), ({"LANGUAGE": "", "LANG": "fr_CA.UTF-8"}, "fr"),
])
def test_the_systems_language(monkeypatch, environment, expected):
    from peerdesk import i18n

    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    assert i18n.system_language() == expected
