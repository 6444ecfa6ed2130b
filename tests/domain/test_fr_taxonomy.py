"""The taxonomy in French: the built-in file carries French beside every English text, an
organisation's file may too, and the texts follow the language (keys never do)."""

from __future__ import annotations

import re
from pathlib import Path
from textwrap import dedent

import pytest

from peerdesk import i18n
from peerdesk.domain.taxonomy import TaxonomyError, load, load_default

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def default():
    return load_default()


def items(tax):
    return [*tax.work_types.values(), *tax.categories.values(), *tax.tags.values()]


def test_every_built_in_item_has_a_french_label_description_and_guide(default):
    missing = [(item.key, text) for item in items(default) for text in ("label", "description", "guide")
               if not getattr(item.translation("fr"), text).strip()]
    assert missing == []
    assert default.guide_intro_in("fr") != default.english_guide_intro
    assert len(items(default)) == 3 + 17 + 7


def test_french_texts_differ_from_the_english_ones(default):
    same = [item.key for item in items(default)
            if item.translation("fr").description == item.english_description
            or item.translation("fr").guide == item.english_guide]
    assert same == []
    labels = [c.label_in("fr") for c in default.categories.values()]
    assert len(set(labels)) == len(labels)


def test_french_follows_the_typography_of_the_conventions(default):
    texts = [default.guide_intro_in("fr")] + [getattr(item.translation("fr"), t) for item in items(default)
                                               for t in ("label", "description", "guide")]
    for text in texts:
        assert not re.search(r"[^\u00a0]:", text.replace("://", "")), text[:60]  # a no-break space before « : »
        assert not re.search(r" [;!?]", text), text[:60]
        assert not re.search(r"«[^\u00a0]|[^\u00a0]»", text), text[:60]
    examples = [c.translation("fr").guide for c in default.categories.values()]
    assert all(f"\nExemples{NBSP}:\n- " in guide for guide in examples)


def test_the_texts_follow_the_language_and_english_comes_back(default):
    advocacy = default.categories["advocacy"]
    assert (advocacy.label, default.category_label("advocacy")) == ("Advocacy", "Advocacy")
    i18n.set_language("fr")
    assert advocacy.label == default.category_label("advocacy") == "Défense des droits"
    assert advocacy.description.startswith("Faire entendre")
    assert advocacy.guide.startswith("La défense des droits consiste")
    assert default.work_types["role"].label == "Rôle"
    assert default.tags["challenge"].label == "Remise en question"
    assert default.tags["presence"].guide.startswith("Être là et disponible")
    assert default.guide_intro.startswith("Ce guide du rôle décrit")
    assert default.category_label("unknown_key") == "unknown_key"
    assert advocacy.english_label == "Advocacy" and advocacy.key == "advocacy"
    i18n.set_language("en")
    assert advocacy.label == "Advocacy"
    assert advocacy.guide.startswith("Advocacy means")
    assert default.guide_intro.startswith("This role guide")


def test_an_organisations_file_may_carry_french(tmp_path: Path, default):
    path = tmp_path / "org.toml"
    path.write_text(dedent("""
        guide_intro_fr = "Notre guide."

        [categories.harm_reduction]
        work_type = "direct"
        label = "Harm reduction"
        label_fr = "Réduction des méfaits"
        description = "Supplies and support that reduce the harms of substance use."

        [categories.advocacy]
        label_fr = "Défense des droits et des intérêts"

        [categories.administration]
        label = "Paperwork"

        [tags.presence]
        description_fr = "Être là."
        """), encoding="utf-8")
    tax = load(path)
    i18n.set_language("fr")
    assert tax.category_label("harm_reduction") == "Réduction des méfaits"
    # no French description given: the English one
    assert tax.categories["harm_reduction"].description.startswith("Supplies and support")
    assert tax.category_label("advocacy") == "Défense des droits et des intérêts"
    assert tax.categories["advocacy"].english_label == "Advocacy"  # the English kept
    assert tax.categories["advocacy"].guide == default.categories["advocacy"].guide_in("fr")  # the rest kept
    # the English label reworded without French: the built-in French label, now wrong, is dropped
    assert tax.category_label("administration") == "Paperwork"
    assert tax.categories["administration"].description == default.categories["administration"].description_in("fr")
    assert tax.tags["presence"].description == "Être là."
    assert tax.tags["presence"].label == "Présence"
    assert tax.guide_intro == "Notre guide."
    i18n.set_language("en")
    assert tax.category_label("harm_reduction") == "Harm reduction"
    assert tax.guide_intro == default.english_guide_intro


def test_a_french_text_that_is_not_text_is_refused_in_french(tmp_path: Path):
    path = tmp_path / "org.toml"
    path.write_text('[categories.advocacy]\nlabel_fr = 7\n', encoding="utf-8")
    i18n.set_language("fr")
    with pytest.raises(TaxonomyError) as info:
        load(path)
    assert str(info.value) == f"{path}:1: [categories.advocacy] label_fr doit être un texte non vide"


def test_taxonomy_errors_are_french(tmp_path: Path):
    path = tmp_path / "org.toml"
    path.write_text('[categories.x]\nwork_type = "direkt"\nlabel = "X"\n', encoding="utf-8")
    i18n.set_language("fr")
    with pytest.raises(TaxonomyError) as info:
        load(path)
    assert info.value.reason == (f"[categories.x] le work_type «{NBSP}direkt{NBSP}» n'est pas défini "
                                 f"(connus{NBSP}: direct, indirect, role)")
    with pytest.raises(TaxonomyError, match="fichier introuvable"):
        load(tmp_path / "missing.toml")
    i18n.set_language("en")
    with pytest.raises(TaxonomyError, match="file not found"):
        load(tmp_path / "missing.toml")


def test_an_introduction_reworded_in_english_alone_is_shown_in_english(tmp_path: Path, default):
    path = tmp_path / "org.toml"
    path.write_text('guide_intro = "Our own guide."\n', encoding="utf-8")
    i18n.set_language("fr")
    assert load(path).guide_intro == "Our own guide."  # not the built-in French, which says something else
    path.write_text(f'guide_intro = """\n{default.english_guide_intro}"""\n', encoding="utf-8")
    assert load(path).guide_intro == default.guide_intro_in("fr")  # the same English: its French kept
