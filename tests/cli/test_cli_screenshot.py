"""``peerdesk --screenshot OUT.png --week W``: the window rendered offscreen, in a subprocess."""

from __future__ import annotations

import struct

from peerdesk.domain.weeks import Week

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_screenshot_writes_a_1280x800_png_that_is_not_blank(cli, run_peerdesk, data_dir, tmp_path, yesterday):
    week = Week.of(yesterday)
    for category, minutes in [("advocacy", "1h30"), ("administration", "45"), ("legitimizing_role", "20")]:
        r = cli(
            "add", "--data-dir", data_dir, "--date", yesterday.isoformat(), "--minutes", minutes, "--category", category
        )
        assert r.code == 0, r.err

    out = tmp_path / "shots" / "week.png"
    r = run_peerdesk("--data-dir", data_dir, "--screenshot", out, "--week", str(week))
    assert r.code == 0, r.err
    assert out.is_file()

    data = out.read_bytes()
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    assert struct.unpack(">II", data[16:24]) == (1280, 800)

    from PySide6.QtGui import QImage

    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 8) for y in range(0, 800, 8)}
    assert len(colours) > 20
