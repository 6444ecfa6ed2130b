"""A team's report and figures from the review: `peerdesk review FILES --report / --stats`."""

from __future__ import annotations

import json

import pytest

from . import pdf_tools


@pytest.fixture
def team_files(cli, tmp_path):
    """Two workers' exports of November 2026 (and a third worker's with nothing in it)."""
    files = []
    for worker, rows in {
        "PW-01": [("2026-11-02", "60", "advocacy", "C-1"), ("2026-11-09", "30", "administration", "")],
        "PW-02": [("2026-11-03", "45", "advocacy", "C-2"), ("2026-11-03", "90", "group_facilitation", "")],
        "PW-03": [("2026-12-01", "20", "advocacy", "")],
    }.items():
        data = tmp_path / worker
        for day, minutes, category, ref in rows:
            extra = ("--format", "group", "--people", "5") if category == "group_facilitation" else ()
            result = cli("add", "--data-dir", data, "--worker", worker, "--date", day, "--minutes", minutes,
                         "--category", category, "--client-ref", ref, *extra)
            assert result.code == 0, result.err
        out = tmp_path / f"{worker}.csv"
        result = cli("export", "--data-dir", data, "--from", "2026-11-01", "--to", "2026-12-31", "--out", out)
        assert result.code == 0, result.err
        files.append(out)
    return files


def test_the_team_report_has_a_team_page_and_a_page_per_worker(cli, team_files, tmp_path):
    out = tmp_path / "team.pdf"
    result = cli("review", *team_files, "--from", "2026-11-01", "--to", "2026-11-30", "--report", out,
                 "--organisation", "Riverside Peer Services")
    assert result.code == 0, result.err
    assert "report written to" in result.out and "(4 entries)" in result.out
    team_page = pdf_tools.words(out, page=1)
    for expected in ("Team report", "2026-11-01 to 2026-11-30 · 3 workers · 6 weeks · 3h 45m in 4 entries",
                     "PW-01 1h 30m", "PW-02 2h 15m", "PW-03 0m", "Team 3h 45m",
                     "Direct interactions 3", "Group attendance (people in them) 5",
                     "Individuals served (distinct client refs of direct work) 2"):
        assert expected in team_page, expected
    # each worker starts a page of its own, headed with its name
    pages = int(pdf_tools.info(out)["Pages"])
    starts = [p for p in range(2, pages + 1) if "Peer support work: PW-0" in pdf_tools.words(out, page=p)]
    assert [pdf_tools.words(out, page=p).split("Peer support work: ")[1][:5] for p in starts] == [
        "PW-01", "PW-02", "PW-03"]
    assert "No entries from 2026-11-01 to 2026-11-30." in pdf_tools.words(out, page=starts[2])
    assert "C-1" not in pdf_tools.words(out)


def test_the_review_gives_the_teams_figures(cli, team_files):
    result = cli("review", *team_files, "--stats", "--json", "--from", "2026-11-01", "--to", "2026-11-30")
    assert result.code == 0, result.err
    got = json.loads(result.out)
    assert (got["individuals_served"], got["direct_interactions"], got["group_sessions"], got["group_attendance"]) \
        == (2, 3, 1, 5)
    assert got["minutes_by_work_type"] == {"direct": 195, "indirect": 30}
    assert "3 files, 5 entries, 0 problems" in result.err  # the reading's line stays off the JSON
    whole = json.loads(cli("review", *team_files, "--stats", "--json").out)
    assert (whole["from"], whole["to"], whole["direct_interactions"]) == ("2026-11-01", "2026-12-31", 4)


def test_a_team_report_to_a_missing_folder_exits_2(cli, team_files, tmp_path):
    out = tmp_path / "nowhere" / "team.pdf"
    result = cli("review", *team_files, "--report", out)
    assert result.code == 2 and str(out.parent) in result.err
