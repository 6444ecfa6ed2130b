"""The contract's small parts: neutralising text cells, restoring them, column lists, file names."""

from __future__ import annotations

from datetime import date

import pytest

from peerdesk.exchange.csv_format import (
    DANGEROUS_PREFIXES,
    ENTRY_COLUMNS,
    ENTRY_COLUMNS_V1,
    ENTRY_NUMERIC_COLUMNS,
    FORMAT_VERSION,
    SUMMARY_COLUMNS,
    SUMMARY_COLUMNS_V1,
    SUMMARY_NUMERIC_COLUMNS,
    neutralise,
    restore,
    safe_name_part,
    suggested_filename,
    summary_path_beside,
)


def test_the_columns_are_those_of_design_md():
    assert FORMAT_VERSION == 2
    assert ENTRY_COLUMNS == (
        "entry_id", "worker", "date", "week", "start_time", "minutes", "work_type", "category",
        "category_label", "mode", "format", "people", "client_ref", "tags", "note", "period_start", "period_end",
    )
    assert SUMMARY_COLUMNS == (
        "worker", "week", "week_start", "work_type", "category", "category_label", "minutes", "entries", "people",
        "first_day", "last_day",
    )
    # version 1 is version 2 without the days: its files are still read
    assert ENTRY_COLUMNS[:15] == ENTRY_COLUMNS_V1 and SUMMARY_COLUMNS[:9] == SUMMARY_COLUMNS_V1
    assert {"minutes", "people"} == ENTRY_NUMERIC_COLUMNS and set(ENTRY_COLUMNS) >= ENTRY_NUMERIC_COLUMNS
    assert {"minutes", "entries", "people"} == SUMMARY_NUMERIC_COLUMNS
    assert set(SUMMARY_COLUMNS) >= SUMMARY_NUMERIC_COLUMNS


def test_the_dangerous_prefixes_are_owasps():
    assert set(DANGEROUS_PREFIXES) == {"=", "+", "-", "@", "\t", "\r", "\n", "\0"}


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", "\n", "\0"])
@pytest.mark.parametrize("rest", ["", "1+1", "SUM(A1:A9)", "cmd|' /C calc'!A0", "'", "=x"])
def test_every_dangerous_prefix_is_neutralised_and_restored(prefix, rest):
    text = prefix + rest
    cell = neutralise(text)
    assert cell == "'" + text
    assert restore(cell) == text


@pytest.mark.parametrize("text", ["'", "'quoted", "''twice", "'=already"])
def test_a_leading_apostrophe_gets_one_more(text):
    assert neutralise(text) == "'" + text
    assert restore(neutralise(text)) == text


@pytest.mark.parametrize(
    "text", ["", "advocacy", "PW-07", "C-102", " =space first", "a=b", "2026-W48", "Zoë 🙂", "1", "x-1"]
)
def test_safe_text_is_left_alone(text):
    assert neutralise(text) == text
    assert restore(text) == text


def test_restore_strips_exactly_one_apostrophe():
    assert restore("''x") == "'x"
    assert restore("'") == ""
    assert restore("x'") == "x'"


@pytest.mark.parametrize(
    ("worker", "part"),
    [
        ("PW-07", "PW-07"),
        ("Zoë Ó'Brien", "Zoë_Ó_Brien"),
        ("../../etc/passwd", "etc_passwd"),
        ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"),
        ("   ", "worker"),
        ("...", "worker"),
        ("x" * 100, "x" * 40),
        ("PW 07\t\n", "PW_07"),
    ],
)
def test_the_worker_part_of_a_file_name_is_safe(worker, part):
    assert safe_name_part(worker) == part


def test_suggested_file_names():
    start, end = date(2026, 11, 23), date(2026, 11, 29)
    assert suggested_filename("PW-07", start, end) == "peerdesk_PW-07_2026-11-23_2026-11-29.csv"
    assert suggested_filename("PW-07", start, end, summary=True) == "peerdesk_PW-07_2026-11-23_2026-11-29_summary.csv"
    assert suggested_filename("A/B", start, end) == "peerdesk_A_B_2026-11-23_2026-11-29.csv"


def test_the_summary_goes_beside_the_entries(tmp_path):
    assert summary_path_beside(tmp_path / "x.csv") == tmp_path / "x_summary.csv"
    assert summary_path_beside(tmp_path / "x.CSV") == tmp_path / "x_summary.csv"
    assert summary_path_beside(tmp_path / "x") == tmp_path / "x_summary.csv"
