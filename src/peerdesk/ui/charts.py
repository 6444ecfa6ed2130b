"""Per-week charts (QtCharts): this week, the trend, and how the work was done.

Each chart card takes the summaries of :mod:`peerdesk.domain.summary` (the
same numbers as the table's totals) and draws them; none of them queries the
store. Every card has a title, units, a legend, tooltips with exact values,
an empty state, and "Save chart as PNG…" in its context menu.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, QPointF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QCursor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QStackedWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import FORMATS, MODES, count_of, format_minutes
from ..domain.summary import HowSummary, TrendWeek, WeekSummary
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from . import palette, style

TREND_CHOICES = (4, 12, 26, 52)
DEFAULT_TREND_WEEKS = 12


def unit_for(max_minutes: float) -> tuple[str, float]:
    """Axis unit: minutes up to 120, hours beyond (so axes never read '450')."""
    return ("Hours", 60.0) if max_minutes > 120 else ("Minutes", 1.0)


def exact(minutes: float) -> str:
    m = int(round(minutes))
    return f"{format_minutes(m)} ({m} min)"


def new_chart(widget: QWidget, title: str) -> QChart:
    chart = QChart()
    chart.setTheme(QChart.ChartThemeDark if palette.is_dark(widget.palette()) else QChart.ChartThemeLight)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignBottom)
    apply_fonts(chart, widget)
    return chart


def clear_chart(chart: QChart) -> None:
    """Remove (and delete) every series and axis, so nothing stale is ever drawn."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
        axis.deleteLater()


def apply_fonts(chart: QChart, widget: QWidget) -> None:
    """Title and legend in the widget's current font (which follows View ▸ Larger text)."""
    font = QFont(widget.font())
    chart.legend().setFont(font)
    font.setBold(True)
    chart.setTitleFont(font)


def _value_axis(title: str, max_value: float, font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleText(title)
    axis.setTitleFont(font)
    axis.setLabelsFont(font)
    axis.setMin(0)
    axis.setMax(max(max_value * 1.1, 1.0))
    axis.applyNiceNumbers()
    axis.setLabelFormat("%.1f" if title == "Hours" and max_value < 10 else "%.0f")
    return axis


def _short(label: str, limit: int = 24) -> str:
    """Axis labels stay readable beside the bars; the tooltip carries the full name."""
    return label if len(label) <= limit else label[: limit - 1].rstrip(" ,") + "…"


def show_tip(text: str) -> None:
    QToolTip.showText(QCursor.pos(), text)


class ChartCard(QWidget):
    """A chart area with an empty state and a context menu to save it as PNG."""

    save_requested = Signal(object)

    def __init__(self, name: str, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName(f"chart_{name}")
        self.body = QWidget()
        self.body_layout = QHBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(empty_text, alignment=Qt.AlignCenter, wordWrap=True)
        self.empty_label.setObjectName(f"empty_{name}")
        style.muted(self.empty_label)
        self.empty_label.setMargin(24)
        self.empty_label.setAutoFillBackground(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.body)
        self.stack.addWidget(self.empty_label)
        self.header = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.header)
        layout.addWidget(self.stack, 1)
        self.save_action = QAction("Save chart as PNG…", self)
        self.save_action.triggered.connect(lambda: self.save_requested.emit(self))

    def _view(self, chart: QChart) -> QChartView:
        view = QChartView(chart)
        view.setRenderHint(QPainter.Antialiasing)
        view.setContextMenuPolicy(Qt.NoContextMenu)  # the card's own menu handles it
        view.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Expanding)
        view.setMinimumSize(160, 160)
        return view

    def set_empty(self, empty: bool, text: str | None = None) -> None:
        if text:
            self.empty_label.setText(text)
        self.stack.setCurrentWidget(self.empty_label if empty else self.body)

    def is_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_label

    def contextMenuEvent(self, event) -> None:  # noqa: N802 - Qt API
        menu = QMenu(self)
        menu.addAction(self.save_action)
        menu.exec(event.globalPos())

    def render_image(self) -> QImage:
        """The chart as shown (or its empty state), for saving as PNG, at the card's full size."""
        # Qt lays out axes, legend and titles on the next event-loop pass; do it now, so an
        # image taken right after a change is complete rather than bare bars.
        QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        header_above = self.stack.geometry() != self.rect()  # the trend's weeks box: not in the image
        if header_above:
            self.stack.setGeometry(self.rect())
            QApplication.sendPostedEvents(None, QEvent.LayoutRequest)
        image = self.stack.currentWidget().grab().toImage()
        if header_above:
            self.layout().invalidate()
            self.layout().activate()
        return image


