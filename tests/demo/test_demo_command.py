"""``peerdesk demo``: writes sample data only where it is told, never to the real data folder.

The subprocess runs get a home, XDG folders and PEERDESK_DATA_DIR of their own:
PEERDESK_DATA_DIR points at a "real" folder holding a real entry, which must be
byte-identical afterwards. Subprocesses are few (each costs about a second);
refusals that happen before any Qt or file work run in this process.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week
from peerdesk.workspace import Workspace

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
BANNER_YELLOW = (0xF0, 0xE4, 0x42)


@pytest.fixture
def real_dir(tmp_path: Path) -> Path:
    """A user's own data folder with one real entry in it."""
    folder = tmp_path / "real"
    ws = Workspace(folder)
    try:
        ws.settings.set("worker", "PW-07")
        ws.settings.save()
        yesterday = date.today() - timedelta(days=1)
        entry = validate(
            {"worker": "PW-07", "date": yesterday, "minutes": 45, "category": "advocacy", "note": "real work"},
            ws.taxonomy,
            today=date.today(),
        )
        ws.open_store().add(entry)
    finally:
        ws.close()
    return folder


@pytest.fixture
def env(tmp_path: Path, real_dir: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    temp = tmp_path / "tmp"  # the subprocess's own temporary folder: other test runs cannot disturb the count
    temp.mkdir()
    env = os.environ.copy()
    env.update(
        HOME=str(home),
        USERPROFILE=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        PEERDESK_DATA_DIR=str(real_dir),
        QT_QPA_PLATFORM="offscreen",
        PYTHONIOENCODING="utf-8",
        TMPDIR=str(temp),
        TEMP=str(temp),
        TMP=str(temp),
    )
    return env


@pytest.fixture
def peerdesk_env(env: dict[str, str]) -> dict[str, str]:
    """``run_peerdesk`` runs with the scratch home and the real folder above."""
    return env


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under *folder* (relative path → SHA-256); a new, lost or changed file shows."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def demo_temp_folders(env: dict[str, str]) -> set[str]:
    """The throwaway demo folders in the subprocess's temporary folder."""
    there = subprocess.run(
        [sys.executable, "-c", "import tempfile; print(tempfile.gettempdir())"],
        env=env, capture_output=True, encoding="utf-8", check=True,
    ).stdout.strip()
    assert Path(there) == Path(env["TMPDIR"])  # what tempfile.gettempdir() is for `peerdesk demo`
    return {p.name for p in Path(there).glob("peerdesk-demo-*")}


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def has_banner_colour(path: Path) -> bool:
    """The yellow demo banner is across the top of the window."""
    from PySide6.QtGui import QColor, QImage

    image = QImage(str(path))
    assert not image.isNull()
    for y in range(0, 120, 2):
        colour = QColor(image.pixel(image.width() // 2, y))
        if (colour.red(), colour.green(), colour.blue()) == BANNER_YELLOW:
            return True
    return False


# ------------------------------------------------------------------ --into


def test_demo_into_writes_a_marked_demo_folder_and_never_the_real_one(run_peerdesk, cli, tmp_path, real_dir, env):
    real_before = snapshot(real_dir)
    assert "peerdesk.db" in real_before
    target = tmp_path / "demo"

    r = run_peerdesk("demo", "--into", target, "--seed", "3", "--weeks", "6")
    assert r.code == 0, r.err
    assert str(target) in r.out
    assert (target / "peerdesk.db").is_file()
    settings = json.loads((target / "settings.json").read_text("utf-8"))
    assert settings["demo"] is True
    assert settings["worker"] == "Demo worker"

    assert snapshot(real_dir) == real_before
    default_folder = Path(env["XDG_DATA_HOME"]) / "PeerDesk"
    assert not default_folder.exists(), "the platform's default data folder was created"

    # A second run never writes over a folder that has data.
    demo_before = snapshot(target)
    r = run_peerdesk("demo", "--into", target, "--seed", "4", "--weeks", "6")
    assert r.code == 2
    assert "already" in r.err and str(target) in r.err
    assert r.out == ""
    assert snapshot(target) == demo_before
    assert snapshot(real_dir) == real_before

    # The folder is an ordinary data folder: `list` reads it (last week is a full week of the six).
    week = Week.of(date.today()).previous()
    r = cli("--data-dir", target, "list", "--week", str(week), "--json")
    assert r.code == 0, r.err
    rows = json.loads(r.out)
    assert rows
    assert {row["worker"] for row in rows} == {"Demo worker"}
    assert all(date.fromisoformat(row["date"]) in week for row in rows)
    assert snapshot(real_dir) == real_before


@pytest.mark.parametrize("weeks", ["0", "-1", "521"])
def test_demo_refuses_a_number_of_weeks_out_of_range(cli, tmp_path, real_dir, weeks):
    real_before = snapshot(real_dir)
    target = tmp_path / "demo"
    r = cli("demo", "--into", target, "--weeks", weeks)
    assert r.code == 2
    assert "--weeks" in r.err
    assert not target.exists()
    assert snapshot(real_dir) == real_before


def test_demo_into_refuses_the_real_data_folder(cli, real_dir):
    real_before = snapshot(real_dir)
    r = cli("demo", "--into", real_dir)
    assert r.code == 2
    assert "already holds a PeerDesk database" in r.err
    assert snapshot(real_dir) == real_before


def test_a_demo_folder_written_in_process_is_the_same_for_the_same_seed(tmp_path):
    from peerdesk import demo
    from peerdesk.storage.store import Store

    today = date(2026, 11, 25)
    rows = []
    for name in ("a", "b"):
        count = demo.create_demo_folder(tmp_path / name, seed=11, weeks=5, today=today)
        store = Store(tmp_path / name / "peerdesk.db")
        try:
            stored = store.entries_between(date(2000, 1, 1), date(2100, 1, 1))
        finally:
            store.close()
        assert len(stored) == count > 0
        rows.append(sorted(stored, key=lambda e: e.id))
    assert rows[0] == rows[1]
    assert rows[0] == sorted(demo.generate(seed=11, weeks=5, today=today), key=lambda e: e.id)


# ------------------------------------------------------------------ --screenshot


def test_demo_screenshot_is_1280x800_with_the_banner_and_leaves_no_folder_behind(run_peerdesk, tmp_path, real_dir, env):
    real_before = snapshot(real_dir)
    temp_before = demo_temp_folders(env)
    out = tmp_path / "shots" / "demo.png"

    r = run_peerdesk("demo", "--screenshot", out, "--seed", "3", "--weeks", "6")
    assert r.code == 0, r.err
    assert png_size(out) == (1280, 800)
    assert has_banner_colour(out)
    assert demo_temp_folders(env) == temp_before, "the temporary demo folder was left behind"
    assert snapshot(real_dir) == real_before


def test_demo_screenshot_ignores_a_data_dir_given_before_the_command(run_peerdesk, tmp_path, real_dir, env):
    real_before = snapshot(real_dir)
    temp_before = demo_temp_folders(env)
    out = tmp_path / "demo.png"

    r = run_peerdesk("--data-dir", real_dir, "demo", "--screenshot", out)
    assert r.code == 0, r.err
    assert png_size(out) == (1280, 800)
    assert has_banner_colour(out)  # the demo data was shown, not the real folder
    assert demo_temp_folders(env) == temp_before
    assert snapshot(real_dir) == real_before
