"""Bad input: exit 2, nothing on stdout, one line on stderr naming the flag, nothing stored."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from peerdesk.domain.weeks import Week

TODAY = date.today()
YESTERDAY = TODAY - timedelta(days=1)
IN_TWO_DAYS = TODAY + timedelta(days=2)

BASE = {"--date": YESTERDAY.isoformat(), "--minutes": "45", "--category": "advocacy"}

BAD = [
    ("--minutes", {"--minutes": "0"}),
    ("--minutes", {"--minutes": "1000"}),
    ("--minutes", {"--minutes": "721"}),
    ("--minutes", {"--minutes": "abc"}),
    ("--minutes", {"--minutes": "-5"}),
    ("--date", {"--date": IN_TWO_DAYS.isoformat()}),
    ("--date", {"--date": "2026-13-01"}),
    ("--date", {"--date": "yesterday"}),
    ("--date", {"--date": "1999-12-31"}),
    ("--category", {"--category": "nope"}),
    ("--people", {"--category": "advocacy", "--people": "0"}),
    ("--people", {"--people": "many"}),
    ("--note", {"--note": "x" * 2001}),
    ("--note", {"--note": "bell\x07"}),
    ("--mode", {"--mode": "boat"}),
    ("--format", {"--format": "pair"}),
    ("--tag", {"--tag": "unknown"}),
    ("--start", {"--start": "25:00"}),
    ("--start", {"--start": "9am"}),
    ("--client-ref", {"--client-ref": "c" * 41}),
    ("--worker", {"--worker": "w" * 81}),
]


def _argv(data_dir, values: dict[str, str]) -> list[str]:
    argv = ["add", "--data-dir", str(data_dir)]
    for flag, value in values.items():
        argv += [flag, value]
    return argv


def _assert_nothing_stored(cli, data_dir, count_entries, *days: date) -> None:
    for week in {Week.of(d) for d in (YESTERDAY, *days)}:
        r = cli("list", "--data-dir", data_dir, "--week", str(week), "--json")
        assert r.code == 0, r.err
        assert json.loads(r.out) == []
    assert count_entries(data_dir) == 0


@pytest.mark.parametrize(("flag", "override"), BAD, ids=[f"{f}={next(iter(o.values()))[:12]!r}" for f, o in BAD])
def test_bad_value_is_refused_naming_the_flag(cli, data_dir, count_entries, flag, override):
    r = cli(*_argv(data_dir, {**BASE, **override}))
    assert r.code == 2
    assert r.out == ""
    assert len(r.err_lines) == 1, r.err
    assert r.err_lines[0].startswith(f"peerdesk: {flag}: ")
    _assert_nothing_stored(cli, data_dir, count_entries, IN_TWO_DAYS)


def test_note_of_exactly_2000_characters_is_accepted(cli, data_dir):
    r = cli(*_argv(data_dir, {**BASE, "--note": "x" * 2000}))
    assert r.code == 0, r.err


def test_several_bad_values_report_the_first_in_form_order(cli, data_dir, count_entries):
    r = cli(*_argv(data_dir, {**BASE, "--mode": "boat", "--minutes": "0", "--tag": "unknown"}))
    assert r.code == 2 and r.out == ""
    assert len(r.err_lines) == 1
    assert r.err_lines[0].startswith("peerdesk: --minutes: ")
    assert count_entries(data_dir) == 0


def test_bad_entry_after_good_ones_leaves_them_alone(cli, data_dir, count_entries):
    assert cli(*_argv(data_dir, BASE)).code == 0
    assert cli(*_argv(data_dir, {**BASE, "--minutes": "1000"})).code == 2
    assert count_entries(data_dir) == 1


@pytest.mark.parametrize("missing", ["--date", "--minutes", "--category"])
def test_missing_required_argument_is_usage_error(cli, data_dir, capsys, count_entries, missing):
    values = {k: v for k, v in BASE.items() if k != missing}
    with pytest.raises(SystemExit) as exc:
        cli(*_argv(data_dir, values))
    assert exc.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "required" in err and missing in err
    assert count_entries(data_dir) == 0


def test_unknown_command_is_usage_error(cli, data_dir, capsys):
    with pytest.raises(SystemExit) as exc:
        cli("remove", "--data-dir", str(data_dir))
    assert exc.value.code == 2
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("week", ["2026-W99", "2026-W00", "2026-W54", "next week", "2026-48"])
@pytest.mark.parametrize("before", [False, True], ids=["after", "before"])
def test_bad_week_is_usage_error(cli, data_dir, week, before):
    if before:
        r = cli("--week", week, "list", "--data-dir", data_dir)
    else:
        r = cli("list", "--data-dir", data_dir, "--week", week)
    assert r.code == 2
    assert r.out == ""
    assert len(r.err_lines) == 1
    assert r.err_lines[0].startswith("peerdesk: --week: ")


def test_week_53_only_in_long_years(cli, data_dir):
    assert cli("list", "--data-dir", data_dir, "--week", "2026-W53").code == 0  # 2026 has 53 weeks
    r = cli("list", "--data-dir", data_dir, "--week", "2025-W53")
    assert r.code == 2 and "--week" in r.err
