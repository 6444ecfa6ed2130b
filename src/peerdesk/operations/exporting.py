"""Exporting a period for a supervisor, the same for the window and the command line: the
entries, their weekly summary or both as CSV files, or one workbook holding both
(:mod:`peerdesk.exchange.csv_export`, :mod:`peerdesk.exchange.xlsx_export`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy
    from ..exchange.csv_export import ExportResult, Progress
    from ..storage.store import Store


def export_period(
    store: Store,
    taxonomy: Taxonomy,
    start: date,
    end: date,
    *,
    entries_path: str | Path | None = None,
    summary_path: str | Path | None = None,
    workbook: bool = False,
    include_notes: bool = False,
    include_client_refs: bool = True,
    progress: Progress | None = None,
) -> list[ExportResult]:
    """The files asked for: a workbook at *entries_path* (with *workbook*), else the entries' CSV
    file at *entries_path* and the weekly summary's at *summary_path*, either or both (both appear
    together or not at all). Refused, cancelled and failed exports raise as the exchange's do."""
    from ..exchange.csv_export import export_both, export_entries, export_summary

    notes, refs = include_notes, include_client_refs
    if workbook:
        from ..exchange.xlsx_export import export_workbook

        if entries_path is None:
            raise ValueError("export_period: a workbook is written at entries_path")
        return [export_workbook(store, taxonomy, start, end, entries_path, include_notes=notes,
                                include_client_refs=refs, progress=progress)]
    if entries_path is not None and summary_path is not None:
        return list(export_both(store, taxonomy, start, end, entries_path, summary_path, include_notes=notes,
                                include_client_refs=refs, progress=progress))
    if entries_path is not None:
        return [export_entries(store, taxonomy, start, end, entries_path, include_notes=notes,
                               include_client_refs=refs, progress=progress)]
    if summary_path is None:
        raise ValueError("export_period: no file asked for")
    return [export_summary(store, taxonomy, start, end, summary_path, progress=progress)]
