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

The collector stays off from that collection until the rows are frozen: were it
turned on first, its next pass would walk every object the reading made (all of
them new to it) once, only to find nothing to free: a tenth of the review's time.
Reading CSV files makes no reference cycles (a test holds it to that), so what it
leaves for the collector is the review's rows alone. A workbook's reader
(openpyxl) does leave cycles behind: after one, the new objects are collected
before they are frozen.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import _

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy
    from ..exchange.review import ReviewResult, SummaryRow


def review_files(
    paths: Iterable[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    *,
    progress: Callable[[int, int], bool] | None = None,
    trusted: dict[str, str] | None = None,
    accept_changed: bool = False,
) -> ReviewResult:
    """Read and check every file for a review (*progress(done, total)* may return False to stop).

    Each file's signature (``FILE.sig``) is checked against the *trusted* keys (fingerprint →
    worker) and said as a note: signed by WORKER and intact, signed by an unknown key, not
    signed (said only once the supervisor trusts a key: before that, no file is); a file
    changed after it was signed (or with a signature that does not check) is
    left out, unless *accept_changed*, which the summary line then says."""
    from ..exchange.reading import FILE_COLUMN, Problem
    from ..exchange.review import read_files
    from ..exchange.signatures import CHANGED, UNSIGNED, verify

    files = [Path(p) for p in paths]
    verdicts = {str(p): verify(p, trusted or {}) for p in files if p.is_file()}
    refused = {name for name, v in verdicts.items() if v.refused and not accept_changed}
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()  # until the rows are frozen (see above)
    try:
        result = read_files([p for p in files if str(p) not in refused], taxonomy, progress=progress)
        for name, verdict in verdicts.items():
            if name in refused:
                result.files.append(name)
                result.problems.append(Problem(name, 1, FILE_COLUMN, _(
                    "{verdict}: its rows are left out (review --accept-changed counts them)").format(
                    verdict=verdict.message)))
            elif verdict.kind == CHANGED:
                result.problems.append(Problem(name, 1, FILE_COLUMN, _(
                    "{verdict}; counted because the supervisor accepted the changed file").format(
                    verdict=verdict.message), note=True))
            elif verdict.kind != UNSIGNED or trusted:  # "not signed" only where signatures are in use
                result.problems.append(Problem(name, 1, FILE_COLUMN, verdict.message, note=True))
        if any(p.suffix.lower() == ".xlsx" for p in files):
            gc.collect(0)  # the objects the reading made, all of them new since the collection above
        gc.freeze()  # which also starts the collector's count of new objects again from 0
    finally:
        if collecting:
            gc.enable()
    return result


TRUSTED_KEYS = "trusted-keys"  # the folder of a supervisor's data folder with the workers' keys


def trusted_keys(data_dir: Path) -> dict[str, str]:
    """The workers' public keys a supervisor registered: fingerprint → worker."""
    folder = data_dir / TRUSTED_KEYS
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.key")) if folder.is_dir() else []:
        worker, _public, fp = path.read_text("utf-8").strip().split("\t")
        found[fp] = worker
    return found


def trust_key(data_dir: Path, text: str) -> tuple[str, str]:
    """Register a worker's key from what `peerdesk key --show` printed; (worker, fingerprint)."""
    import base64
    import re

    from ..exchange.signatures import fingerprint
    from ..files import write_atomically

    worker = re.search(r"^worker: (.+)$", text, re.M)
    key = re.search(r"^public-key: ([A-Za-z0-9+/=]{44})$", text, re.M)
    if worker is None or key is None:
        raise ValueError(_("not a key as `peerdesk key --show` prints it (lines worker: … and public-key: …)"))
    public = base64.b64decode(key.group(1))
    fp = fingerprint(public)
    folder = data_dir / TRUSTED_KEYS
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"{fp.replace(' ', '')}.key", f"{worker.group(1)}\t{key.group(1)}\t{fp}\n")
    return worker.group(1), fp


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
