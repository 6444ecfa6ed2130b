"""`peerdesk log "LINE"`: an entry in one line, saved through the form's checks."""

from __future__ import annotations

import json
from datetime import date, timedelta


def test_a_line_lands_on_disk_as_understood(cli, data_dir):
    result = cli("log", "--data-dir", data_dir, "yesterday 10:30 1h30 group facilitation x6 #presence // circle")
    assert result.code == 0, result.err
    week = date.today() - timedelta(days=1)
    listed = json.loads(cli("list", "--data-dir", data_dir, "--week", f"{week.isocalendar().year}-W"
                            f"{week.isocalendar().week:02d}", "--json").out)
    [entry] = listed
    assert entry["date"] == week.isoformat() and entry["start_time"] == "10:30" and entry["minutes"] == 90
    assert entry["category"] == "group_facilitation" and entry["format"] == "group" and entry["people"] == 6
    assert entry["tags"] == ["presence"] and entry["note"] == "circle"


def test_a_word_not_understood_is_named_and_nothing_is_saved(cli, data_dir):
    result = cli("log", "--data-dir", data_dir, "juggling 30")
    assert result.code == 2
    assert result.err_lines == ["peerdesk: 'juggling' is no category, mode, time or tag PeerDesk knows"]
    assert not (data_dir / "peerdesk.db").exists() or "No entries" in cli("list", "--data-dir", data_dir).out


def test_the_identifier_check_applies_to_a_line_too(cli, data_dir):
    line = "advocacy 30 // rang them on 555-123-4567"
    result = cli("log", "--data-dir", data_dir, line)
    assert result.code == 2 and result.err_lines[0].startswith("peerdesk: note: looks like it holds a phone number")
    assert cli("log", "--data-dir", data_dir, "--accept-identifiers", line).code == 0


def test_a_dry_run_prints_the_entry_as_list_json_does_and_adds_nothing(cli, data_dir):
    result = cli("log", "--data-dir", data_dir, "--dry-run", "--json", "advocacy 45 @phone ref:C-102")
    assert result.code == 0
    entry = json.loads(result.out)
    got = (entry["minutes"], entry["category"], entry["mode"], entry["client_ref"])
    assert got == (45, "advocacy", "phone", "C-102")
    assert entry["date"] == date.today().isoformat()
    assert not (data_dir / "peerdesk.db").exists()


def test_a_number_out_of_range_is_named(cli, data_dir):
    result = cli("log", "--data-dir", data_dir, "team 800")
    assert result.code == 2 and "800 is out of range: between 1 and 720 minutes" in result.err


def test_usual_entries_are_listed_most_made_first(data_dir, capsys):
    from peerdesk.cli import main

    for line in ["team 60", "team 60", "adv 45 @phone", "adv 45 @phone", "team 60", "adm 20"]:
        assert main(["--data-dir", str(data_dir), "log", line]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "log", "--usual", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"line": "team communication 60", "times": 3},
                                                   {"line": "advocacy 45 @phone", "times": 2}]
    assert main(["--data-dir", str(data_dir), "log", "--usual"]) == 0
    assert capsys.readouterr().out.splitlines() == ["   3×  team communication 60", "   2×  advocacy 45 @phone"]
