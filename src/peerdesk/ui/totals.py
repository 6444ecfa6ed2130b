"""The week's totals: minutes per day and the direct / indirect / role split."""

from __future__ import annotations

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ..domain.entry import format_minutes
from ..domain.summary import WeekSummary
from ..i18n import _
from . import style
from .chart_parts import percent
from .fitting import Bands, WrappingRow

NBSP = "\u00a0"


class TotalsPanel(WrappingRow):
    """The days' totals in a row, the week's last, each day's name over its total; under them
    the split. Where the row is wider than the panel (larger text on a small screen), the days
    take two bands of four, and the split wraps between its parts: the panel never widens the
    window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.day_labels: list[QLabel] = []
        self.day_values: list[QLabel] = []
        for i in range(7):
            name = QLabel(alignment=Qt.AlignCenter)
            style.muted(name)
            self.day_labels.append(name)
            self.day_values.append(QLabel(alignment=Qt.AlignCenter, objectName=f"day_total_{i}"))
        self.week_total = QLabel(objectName="week_total", alignment=Qt.AlignCenter)
        bold = QFont()  # only the weight: the size follows the window (View ▸ Larger text)
        bold.setBold(True)
        self.week_total.setFont(bold)
        week_name = QLabel(_("Week"), alignment=Qt.AlignCenter)
        style.muted(week_name)
        columns = [*zip(self.day_labels, self.day_values, strict=True), (week_name, self.week_total)]
        self.days = Bands(columns, across=False, choices=(8, 4))
        self.days.grid.setHorizontalSpacing(14)
        self.days.grid.setVerticalSpacing(2)
        self.split_label = QLabel(objectName="split", wordWrap=True)
        self.split_label.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.days)
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
        # it wraps only between the parts: "Indirect: 12h 10m (40%)" stays on one line
        self.split_label.setText("   ·   ".join(part.replace(" ", NBSP) for part in parts))
