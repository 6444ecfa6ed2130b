"""Small pieces the chart cards share: units, axes, bars, labels and tooltips (QtCharts)."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QCursor, QFont
from PySide6.QtWidgets import (
    QToolTip,
    QWidget,
)

from ..domain.entry import format_minutes
from . import palette, plain_text


def unit_for(max_minutes: float) -> tuple[str, float]:
    """Axis unit: minutes up to 120, hours beyond (so axes never read '450')."""
    return ("Hours", 60.0) if max_minutes > 120 else ("Minutes", 1.0)


def exact(minutes: float) -> str:
    m = round(minutes)
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


def value_axis(title: str, max_value: float, font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleFont(font)
    axis.setLabelsFont(font)
    fit_value_axis(axis, title, max_value)
    return axis


def add_bars(
    chart: QChart, series, categories_at, value_title: str, value_max: float, font: QFont, *, shorten: bool = False
) -> tuple[QBarCategoryAxis, QValueAxis]:
    """Add *series* to *chart* with its category axis at *categories_at* (``Qt.AlignLeft`` for
    horizontal bars, ``Qt.AlignBottom`` for columns) and a value axis on the other side.
    *shorten*: Qt may shorten a category label when the chart is too narrow for it."""
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.setTruncateLabels(shorten)
    values = value_axis(value_title, value_max, font)
    chart.addAxis(categories, categories_at)
    chart.addAxis(values, Qt.AlignBottom if categories_at == Qt.AlignLeft else Qt.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    return categories, values


def fit_value_axis(axis: QValueAxis, title: str, max_value: float) -> None:
    """Title and range of a minutes/hours axis: from 0 to a round number above *max_value*,
    as ``applyNiceNumbers`` rounds it on a new axis (five ticks to start from).

    Only what differs is set: each change makes Qt lay the chart out again.
    """
    if axis.titleText() != title:
        axis.setTitleText(title)
    label_format = "%.1f" if title == "Hours" and max_value < 10 else "%.0f"
    if axis.labelFormat() != label_format:
        axis.setLabelFormat(label_format)
    low, high, ticks = nice_range(0.0, max(max_value * 1.1, 1.0), 5)
    if axis.tickCount() != ticks:
        axis.setTickCount(ticks)
    if axis.min() != low or axis.max() != high:
        axis.setRange(low, high)


def nice_range(low: float, high: float, ticks: int) -> tuple[float, float, int]:
    """*low* and *high* widened to round numbers and the tick count between them, as
    ``QValueAxis.applyNiceNumbers`` makes them (QtCharts' loose nice numbers)."""

    def nice(x: float, ceiling: bool) -> float:  # 1, 2 or 5 times a power of ten
        power = 10.0 ** math.floor(math.log10(x))
        q = x / power
        if ceiling:
            q = 1 if q <= 1 else 2 if q <= 2 else 5 if q <= 5 else 10
        else:
            q = 1 if q < 1.5 else 2 if q < 3 else 5 if q < 7 else 10
        return q * power

    step = nice(nice(high - low, True) / (ticks - 1), False)
    first, last = math.floor(low / step), math.ceil(high / step)
    return first * step, last * step, int(last - first) + 1


def put_values(bar: QBarSet, old: list[float], new: list[float]) -> list[float]:
    """Give *bar* the values *new* (it holds *old*), changing only what differs."""
    if len(old) != len(new):
        if old:
            bar.remove(0, len(old))
        bar.append(new)
    else:
        for i, (was, value) in enumerate(zip(old, new, strict=True)):
            if was != value:
                bar.replace(i, value)
    return new


def set_categories(axis: QBarCategoryAxis, labels: list[str]) -> None:
    """The axis's labels, drawn as the text they are (QtCharts reads them as HTML)."""
    labels = [plain_text.chart(label) for label in labels]
    if axis.categories() != labels:
        axis.setCategories(labels)


def set_title(chart: QChart, title: str) -> None:
    title = plain_text.chart(title)
    if chart.title() != title:
        chart.setTitle(title)


def short_label(label: str, limit: int = 24) -> str:
    """Axis labels stay readable beside the bars; the tooltip carries the full name."""
    return label if len(label) <= limit else label[: limit - 1].rstrip(" ,") + "…"


def show_tip(text: str) -> None:
    QToolTip.showText(QCursor.pos(), plain_text.tip(text))
