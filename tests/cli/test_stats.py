"""`peerdesk stats`: a period's figures in the terms funders use, by the organisation's own
reporting codes too."""

from __future__ import annotations

import json

import pytest

ORG = '''
[categories.advocacy]
codes = { ohrs = "450", hcpcs = "H0038" }

[categories.group_facilitation]
codes = { ohrs = "491", hcpcs = "H0038" }
'''


def add(cli, data, *args):
    result = cli("add", "--data-dir", data, "--worker", "PW-07", *args)
    assert result.code == 0, result.err


def test_the_figures_of_a_month(cli, data_dir, tmp_path):
    org = tmp_path / "org.toml"
    org.write_text(ORG)
    common = ("--taxonomy", org)
    add(cli, data_dir, *common, "--date", "2026-11-02", "--minutes", "45", "--category", "advocacy",
        "--client-ref", "C-102")
    add(cli, data_dir, *common, "--date", "2026-11-03", "--minutes", "30", "--category", "advocacy",
        "--client-ref", "C-102", "--mode", "phone")
    add(cli, data_dir, *common, "--date", "2026-11-04", "--minutes", "20", "--category", "advocacy")
    add(cli, data_dir, *common, "--date", "2026-11-05", "--minutes", "90", "--category", "group_facilitation",
        "--format", "group", "--people", "6")
    add(cli, data_dir, *common, "--date", "2026-11-06", "--minutes", "60", "--category", "team_communication")
    add(cli, data_dir, *common, "--date", "2026-12-01", "--minutes", "60", "--category", "advocacy")  # not November
    got = json.loads(cli("stats", "--from", "2026-11-01", "--to", "2026-11-30", "--json", "--data-dir", data_dir,
                         *common).out)
    assert {k: got[k] for k in ("individuals_served", "not_uniquely_identified", "direct_interactions",
                                "face_to_face", "not_face_to_face", "group_sessions", "group_attendance")} == {
        "individuals_served": 1, "not_uniquely_identified": 2, "direct_interactions": 4, "face_to_face": 3,
        "not_face_to_face": 1, "group_sessions": 1, "group_attendance": 6}
    assert got["minutes_by_work_type"] == {"direct": 185, "indirect": 60}
    assert got["minutes_by_code"] == {
        "hcpcs": {"H0038": {"minutes": 185, "entries": 4}},
        "ohrs": {"450": {"minutes": 95, "entries": 3}, "491": {"minutes": 90, "entries": 1}},
    }
    text = cli("stats", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", data_dir, *common).out
    assert "Individuals served (distinct client refs of direct work)" in text and "by ohrs code:" in text


def test_an_empty_period_says_so_and_a_bad_range_is_refused(cli, data_dir):
    empty = cli("stats", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", data_dir)
    assert empty.code == 0 and "No entries in this period." in empty.out
    backwards = cli("stats", "--from", "2026-11-30", "--to", "2026-11-01", "--data-dir", data_dir)
    assert backwards.code == 2 and "ends (2026-11-01) before it starts" in backwards.err


@pytest.mark.parametrize("codes", ['codes = "450"', "codes = { ohrs = 450 }", 'codes = { ohrs = " " }'])
def test_a_bad_codes_table_is_named_with_its_line(cli, data_dir, tmp_path, codes):
    org = tmp_path / "org.toml"
    org.write_text(f"[categories.advocacy]\n{codes}\n")
    bad = cli("stats", "--from", "2026-11-01", "--to", "2026-11-30", "--data-dir", data_dir, "--taxonomy", org)
    assert bad.code == 2 and f"{org}:1" in bad.err and "codes must be a table" in bad.err
