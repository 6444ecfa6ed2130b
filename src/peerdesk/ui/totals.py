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
from .fitting import WrappingRow

NBSP = "\u00a0"


class TotalsPanel(WrappingRow):
    """The days' totals in a row, the week's last; under them the split.

    Where the row is wider than the panel (larger text on a small screen), the days take two
    bands of four, and the split wraps between its parts: the panel never widens the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.day_labels: list[QLabel] = []
        self.day_values: list[QLabel] = []
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(2)
        for i in range(7):
            name = QLabel(alignment=Qt.AlignCenter)
            style.muted(name)
            value = QLabel(alignment=Qt.AlignCenter, objectName=f"day_total_{i}")
            self.day_labels.append(name)
            self.day_values.append(value)
        self.week_total = QLabel(objectName="week_total", alignment=Qt.AlignCenter)
        bold = QFont()  # only the weight: the size follows the window (View ▸ Larger text)
        bold.setBold(True)
        self.week_total.setFont(bold)
        week_name = QLabel(_("Week"), alignment=Qt.AlignCenter)
        style.muted(week_name)
        # each column: its name over its value
        self._columns = [*zip(self.day_labels, self.day_values, strict=True), (week_name, self.week_total)]
        self._per_band = 0
        self._arrange(len(self._columns))
        self.split_label = QLabel(objectName="split", wordWrap=True)
        self.split_label.setTextFormat(Qt.PlainText)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)
        layout.addWidget(self.split_label)

    def _arrange(self, per_band: int) -> None:
        """The columns in bands of *per_band*, each band a row of names over a row of values."""
        if per_band == self._per_band:
            return
        self._per_band = per_band
        for name, value in self._columns:
            self.grid.removeWidget(name)
            self.grid.removeWidget(value)
        for i, (name, value) in enumerate(self._columns):
            band, column = divmod(i, per_band)
            self.grid.addWidget(name, 2 * band, column)
            self.grid.addWidget(value, 2 * band + 1, column)

    def _band_width(self, per_band: int) -> int:
        """The panel's width with its columns in bands of *per_band*."""
        widths = [max(name.sizeHint().width(), value.sizeHint().width()) for name, value in self._columns]
        columns = [max(widths[j::per_band]) for j in range(per_band)]
        margins = self.contentsMargins()
        layout = self.layout()
        if layout is not None:
            inner = layout.contentsMargins()
            margins.setLeft(margins.left() + inner.left())
            margins.setRight(margins.right() + inner.right())
        return sum(columns) + self.grid.horizontalSpacing() * (per_band - 1) + margins.left() + margins.right()

    def least_width(self) -> int:
        return self._band_width(len(self._columns) // 2)

    def preferred_width(self) -> int:
        return max(self._band_width(len(self._columns)), self.split_label.sizeHint().width())

    def _fit(self) -> None:
        one_row = self._band_width(len(self._columns))
        self._arrange(len(self._columns) if self.width() >= one_row else len(self._columns) // 2)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._fit()
        super().resizeEvent(event)

    def show_summary(self, summary: WeekSummary) -> None:
        for i, (day, minutes) in enumerate(summary.by_day.items()):
            # the day's short name in the language (QLocale's default, set at start-up): "Tue 24", "mar. 24"
            self.day_labels[i].setText(QLocale().toString(QDate(day.year, day.month, day.day), "ddd dd"))
            self.day_values[i].setText(format_minutes(minutes) if minutes else "–")
        self.week_total.setText(format_minutes(summary.total) if summary.total else "–")
        self._fit()
        self.updateGeometry()
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
