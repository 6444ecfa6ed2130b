"""The How card: the week (or a review's range) by mode and by format, with people reached.

Made when its tab is first shown, not on the way to the week's first paint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QToolTip, QWidget

from ..domain.entry import FORMATS, MODES, count_of
from ..i18n import N_, _, ngettext
from . import palette
from .chart_card import ChartCard
from .chart_parts import (
    Cell,
    add_bars,
    exact,
    fit_value_axis,
    how_table,
    how_text,
    new_chart,
    put_values,
    set_categories,
    set_title,
    show_tip,
    shown_label,
    unit_for,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

    from ..domain.summary import HowSummary
    from ..domain.weeks import Week


@dataclass
class _BarsPart:
    """One of the How card's charts: its set, axes and tooltips, kept from week to week."""

    bar: QBarSet
    y_axis: QBarCategoryAxis
    x_axis: QValueAxis
    tips: list[str]
    values: list[float] = field(default_factory=list)


class HowChart(ChartCard):
    """The week by mode and by format, with people reached."""

    TITLE = N_("How the work was done")
    SET_NAMES: ClassVar[dict[str, str]] = {"mode": N_("Time by mode"), "format": N_("Time by format")}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("how", _("No work logged this week yet."), parent)
        self.mode_chart = new_chart(self, _("By mode"))
        self.format_chart = new_chart(self, _("By format"))
        self.mode_view = self._view(self.mode_chart, "how_mode_view", _("Time by mode"))
        self.format_view = self._view(self.format_chart, "how_format_view", _("Time by format"))
        for chart in (self.mode_chart, self.format_chart):
            # one colour, each bar named on its axis and the chart by its title: a legend would say
            # nothing more, and took the lines the axes' labels need in a low card
            chart.legend().setVisible(False)
        # Side by side in equal halves (both axes carry labels as long as "Individual · 145 people"),
        # or one above the other (stack_when_room). Qt shortens to "…" a bar's label taller than
        # the bar's share of its axis: where the card is lower than its bars' labels need, the
        # charts scroll inside it, as the category bars do (see arrange).
        from PySide6.QtWidgets import QBoxLayout  # the card is made when its tab is first shown

        charts = QWidget()
        self.charts_layout = QBoxLayout(QBoxLayout.LeftToRight, charts)
        self.charts_layout.setContentsMargins(0, 0, 0, 0)
        self.charts_layout.addWidget(self.mode_view, 1)
        self.charts_layout.addWidget(self.format_view, 1)
        self.charts_scroll = self._scrolling(charts, "how_scroll")
        self.body_layout.addWidget(self.charts_scroll)
        for view in (self.mode_view, self.format_view):
            view.setMinimumHeight(0)  # the heights arrange gives them
        self.mode_set: QBarSet | None = None  # the drawn sets; None while empty
        self.format_set: QBarSet | None = None
        # one above the other where the card is tall enough for both (set where a card is narrow for
        # long labels: the review's "Individual · 405 people"); else side by side
        self.stack_when_room = False
        self._divisor = 1.0
        self._parts: dict[str, _BarsPart] = {}  # per chart, made on the first week with work
        self._how: HowSummary | None = None  # what is drawn (for its text alternative)

    def show_how(self, how: HowSummary, week: Week) -> None:
        if not how.total:
            self.mode_set = self.format_set = None
            self.set_empty(True, _("No work logged in week {number} yet.").format(number=week.number))
            return
        self.set_empty(False)
        refont = self._take_font()
        peak = max([t.minutes for t in how.by_mode.values()] + [t.minutes for t in how.by_format.values()])
        unit_name, divisor = unit_for(peak)
        self._divisor = divisor
        self.mode_set = self._fill(
            self.mode_chart, how.by_mode, MODES, unit_name, divisor, peak, "mode", QColor(palette.NEUTRAL),
            refont,
        )
        self.format_set = self._fill(
            self.format_chart, how.by_format, FORMATS, unit_name, divisor, peak, "format",
            QColor(palette.NEUTRAL).darker(140), refont,
        )
        set_title(self.mode_chart, _("By mode · week {number}").format(number=week.number))
        set_title(self.format_chart, _("By format · week {number}").format(number=week.number))
        self._how = how
        if refont:
            self.arrange()  # in the font it now has (a new size arranges it too)
        self.alternative_changed()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.arrange()

    def render_image(self) -> QImage:
        """The card, with both charts whole even where they scroll inside it."""
        image = super().render_image()
        charts = self.charts_scroll.widget()
        if self.is_empty() or self.showing_table() or charts.height() <= self.charts_scroll.viewport().height():
            return image
        return charts.grab().toImage()  # their full height, scrolled or not

    def chart_height(self, bars: int) -> int:
        """The height a chart of *bars* bars needs for every bar's label: a label's box is its line
        and 4 px of margin above and below; its title, its value axis' labels and title take three
        lines more, the chart's margins 42 px (measured at 100, 130, 150 and 200 %)."""
        line = QFontMetrics(self.font()).height()
        return bars * (line + 8) + 3 * line + 44

    def arrange(self) -> None:
        """Stacked where allowed and the card holds both charts at the height they need, else side by
        side; and never lower than they need, the charts scrolling in the card where it is lower."""
        from PySide6.QtWidgets import QBoxLayout

        mode, form = self.chart_height(len(MODES)), self.chart_height(len(FORMATS))
        spacing = self.charts_layout.spacing()
        # the card's height but for its button: a hidden card's scroll area is resized after it
        room = self.height() - self.table_button.sizeHint().height() - self.layout().spacing()
        stacked = self.stack_when_room and room >= mode + form + spacing
        self.charts_layout.setDirection(QBoxLayout.TopToBottom if stacked else QBoxLayout.LeftToRight)
        self.charts_layout.setStretch(0, mode if stacked else 1)
        self.charts_layout.setStretch(1, form if stacked else 1)
        self.mode_view.setMinimumHeight(mode)
        self.format_view.setMinimumHeight(form if stacked else mode)

    def descriptions(self) -> list[tuple[QWidget, str]]:
        if self._how is None:
            return []
        return [(self.mode_view, how_text(self._how.by_mode, MODES)),
                (self.format_view, how_text(self._how.by_format, FORMATS))]

    def table_contents(self) -> tuple[list[str], list[list[Cell]]]:
        return how_table(self._how) if self._how is not None else ([], [])

    def _fill(self, chart, tallies, labels, unit_name, divisor, peak, kind, colour, refont) -> QBarSet:
        """One bar per key of *tallies*, in a set and axes made once per chart (*kind*: "mode" or
        "format") and updated in place."""
        part = self._parts.get(kind)
        font = self.font()
        if part is None:
            bar = QBarSet(_(self.SET_NAMES[kind]))
            bar.setColor(colour)
            bar.setBorderColor(colour.darker(130))
            series = QHorizontalBarSeries()
            series.append(bar)
            series.setBarWidth(0.6)
            tips: list[str] = []
            series.hovered.connect(
                lambda status, index, _set, tips=tips: show_tip(tips[index]) if status else QToolTip.hideText()
            )
            y_axis, x_axis = add_bars(chart, series, Qt.AlignLeft, unit_name, peak / divisor, font, shorten=True)
            part = self._parts[kind] = _BarsPart(bar, y_axis, x_axis, tips)
            refont = True
        keys = list(tallies)
        keys.reverse()  # top-down in the order given
        part.bar.setProperty("keys", keys)
        part.values = put_values(part.bar, part.values, [tallies[k].minutes / divisor for k in keys])
        part.tips[:] = [
            _("{name}: {time}, {entries}, {reached}").format(
                name=shown_label(labels, k), time=exact(tallies[k].minutes),
                entries=count_of(tallies[k].entries, "entry", "entries"),
                reached=ngettext("{n} person reached", "{n} people reached", tallies[k].people).format(
                    n=tallies[k].people))
            for k in keys
        ]
        reached = {k: count_of(tallies[k].people, "person", "people") for k in keys}
        set_categories(part.y_axis, [f"{shown_label(labels, k)} · {reached[k]}" for k in keys])
        if refont:
            part.y_axis.setLabelsFont(font)
            part.x_axis.setTitleFont(font)
            part.x_axis.setLabelsFont(font)
        fit_value_axis(part.x_axis, unit_name, peak / divisor)
        return part.bar

    def mode_minutes(self) -> dict[str, int]:
        return self._read(self.mode_set)

    def format_minutes(self) -> dict[str, int]:
        return self._read(self.format_set)

    def _read(self, bar: QBarSet | None) -> dict[str, int]:
        if bar is None:
            return {}
        keys = bar.property("keys")
        return {k: round(bar.at(i) * self._divisor) for i, k in enumerate(keys)}
