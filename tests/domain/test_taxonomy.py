"""The default taxonomy (a frozen contract) and organisation taxonomy files."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from peerdesk.domain.taxonomy import TaxonomyError, load, load_default

# The frozen keys: stored entries and exported files refer to them, so they
# never change once released (DESIGN §2). Labels and descriptions may.
FROZEN_CATEGORIES = {
    "direct": [
        "advocacy",
        "connecting_to_resources",
        "experiential_sharing",
        "building_community",
        "relationship_building",
        "group_facilitation",
        "skill_building_mentoring_goal_setting",
        "socialization_self_esteem",
    ],
    "indirect": [
        "group_planning_development",
        "administration",
        "team_communication",
        "supervision_training",
        "receiving_support",
        "education_awareness",
        "information_gathering_verification",
    ],
    "role": [
        "staff_relationships",
        "legitimizing_role",
    ],
}
FROZEN_TAGS = ["experience", "approach", "presence", "role_modeling", "collaboration", "challenge", "compromise"]


def write(tmp_path: Path, text: str, name: str = "org.toml") -> Path:
    path = tmp_path / name
    path.write_text(dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def load_error(path: Path) -> TaxonomyError:
    with pytest.raises(TaxonomyError) as info:
        load(path)
    return info.value


# ---------------------------------------------------------------- default


@pytest.fixture(scope="module")
def default():
    return load_default()


def test_default_work_types(default):
    assert list(default.work_types) == ["direct", "indirect", "role"]
    for wt in default.work_types.values():
        assert wt.label and wt.description


def test_default_has_exactly_the_frozen_category_keys(default):
    all_keys = [k for keys in FROZEN_CATEGORIES.values() for k in keys]
    assert len(all_keys) == 17
    assert sorted(default.categories) == sorted(all_keys)
    for work_type, keys in FROZEN_CATEGORIES.items():
        assert [c.key for c in default.categories_of(work_type)] == keys
        for key in keys:
            assert default.work_type_of(key) == work_type


def test_every_default_category_has_a_label_and_description(default):
    for cat in default.categories.values():
        assert cat.label.strip(), cat.key
        assert len(cat.description.strip()) > 20, cat.key
        assert cat.description != cat.label


def test_default_tags(default):
    assert list(default.tags) == FROZEN_TAGS
    for tag in default.tags.values():
        assert tag.label and tag.description


def test_default_cites_its_source(default):
    assert "Jacobson" in default.source
    assert len(default.origins) == 1


def test_load_without_a_path_is_the_default(default):
    assert load(None).categories == default.categories


def test_category_label_falls_back_to_the_key(default):
    assert default.category_label("advocacy") == "Advocacy"
    assert default.category_label("retired_key") == "retired_key"


# ------------------------------------------------------ organisation files


def test_an_organisation_file_extends_the_default(tmp_path, default):
    path = write(
        tmp_path,
        """
        [categories.crisis_support]
        work_type = "direct"
        label = "Crisis support"
        description = "Being with a client through a crisis."

        [tags.humour]
        label = "Humour"
        """,
    )
    tax = load(path)
    assert set(tax.categories) == set(default.categories) | {"crisis_support"}
    assert tax.categories["crisis_support"].label == "Crisis support"
    assert tax.work_type_of("crisis_support") == "direct"
    assert [c.key for c in tax.categories_of("direct")][-1] == "crisis_support"
    assert list(tax.tags) == [*FROZEN_TAGS, "humour"]
    assert tax.origins[-1] == str(path)
    assert tax.source == default.source


def test_an_organisation_file_can_add_a_work_type_with_its_categories(tmp_path):
    path = write(
        tmp_path,
        """
        [work_types.outreach]
        label = "Outreach"

        [categories.street_outreach]
        work_type = "outreach"
        label = "Street outreach"
        """,
    )
    tax = load(path)
    assert list(tax.work_types) == ["direct", "indirect", "role", "outreach"]
    assert [c.key for c in tax.categories_of("outreach")] == ["street_outreach"]


def test_rewording_an_existing_label_keeps_the_rest(tmp_path, default):
    path = write(
        tmp_path,
        """
        [categories.advocacy]
        label = "Speaking up"
        """,
    )
    tax = load(path)
    cat = tax.categories["advocacy"]
    assert cat.label == "Speaking up"
    assert cat.work_type == "direct"
    assert cat.description == default.categories["advocacy"].description
    assert set(tax.categories) == set(default.categories)


def test_rewording_a_work_type_label(tmp_path):
    path = write(tmp_path, '[work_types.role]\nlabel = "Role building"\n')
    tax = load(path)
    assert tax.work_types["role"].label == "Role building"
    assert tax.work_types["role"].description  # kept from the default


def test_moving_a_key_to_another_work_type_is_refused(tmp_path):
    path = write(
        tmp_path,
        """
        # we see advocacy as indirect
        [categories.advocacy]
        work_type = "indirect"
        """,
    )
    err = load_error(path)
    assert err.line == 2
    assert "advocacy" in err.reason and "direct" in err.reason
    assert "cannot change" in err.reason


def test_extends_none_replaces_the_default(tmp_path):
    path = write(
        tmp_path,
        """
        extends = "none"

        [work_types.direct]
        label = "Direct"

        [categories.advocacy]
        work_type = "direct"
        label = "Advocacy"

        [categories.home_visits]
        work_type = "direct"
        label = "Home visits"
        """,
    )
    tax = load(path)
    assert list(tax.work_types) == ["direct"]
    assert list(tax.categories) == ["advocacy", "home_visits"]
    assert tax.tags == {}
    assert tax.origins == (str(path),)
    used = {"advocacy": 12, "administration": 3, "legitimizing_role": 1}
    assert tax.missing_keys(used) == ["administration", "legitimizing_role"]
    assert tax.missing_keys({"advocacy", "home_visits"}) == []


def test_extends_none_may_reuse_a_key_under_another_work_type(tmp_path):
    # Replacing the whole taxonomy is the caller's responsibility (missing_keys).
    path = write(
        tmp_path,
        """
        extends = "none"
        [work_types.indirect]
        label = "Indirect"
        [categories.advocacy]
        work_type = "indirect"
        label = "Advocacy"
        """,
    )
    assert load(path).work_type_of("advocacy") == "indirect"


def test_extends_with_another_value_is_refused(tmp_path):
    path = write(tmp_path, '# org\nextends = "jacobson"\n')
    err = load_error(path)
    assert err.line == 2
    assert '"default" or "none"' in err.reason


def test_an_empty_replacement_is_refused(tmp_path):
    err = load_error(write(tmp_path, 'extends = "none"\n'))
    assert "no categories" in err.reason


def test_a_work_type_without_categories_is_refused(tmp_path):
    path = write(
        tmp_path,
        """
        [work_types.direct]
        label = "Direct"

        [work_types.lonely]
        label = "Lonely"
        """,
    )
    err = load_error(path)
    assert err.line == 4
    assert "lonely" in err.reason and "no categories" in err.reason


# ------------------------------------------------------------------ errors


def test_malformed_toml_gives_the_line(tmp_path):
    path = write(
        tmp_path,
        """
        [categories.crisis_support]
        work_type = "direct"
        label = "Crisis support
        description = "x"
        """,
    )
    err = load_error(path)
    assert err.line == 3
    assert str(err).startswith(f"{path}:3: ")
    assert "not valid TOML" in str(err)
    assert "at line" not in err.reason  # the line is given once, up front


def test_malformed_table_header_gives_the_line(tmp_path):
    path = write(tmp_path, '[categories.a]\nwork_type = "direct"\nlabel = "A"\n\n\n[categories.b\n')
    err = load_error(path)
    assert err.line == 6
    assert str(err).startswith(str(path))


def test_unknown_work_type_is_refused_with_the_line_of_its_table(tmp_path):
    path = write(
        tmp_path,
        """
        # our additions

        [categories.crisis_support]
        work_type = "direct"
        label = "Crisis support"

        [categories.street_outreach]
        work_type = "outreach"
        label = "Street outreach"
        """,
    )
    err = load_error(path)
    assert err.line == 7
    assert str(err).startswith(f"{path}:7: ")
    assert "outreach" in err.reason and "not defined" in err.reason
    assert "direct, indirect, role" in err.reason


@pytest.mark.parametrize("key", ["Crisis", "9lives", "crisis-support"])
def test_bad_key_is_refused_with_the_line_of_its_table(tmp_path, key):
    path = write(
        tmp_path,
        f"""
        [tags.humour]
        label = "Humour"

        [categories.{key}]
        work_type = "direct"
        label = "Crisis support"
        """,
    )
    err = load_error(path)
    assert err.line == 4
    assert f"'{key}' is not a valid key" in err.reason
    assert "lower-case letters, digits and _" in err.reason


def test_missing_label_is_refused_with_the_line_of_its_table(tmp_path):
    path = write(
        tmp_path,
        """
        [categories.crisis_support]
        work_type = "direct"
        label = "Crisis support"

        [categories.home_visits]
        work_type = "direct"
        description = "Visiting clients at home."
        """,
    )
    err = load_error(path)
    assert err.line == 5
    assert "categories.home_visits" in err.reason and "label" in err.reason


def test_missing_work_type_for_a_new_category_is_refused(tmp_path):
    path = write(tmp_path, '[categories.home_visits]\nlabel = "Home visits"\n')
    err = load_error(path)
    assert err.line == 1
    assert "work_type" in err.reason


def test_empty_label_is_refused(tmp_path):
    path = write(tmp_path, '[tags.humour]\nlabel = "  "\n')
    err = load_error(path)
    assert err.line == 1
    assert "label" in err.reason and "non-empty" in err.reason


def test_a_label_that_is_not_text_is_refused(tmp_path):
    path = write(tmp_path, '# our tags\n[tags.humour]\nlabel = 3\n')
    err = load_error(path)
    assert err.line == 2
    assert "label" in err.reason


def test_a_section_that_is_not_a_table_is_refused(tmp_path):
    err = load_error(write(tmp_path, 'categories = "all of them"\n'))
    assert err.line == 1
    assert "categories" in err.reason and "table" in err.reason


def test_a_missing_file_is_refused(tmp_path):
    path = tmp_path / "nowhere.toml"
    err = load_error(path)
    assert err.line is None
    assert str(err) == f"{path}: file not found"


def test_a_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes('[tags.humour]\nlabel = "Humour"\n\n[tags.cafe]\nlabel = "Café"\n'.encode("latin-1"))
    err = load_error(path)
    assert "not UTF-8" in err.reason
    assert err.line == 5
    assert str(err).startswith(f"{path}:5: ")


def test_a_directory_is_refused(tmp_path):
    err = load_error(tmp_path)
    assert str(err).startswith(str(tmp_path))
    assert "cannot be read" in err.reason


def test_taxonomy_error_is_a_value_error(tmp_path):
    with pytest.raises(ValueError):
        load(tmp_path / "nowhere.toml")
