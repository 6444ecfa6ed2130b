"""The review's File ▸ Funder's figures…: the team's figures for the weeks the review shows, in
the terms funders use (:mod:`peerdesk.domain.stats`), as a table to read or copy into a form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import count_of, format_minutes
from ..domain.stats import LABELS
from ..domain.taxonomy import Taxonomy
from ..i18n import _
from ..reports.pdf import number
from .fitting import open_size


def figure_rows(got: dict[str, Any], taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """(what, value) for each figure, then the time by work type, by category and by reporting code."""
    rows = [(_(label), number(got[key])) for key, label in LABELS.items()]
    # TRANSLATORS: a row of the funder's figures: the time of a work type or category, "Time: Advocacy"
    time_of = _("Time: {what}")
    rows += [(time_of.format(what=taxonomy.work_types[k].label if k in taxonomy.work_types else k), format_minutes(m))
             for k, m in got["minutes_by_work_type"].items()]
    rows += [(time_of.format(what=taxonomy.category_label(k)), format_minutes(m))
             for k, m in got["minutes_by_category"].items()]
    # TRANSLATORS: a reporting system's code, e.g. "OCAN code 12"
    code_of = _("{system} code {code}")
    rows += [(code_of.format(system=system, code=code),
              f"{format_minutes(c['minutes'])} ({count_of(c['entries'], 'entry', 'entries')})")
             for system, codes in got["minutes_by_code"].items() for code, c in codes.items()]
    return rows


class FiguresDialog(QDialog):
    def __init__(self, got: dict[str, Any], taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="figures_dialog")
        self.setWindowTitle(_("Funder's figures"))
        self.rows = figure_rows(got, taxonomy)
        period = QLabel(_("{first} to {last}: the entries files of the weeks shown (weekly summary files hold no "
                          "contacts)").format(first=got["from"], last=got["to"]), wordWrap=True,
                        objectName="figures_period")
        self.table = QTableWidget(len(self.rows), 2, objectName="figures_table")
        self.table.setAccessibleName(_("Funder's figures"))
        self.table.setAccessibleDescription(_("Each figure and its value for the period, one a row"))
        self.table.setHorizontalHeaderLabels([_("Figure"), _("Value")])
        for i, (what, value) in enumerate(self.rows):
            self.table.setItem(i, 0, QTableWidgetItem(what))
            cell = QTableWidgetItem(value)
            cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(i, 1, cell)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        copy = QPushButton(_("&Copy as text"), objectName="figures_copy")
        copy.setAccessibleDescription(_("Copies the figures as lines of tab-separated text, for a spreadsheet or a "
                                        "form"))
        copy.clicked.connect(self.copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(period)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        open_size(self, 560, 480)  # grown with larger text, never past the screen's free area

    def text(self) -> str:
        """The figures as lines of tab-separated cells: they paste into a spreadsheet or a form."""
        return "".join(f"{what}\t{value}\n" for what, value in self.rows)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text())


def open_figures(review) -> FiguresDialog:
    from ..operations.reporting import review_figures, review_period
    from .report_dialog import selected_span

    first, last = review_period(review.result)
    start, end = selected_span(review.selection(), first, last)
    dialog = FiguresDialog(review_figures(review.result, review.taxonomy, start, end), review.taxonomy, review)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
