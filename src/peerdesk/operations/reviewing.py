"""A supervisor's review: workers' exports read for as long as the review stays open.

The files are read and checked by the one reader of the CSV contract
(:func:`peerdesk.exchange.review.read_files`); the review window and
``peerdesk review`` both come here, so they read the same files the same way.

A team's year is 100,000 rows, kept until the review closes. They hold no
reference cycles (reference counting frees them), but Python's cyclic
collector would walk each of them again and again as they age through its
generations: about a quarter of the time the review takes. So once they are
read, the process's objects are moved out of the collector's sight
(:func:`gc.freeze`), after a full collection, so that nothing that was garbage
already is kept by it. That is a decision for the whole process, which is why
it is made here, where the application decides, and not in the reader.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy
    from ..exchange.review import ReviewResult, SummaryRow


def review_files(
    paths: Iterable[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    *,
    progress: Callable[[int, int], bool] | None = None,
) -> ReviewResult:
    """Read and check every file for a review (*progress(done, total)* may return False to stop)."""
    from ..exchange.review import read_files

    gc.collect()
    result = read_files(paths, taxonomy, progress=progress)
    gc.freeze()
    return result


def review_server(url: str, team: str, start: date, end: date, taxonomy: Taxonomy) -> ReviewResult:
    """A team from the team server (as the supervisor's role), read and checked as files are."""
    from ..exchange.review import read_texts
    from ..teamserver.team import team_texts

    gc.collect()
    result = read_texts(team_texts(url, team, start, end, taxonomy), taxonomy)
    gc.freeze()
    return result


def review_closed() -> None:
    """The review's rows are gone: the collector sees every object again."""
    gc.unfreeze()


def save_summary(rows: Iterable[SummaryRow], path: str | os.PathLike[str]) -> int:
    """The review's combined view as a summary CSV (written atomically); the number of rows."""
    from ..exchange.review import write_summary

    return write_summary(rows, Path(path))
