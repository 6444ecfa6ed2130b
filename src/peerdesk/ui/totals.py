"""The week's totals: minutes per day and the direct / indirect / role split."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ..domain.entry import format_minutes
from ..domain.summary import WeekSummary
from ..i18n import _
from . import style
from .chart_parts import percent


class TotalsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.day_labels: list[QLabel] = []
        self.day_values: list[QLabel] = []
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        for i in range(7):
            name = QLabel(alignment=Qt.AlignCenter)
            style.muted(name)
            value = QLabel(alignment=Qt.AlignCenter, objectName=f"day_total_{i}")
            self.day_labels.append(name)
            self.day_values.append(value)
            grid.addWidget(name, 0, i)
            grid.addWidget(value, 1, i)
        self.week_total = QLabel(objectName="week_total", alignment=Qt.AlignCenter)
        bold = QFont()  # only the weight: the size follows the window (View ▸ Larger text)
        bold.setBold(True)
        self.week_total.setFont(bold)
        week_name = QLabel(_("Week"), alignment=Qt.AlignCenter)
        style.muted(week_name)
        grid.addWidget(week_name, 0, 7)
        grid.addWidget(self.week_total, 1, 7)
        self.split_label = QLabel(objectName="split")
        self.split_label.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.split_label)

    def show_summary(self, summary: WeekSummary) -> None:
        for i, (day, minutes) in enumerate(summary.by_day.items()):
            # the day's short name in the language (QLocale's default, set at start-up): "Tue 24", "mar. 24"
            self.day_labels[i].setText(QLocale().toString(QDate(day.year, day.month, day.day), "ddd dd"))
            self.day_values[i].setText(format_minutes(minutes) if minutes else "–")
        self.week_total.setText(format_minutes(summary.total) if summary.total else "–")
        if not summary.total:
            self.split_label.setText(_("No work logged this week yet."))
            return
        parts = [
            _("{name}: {value}").format(name=label, value=f"{format_minutes(minutes)} ({percent(pct)})")
            for _key, label, minutes, pct in summary.split()
            if minutes or _key != "unknown"
        ]
        self.split_label.setText("   ·   ".join(parts))
