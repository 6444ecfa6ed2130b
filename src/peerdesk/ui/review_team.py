"""The review's team table: one row per worker × week, minutes per work type, the total and the direct share."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ..domain.entry import format_minutes
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..exchange.review import TeamRow
from ..i18n import _, ngettext
from ..reports.pdf import number
from .review_tables import SORT_ROLE, ReadOnlyTable

__all__ = ["SHARE_OF", "SORT_ROLE", "TeamModel"]

SHARE_OF = "direct"  # the work type whose share the table and the share chart show


class TeamModel(ReadOnlyTable):
    """Worker × week rows: minutes per work type, the total and the direct share."""

    def __init__(self, taxonomy: Taxonomy, parent=None) -> None:
        super().__init__(parent)
        self.work_types = list(taxonomy.work_types)
        labels = [wt.label for wt in taxonomy.work_types.values()]
        share_label = taxonomy.work_types[SHARE_OF].label if SHARE_OF in taxonomy.work_types else SHARE_OF
        # TRANSLATORS: the share column's title: "Direct %" (the work type's label)
        self.columns = [_("Worker"), _("Week"), *labels, _("Total"), _("{work_type} %").format(work_type=share_label)]
        self.numeric = frozenset(range(2, len(self.columns)))
        self.share_tip = _("{work_type} share: the part of the week's time that was {work_type_lower} work").format(
            work_type=share_label, work_type_lower=share_label.lower())

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole and section == len(self.columns) - 1:
            return self.share_tip
        return super().headerData(section, orientation, role)

    def key(self, row: TeamRow, column: int) -> str | int | float:
        """The raw value of a cell: text, minutes, or a percentage (what the table sorts by)."""
        if column == 0:
            return row.worker
        if column == 1:
            return row.week
        if column < 2 + len(self.work_types):
            return row.by_work_type.get(self.work_types[column - 2], 0)
        if column == 2 + len(self.work_types):
            return row.total
        return row.share(SHARE_OF)

    def text(self, row: TeamRow, column: int) -> str:
        value = self.key(row, column)
        if column < 2:
            return str(value)
        if column == len(self.columns) - 1:
            return _("{value}%").format(value=round(value))
        return format_minutes(int(value))

    def tip(self, row: TeamRow, column: int) -> str | None:
        if column == 1:
            try:
                return Week.parse(row.week).label()
            except ValueError:
                return None
        if column == len(self.columns) - 1:
            # TRANSLATORS: the share cell's tip: "64.3% of 12h 30m"
            return _("{percent}% of {time}").format(percent=number(self.key(row, column), 1),
                                                    time=format_minutes(row.total))
        if column >= 2:
            minutes = int(self.key(row, column))
            return ngettext("{n} minute", "{n} minutes", minutes).format(n=number(minutes))
        return None
