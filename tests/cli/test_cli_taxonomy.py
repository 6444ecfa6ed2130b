"""``--taxonomy FILE``: an organisation's own categories, its mistakes, and dropped keys."""

from __future__ import annotations

import json

import pytest

from peerdesk.domain.weeks import Week

ORG = """\
# Our organisation's additions
[categories.harm_reduction]
work_type = "direct"
label = "Harm reduction"
"""

# Line 4 has an unterminated string.
MALFORMED_TOML = """\
# Our organisation's additions
[categories.harm_reduction]
work_type = "direct"
label = "Harm reduction
"""

# Valid TOML, but the category names a work type that does not exist (table on line 3).
UNKNOWN_WORK_TYPE = """\
# Our organisation's additions

[categories.harm_reduction]
work_type = "outreach"
label = "Harm reduction"
"""

REPLACES_WITHOUT_ADVOCACY = """\
extends = "none"

[work_types.direct]
label = "Direct"

[categories.harm_reduction]
work_type = "direct"
label = "Harm reduction"
"""

REPLACES_KEEPING_ADVOCACY = REPLACES_WITHOUT_ADVOCACY + """
[categories.advocacy]
work_type = "direct"
label = "Speaking up"
"""


@pytest.fixture
def org_file(tmp_path):
    def write(text: str, name: str = "org-taxonomy.toml"):
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return write


def _add(cli, data_dir, day, category, *extra):
    return cli(
        "add", "--data-dir", data_dir, "--date", day.isoformat(), "--minutes", "30", "--category", category, *extra
    )


@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
def test_org_category_can_be_used(cli, data_dir, org_file, yesterday, before):
    tax = org_file(ORG)
    add = ["add", "--data-dir", str(data_dir), "--date", yesterday.isoformat(), "--minutes", "30"]
    add += ["--category", "harm_reduction"]
    r = cli("--taxonomy", str(tax), *add) if before else cli(*add, "--taxonomy", str(tax))
    assert r.code == 0, r.err

    listed = cli("list", "--data-dir", data_dir, "--taxonomy", tax, "--week", str(Week.of(yesterday)), "--json")
    assert listed.code == 0, listed.err
    [e] = json.loads(listed.out)
    assert e["id"] == r.out.strip()
    assert e["category"] == "harm_reduction"
    assert e["work_type"] == "direct"
    assert e["people"] == 1

    table = cli("list", "--data-dir", data_dir, "--taxonomy", tax, "--week", str(Week.of(yesterday)))
    assert "Harm reduction" in table.out


def test_org_category_is_unknown_without_the_file(cli, data_dir, yesterday, count_entries):
    r = _add(cli, data_dir, yesterday, "harm_reduction")
    assert r.code == 2 and r.out == ""
    assert r.err_lines[0].startswith("peerdesk: --category: ")
    assert count_entries(data_dir) == 0


def test_org_taxonomy_from_settings(cli, data_dir, org_file, yesterday):
    tax = org_file(ORG)
    (data_dir / "settings.json").write_text(json.dumps({"taxonomy_file": str(tax)}), "utf-8")
    assert _add(cli, data_dir, yesterday, "harm_reduction").code == 0
    r = cli("categories", "--data-dir", data_dir)
    assert "harm_reduction" in r.out and "Harm reduction" in r.out


def test_categories_with_org_file_lists_18(cli, data_dir, org_file):
    r = cli("categories", "--data-dir", data_dir, "--taxonomy", org_file(ORG))
    assert r.code == 0
    keys = [line.split()[0] for line in r.out.splitlines() if line.startswith("  ")]
    assert len(keys) == 18 and "harm_reduction" in keys


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [(MALFORMED_TOML, 4, "TOML"), (UNKNOWN_WORK_TYPE, 3, "outreach")],
    ids=["not-toml", "unknown-work-type"],
)
@pytest.mark.parametrize("command", ["add", "list", "categories"])
def test_bad_taxonomy_file_names_file_and_line(
    cli, data_dir, org_file, yesterday, count_entries, text, line, words, command
):
    tax = org_file(text)
    args = {
        "add": ["add", "--date", yesterday.isoformat(), "--minutes", "30", "--category", "advocacy"],
        "list": ["list"],
        "categories": ["categories"],
    }[command]
    r = cli(*args, "--data-dir", data_dir, "--taxonomy", tax)
    assert r.code == 2
    assert r.out == ""
    assert len(r.err_lines) == 1, r.err
    assert f"{tax}:{line}:" in r.err
    assert words in r.err
    assert count_entries(data_dir) == 0


def test_missing_taxonomy_file_is_usage_error(cli, data_dir, tmp_path):
    missing = tmp_path / "nowhere.toml"
    r = cli("list", "--data-dir", data_dir, "--taxonomy", missing)
    assert r.code == 2 and r.out == ""
    assert str(missing) in r.err and "not found" in r.err


def test_replacing_taxonomy_cannot_drop_a_used_category(cli, data_dir, org_file, yesterday, count_entries):
    assert _add(cli, data_dir, yesterday, "advocacy").code == 0
    tax = org_file(REPLACES_WITHOUT_ADVOCACY)

    r = cli("list", "--data-dir", data_dir, "--taxonomy", tax)
    assert r.code == 2
    assert r.out == ""
    assert len(r.err_lines) == 1
    assert "advocacy" in r.err
    assert str(tax) in r.err

    # Nor can an entry be added under it, even with a category it does define.
    r = _add(cli, data_dir, yesterday, "harm_reduction", "--taxonomy", str(tax))
    assert r.code == 2 and r.out == ""
    assert "advocacy" in r.err
    assert count_entries(data_dir) == 1


def test_replacing_taxonomy_that_keeps_used_keys_is_fine(cli, data_dir, org_file, yesterday):
    first = _add(cli, data_dir, yesterday, "advocacy").out.strip()
    tax = org_file(REPLACES_KEEPING_ADVOCACY)
    r = cli("list", "--data-dir", data_dir, "--taxonomy", tax, "--week", str(Week.of(yesterday)), "--json")
    assert r.code == 0, r.err
    assert [e["id"] for e in json.loads(r.out)] == [first]

    # Only what the file defines is offered now.
    r = _add(cli, data_dir, yesterday, "administration", "--taxonomy", str(tax))
    assert r.code == 2 and "--category" in r.err
