"""``peerdesk add`` and ``peerdesk list`` in this process: weeks, data folders, workers."""

from __future__ import annotations

import getpass
import json
import uuid
from datetime import date, timedelta

import pytest

from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week


def _add(cli, data_dir, day: date, *extra: str, category: str = "advocacy", minutes: str = "30"):
    r = cli(
        "add", "--data-dir", data_dir, "--date", day.isoformat(), "--minutes", minutes, "--category", category, *extra
    )
    assert r.code == 0, r.err
    assert r.err == ""
    return r.out.strip()


def _list_json(cli, data_dir, week: Week | None = None, *extra: str) -> list[dict]:
    args = ["list", "--data-dir", data_dir, "--json", *extra]
    if week is not None:
        args += ["--week", str(week)]
    r = cli(*args)
    assert r.code == 0, r.err
    return json.loads(r.out)


def test_add_prints_only_the_new_id(cli, data_dir, yesterday):
    r = cli("add", "--data-dir", data_dir, "--date", yesterday.isoformat(), "--minutes", "45", "--category", "advocacy")
    assert r.code == 0
    assert r.err == ""
    assert r.out.count("\n") == 1
    assert str(uuid.UUID(r.out.strip())) == r.out.strip()


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("90", 90), ("1h30", 90), ("1:30", 90), ("2h", 120), ("45m", 45), ("1", 1), ("720", 720), ("12:00", 720)],
)
def test_minutes_forms(cli, data_dir, yesterday, typed, minutes):
    entry_id = _add(cli, data_dir, yesterday, minutes=typed)
    [e] = _list_json(cli, data_dir, Week.of(yesterday))
    assert (e["id"], e["minutes"]) == (entry_id, minutes)


def test_defaults_for_a_minimal_entry(cli, data_dir, yesterday):
    _add(cli, data_dir, yesterday, "--worker", "W1", category="administration")
    [e] = _list_json(cli, data_dir, Week.of(yesterday))
    assert e["work_type"] == "indirect"
    assert e["mode"] == "in_person"
    assert e["format"] == "individual"
    assert e["people"] == 0  # indirect work defaults to nobody reached
    assert e["start_time"] is None
    assert e["client_ref"] == ""
    assert e["tags"] == []
    assert e["note"] == ""


def test_direct_work_defaults_to_one_person(cli, data_dir, yesterday):
    _add(cli, data_dir, yesterday, category="advocacy")
    [e] = _list_json(cli, data_dir, Week.of(yesterday))
    assert e["people"] == 1


def test_today_and_tomorrow_are_accepted(cli, data_dir):
    today = date.today()
    a = _add(cli, data_dir, today)
    b = _add(cli, data_dir, today + timedelta(days=1))
    ids = {e["id"] for w in {Week.of(today), Week.of(today + timedelta(days=1))} for e in _list_json(cli, data_dir, w)}
    assert {a, b} <= ids


def test_list_shows_only_the_asked_week(cli, data_dir, yesterday):
    this = _add(cli, data_dir, yesterday)
    week_before = yesterday - timedelta(days=7)
    other = _add(cli, data_dir, week_before)

    assert [e["id"] for e in _list_json(cli, data_dir, Week.of(yesterday))] == [this]
    assert [e["id"] for e in _list_json(cli, data_dir, Week.of(week_before))] == [other]

    table = cli("list", "--data-dir", data_dir, "--week", str(Week.of(yesterday)))
    assert table.code == 0
    assert this in table.out
    assert other not in table.out


def test_list_without_week_shows_this_week(cli, data_dir):
    today = date.today()
    entry_id = _add(cli, data_dir, today)
    assert [e["id"] for e in _list_json(cli, data_dir)] == [entry_id]
    r = cli("list", "--data-dir", data_dir)
    assert r.out.splitlines()[0].endswith(f"({Week.of(today)})")


def test_list_entries_sorted_by_day(cli, data_dir):
    week = Week.parse("2025-W48")
    late = _add(cli, data_dir, week.end)
    early = _add(cli, data_dir, week.start)
    assert [e["id"] for e in _list_json(cli, data_dir, week)] == [early, late]


def test_plain_list_week_label_and_row(cli, data_dir):
    # A fixed past week: the label is known by hand and the date never becomes "future".
    day = date(2025, 11, 26)
    entry_id = _add(cli, data_dir, day, "--start", "14:00", "--mode", "video", minutes="1h30")
    r = cli("list", "--data-dir", data_dir, "--week", "2025-W48")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[0] == "Week 48 · 24–30 Nov 2025 (2025-W48)"
    [row] = [line for line in lines if entry_id in line]
    assert "2025-11-26" in row and "14:00" in row and "1h 30m" in row
    assert "direct" in row and "Advocacy" in row and "Video" in row
    assert lines[-1].endswith("1h 30m")


def test_plain_list_week_spanning_two_years(cli, data_dir):
    r = cli("list", "--data-dir", data_dir, "--week", "2026-W01")
    assert r.code == 0
    assert r.out.splitlines() == ["Week 1 · 29 Dec 2025 – 4 Jan 2026 (2026-W01)", "No entries."]


def test_week_before_the_subcommand_is_honoured(cli, data_dir):
    entry_id = _add(cli, data_dir, date(2025, 11, 26))
    r = cli("--week", "2025-W48", "list", "--data-dir", data_dir, "--json")
    assert r.code == 0, r.err
    assert [e["id"] for e in json.loads(r.out)] == [entry_id]


