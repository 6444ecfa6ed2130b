"""A period's figures for a funder (:mod:`peerdesk.domain.stats`), from the store: the one door
for `peerdesk stats` and, later, the report's first page."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..domain.stats import figures

if TYPE_CHECKING:
    from ..domain.taxonomy import Taxonomy
    from ..storage.store import Store


def period_figures(store: Store, taxonomy: Taxonomy, start: date, end: date) -> dict[str, Any]:
    if end < start:
        raise ValueError(f"the period ends ({end}) before it starts ({start})")
    return {"from": start.isoformat(), "to": end.isoformat(), **figures(store.entries_between(start, end), taxonomy)}
