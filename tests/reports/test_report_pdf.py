"""`peerdesk report` and `review --report`: the PDF's text holds the store's totals, its pages
render, notes and client refs appear only when asked, and bad input loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from . import pdf_tools

NOV = ("--from", "2026-11-01", "--to", "2026-11-30")


def report(cli, ws, out: Path, *extra):
    result = cli("report", "--data-dir", ws.data_dir, *NOV, "--out", out, *extra)
    assert result.code == 0, result.err
    return result


def test_a_months_report_holds_the_stores_totals(cli, month_workspace, tmp_path):
    out = tmp_path / "november.pdf"
    result = report(cli, month_workspace, out, "--paper", "a4")
    assert f"report written to {out} (6 entries)" in result.out
    text = pdf_tools.words(out)
    for expected in (
        "Riverside Peer Services",  # the organisation, in every page's header
        "Peer support work: PW-07", "2026-11-01 to 2026-11-30",
        "4h 20m",  # hours logged: 260 minutes
        "6 entries", "3h 05m",  # direct work
        "Direct 3h 05m (71%) · Indirect 1h 15m (29%)",
        "Advocacy 1h 35m · 3 entries", "Group facilitation 1h 30m · 1 entry",
        "126h expected (30 h a week)",  # 21 weekdays at 30 hours a week
        "Individuals served (distinct client refs of direct work) 1",
        "Group attendance (people in them) 6",
        "2026-W45 2–8 Nov 3h 05m 1h 4h 05m 5", "Total 6 weeks 3h 05m 1h 15m 4h 20m 6",
        "Presence 2 entries", "People reached in direct work (counted per entry): 9",
    ):
        assert expected in text, expected
    assert "Talked through the housing form" not in text and "C-102" not in text  # left out unless asked
    assert "Notes and client refs left out." in text
    assert pdf_tools.info(out)["Page size"] == "595 x 842 pts (A4)"


def colours_of(png: Path) -> list[tuple[int, int, int]]:
    image = QImage(str(png))
    assert not image.isNull(), png
    return [image.pixelColor(x, y).getRgb()[:3] for y in range(image.height()) for x in range(image.width())]


def near(colours, hex_colour: str) -> bool:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return any(abs(r - c[0]) + abs(g - c[1]) + abs(b - c[2]) < 30 for c in set(colours))


def test_its_pages_render_with_the_charts_in_the_work_types_colours(cli, month_workspace, tmp_path, qapp):
    out = tmp_path / "november.pdf"
    report(cli, month_workspace, out)
    pages = pdf_tools.pages(out, tmp_path / "pages")
    assert 1 <= len(pages) <= 3
    first = colours_of(pages[0])
    assert near(first, "#0072B2") and near(first, "#E69F00")  # direct and indirect bars, drawn
    inked = sum(1 for c in first if sum(c) < 600)
    assert inked > len(first) * 0.02  # a page with content, not an empty one


def test_letter_paper(cli, month_workspace, tmp_path):
    out = tmp_path / "letter.pdf"
    report(cli, month_workspace, out, "--paper", "letter")
    assert pdf_tools.info(out)["Page size"].startswith("612 x 792 pts")


def test_notes_and_client_refs_only_when_asked(cli, month_workspace, tmp_path):
    out = tmp_path / "with.pdf"
    report(cli, month_workspace, out, "--notes", "--client-refs")
    text = pdf_tools.words(out)
    assert "Talked through the housing form" in text and "C-102" in text
    assert "C-999" not in text  # December's
    assert "Notes and client refs included." in text
    log = cli("audit", "--data-dir", month_workspace.data_dir).out
    assert "PDF to with.pdf, notes and client refs included" in log


def test_a_period_without_entries_says_so_on_one_page(cli, month_workspace, tmp_path):
    out = tmp_path / "empty.pdf"
    result = cli("report", "--data-dir", month_workspace.data_dir, "--from", "2027-01-01", "--to", "2027-01-31",
                 "--out", out)
    assert result.code == 0 and "no entries in the period" in result.out
    assert pdf_tools.info(out)["Pages"] == "1"
    assert "No entries from 2027-01-01 to 2027-01-31." in pdf_tools.words(out)


def test_an_unwritable_place_exits_2_with_the_path_and_writes_nothing(cli, month_workspace, tmp_path):
    missing = tmp_path / "no such folder" / "r.pdf"
    result = cli("report", "--data-dir", month_workspace.data_dir, *NOV, "--out", missing)
    assert result.code == 2 and str(missing.parent) in result.err
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    result = cli("report", "--data-dir", month_workspace.data_dir, *NOV, "--out", folder)
    assert result.code == 2 and str(folder) in result.err
    own = month_workspace.data_dir / "peerdesk.db"
    before = own.read_bytes()
    result = cli("report", "--data-dir", month_workspace.data_dir, *NOV, "--out", own)
    assert result.code == 2 and "one of PeerDesk's own files" in result.err
    assert own.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_folder_exits_2(cli, month_workspace, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    result = cli("report", "--data-dir", month_workspace.data_dir, *NOV, "--out", folder / "r.pdf")
    assert result.code == 2 and str(folder / "r.pdf") in result.err
    assert list(folder.iterdir()) == []


def test_a_cancelled_report_leaves_no_file_and_an_older_one_untouched(month_workspace, tmp_path, qapp):
    from datetime import date

    from peerdesk.operations.reporting import worker_report_of, write_report
    from peerdesk.reports.pdf import Options, ReportCancelled, pdf_bytes

    out = tmp_path / "older.pdf"
    out.write_bytes(b"%PDF older")
    store = month_workspace.open_store()
    try:
        r = worker_report_of(store, month_workspace.taxonomy, date(2026, 11, 1), date(2026, 11, 30))
        with pytest.raises(ReportCancelled):
            write_report(out, r, lambda rep: pdf_bytes(rep, month_workspace.taxonomy, Options(),
                                                       progress=lambda done, total: done == 0))
    finally:
        month_workspace.close()
    assert out.read_bytes() == b"%PDF older"
    assert [p.name for p in tmp_path.iterdir() if p.name != "data"] == ["older.pdf"]
