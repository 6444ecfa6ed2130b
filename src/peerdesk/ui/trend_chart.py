"""The trend card: hours per week by work type, with the contracted hours' line.

Made when its tab is first shown, not on the way to the week's first paint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QLineSeries, QStackedBarSeries, QValueAxis
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QFont, QPalette, QPen
from PySide6.QtWidgets import QComboBox, QToolTip, QWidget

from ..domain.summary import TrendWeek
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..i18n import N_, _, ngettext
from . import palette, plain_text
from .chart_card import ChartCard
from .chart_parts import (
    HOURS,
    Cell,
    add_bars,
    exact,
    fit_value_axis,
    guide_name,
    new_chart,
    put_values,
    set_categories,
    set_title,
    show_tip,
    trend_table,
    trend_text,
    unit_for,
    week_short,
)

if TYPE_CHECKING:
    pass

TREND_CHOICES = (4, 12, 26, 52)
DEFAULT_TREND_WEEKS = 12


class TrendChart(ChartCard):
    """Stacked columns per week by work type; click a column to go to that week."""

    TITLE = N_("Hours per week")
    week_clicked = Signal(object)
    weeks_changed = Signal(int)

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__("trend", _("Nothing logged in these weeks yet."), parent)
        self.taxonomy = taxonomy
        self.chart = new_chart(self, _("Trend"))
        self.view = self._view(self.chart, "trend_view", _("Hours per week"))
        self.body_layout.addWidget(self.view)
        self.weeks_combo = QComboBox()
        self.weeks_combo.setObjectName("trend_weeks")
        for n in TREND_CHOICES:
            self.weeks_combo.addItem(ngettext("Last {n} week", "Last {n} weeks", n).format(n=n), n)
        self.weeks_combo.setAccessibleName(_("Weeks in the trend"))
        self.weeks_combo.setCurrentIndex(TREND_CHOICES.index(DEFAULT_TREND_WEEKS))
        self.weeks_combo.currentIndexChanged.connect(lambda: self.weeks_changed.emit(self.weeks_count()))
        self.header.insertWidget(self.header.indexOf(self.table_button), self.weeks_combo)
        QWidget.setTabOrder(self.weeks_combo, self.table_button)
        self.series: QStackedBarSeries | None = None  # the drawn series; None while empty
        self.guide: QLineSeries | None = None  # the contracted-hours line, when drawn
        self.weeks: list[Week] = []
        self.selected: Week | None = None
        self._divisor = 60.0
        # made on the first weeks with work, then updated in place (see ThisWeekChart)
        self._series: QStackedBarSeries | None = None
        self._sets: dict[str, QBarSet] = {}  # work type key -> its set
        self._values: dict[str, list[float]] = {}
        self._x_axis: QBarCategoryAxis | None = None
        self._y_axis: QValueAxis | None = None
        self._guide: QLineSeries | None = None
        self._guide_x: QValueAxis | None = None
        self._trend: list[TrendWeek] = []  # what is drawn (for its text alternative)
        self._contracted = 0.0

    def weeks_count(self) -> int:
        return int(self.weeks_combo.currentData())

    def set_weeks_count(self, n: int) -> None:
        self.weeks_combo.setCurrentIndex(self.weeks_combo.findData(n))

    def show_trend(self, trend: list[TrendWeek], selected: Week, contracted_hours: float = 0.0) -> None:
        self.weeks = [t.week for t in trend]
        self.selected = selected
        if not any(t.total for t in trend):
            self.series = self.guide = None
            self.set_empty(True, ngettext("Nothing logged in the {n} week up to week {number}.",
                                          "Nothing logged in the {n} weeks up to week {number}.",
                                          len(trend)).format(n=len(trend), number=selected.number))
            return
        self.set_empty(False)
        refont = self._take_font()
        first, last = self.weeks[0], self.weeks[-1]
        set_title(self.chart, _("Hours per week · {first} to {last}").format(first=first, last=last))
        peak = max(max(t.total for t in trend), contracted_hours * 60)
        unit_name, divisor = unit_for(peak)
        self._divisor = divisor
        font = self.font()
        if self._series is None:
            self._make_series(font)
            refont = True
        picked = [self.weeks.index(selected)] if selected in self.weeks else []
        for wt_key, bar in self._sets.items():
            values = [t.by_work_type.get(wt_key, 0) / divisor for t in trend]
            self._values[wt_key] = put_values(bar, self._values[wt_key], values)
            if bar.selectedBars() != picked:
                bar.deselectAllBars()
                if picked:
                    bar.selectBar(picked[0])
        axis_title = _("ISO week (selected week darker)")
        if self._x_axis.titleText() != axis_title:
            self._x_axis.setTitleText(axis_title)
        set_categories(self._x_axis, [self._week_label(w, i) for i, w in enumerate(self.weeks)])
        if refont:
            for axis in (self._x_axis, self._y_axis):
                axis.setTitleFont(font)
                axis.setLabelsFont(font)
        fit_value_axis(self._y_axis, unit_name, peak / divisor)
        self.series = self._series
        self._show_guide(contracted_hours, divisor)
        self._trend, self._contracted = list(trend), contracted_hours
        self.alternative_changed()

    def descriptions(self) -> list[tuple[QWidget, str]]:
        return [(self.view, trend_text(self._trend, self.taxonomy, self._contracted))]

    def table_contents(self) -> tuple[list[str], list[list[Cell]]]:
        return trend_table(self._trend, self.taxonomy, self._contracted)

    def _make_series(self, font: QFont) -> None:
        series = QStackedBarSeries()
        series.setBarWidth(0.75)
        for wt_key, wt in self.taxonomy.work_types.items():
            bar = QBarSet(plain_text.chart(wt.label))
            colour = palette.work_type_colour(self.taxonomy, wt_key)
            bar.setColor(colour)
            bar.setBorderColor(colour)
            bar.setSelectedColor(colour.darker(160))
            bar.setProperty("work_type", wt_key)
            series.append(bar)
            self._sets[wt_key] = bar
            self._values[wt_key] = []
        series.clicked.connect(self._clicked)
        series.hovered.connect(self._hovered)
        self._x_axis, self._y_axis = add_bars(self.chart, series, Qt.AlignBottom, HOURS, 0, font)
        self._series = series

    def _show_guide(self, contracted_hours: float, divisor: float) -> None:
        """The dashed line at the contracted hours, or none."""
        if contracted_hours <= 0:
            if self._guide is not None:
                self.chart.removeSeries(self._guide)
                self.chart.removeAxis(self._guide_x)
                self._guide.deleteLater()
                self._guide_x.deleteLater()
                self._guide = self._guide_x = None
            self.guide = None
            return
        if self._guide is None:
            guide = QLineSeries()
            self.chart.addSeries(guide)
            hidden_x = QValueAxis()
            hidden_x.setVisible(False)
            self.chart.addAxis(hidden_x, Qt.AlignTop)
            guide.attachAxis(hidden_x)
            guide.attachAxis(self._y_axis)
            self._guide, self._guide_x = guide, hidden_x
        guide = self._guide
        name = guide_name(contracted_hours)
        if guide.name() != name:
            guide.setName(name)
        pen = QPen(self.palette().color(QPalette.Text))  # as the axes' text: seen on any theme
        pen.setStyle(Qt.DashLine)
        pen.setWidthF(2)
        if guide.pen() != pen:
            guide.setPen(pen)
        right = len(self.weeks) - 0.5
        level = contracted_hours * 60 / divisor
        points = [QPointF(-0.5, level), QPointF(right, level)]
        if guide.points() != points:
            guide.replace(points)
        if self._guide_x.max() != right or self._guide_x.min() != -0.5:
            self._guide_x.setRange(-0.5, right)
        self.guide = guide

    def _week_label(self, week: Week, i: int) -> str:
        step = 1 if len(self.weeks) <= 12 else 2 if len(self.weeks) <= 26 else 4
        if (len(self.weeks) - 1 - i) % step:
            return "\u200b" * (i + 1)  # an unlabelled column; category names must stay distinct
        return week_short(week)

    def _clicked(self, index: int, _barset: QBarSet) -> None:
        if 0 <= index < len(self.weeks):
            self.week_clicked.emit(self.weeks[index])

    def _hovered(self, status: bool, index: int, barset: QBarSet) -> None:
        from html import unescape  # (its entity tables: not before the first week is shown)

        if not status or not (0 <= index < len(self.weeks)):
            QToolTip.hideText()
            return
        week = self.weeks[index]
        total = sum(b.at(index) for b in self.series.barSets()) * self._divisor
        minutes = barset.at(index) * self._divisor
        name = unescape(barset.label())  # the legend's text, as drawn
        show_tip(_("{week}\n{name}: {time}\nWeek total: {total}").format(
            week=week.label(), name=name, time=exact(minutes), total=exact(total)))

    def week_minutes(self) -> list[dict[str, int]]:
        """Per week shown, minutes per work type, read back from the drawn series."""
        if self.series is None:
            return []
        out: list[dict[str, int]] = [{} for _week in self.weeks]
        for bar in self.series.barSets():
            for i in range(bar.count()):
                out[i][bar.property("work_type")] = round(bar.at(i) * self._divisor)
        return out

    def selected_index(self) -> int:
        if self.series is None:
            return -1
        sets = self.series.barSets()
        picked = sets[0].selectedBars() if sets else []
        return picked[0] if picked else -1
