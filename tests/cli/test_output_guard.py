"""No command writes over PeerDesk's own files: an export, a backup, a chart or a screenshot
aimed at the database, its journal, a lock, a backup or the settings is refused (exit 2) and
the database is byte for byte as it was, however the path is spelt."""

from __future__ import annotations

import os

import pytest

SPELLINGS = {
    "the database": lambda data: data / "peerdesk.db",
    "another case": lambda data: data / "PeerDesk.DB",
    "its WAL": lambda data: data / "peerdesk.db-wal",
    "its lock": lambda data: data / "peerdesk.db.lock",
    "the settings": lambda data: data / "settings.json",
    "through ..": lambda data: data / "backups" / ".." / "peerdesk.db",
    "a backup": lambda data: data / "backups" / "peerdesk-2026-11-30.db",
}


@pytest.fixture
def record(cli, data_dir):
    assert cli("add", "--data-dir", data_dir, "--date", "2026-11-30", "--minutes", "30",
               "--category", "advocacy").code == 0
    (data_dir / "backups").mkdir(exist_ok=True)
    (data_dir / "backups" / "peerdesk-2026-11-30.db").write_bytes((data_dir / "peerdesk.db").read_bytes())
    return data_dir


def snapshot(data):
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("spelling", list(SPELLINGS))
@pytest.mark.parametrize("command", ["export", "backup", "chart", "screenshot"])
def test_a_command_aimed_at_peerdesks_own_files_is_refused(cli, record, spelling, command):
    target = SPELLINGS[spelling](record)
    before = snapshot(record)
    args = {
        "export": ("export", "--data-dir", record, "--from", "2026-11-01", "--to", "2026-11-30", "--out", target),
        "backup": ("backup", "--data-dir", record, "--out", target),
        "chart": ("chart", "--data-dir", record, "--out", target),
        "screenshot": ("--data-dir", record, "--screenshot", target),
    }[command]
    result = cli(*args)
    assert result.code == 2, result.err
    assert len(result.err_lines) == 1 and "nothing was written" in result.err
    assert snapshot(record) == before
    assert cli("list", "--data-dir", record).code == 0


def test_a_link_to_the_data_folder_is_seen_through(cli, record, tmp_path):
    link = tmp_path / "elsewhere"
    os.symlink(record, link)
    result = cli("export", "--data-dir", record, "--from", "2026-11-01", "--to", "2026-11-30",
                 "--out", link / "peerdesk.db")
    assert result.code == 2 and "nothing was written" in result.err


def test_a_new_backup_name_in_the_backups_folder_and_an_export_elsewhere_are_fine(cli, record, tmp_path):
    assert cli("backup", "--data-dir", record, "--out", record / "backups" / "before-the-audit.db").code == 0
    out = tmp_path / "november.csv"
    assert cli("export", "--data-dir", record, "--from", "2026-11-01", "--to", "2026-11-30", "--out", out).code == 0
    assert out.read_text("utf-8-sig").count("\n") == 2


def test_the_first_writing_command_of_the_day_makes_the_days_backup(cli, data_dir):
    for _ in range(2):
        assert cli("add", "--data-dir", data_dir, "--date", "2026-11-30", "--minutes", "30",
                   "--category", "advocacy").code == 0
    made = sorted(p.name for p in (data_dir / "backups").iterdir())
    assert len(made) == 1 and made[0].startswith("peerdesk-")  # one a day, as the window makes
    audit = cli("audit", "--data-dir", data_dir).out
    assert audit.count("automatic: ") == 1
