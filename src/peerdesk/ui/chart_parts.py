"""Small pieces the chart cards share: units, axes, bars, labels and tooltips (QtCharts), colours
that follow the palette, and the cards' values as text and as table rows (their text alternative)."""

from __future__ import annotations

import math

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QBrush, QColor, QCursor, QFont, QPalette
from PySide6.QtWidgets import (
    QToolTip,
    QWidget,
)

from ..domain.entry import FORMATS, MODES, format_minutes
from ..domain.summary import HowSummary, TrendWeek, WeekSummary
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..i18n import N_, _
from . import palette, plain_text

# the value axes' units (translated where shown)
HOURS = N_("Hours")
MINUTES = N_("Minutes")


def unit_for(max_minutes: float) -> tuple[str, float]:
    """Axis unit: minutes up to 120, hours beyond (so axes never read '450')."""
    return (HOURS, 60.0) if max_minutes > 120 else (MINUTES, 1.0)


def exact(minutes: float) -> str:
    m = round(minutes)
    return _("{duration} ({minutes} min)").format(duration=format_minutes(m), minutes=m)


def percent(value: float, decimals: int = 0) -> str:
    """``75%`` (``75 %`` in French): the number as the language writes it."""
    return _("{percent}%").format(percent=QLocale().toString(float(value), "f", decimals))


def listed(parts: list[str]) -> str:
    """Items of a text alternative, one after the other."""
    return ", ".join(parts)


def solid(colour: QColor) -> QBrush:
    """A solid brush of *colour*. (``QBrush(colour)`` alone is the same brush, but PySide then
    weighs the one-argument ``QBrush(QGradient)`` too and makes QGradient's enum classes, its
    180 presets among them: 4 ms of the start.)"""
    return QBrush(colour, Qt.SolidPattern)


def follow_palette(chart: QChart, colours: QPalette) -> None:
    """The chart's background, title, legend and axes in *colours* (a high-contrast theme's
    too: a chart theme's own greys could vanish on it); the series keep their fixed hues.
    Only what differs is set: each change makes Qt lay the chart out again."""
    back, text = colours.color(QPalette.Base), colours.color(QPalette.Text)
    grid = QColor.fromRgbF(*(0.75 * b + 0.25 * t for b, t in zip(back.getRgbF()[:3], text.getRgbF()[:3], strict=True)))
    if chart.backgroundBrush().color() != back or chart.backgroundBrush().style() != Qt.SolidPattern:
        chart.setBackgroundBrush(solid(back))
    if chart.titleBrush().color() != text:
        chart.setTitleBrush(solid(text))
    legend = chart.legend()
    if legend.labelColor() != text:
        legend.setLabelColor(text)
    for axis in chart.axes():
        if axis.labelsBrush().color() != text:
            axis.setLabelsBrush(solid(text))
        if axis.titleBrush().color() != text:
            axis.setTitleBrush(solid(text))
        if axis.linePenColor() != text:
            axis.setLinePenColor(text)
        if axis.gridLineColor() != grid:
            axis.setGridLineColor(grid)


def new_chart(widget: QWidget, title: str) -> QChart:
    chart = QChart()
    chart.setTheme(QChart.ChartThemeDark if palette.is_dark(widget.palette()) else QChart.ChartThemeLight)
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setLocalizeNumbers(True)  # axis numbers as the language writes them (1,5 in French)
    chart.setLocale(QLocale())
    chart.legend().setAlignment(Qt.AlignBottom)
    apply_fonts(chart, widget)
    follow_palette(chart, widget.palette())
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


def value_axis(unit: str, max_value: float, font: QFont) -> QValueAxis:
    axis = QValueAxis()
    axis.setTitleFont(font)
    axis.setLabelsFont(font)
    fit_value_axis(axis, unit, max_value)
    return axis


def add_bars(
    chart: QChart, series, categories_at, value_unit: str, value_max: float, font: QFont, *, shorten: bool = False
) -> tuple[QBarCategoryAxis, QValueAxis]:
    """Add *series* to *chart* with its category axis at *categories_at* (``Qt.AlignLeft`` for
    horizontal bars, ``Qt.AlignBottom`` for columns) and a value axis on the other side.
    *shorten*: Qt may shorten a category label when the chart is too narrow for it."""
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.setTruncateLabels(shorten)
    values = value_axis(value_unit, value_max, font)
    chart.addAxis(categories, categories_at)
    chart.addAxis(values, Qt.AlignBottom if categories_at == Qt.AlignLeft else Qt.AlignLeft)
    series.attachAxis(categories)
    series.attachAxis(values)
    return categories, values


def fit_value_axis(axis: QValueAxis, unit: str, max_value: float) -> None:
    """Title and range of a minutes/hours axis (*unit*: HOURS or MINUTES): from 0 to a round
    number above *max_value*, as ``applyNiceNumbers`` rounds it on a new axis (five ticks to
    start from).

    Only what differs is set: each change makes Qt lay the chart out again.
    """
    title = _(unit)
    if axis.titleText() != title:
        axis.setTitleText(title)
    label_format = "%.1f" if unit == HOURS and max_value < 10 else "%.0f"
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


