"""The review's own charts: each worker's direct share over the weeks, and the week labels and spans of its titles."""

from __future__ import annotations

from PySide6.QtCharts import QAreaSeries, QCategoryAxis, QLineSeries, QValueAxis
from PySide6.QtCore import (
    QMargins,
    QPointF,
    Qt,
)
from PySide6.QtGui import QColor, QPalette, QPen
from PySide6.QtWidgets import (
    QToolTip,
    QWidget,
)

from ..domain.weeks import Week
from ..exchange.team_views import share_band
from ..i18n import N_, _, ngettext
from . import palette, plain_text
from .chart_card import ChartCard
from .chart_parts import Cell, apply_fonts, clear_chart, listed, new_chart, percent, show_tip, week_short

# Okabe–Ito, in the order that keeps neighbours apart; beyond these, the lines are dashed.
WORKER_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")


class ShareChart(ChartCard):
    """One line per worker: the share of their week's minutes that was direct work, in percent."""

    TITLE = N_("Direct share per worker")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("direct_share", _("No minutes in this selection."), parent)
        self.chart = new_chart(self, _("Direct share per worker"))
        self.chart.setMargins(QMargins(4, 4, 28, 4))  # room for the last week's label, centred on its point
        self.view = self._view(self.chart, "direct_share_view", _("Direct share per worker"))
        self.body_layout.addWidget(self.view)
        self.series: dict[str, QLineSeries] = {}
        self.weeks: list[Week] = []
        self.band: list = []  # the team's quartiles per week, when a large team is drawn as a band
        self._label = ""  # the work type whose share is drawn

    def show_shares(
        self,
        shares: dict[str, dict[str, float]],
        weeks: list[Week],
        label: str | None = None,
        highlight: str | None = None,
    ) -> None:
        """One line per worker; for a team larger than the colours that stay apart, the team's
        middle half (quartiles) as a band and its median, with *highlight*'s line over them.
        *label*: the work type's (direct work's when None)."""
        clear_chart(self.chart)
        self.series = {}
        self.band = []
        self.weeks = list(weeks)
        self._label = label = label or _("Direct")
        apply_fonts(self.chart, self)
        if not weeks or not any(shares.values()):
            self.set_empty(True, _("No minutes in this selection."))
            return
        self.set_empty(False)
        banded = len(shares) > len(WORKER_COLOURS)
        span = span_title(weeks)
        if not banded:
            title = _("{label} share per worker · {span}").format(label=label, span=span)
        elif highlight:
            title = _("{label} share of {worker} against the team · {span}").format(
                label=label, worker=highlight, span=span)
        else:
            title = _("{label} share across the team · {span}").format(label=label, span=span)
        self.chart.setTitle(plain_text.chart(title))
        index = {str(w): i for i, w in enumerate(weeks)}
        font = self.font()
        x_axis = QCategoryAxis()  # labels at chosen weeks only: a range may be two years long
        x_axis.setRange(-0.5, len(weeks) - 0.5)
        x_axis.setStartValue(-0.5)
        x_axis.setLabelsPosition(QCategoryAxis.AxisLabelsPositionOnValue)
        for i, text in enumerate(week_labels(weeks)):
            if text.strip(INVISIBLE):
                x_axis.append(text, i)
        x_axis.setLabelsFont(font)
        x_axis.setTitleText(_("ISO week"))
        x_axis.setTitleFont(font)
        x_axis.setTruncateLabels(False)
        y_axis = QValueAxis()
        y_axis.setRange(0, 100)
        y_axis.setTickCount(6)
        y_axis.setLabelFormat("%.0f")
        y_axis.setTitleText(plain_text.chart(_("{label} share (%)").format(label=label)))
        y_axis.setTitleFont(font)
        y_axis.setLabelsFont(font)
        self.chart.addAxis(x_axis, Qt.AlignBottom)
        self.chart.addAxis(y_axis, Qt.AlignLeft)
        self.x_axis, self.y_axis = x_axis, y_axis
        if banded:
            self._show_band(shares, index, highlight)
            self.alternative_changed()
            return
        dark_lines = palette.is_dark(self.palette())
        for n, (worker, by_week) in enumerate(shares.items()):
            series = QLineSeries()
            series.setName(plain_text.chart(worker))  # a name from a file: shown as written
            for week, pct in sorted(by_week.items()):
                if week in index:
                    series.append(QPointF(index[week], pct))
            colour = QColor(WORKER_COLOURS[n % len(WORKER_COLOURS)])
            if dark_lines and colour == QColor("#000000"):
                colour = QColor("#F0E442")
            pen = QPen(colour)
            pen.setWidthF(2.5)
            if n >= len(WORKER_COLOURS):
                pen.setStyle(Qt.DashLine)
            series.setPen(pen)
            series.setPointsVisible(len(weeks) <= 26)  # markers only while they stay apart
            series.setMarkerSize(7)
            series.hovered.connect(lambda point, state, w=worker: self._hovered(w, point, state))
            self.chart.addSeries(series)
            series.attachAxis(x_axis)
            series.attachAxis(y_axis)
            self.series[worker] = series
        self.alternative_changed()

    def _show_band(self, shares: dict[str, dict[str, float]], index: dict[str, int], highlight: str | None) -> None:
        band = share_band(shares, list(index))
        upper, lower, median = QLineSeries(), QLineSeries(), QLineSeries()
        for b in band:
            x = index[b.week]
            upper.append(QPointF(x, b.high))
            lower.append(QPointF(x, b.low))
            median.append(QPointF(x, b.median))
        area = QAreaSeries(upper, lower)
        # the area draws from its two lines but does not own them: they must live as long as it does
        upper.setParent(area)
        lower.setParent(area)
        self._band_edges = (upper, lower)
        area.setName(ngettext("Middle half of the team ({n} worker)", "Middle half of the team ({n} workers)",
                              len(shares)).format(n=len(shares)))
        area.setColor(QColor(0, 114, 178, 60))
        area.setBorderColor(QColor(0, 114, 178, 110))
        self.chart.addSeries(area)
        area.attachAxis(self.x_axis)
        area.attachAxis(self.y_axis)
        self.band = band
        # the median as the axes' text (seen on any theme, a high-contrast one too), dashed
        lines = [(_("Team median"), median, self.palette().color(QPalette.Text), Qt.DashLine, 2.0)]
        if highlight in shares:
            own = QLineSeries()
            for week, pct in sorted(shares[highlight].items()):
                if week in index:
                    own.append(QPointF(index[week], pct))
            lines.append((highlight, own, QColor("#D55E00"), Qt.SolidLine, 3.0))
        for name, series, colour, style_, width in lines:
            series.setName(plain_text.chart(name))
            pen = QPen(colour)
            pen.setWidthF(width)
            pen.setStyle(style_)
            series.setPen(pen)
            series.setPointsVisible(len(index) <= 26)
            series.hovered.connect(lambda point, state, w=name: self._hovered(w, point, state))
            self.chart.addSeries(series)
            series.attachAxis(self.x_axis)
            series.attachAxis(self.y_axis)
            self.series[name] = series

    def _hovered(self, worker: str, point: QPointF, state: bool) -> None:
        i = round(point.x())
        if not state or not 0 <= i < len(self.weeks):
            QToolTip.hideText()
            return
        show_tip(_("{worker} · {week}\n{percent} {label}").format(
            worker=worker, week=self.weeks[i].label(), percent=percent(point.y(), 1), label=self._label.lower()))

    def descriptions(self) -> list[tuple[QWidget, str]]:
        short = {str(w): week_short(w) for w in self.weeks}
        lines = [_("{name}: {values}").format(name=self._band_names()[0], values=listed(
            [f"{short[b.week]} {percent(b.low)}–{percent(b.high)}" for b in self.band if b.week in short]))
        ] if self.band else []
        lines += [_("{name}: {values}").format(name=worker, values=listed(
            [f"{short[w]} {percent(pct)}" for w, pct in by_week.items() if w in short]))
            for worker, by_week in self.shares().items()]
        return [(self.view, "; ".join(lines))]

    def table_contents(self) -> tuple[list[str], list[list[Cell]]]:
        shares, band = self.shares(), {b.week: b for b in self.band}
        headers = [_("Week"), *self._band_names()[1:], *shares]
        rows: list[list[Cell]] = []
        for week in self.weeks:
            row: list[Cell] = [week.label()]
            if band:
                b = band.get(str(week))
                row += [(percent(b.low), b.low), (percent(b.high), b.high)] if b else [("–", None), ("–", None)]
            row += [(percent(s[str(week)]), s[str(week)]) if str(week) in s else ("–", None) for s in shares.values()]
            rows.append(row)
        return headers, rows

    def _band_names(self) -> list[str]:
        """The band's name and its edges' (the table's columns), while a band is drawn."""
        if not self.band:
            return [""]
        return [_("Middle half of the team"), _("Lower quartile"), _("Upper quartile")]

    def shares(self) -> dict[str, dict[str, float]]:
        """worker -> week -> percent, read back from the drawn series (for tests and checks)."""
        return {
            worker: {str(self.weeks[round(p.x())]): p.y() for p in series.points()}
            for worker, series in self.series.items()
        }


