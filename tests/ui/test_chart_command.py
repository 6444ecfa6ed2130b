"""``peerdesk chart``: one chart card rendered offscreen to a PNG, by the real entry point.

Each run is a subprocess (``python -m peerdesk``) with an environment that has
no PEERDESK_DATA_DIR, so only ``--data-dir`` names the folder. The command uses
the real date, so entries are dated relative to ``date.today()``.
"""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from datetime import date, timedelta

import pytest
from PySide6.QtGui import QImage

from peerdesk.domain.entry import validate
from peerdesk.domain.weeks import Week
from peerdesk.workspace import Workspace

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_SIZE = (960, 540)


def run_peerdesk(cwd, *args):
    env = os.environ.copy()
    env.pop("PEERDESK_DATA_DIR", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "peerdesk", *(os.fspath(a) for a in args)],
        env=env,
        cwd=cwd,
        capture_output=True,
        encoding="utf-8",
        timeout=120,
    )


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def distinct_colours(image: QImage, step: int = 4) -> int:
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.fixture
def day() -> date:
    return date.today()


@pytest.fixture
def week(day) -> Week:
    return Week.of(day)


@pytest.fixture
def logged(data_dir, day):
    """A few entries this week (today) and in the two weeks before, written through the store."""
    ws = Workspace(data_dir)
    store = ws.open_store()
    rows = [
        (day, 90, "advocacy", "in_person", "individual", 1),
        (day, 45, "administration", "phone", "individual", 0),
        (day, 60, "group_facilitation", "in_person", "group", 7),
        (day, 20, "legitimizing_role", "video", "individual", 0),
        (day - timedelta(days=7), 150, "experiential_sharing", "in_person", "individual", 1),
        (day - timedelta(days=14), 30, "team_communication", "text", "individual", 0),
    ]
    for d, minutes, category, mode, fmt, people in rows:
        raw = {
            "worker": "PW-07",
            "date": d,
            "minutes": minutes,
            "category": category,
            "mode": mode,
            "format": fmt,
            "people": people,
        }
        store.add(validate(raw, ws.taxonomy, today=date.today()))
    assert store.count() == len(rows)
    ws.close()
    return data_dir


@pytest.mark.parametrize("kind", ["week", "trend", "mode"])
def test_each_kind_writes_a_960x540_png_with_many_colours(tmp_path, logged, week, kind):
    out = tmp_path / "charts" / f"{kind}.png"
    r = run_peerdesk(tmp_path, "chart", "--week", str(week), "--kind", kind, "--out", out, "--data-dir", logged)
    assert r.returncode == 0, r.stderr
    assert out.is_file()
    assert r.stdout.strip() == str(out)
    assert png_size(out) == CHART_SIZE
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == CHART_SIZE
    assert distinct_colours(image) > 50


def test_the_week_chart_is_in_the_work_type_hues(tmp_path, logged, week):
    from peerdesk.ui import palette

    out = tmp_path / "week.png"
    r = run_peerdesk(tmp_path, "chart", "--week", str(week), "--kind", "week", "--out", out, "--data-dir", logged)
    assert r.returncode == 0, r.stderr
    image = QImage(str(out))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    taxonomy = Workspace(logged).taxonomy
    for work_type in ("direct", "indirect", "role"):  # the split's slices
        assert palette.work_type_colour(taxonomy, work_type).name() in colours, work_type


def test_an_empty_week_still_renders_its_empty_state(tmp_path, logged, week):
    empty = week.shift(-30)
    for kind in ("week", "mode"):
        out = tmp_path / f"empty_{kind}.png"
        r = run_peerdesk(tmp_path, "chart", "--week", str(empty), "--kind", kind, "--out", out, "--data-dir", logged)
        assert r.returncode == 0, r.stderr
        assert png_size(out) == CHART_SIZE
        image = QImage(str(out))
        colours = distinct_colours(image, step=1)
        assert 2 < colours < 200, colours  # the empty-state message on a plain background, no chart


def test_a_new_data_folder_renders_an_empty_chart(tmp_path, data_dir, week):
    out = tmp_path / "trend.png"
    r = run_peerdesk(tmp_path, "chart", "--week", str(week), "--kind", "trend", "--out", out, "--data-dir", data_dir)
    assert r.returncode == 0, r.stderr
    assert png_size(out) == CHART_SIZE


def test_the_trend_follows_weeks(tmp_path, logged, week):
    out = tmp_path / "trend4.png"
    r = run_peerdesk(
        tmp_path, "chart", "--week", str(week), "--kind", "trend", "--weeks", "4", "--out", out, "--data-dir", logged
    )
    assert r.returncode == 0, r.stderr
    assert png_size(out) == CHART_SIZE


def test_pie_is_not_a_kind(tmp_path, logged, week):
    out = tmp_path / "pie.png"
    r = run_peerdesk(tmp_path, "chart", "--week", str(week), "--kind", "pie", "--out", out, "--data-dir", logged)
    assert r.returncode == 2
    assert "pie" in r.stderr and "invalid choice" in r.stderr
    assert not out.exists()


def test_a_bad_week_is_a_usage_error(tmp_path, logged):
    out = tmp_path / "bad.png"
    r = run_peerdesk(tmp_path, "chart", "--week", "2026-W99", "--out", out, "--data-dir", logged)
    assert r.returncode == 2
    assert "--week" in r.stderr
    assert not out.exists()
