"""A trainer's team: workers of different habits, their exports ready for the Review window, the
same on any day, and a screenshot that leaves the trainer's own settings alone."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from collections import Counter
from datetime import date

from peerdesk import demo
from peerdesk.domain.taxonomy import load_default
from peerdesk.domain.weeks import Week
from peerdesk.exchange.review import read_files

END = date(2026, 11, 27)


def test_the_same_seed_and_end_give_the_same_record_on_any_day():
    # generated "today" and again three weeks later, both ending on END
    once = list(demo.generate(seed=7, weeks=10, end_week=Week.of(END), today=END, worker="PW-09"))
    later = list(demo.generate(seed=7, weeks=10, end_week=Week.of(END), today=END, worker="PW-09"))
    assert once == later and once and all(e.worker == "PW-09" and e.date <= END for e in once)


def test_a_team_has_different_habits_and_leave_weeks_and_its_exports_review_clean(tmp_path, cli):
    result = cli("demo", "--into", tmp_path / "team", "--team", "5", "--weeks", "12", "--end", END.isoformat())
    assert result.code == 0, result.err
    assert "PW-02 (part-time, Monday to Wednesday)" in result.out
    files = sorted((tmp_path / "team").glob("peerdesk_PW-*.csv"))
    assert len(files) == 10  # entries and the weekly summary of each worker
    assert sorted(p.name for p in (tmp_path / "team").iterdir() if p.is_dir()) == [f"PW-0{n}" for n in range(1, 6)]
    reviewed = read_files(files, load_default())
    assert reviewed.problems == [] and reviewed.workers() == [f"PW-0{n}" for n in range(1, 6)]
    by_worker = {w: [e for e in reviewed.entries if e.worker == w] for w in reviewed.workers()}

    def minutes(worker, keep=lambda e: True):
        return sum(e.minutes for e in by_worker[worker] if keep(e))

    assert minutes("PW-02") < 0.75 * minutes("PW-01")  # part-time
    assert {e.date.weekday() for e in by_worker["PW-02"]} <= {0, 1, 2}
    share = {w: minutes(w, lambda e: e.format == "group") / minutes(w) for w in by_worker}
    assert share["PW-03"] == max(share.values())  # group-heavy
    phone = {w: minutes(w, lambda e: e.mode == "phone") / minutes(w) for w in by_worker}
    assert phone["PW-04"] == max(phone.values()) and phone["PW-04"] > 2 * phone["PW-01"]  # outreach by phone
    role = {w: minutes(w, lambda e: e.work_type == "role") / minutes(w) for w in by_worker}
    assert role["PW-05"] < 0.5 * role["PW-01"]  # logs little role work
    weeks_off = Counter()
    all_weeks = {e.week for e in reviewed.entries}
    for entries in by_worker.values():
        for week in all_weeks - {e.week for e in entries}:
            weeks_off[week] += 1
    assert len(weeks_off) >= 4 and max(weeks_off.values()) <= 2  # leave spread over the team


def test_a_demo_for_one_named_worker(tmp_path, cli):
    assert cli("demo", "--into", tmp_path / "d", "--worker", "PW-42", "--end", "2026-06-30").code == 0
    listed = cli("list", "--data-dir", tmp_path / "d", "--json", "--week", "2026-W27")
    assert '"worker": "PW-42"' in listed.out and '"date": "2026-07-0' not in listed.out


def test_team_needs_a_folder(cli):
    result = cli("demo", "--team", "3")
    assert result.code == 2 and "--team: needs --into" in result.err


def test_the_screenshot_neither_reads_nor_writes_the_trainers_settings(tmp_path, peerdesk_env):
    home = tmp_path / "home"
    config = home / ".config" / "PeerDesk"
    config.mkdir(parents=True)
    own = config / "PeerDesk.conf"
    own.write_text("[view]\ntext_scale=2\n", "utf-8")  # the trainer's projector setting
    before = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    env = dict(peerdesk_env, HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    shot = tmp_path / "demo.png"
    done = subprocess.run(
        [sys.executable, "-m", "peerdesk", "demo", "--screenshot", os.fspath(shot)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    after = {p: p.read_bytes() for p in home.rglob("*") if p.is_file()}
    assert after == before  # nothing written, nothing added
    width, height = struct.unpack(">II", shot.read_bytes()[16:24])
    assert (width, height) == (1280, 800)