INVISIBLE = "\u200b\u200c\u200d\u2060"  # zero-width characters: unlabelled weeks
MAX_WEEK_LABELS = 12  # W48; half as many when they carry the year (2025-W48)


def week_labels(weeks: list[Week]) -> list[str]:
    """An axis label per week: ``W48`` (``2025-W48`` when the weeks span years) on at most
    MAX_WEEK_LABELS of them, counted back from the last; the others get short invisible
    texts, all different, since a bar axis needs distinct category names."""
    one_year = bool(weeks) and weeks[0].year == weeks[-1].year
    most = MAX_WEEK_LABELS if one_year else MAX_WEEK_LABELS // 2
    step = max(1, -(-len(weeks) // most))
    out = []
    for i, week in enumerate(weeks):
        if (len(weeks) - 1 - i) % step == 0:
            out.append(week_short(week) if one_year else f"{week.year}-W{week.number:02d}")  # ISO when years differ
        else:
            digits, n = [], i
            for _digit in range(5):  # base 4, five digits: distinct for 1,024 weeks
                n, d = divmod(n, 4)
                digits.append(INVISIBLE[d])
            out.append("".join(digits))
    return out


def span_title(weeks: list[Week]) -> str:
    """``week 48, 2026``, ``W43–W48 2026`` or ``2025-W50 to 2026-W07``: short, for chart titles."""
    if not weeks:
        return _("no weeks")
    first, last = weeks[0], weeks[-1]
    if len(weeks) == 1:
        return _("week {number}, {year}").format(number=first.number, year=first.year)
    if first.year == last.year:
        return f"{week_short(first)}–{week_short(last)} {first.year}"
    return _("{first} to {last}").format(first=first, last=last)