def save_card_png(window, dialogs, card: ChartCard, suggested: str) -> None:
    """Ask where (through *window*'s dialogs seam) and save *card* as PNG; report in its status bar."""
    path = dialogs.ask_save_path(window, "Save chart as PNG", suggested, "PNG images (*.png)")
    if not path:
        return
    if not path.lower().endswith(".png"):
        path += ".png"
    if card.render_image().save(path, "PNG"):
        window.statusBar().showMessage(f"Chart saved to {path}", 8000)
    else:
        dialogs.error(window, "Chart not saved", f"Could not write {path}.")


class ThisWeekChart(ChartCard):
    """Minutes by category as horizontal bars in work-type shades, beside the work-type split."""

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__("week", "No work logged this week yet.\nEntries you save appear here.", parent)
        self.taxonomy = taxonomy
        self.bars_chart = new_chart(self, "Time by category")
        self.split_chart = new_chart(self, "Direct · indirect · role")
        self.bars_view = self._view(self.bars_chart)
        self.split_view = self._view(self.split_chart)
        self.body_layout.addWidget(self.bars_view, 3)
        self.body_layout.addWidget(self.split_view, 2)
        self.bar_series: QHorizontalStackedBarSeries | None = None
        self.pie_series: QPieSeries | None = None
        self._unit = ("Minutes", 1.0)

    def show_summary(self, summary: WeekSummary) -> None:
        clear_chart(self.bars_chart)
        self.split_chart.removeAllSeries()
        self.bar_series = self.pie_series = None
        apply_fonts(self.bars_chart, self)
        apply_fonts(self.split_chart, self)
        if not summary.total:
            self.set_empty(True, f"No work logged in week {summary.week.number} yet.\nEntries you save appear here.")
            return
        self.set_empty(False)
        self.bars_chart.setTitle(f"Time by category · week {summary.week.number}")

        tax = self.taxonomy
        order = [c.key for wt in tax.work_types for c in tax.categories_of(wt)]
        order += sorted(k for k in summary.by_category if k not in tax.categories)
        used = [k for k in order if summary.by_category.get(k)]
        used.reverse()  # horizontal bars draw bottom-up; keep the taxonomy order top-down
        peak = max(summary.by_category.values())
        unit_name, divisor = self._unit = unit_for(peak)

        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        for i, key in enumerate(used):
            bar = QBarSet(tax.category_label(key))
            values = [0.0] * len(used)
            values[i] = summary.by_category[key] / divisor
            bar.append(values)
            colour = palette.category_colour(tax, key)
            bar.setColor(colour)
            bar.setBorderColor(colour.darker(130))
            bar.setProperty("category", key)
            series.append(bar)
        # Legend by work type: empty sets that carry the base hues.
        legend_sets = []
        for wt_key, wt in tax.work_types.items():
            if summary.by_work_type.get(wt_key):
                marker = QBarSet(wt.label)
                marker.append([0.0] * len(used))
                marker.setColor(palette.work_type_colour(tax, wt_key))
                series.append(marker)
                legend_sets.append(marker)
        series.hovered.connect(self._bar_hovered)
        self.bars_chart.addSeries(series)
        font = self.font()
        small = QFont(font)
        small.setPointSizeF(font.pointSizeF() * (0.9 if len(used) > 8 else 1.0))
        y_axis = QBarCategoryAxis()
        y_axis.append([_short(tax.category_label(k)) for k in used])
        y_axis.setLabelsFont(small)
        y_axis.setTruncateLabels(False)
        x_axis = _value_axis(unit_name, peak / divisor, font)
        self.bars_chart.addAxis(y_axis, Qt.AlignLeft)
        self.bars_chart.addAxis(x_axis, Qt.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        for marker in self.bars_chart.legend().markers(series):
            marker.setVisible(marker.barset() in legend_sets)
        self.bar_series = series

        pie = QPieSeries()
        pie.setHoleSize(0.45)
        pie.setPieSize(0.78)
        for key, label, minutes, pct in summary.split():
            if not minutes:
                continue
            piece = pie.append(f"{label} {pct:.0f}%", minutes)
            piece.setColor(palette.work_type_colour(tax, key))
            piece.setBorderColor(QColor("white") if not palette.is_dark(self.palette()) else QColor("black"))
            piece.setProperty("work_type", key)
            piece.setProperty("tip", f"{label}: {exact(minutes)}, {pct:.1f}% of {format_minutes(summary.total)}")
            piece.hovered.connect(lambda state, p=piece: show_tip(p.property("tip")) if state else QToolTip.hideText())
        self.split_chart.addSeries(pie)
        self.split_chart.setTitle(f"Split · {format_minutes(summary.total)} in all")
        self.pie_series = pie

    def _bar_hovered(self, status: bool, index: int, barset: QBarSet) -> None:
        key = barset.property("category")
        if not status or not key:
            QToolTip.hideText()
            return
        minutes = barset.at(index) * self._unit[1]
        show_tip(f"{self.taxonomy.category_label(key)}: {exact(minutes)}")

    # -- what is drawn, read back from the series (for tests and checks)
    def category_minutes(self) -> dict[str, int]:
        if self.bar_series is None:
            return {}
        divisor = self._unit[1]
        out = {}
        for bar in self.bar_series.barSets():
            key = bar.property("category")
            if key:
                out[key] = int(round(sum(bar.at(i) for i in range(bar.count())) * divisor))
        return out

    def split_minutes(self) -> dict[str, int]:
        if self.pie_series is None:
            return {}
        return {s.property("work_type"): int(round(s.value())) for s in self.pie_series.slices()}


class TrendChart(ChartCard):
    """Stacked columns per week by work type; click a column to go to that week."""

    week_clicked = Signal(object)
    weeks_changed = Signal(int)

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__("trend", "Nothing logged in these weeks yet.", parent)
        self.taxonomy = taxonomy
        self.chart = new_chart(self, "Trend")
        self.view = self._view(self.chart)
        self.body_layout.addWidget(self.view)
        self.weeks_combo = QComboBox()
        self.weeks_combo.setObjectName("trend_weeks")
        for n in TREND_CHOICES:
            self.weeks_combo.addItem(f"Last {n} weeks", n)
        self.weeks_combo.setCurrentIndex(TREND_CHOICES.index(DEFAULT_TREND_WEEKS))
        self.weeks_combo.currentIndexChanged.connect(lambda: self.weeks_changed.emit(self.weeks_count()))
        self.header.addStretch(1)
        self.header.addWidget(self.weeks_combo)
        self.series: QStackedBarSeries | None = None
        self.guide: QLineSeries | None = None
        self.weeks: list[Week] = []
        self.selected: Week | None = None
        self._divisor = 60.0

    def weeks_count(self) -> int:
        return int(self.weeks_combo.currentData())

    def set_weeks_count(self, n: int) -> None:
        self.weeks_combo.setCurrentIndex(self.weeks_combo.findData(n))

    def show_trend(self, trend: list[TrendWeek], selected: Week, contracted_hours: float = 0.0) -> None:
        clear_chart(self.chart)
        self.series = self.guide = None
        apply_fonts(self.chart, self)
        self.weeks = [t.week for t in trend]
        self.selected = selected
        if not any(t.total for t in trend):
            self.set_empty(True, f"Nothing logged in the {len(trend)} weeks up to week {selected.number}.")
            return
        self.set_empty(False)
        first, last = self.weeks[0], self.weeks[-1]
        self.chart.setTitle(f"Hours per week · {first} to {last}")
        peak = max(max(t.total for t in trend), contracted_hours * 60)
        unit_name, divisor = unit_for(peak)
        self._divisor = divisor
        series = QStackedBarSeries()
        series.setBarWidth(0.75)
        for wt_key, wt in self.taxonomy.work_types.items():
            bar = QBarSet(wt.label)
            bar.append([t.by_work_type.get(wt_key, 0) / divisor for t in trend])
            colour = palette.work_type_colour(self.taxonomy, wt_key)
            bar.setColor(colour)
            bar.setBorderColor(colour)
            bar.setSelectedColor(colour.darker(160))
            bar.setProperty("work_type", wt_key)
            if selected in self.weeks:
                bar.selectBar(self.weeks.index(selected))
            series.append(bar)
        series.clicked.connect(self._clicked)
        series.hovered.connect(self._hovered)
        self.chart.addSeries(series)
        font = self.font()
        x_axis = QBarCategoryAxis()
        x_axis.append([self._week_label(w, i) for i, w in enumerate(self.weeks)])
        x_axis.setLabelsFont(font)
        x_axis.setTruncateLabels(False)
        x_axis.setTitleText("ISO week (selected week darker)")
        x_axis.setTitleFont(font)
        y_axis = _value_axis(unit_name, peak / divisor, font)
        self.chart.addAxis(x_axis, Qt.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignLeft)
        series.attachAxis(x_axis)
        series.attachAxis(y_axis)
        self.series = series
        if contracted_hours > 0:
            guide = QLineSeries()
            guide.setName(f"Contracted {contracted_hours:g} h")
            level = contracted_hours * 60 / divisor
            guide.append(QPointF(-0.5, level))
            guide.append(QPointF(len(self.weeks) - 0.5, level))
            pen = QPen(QColor("#444444") if not palette.is_dark(self.palette()) else QColor("#dddddd"))
            pen.setStyle(Qt.DashLine)
            pen.setWidthF(2)
            guide.setPen(pen)
            self.chart.addSeries(guide)
            hidden_x = QValueAxis()
            hidden_x.setRange(-0.5, len(self.weeks) - 0.5)
            hidden_x.setVisible(False)
            self.chart.addAxis(hidden_x, Qt.AlignTop)
            guide.attachAxis(hidden_x)
            guide.attachAxis(y_axis)
            self.guide = guide

    def _week_label(self, week: Week, i: int) -> str:
        step = 1 if len(self.weeks) <= 12 else 2 if len(self.weeks) <= 26 else 4
        if (len(self.weeks) - 1 - i) % step:
            return "\u200b" * (i + 1)  # an unlabelled column; category names must stay distinct
        return f"W{week.number}"

    def _clicked(self, index: int, _barset: QBarSet) -> None:
        if 0 <= index < len(self.weeks):
            self.week_clicked.emit(self.weeks[index])

    def _hovered(self, status: bool, index: int, barset: QBarSet) -> None:
        if not status or not (0 <= index < len(self.weeks)):
            QToolTip.hideText()
            return
        week = self.weeks[index]
        total = sum(b.at(index) for b in self.series.barSets()) * self._divisor
        minutes = barset.at(index) * self._divisor
        show_tip(f"{week.label()}\n{barset.label()}: {exact(minutes)}\nWeek total: {exact(total)}")

    def week_minutes(self) -> list[dict[str, int]]:
        """Per week shown, minutes per work type, read back from the drawn series."""
        if self.series is None:
            return []
        out: list[dict[str, int]] = [{} for _ in self.weeks]
        for bar in self.series.barSets():
            for i in range(bar.count()):
                out[i][bar.property("work_type")] = int(round(bar.at(i) * self._divisor))
        return out

    def selected_index(self) -> int:
        if self.series is None:
            return -1
        sets = self.series.barSets()
        picked = sets[0].selectedBars() if sets else []
        return picked[0] if picked else -1


class HowChart(ChartCard):
    """The week by mode and by format, with people reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("how", "No work logged this week yet.", parent)
        self.mode_chart = new_chart(self, "By mode")
        self.format_chart = new_chart(self, "By format")
        self.mode_view = self._view(self.mode_chart)
        self.format_view = self._view(self.format_chart)
        self.body_layout.addWidget(self.mode_view, 3)
        self.body_layout.addWidget(self.format_view, 2)
        self.mode_set: QBarSet | None = None
        self.format_set: QBarSet | None = None
        self._divisor = 1.0

    def show_how(self, how: HowSummary, week: Week) -> None:
        for chart in (self.mode_chart, self.format_chart):
            clear_chart(chart)
        self.mode_set = self.format_set = None
        apply_fonts(self.mode_chart, self)
        apply_fonts(self.format_chart, self)
        if not how.total:
            self.set_empty(True, f"No work logged in week {week.number} yet.")
            return
        self.set_empty(False)
        peak = max([t.minutes for t in how.by_mode.values()] + [t.minutes for t in how.by_format.values()])
        unit_name, divisor = unit_for(peak)
        self._divisor = divisor
        self.mode_set = self._fill(
            self.mode_chart, how.by_mode, MODES, unit_name, divisor, peak, "Time by mode", QColor(palette.NEUTRAL)
        )
        self.format_set = self._fill(
            self.format_chart, how.by_format, FORMATS, unit_name, divisor, peak, "Time by format",
            QColor(palette.NEUTRAL).darker(140),
        )
        self.mode_chart.setTitle(f"By mode · week {week.number}")
        self.format_chart.setTitle(f"By format · week {week.number}")

    def _fill(self, chart, tallies, labels, unit_name, divisor, peak, set_name, colour) -> QBarSet:
        keys = list(tallies)
        keys.reverse()  # top-down in the order given
        bar = QBarSet(set_name)
        bar.append([tallies[k].minutes / divisor for k in keys])
        bar.setColor(colour)
        bar.setBorderColor(colour.darker(130))
        bar.setProperty("keys", keys)
        series = QHorizontalBarSeries()
        series.append(bar)
        series.setBarWidth(0.6)
        tips = [
            f"{labels.get(k, k)}: {exact(tallies[k].minutes)}, {tallies[k].entries} entries, "
            f"{count_of(tallies[k].people, 'person', 'people')} reached"
            for k in keys
        ]
        series.hovered.connect(
            lambda status, index, _set, tips=tips: show_tip(tips[index]) if status else QToolTip.hideText()
        )
        chart.addSeries(series)
        font = self.font()
        y_axis = QBarCategoryAxis()
        y_axis.append([f"{labels.get(k, k)} · {count_of(tallies[k].people, 'person', 'people')}" for k in keys])
        y_axis.setLabelsFont(font)
        y_axis.setTruncateLabels(False)
        x_axis = _value_axis(unit_name, peak / divisor, font)
        chart.addAxis(y_axis, Qt.AlignLeft)
        chart.addAxis(x_axis, Qt.AlignBottom)
        series.attachAxis(y_axis)
        series.attachAxis(x_axis)
        return bar

    def mode_minutes(self) -> dict[str, int]:
        return self._read(self.mode_set)

    def format_minutes(self) -> dict[str, int]:
        return self._read(self.format_set)

    def _read(self, bar: QBarSet | None) -> dict[str, int]:
        if bar is None:
            return {}
        keys = bar.property("keys")
        return {k: int(round(bar.at(i) * self._divisor)) for i, k in enumerate(keys)}
