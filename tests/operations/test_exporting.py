"""One export use case for the window and the command line: the files asked for, or none."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from peerdesk.exchange.csv_read import read_entries
from peerdesk.operations.entries import add_entry
from peerdesk.operations.exporting import export_period

from .helpers import entry

WEEK = (dt.date(2026, 11, 23), dt.date(2026, 11, 29))


def test_the_entries_and_their_summary_or_a_workbook(store, taxonomy, tmp_path):
    for n in range(3):
        add_entry(store, entry(n))
    both = export_period(store, taxonomy, *WEEK, entries_path=tmp_path / "e.csv", summary_path=tmp_path / "s.csv")
    assert [r.path.name for r in both] == ["e.csv", "s.csv"] and both[0].rows == 3
    assert len(list(read_entries(tmp_path / "e.csv", taxonomy))) == 3
    [summary] = export_period(store, taxonomy, *WEEK, summary_path=tmp_path / "only.csv")
    assert summary.path == tmp_path / "only.csv"
    [book] = export_period(store, taxonomy, *WEEK, entries_path=tmp_path / "w.xlsx", workbook=True)
    assert openpyxl.load_workbook(book.path, read_only=True).sheetnames == ["Entries", "Weekly summary", "Charts"]


def test_nothing_asked_for_is_refused_and_writes_nothing(store, taxonomy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ValueError):
        export_period(store, taxonomy, *WEEK)
    with pytest.raises(ValueError):
        export_period(store, taxonomy, *WEEK, summary_path=out / "x.xlsx", workbook=True)
    assert list(out.iterdir()) == []
