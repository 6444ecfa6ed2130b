"""The week's chart card (QtCharts): time by category, and the direct / indirect / role split.
The trend (:mod:`.trend_chart`) and how the work was done (:mod:`.how_chart`) are cards of
their own, made when their tab is first shown.

Each chart card takes the summaries of :mod:`peerdesk.domain.summary` (the
same numbers as the table's totals) and draws them; none of them queries the
store. Every card has a title, units, a legend where colour tells things apart,
tooltips with exact values, an empty state, a text alternative (its values as
text, and as a table: see :mod:`.chart_card`), and "Save chart as PNG…" in its
context menu.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QHorizontalStackedBarSeries,
    QPieSeries,
    QPieSlice,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QToolTip,
    QWidget,
)

from ..domain.entry import format_minutes
from ..domain.summary import WeekSummary
from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _
from . import palette, plain_text
from .chart_card import ChartCard
from .chart_parts import (
    MINUTES,
    Cell,
    add_bars,
    exact,
    fit_value_axis,
    new_chart,
    percent,
    put_values,
    set_categories,
    set_title,
    show_tip,
    unit_for,
    week_table,
    week_texts,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QImage



class ThisWeekChart(ChartCard):
    """Minutes by category as horizontal bars in work-type shades, beside the work-type split.

    The series, its sets, the axes and the slices are made once and then updated in
    place from week to week: remaking them (and their legend markers and axis labels)
    for every week costs Qt far more than changing a few values.
    """

    TITLE = N_("Time this week")

    def __init__(self, taxonomy: Taxonomy, parent: QWidget | None = None) -> None:
        super().__init__("week", _("No work logged this week yet.\nEntries you save appear here."), parent)
        self.taxonomy = taxonomy
        self.bars_chart = new_chart(self, _("Time by category"))
        self.split_chart = new_chart(self, _("Direct · indirect · role"))
        self.bars_view = self._view(self.bars_chart, "week_bars_view", _("Time by category"))
        self.split_view = self._view(self.split_chart, "week_split_view", _("Direct, indirect and role work"))
        # Qt drops every other category label when the rows are closer than a line of text;
        # the bars are given a line per row and scroll inside the card when the card is lower
        # than that (the card's own size, and so the window's layout, never changes).
        self.bars_scroll = self._scrolling(self.bars_view, "bars_scroll")
        self.bars_view.viewport().installEventFilter(self)
        self.body_layout.addWidget(self.bars_scroll, 3)
        self.body_layout.addWidget(self.split_view, 2)
        self._rows: list[str] = []  # the category keys drawn, bottom-up as Qt draws them
        self.bar_series: QHorizontalStackedBarSeries | None = None  # the drawn series; None while empty
        self.pie_series: QPieSeries | None = None
        self._unit = (MINUTES, 1.0)
        self._summary: WeekSummary | None = None  # the week drawn (for its text alternative)
        self._series: QHorizontalStackedBarSeries | None = None  # made on the first week with work
        self._y_axis: QBarCategoryAxis | None = None
        self._x_axis: QValueAxis | None = None
        self._bars: dict[str, QBarSet] = {}  # category key -> its set (every category drawn so far)
        self._markers: dict[str, QBarSet] = {}  # work type key -> its legend set (the types drawn)
        self._values: dict[QBarSet, list[float]] = {}  # what each set holds
        self._small_labels: bool | None = None
        self._pie: QPieSeries | None = None
        self._slices: dict[str, QPieSlice] = {}  # work type key -> slice
        self._legend_texts: dict[str, tuple[str, str]] = {}  # work type key -> its name and share, as drawn
        self._legend_fitted: tuple | None = None  # the font, room and texts the legend was last fitted for

    def show_summary(self, summary: WeekSummary) -> None:
        if not summary.total:
            self.bar_series = self.pie_series = None
            self.set_empty(True, _("No work logged in week {number} yet.\nEntries you save appear here.").format(
                number=summary.week.number))
            return
        self.set_empty(False)
        refont = self._take_font()
        set_title(self.bars_chart, _("Time by category · week {number}").format(number=summary.week.number))

        tax = self.taxonomy
        order = [c.key for wt in tax.work_types for c in tax.categories_of(wt)]
        order += sorted(k for k in summary.by_category if k not in tax.categories)
        used = [k for k in order if summary.by_category.get(k)]
        used.reverse()  # horizontal bars draw bottom-up; keep the taxonomy order top-down
        peak = max(summary.by_category.values())
        unit_name, divisor = self._unit = unit_for(peak)
        font = self.font()
        if self._series is None:
            self._make_bars(font)
            refont = True
        series = self._series

        # The sets: one per category drawn, each with its value in its own row (so each
        # keeps its own shade), then one empty set per work type drawn, for the legend.
        types = [k for k in tax.work_types if summary.by_work_type.get(k)]
        sets_changed = self._sync_sets(used, types)
        rows = len(used)
        zeros = [0.0] * rows
        row_of = {key: i for i, key in enumerate(used)}
        for key, bar in self._bars.items():
            values = zeros
            if key in row_of:
                values = list(zeros)
                values[row_of[key]] = summary.by_category[key] / divisor
            self._values[bar] = put_values(bar, self._values[bar], values)
        for bar in self._markers.values():
            self._values[bar] = put_values(bar, self._values[bar], zeros)
        if sets_changed:
            legend_sets = set(self._markers.values())
            for marker in self.bars_chart.legend().markers(series):
                marker.setVisible(marker.barset() in legend_sets)

        small = rows > 8
        if refont or small != self._small_labels:
            self._small_labels = small
            labels_font = QFont(font)
            labels_font.setPointSizeF(font.pointSizeF() * (0.9 if small else 1.0))
            self._y_axis.setLabelsFont(labels_font)
        if refont:
            self._x_axis.setTitleFont(font)
            self._x_axis.setLabelsFont(font)
        fit_value_axis(self._x_axis, unit_name, peak / divisor)
        self.bar_series = series
        self._rows = used
        set_categories(self._y_axis, self._row_labels())
        self._give_rows_room(rows)

        self._show_split(summary)
        self._summary = summary
        self.alternative_changed()

    def descriptions(self) -> list[tuple[QWidget, str]]:
        if self._summary is None:
            return []
        categories, split = week_texts(self._summary, self.taxonomy, self._rows[::-1])
        return [(self.bars_view, categories), (self.split_view, split)]

    def table_contents(self) -> tuple[list[str], list[list[Cell]]]:
        return week_table(self._summary, self.taxonomy, self._rows[::-1]) if self._summary else ([], [])

    def _give_rows_room(self, rows: int) -> None:
        """The bars' height: at least a line of label text per row, plus the title, the value
        axis and the legend around the plot."""
        label = QFontMetrics(self._y_axis.labelsFont()).height()
        text = QFontMetrics(self._x_axis.labelsFont()).height()
        title = QFontMetrics(self.bars_chart.titleFont()).height()
        legend = QFontMetrics(self.bars_chart.legend().font()).height()
        around = title + 2 * text + legend + 56  # the chart's margins and spacing, measured
        pitch = label + max(6, label // 3)  # Qt hides a label that comes within a few pixels of the next
        needed = max(160, rows * pitch + around)
        if self.bars_view.minimumHeight() != needed:
            self.bars_view.setMinimumHeight(needed)

    def _row_labels(self) -> list[str]:
        """The categories' names, each shortened to a third of the bars' width at most (the
        full name shows when pointed at): Qt's own shortening cut every name to "...", and a
        longer name ran off the chart's left edge."""
        metrics = QFontMetrics(self._y_axis.labelsFont())
        room = max(metrics.horizontalAdvance("M" * 6), self.bars_view.width() // 3 - 8)
        labels: list[str] = []
        for key in self._rows:
            text = metrics.elidedText(self.taxonomy.category_label(key), Qt.ElideRight, room)
            while text in labels:  # the axis needs distinct names
                text += "\u200b"
            labels.append(text)
        return labels

    def rows_fit(self) -> bool:
        """Whether every category row has its line of label text (else Qt drops labels)."""
        if not self._rows:
            return True
        plot = self.bars_chart.plotArea()
        return plot.height() / len(self._rows) >= QFontMetrics(self._y_axis.labelsFont()).height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        """Over a (shortened) category label: its full name and time, as over its bar."""
        if event.type() == QEvent.Resize and self._rows and watched is self.bars_view.viewport():
            set_categories(self._y_axis, self._row_labels())  # as much of each name as now fits
        elif event.type() == QEvent.ToolTip and self._rows and watched is self.bars_view.viewport():
            point = self.bars_chart.mapFromScene(self.bars_view.mapToScene(event.pos()))
            plot = self.bars_chart.plotArea()
            if point.x() < plot.left() and plot.top() <= point.y() <= plot.bottom():
                row = min(int((plot.bottom() - point.y()) / (plot.height() / len(self._rows))), len(self._rows) - 1)
                key = self._rows[row]
                minutes = self.category_minutes().get(key, 0)
                text = _("{name}: {value}").format(name=self.taxonomy.category_label(key), value=exact(minutes))
                QToolTip.showText(event.globalPos(), plain_text.tip(text))
                return True
        return super().eventFilter(watched, event)

    def _make_bars(self, font: QFont) -> None:
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.7)
        series.hovered.connect(self._bar_hovered)
        self._y_axis, self._x_axis = add_bars(self.bars_chart, series, Qt.AlignLeft, MINUTES, 0, font)
        self._series = series

    def _sync_sets(self, categories: list[str], types: list[str]) -> bool:
        """A set for each of *categories* (a category once drawn keeps its set, holding zeros
        while unused: re-adding sets would make Qt rebuild the legend) and legend sets for
        exactly *types*; whether any set was added or removed."""
        tax = self.taxonomy
        series = self._series
        changed = False
        added: list[QBarSet] = []  # appended together: Qt remakes the legend's markers on each append
        if list(self._markers) != types:  # the legend keeps the taxonomy's order: make it again
            for marker in self._markers.values():
                del self._values[marker]
                series.remove(marker)  # Qt deletes it
            self._markers = {}
            changed = True
        for key in categories:
            if key not in self._bars:
                bar = QBarSet(plain_text.chart(tax.category_label(key)))
                colour = palette.category_colour(tax, key)
                bar.setColor(colour)
                bar.setBorderColor(colour.darker(130))
                bar.setProperty("category", key)
                added.append(bar)
                self._bars[key] = bar
                self._values[bar] = []
                changed = True
        for key in types:
            if key not in self._markers:
                marker = QBarSet(plain_text.chart(tax.work_types[key].label))
                marker.setColor(palette.work_type_colour(tax, key))
                added.append(marker)
                self._markers[key] = marker
                self._values[marker] = []
        if added:
            series.append(added)
        return changed

    def _show_split(self, summary: WeekSummary) -> None:
        tax = self.taxonomy
        parts = [(key, label, minutes, pct) for key, label, minutes, pct in summary.split() if minutes]
        if self._pie is None:
            self._pie = QPieSeries()
            self._pie.setHoleSize(0.45)
            self._pie.setPieSize(0.78)
            self.split_chart.addSeries(self._pie)
        if [key for key, *_rest in parts] != list(self._slices):  # another set of work types: new slices
            self._pie.clear()
            self._slices = {}
            for key, *_rest in parts:
                piece = self._pie.append("", 0)
                piece.setColor(palette.work_type_colour(tax, key))
                piece.setProperty("work_type", key)
                piece.hovered.connect(
                    lambda state, p=piece: show_tip(p.property("tip")) if state else QToolTip.hideText()
                )
                self._slices[key] = piece
        border = self.palette().color(QPalette.Base)  # the gaps between slices: the chart's background
        legend_texts = self._legend_texts = {}
        for key, label, minutes, pct in parts:
            piece = self._slices[key]
            legend_texts[key] = (plain_text.chart(label), plain_text.chart(percent(pct)))
            if piece.value() != minutes:
                piece.setValue(minutes)
            if piece.borderColor() != border:
                piece.setBorderColor(border)
            piece.setProperty("tip", _("{work_type}: {time}, {percent} of {total}").format(
                work_type=label, time=exact(minutes), percent=percent(pct, 1), total=format_minutes(summary.total)))
        set_title(self.split_chart, _("Split · {total} in all").format(total=format_minutes(summary.total)))
        self.pie_series = self._pie
        self.fit_split_legend()

    def fit_split_legend(self) -> None:
        """The donut's legend under it, each work type and its share on one line while they all fit
        across, else on two; beside it, on two lines, where even that does not fit. With larger
        text "Direct 51%" was cut to "Dire…", and beside it "Indirect 38%" to "Indir…"."""
        if self._pie is None:
            return
        legend = self.split_chart.legend()
        room = self.split_view.width() - 16
        fitted = (legend.font().key(), room, list(self._legend_texts.values()))
        if fitted == self._legend_fitted:  # as last fitted: the week switched to has the same shares
            return
        self._legend_fitted = fitted
        metrics = QFontMetrics(legend.font())
        marker = metrics.height() * 2  # the colour square and the gaps around a label
        texts = [(self._slices[key], name, share) for key, (name, share) in self._legend_texts.items()]
        across = sum(metrics.horizontalAdvance(f"{name} {share}") + marker for _piece, name, share in texts)
        stacked = sum(max(map(metrics.horizontalAdvance, (name, share))) + marker for _piece, name, share in texts)
        side = Qt.AlignRight if stacked > room else Qt.AlignBottom
        for piece, name, share in texts:
            text = f"{name} {share}" if across <= room else f"{name}<br>{share}"  # legend labels are rich text
            if piece.label() != text:
                piece.setLabel(text)
        if legend.alignment() != side:
            legend.setAlignment(side)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self.fit_split_legend()

    def render_image(self) -> QImage:
        """The whole card, with every category row even where the bars scroll inside it."""
        image = super().render_image()
        if self.is_empty() or self.bars_view.height() <= self.bars_scroll.viewport().height():
            return image
        from PySide6.QtGui import QImage

        bars = self.bars_view.grab().toImage()  # the bars' full height, scrolled or not
        split = self.split_view.grab().toImage()
        gap = self.split_view.x() - self.bars_scroll.geometry().right()
        whole = QImage(bars.width() + gap + split.width(), max(bars.height(), split.height()), image.format())
        whole.fill(self.palette().window().color())
        with_painter = QPainter(whole)
        with_painter.drawImage(0, 0, bars)
        with_painter.drawImage(bars.width() + gap, 0, split)
        with_painter.end()
        return whole

    def _bar_hovered(self, status: bool, index: int, barset: QBarSet) -> None:
        key = barset.property("category")
        if not status or not key:
            QToolTip.hideText()
            return
        minutes = barset.at(index) * self._unit[1]
        show_tip(_("{name}: {value}").format(name=self.taxonomy.category_label(key), value=exact(minutes)))

    # -- what is drawn, read back from the series (for tests and checks)
    def category_minutes(self) -> dict[str, int]:
        if self.bar_series is None:
            return {}
        divisor = self._unit[1]
        out = {}
        for bar in self.bar_series.barSets():
            key = bar.property("category")
            minutes = round(sum(bar.at(i) for i in range(bar.count())) * divisor)
            if key and minutes:  # a category drawn in another week holds zeros
                out[key] = minutes
        return out

    def split_minutes(self) -> dict[str, int]:
        if self.pie_series is None:
            return {}
        return {s.property("work_type"): round(s.value()) for s in self.pie_series.slices()}