# -- the cards' text alternatives: their values as text, and as the rows of a table

# a table cell: its text, or a number's text and the number (its Qt.UserRole; None where there is none: "–")
Cell = str | tuple[str, float | None]


def minutes_cell(minutes: int) -> Cell:
    """``1h 30m``, with the minutes themselves as the cell's number."""
    return format_minutes(minutes), minutes


def percent_cell(value: float, decimals: int = 0) -> Cell:
    return percent(value, decimals), value


def week_short(week: Week) -> str:
    # TRANSLATORS: a week's short name on a chart's axis and in its text, by its ISO number ("S48" in French)
    return _("W{number}").format(number=week.number)


def shown_label(labels: dict[str, str], key: str) -> str:
    """A mode's or format's label (a constant marked N_) in the user's language."""
    return _(labels[key]) if key in labels else key


def guide_name(hours: float) -> str:
    """The trend's contracted-hours line."""
    return _("Contracted {hours} h").format(hours=QLocale().toString(float(hours), "g", 6))


def week_texts(summary: WeekSummary, taxonomy: Taxonomy, keys: list[str]) -> tuple[str, str]:
    """The week's categories (*keys*, in the order drawn) and its work-type split, as text."""
    categories = [f"{taxonomy.category_label(k)} {format_minutes(summary.by_category[k])}" for k in keys]
    split = [f"{label} {format_minutes(m)} ({percent(pct)})" for _k, label, m, pct in summary.split() if m]
    return listed(categories), listed(split)


def week_table(summary: WeekSummary, taxonomy: Taxonomy, keys: list[str]) -> tuple[list[str], list[list[Cell]]]:
    """A row per category (*keys*), then per work type, then the week's total."""
    headers = [_("Category"), _("Work type"), _("Time"), _("Share of the week")]
    total = summary.total or 1
    rows: list[list[Cell]] = []
    for key in keys:
        cat, minutes = taxonomy.categories.get(key), summary.by_category[key]
        kind = summary.work_type_labels.get(cat.work_type, cat.work_type) if cat else "?"
        rows.append([taxonomy.category_label(key), kind, minutes_cell(minutes), percent_cell(100 * minutes / total)])
    for _k, label, minutes, pct in summary.split():
        if minutes:
            rows.append([_("All {work_type} work").format(work_type=label), label, minutes_cell(minutes),
                         percent_cell(pct)])
    rows.append([_("Week total"), "", minutes_cell(summary.total), percent_cell(100.0)])
    return headers, rows


def trend_text(trend: list[TrendWeek], taxonomy: Taxonomy, contracted_hours: float) -> str:
    """Each week's total and its work types, then the contracted hours."""
    labels = {k: wt.label for k, wt in taxonomy.work_types.items()}
    weeks = []
    for t in trend:
        if not t.total:
            weeks.append(_("{week} nothing").format(week=week_short(t.week)))
            continue
        kinds = listed([f"{labels.get(k, k)} {format_minutes(m)}" for k, m in t.by_work_type.items() if m])
        weeks.append(f"{week_short(t.week)} {format_minutes(t.total)} ({kinds})")
    if contracted_hours > 0:
        weeks.append(guide_name(contracted_hours))
    return listed(weeks)


def trend_table(trend: list[TrendWeek], taxonomy: Taxonomy, contracted_hours: float
                ) -> tuple[list[str], list[list[Cell]]]:
    """A row per week: its minutes per work type, its total (and the contracted hours)."""
    types = list(taxonomy.work_types.items())
    headers = [_("Week"), *(wt.label for _k, wt in types), _("Total")]
    rows: list[list[Cell]] = [
        [t.week.label(), *(minutes_cell(t.by_work_type.get(k, 0)) for k, _wt in types), minutes_cell(t.total)]
        for t in trend
    ]
    if contracted_hours > 0:
        headers.append(_("Contracted"))
        for row in rows:
            row.append(minutes_cell(round(contracted_hours * 60)))
    return headers, rows


def how_text(tallies: dict, labels: dict[str, str]) -> str:
    return listed([f"{shown_label(labels, k)} {format_minutes(t.minutes)}" for k, t in tallies.items()])


def how_table(how: HowSummary) -> tuple[list[str], list[list[Cell]]]:
    """A row per mode, then per format: time, entries and people reached."""
    headers = [_("Mode or format"), _("Time"), _("Entries"), _("People reached")]
    return headers, [
        [shown_label(labels, k), minutes_cell(t.minutes), (str(t.entries), t.entries), (str(t.people), t.people)]
        for tallies, labels in ((how.by_mode, MODES), (how.by_format, FORMATS))
        for k, t in tallies.items()
    ]
