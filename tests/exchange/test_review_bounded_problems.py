"""A file of bad rows is read in bounded memory: at most 1,000 problems of a file are listed
one by one, the rest are counted, and every count (summary line, file status) stays true."""

from __future__ import annotations

from peerdesk.domain.taxonomy import load_default
from peerdesk.exchange.csv_format import ENCODING, ENTRY_COLUMNS, LINE_END
from peerdesk.exchange.csv_text import PROBLEMS_PER_FILE
from peerdesk.exchange.review import read_files
from peerdesk.exchange.team_views import file_status


def bad_file(path, rows: int) -> None:
    """An entries file whose every row has minutes no one can have worked."""
    header = ",".join(ENTRY_COLUMNS)
    good = ["e-{n}", "PW-01", "2026-11-24", "2026-W48", "09:00", "99999", "direct", "advocacy", "Advocacy",
            "in_person", "individual", "1", "", "", "", "2026-11-23", "2026-11-29"]
    assert len(good) == len(ENTRY_COLUMNS)
    lines = [header] + [",".join(good).replace("e-{n}", f"00000000-0000-4000-8000-{n:012d}") for n in range(rows)]
    path.write_bytes(("\ufeff" + LINE_END.join(lines) + LINE_END).encode(ENCODING.replace("-sig", "")))


def test_thousands_of_bad_rows_are_listed_up_to_a_limit_and_counted_in_full(tmp_path):
    path = tmp_path / "peerdesk_PW-01_2026-11-23_2026-11-29.csv"
    bad_file(path, 5_000)
    result = read_files([path], load_default())
    listed = [p for p in result.problems if not p.note and not p.more]
    assert len(listed) == PROBLEMS_PER_FILE
    [count_line] = [p for p in result.problems if p.more]
    assert count_line.more == 4_000 and "4,000 more problems in this file" in str(count_line)
    assert result.lost_count() == 5_000
    assert "5000 problems" in result.summary_line()
    [status] = file_status(result)
    assert status.left_out == 5_000 and status.kept == 0


def test_a_large_files_lines_come_a_chunk_at_a_time_and_split_where_csv_splits(monkeypatch):
    import random

    from peerdesk.exchange import csv_text

    rnd = random.Random(18)
    for _ in range(100):
        pieces = [rnd.choice(["a,b", "x", '"q"', ""]) + rnd.choice(["\r\n", "\n", "\r"]) for _ in range(300)]
        text = "".join(pieces) * rnd.randint(1, 40)
        monkeypatch.setattr(csv_text, "_CHUNK", rnd.randint(1, 2000))
        assert list(csv_text.lines(text)) == text.splitlines(keepends=True)


def test_random_bytes_are_refused_at_once_as_binary(tmp_path):
    import random

    path = tmp_path / "peerdesk_PW-01.csv"
    path.write_bytes(random.Random(7).randbytes(2_000_000))
    result = read_files([path], load_default())
    assert [str(p) for p in result.problems] == [f"{path}:1:(file): is not a CSV file (it holds binary data)"]