def test_empty_week_json_is_an_empty_list(cli, data_dir):
    r = cli("list", "--data-dir", data_dir, "--week", "2025-W10", "--json")
    assert r.code == 0
    assert json.loads(r.out) == []


# ----------------------------------------------------------- data folder


@pytest.mark.parametrize("before", [True, False], ids=["before-subcommand", "after-subcommand"])
def test_data_dir_either_side_of_the_subcommand(cli, tmp_path, yesterday, before):
    folder = tmp_path / "chosen"
    add = ["add", "--date", yesterday.isoformat(), "--minutes", "10", "--category", "advocacy"]
    args = ["--data-dir", str(folder), *add] if before else [*add, "--data-dir", str(folder)]
    r = cli(*args)
    assert r.code == 0, r.err
    assert (folder / "peerdesk.db").is_file()
    assert [e["id"] for e in _list_json(cli, folder, Week.of(yesterday))] == [r.out.strip()]


def test_data_dir_after_subcommand_wins_over_before(cli, tmp_path, yesterday):
    a, b = tmp_path / "a", tmp_path / "b"
    add = ["--date", yesterday.isoformat(), "--minutes", "10", "--category", "advocacy"]
    r = cli("--data-dir", a, "add", "--data-dir", b, *add)
    assert r.code == 0
    assert (b / "peerdesk.db").is_file()
    assert not (a / "peerdesk.db").exists()


def test_environment_data_dir_and_override(cli, tmp_path, monkeypatch, yesterday):
    env_dir, flag_dir = tmp_path / "env", tmp_path / "flag"
    monkeypatch.setenv("PEERDESK_DATA_DIR", str(env_dir))

    r = cli("add", "--date", yesterday.isoformat(), "--minutes", "10", "--category", "advocacy")
    assert r.code == 0
    assert (env_dir / "peerdesk.db").is_file()

    r = cli("add", "--data-dir", flag_dir, "--date", yesterday.isoformat(), "--minutes", "10", "--category", "advocacy")
    assert r.code == 0
    assert (flag_dir / "peerdesk.db").is_file()
    assert len(_list_json(cli, env_dir, Week.of(yesterday))) == 1


# ---------------------------------------------------------------- worker


def _worker_of_new_entry(cli, data_dir, day, *extra) -> str:
    entry_id = _add(cli, data_dir, day, *extra)
    [e] = [e for e in _list_json(cli, data_dir, Week.of(day)) if e["id"] == entry_id]
    return e["worker"]


def test_worker_flag_is_stored(cli, data_dir, yesterday):
    assert _worker_of_new_entry(cli, data_dir, yesterday, "--worker", "PS-07") == "PS-07"


def test_worker_from_settings(cli, data_dir, yesterday):
    (data_dir / "settings.json").write_text(json.dumps({"worker": "Sam from settings"}), "utf-8")
    assert _worker_of_new_entry(cli, data_dir, yesterday) == "Sam from settings"


def test_worker_flag_beats_settings(cli, data_dir, yesterday):
    (data_dir / "settings.json").write_text(json.dumps({"worker": "Sam"}), "utf-8")
    assert _worker_of_new_entry(cli, data_dir, yesterday, "--worker", "Robin") == "Robin"


@pytest.mark.parametrize(
    "settings", [None, {}, {"worker": ""}, {"worker": "   "}], ids=["no-file", "no-key", "empty", "blank"]
)
def test_worker_falls_back_to_os_user(cli, data_dir, yesterday, monkeypatch, settings):
    monkeypatch.setenv("LOGNAME", "pd-os-user")  # getpass.getuser() reads LOGNAME first
    if settings is not None:
        (data_dir / "settings.json").write_text(json.dumps(settings), "utf-8")
    assert getpass.getuser() == "pd-os-user"
    assert _worker_of_new_entry(cli, data_dir, yesterday) == "pd-os-user"


def test_default_mode_from_settings(cli, data_dir, yesterday):
    (data_dir / "settings.json").write_text(json.dumps({"default_mode": "phone"}), "utf-8")
    _add(cli, data_dir, yesterday)
    _add(cli, data_dir, yesterday, "--mode", "text")
    assert sorted(e["mode"] for e in _list_json(cli, data_dir, Week.of(yesterday))) == ["phone", "text"]


def test_broken_settings_file_is_usage_error(cli, data_dir, yesterday, count_entries):
    (data_dir / "settings.json").write_text('{"worker": ', "utf-8")
    r = cli("add", "--data-dir", data_dir, "--date", yesterday.isoformat(), "--minutes", "10", "--category", "advocacy")
    assert r.code == 2 and r.out == ""
    assert "settings.json" in r.err
    assert count_entries(data_dir) == 0


# ------------------------------------------------------------ categories


def test_categories_lists_all_17_keys(cli, data_dir):
    r = cli("categories", "--data-dir", data_dir)
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    keys = [line.split()[0] for line in lines if line.startswith("  ")]
    assert len(keys) == 17
    assert set(keys) == set(load_default().categories)  # the frozen keys are pinned in tests/domain
    headers = {line.split(":")[0] for line in lines if line and not line.startswith((" ", "tags"))}
    assert headers == {"direct", "indirect", "role"}
    assert lines[-1].startswith("tags: ") and "experience" in lines[-1]
