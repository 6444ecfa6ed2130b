"""A report drawn page by page on any of Qt's paged devices: a PDF (QPdfWriter), a printer or a
print preview (QPrinter). Text stays text (searchable, copyable), charts are vector paths.

Geometry is in points (1/72 inch) whatever the device's resolution: the painter is scaled once
and fonts are sized in pixels of that scaled space, so a PDF, a preview and a 600-dpi printer
lay out alike. A page is header (organisation, title, period), body and footer (page number).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QDate, QIODevice, QLocale, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from ..domain.entry import FORMATS, MODES, count_of, format_minutes
from ..domain.report import TeamReport, WeekLine, WorkerReport
from ..domain.stats import LABELS as STATS_LABELS
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..i18n import _
from ..ui.palette import EXTRA_HUES, UNKNOWN, WORK_TYPE_HUES

PAPERS = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
# Territories whose paper is Letter; everyone else prints on A4.
_LETTER_TERRITORIES = {"UnitedStates", "Canada", "Mexico", "Chile", "Colombia", "Philippines", "Venezuela"}

INK = QColor("#1a1a1a")
MUTED = QColor("#5a5a5a")
RULE = QColor("#b8b8b8")
ZEBRA = QColor("#f2f2f2")

Progress = Callable[[int, int], bool]


class ReportCancelled(Exception):
    def __init__(self) -> None:
        super().__init__(_("the report was cancelled; no file was written"))


@dataclass(frozen=True)
class Options:
    organisation: str = ""
    paper: str = "a4"
    notes: bool = False  # an entry list with the notes
    client_refs: bool = False  # an entry list with the client refs
    made: date = field(default_factory=date.today)

    @property
    def entry_list(self) -> bool:
        return self.notes or self.client_refs


def text_locale() -> QLocale:
    """The locale of PeerDesk's language, for month names and numbers (``1,234.5`` / ``1 234,5``):
    the window's (:func:`peerdesk.ui.locale_text.locale`), so a report writes as the window does."""
    from ..ui.locale_text import locale

    return locale()


def number(n: float, decimals: int | None = None) -> str:
    """*n* as the language writes it: grouped digits, its decimal sign (*decimals* places, or as few as needed)."""
    locale = text_locale()
    if decimals is None:
        return locale.toString(int(n)) if float(n).is_integer() else locale.toString(float(n), "g", 6)
    return locale.toString(float(n), "f", decimals)


def short_day(day: date, with_month: bool = True) -> str:
    """``23 Nov`` (``23 nov.`` in French); the day alone when *with_month* is False."""
    return text_locale().toString(QDate(day.year, day.month, day.day), "d MMM" if with_month else "d")


def default_paper() -> str:
    """Letter where the system's territory uses it, else A4."""
    return "letter" if QLocale.system().territory().name in _LETTER_TERRITORIES else "a4"


def page_layout(paper: str) -> QPageLayout:
    margins = QMarginsF(15, 14, 15, 14)
    return QPageLayout(QPageSize(PAPERS[paper]), QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)


def pdf_bytes(
    report: WorkerReport | TeamReport, taxonomy: Taxonomy, options: Options, progress: Progress | None = None
) -> bytes:
    """The whole PDF in memory: a file is written only once it is complete."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(page_layout(options.paper))
    writer.setResolution(600)
    writer.setTitle(title_of(report, options))
    writer.setCreator("PeerDesk")
    render(writer, report, taxonomy, options, progress)
    buffer.close()
    return bytes(data.data())


def title_of(report: WorkerReport | TeamReport, options: Options) -> str:
    if isinstance(report, TeamReport):
        who = _("Team report")
    else:
        who = _("Report for {worker}").format(worker=report.worker or _("this worker"))
    # TRANSLATORS: the page header's title: "Team report, 2026-11-01 to 2026-11-30" (ISO dates)
    return _("{title}, {start} to {end}").format(title=who, start=report.start.isoformat(),
                                                  end=report.end.isoformat())


def render(
    device: QPagedPaintDevice,
    report: WorkerReport | TeamReport,
    taxonomy: Taxonomy,
    options: Options,
    progress: Progress | None = None,
) -> int:
    """Draw *report* on *device* (a PDF writer or a printer); the number of pages."""
    flow = Flow(device, options, title_of(report, options))
    try:
        if isinstance(report, TeamReport):
            total = len(report.workers) + 1
            _ask(progress, 0, total)
            team_page(flow, report, taxonomy)
            for i, worker in enumerate(report.workers, start=1):
                flow.new_page(_("{worker}: {start} to {end}").format(
                    worker=worker.worker, start=report.start.isoformat(), end=report.end.isoformat()))
                worker_pages(flow, worker, taxonomy, options)
                _ask(progress, i, total)
        else:
            _ask(progress, 0, 1)
            worker_pages(flow, report, taxonomy, options)
            _ask(progress, 1, 1)
    finally:
        flow.end()
    return flow.page


def _ask(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ReportCancelled


# ---------------------------------------------------------------- the page flow


class Flow:
    """Lays out blocks down the page and starts a new page when the next one would not fit."""

    def __init__(self, device: QPagedPaintDevice, options: Options, title: str) -> None:
        self.device = device
        self.options = options
        self.title = title
        self.painter = QPainter(device)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        k = device.logicalDpiX() / 72.0
        self.painter.scale(k, device.logicalDpiY() / 72.0)
        paint = device.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.width, self.height = paint.width(), paint.height()
        self.top, self.bottom = 30.0, self.height - 22.0
        self.family = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).family()
        self.page = 0
        self.y = self.top
        self._start_page()

    def font(self, size: int, bold: bool = False) -> QFont:
        f = QFont(self.family)
        f.setPixelSize(size)
        f.setBold(bold)
        for feature in ("liga", "clig"):  # "fi" stays two letters, so the PDF's text is found as typed
            f.setFeature(QFont.Tag(feature), 0)
        return f

    def metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font)

    def end(self) -> None:
        if self.painter.isActive():
            self.painter.end()

    # -- pages

    def _start_page(self) -> None:
        self.page += 1
        p = self.painter
        p.setPen(INK)
        p.setFont(self.font(9, bold=True))
        p.drawText(QRectF(0, 0, self.width * 0.5, 12), Qt.AlignmentFlag.AlignLeft, self.options.organisation)
        p.setFont(self.font(8))
        p.setPen(MUTED)
        p.drawText(QRectF(self.width * 0.3, 0, self.width * 0.7, 12), Qt.AlignmentFlag.AlignRight, self.title)
        p.setPen(QPen(RULE, 0.6))
        p.drawLine(QPointF(0, 16), QPointF(self.width, 16))
        p.setPen(MUTED)
        p.setFont(self.font(7))
        foot = QRectF(0, self.height - 10, self.width, 10)
        made = self.options.made.isoformat()
        if self.options.entry_list:
            said = _("Made with PeerDesk on {date}. Notes and client refs included.").format(date=made)
        else:
            said = _("Made with PeerDesk on {date}. Notes and client refs left out.").format(date=made)
        page = _("Page {number}").format(number=self.page)
        p.drawText(QRectF(0, self.height - 10, self.width - self.metrics(self.font(7)).horizontalAdvance(page) - 12,
                          10), Qt.AlignmentFlag.AlignLeft, said)
        p.drawText(foot, Qt.AlignmentFlag.AlignRight, page)
        p.setPen(INK)
        self.y = self.top

    def new_page(self, title: str | None = None) -> None:
        if title is not None:
            self.title = title
        self.device.newPage()
        self._start_page()

    def need(self, height: float) -> None:
        if self.y + height > self.bottom and self.y > self.top:
            self.new_page()

    # -- text

    def text(self, text: str, size: int = 9, bold: bool = False, colour: QColor = INK, gap: float = 2.0,
             x: float = 0.0, width: float | None = None) -> float:
        """A paragraph (wrapped to *width*) at the flow's place; its height."""
        font = self.font(size, bold)
        width = (self.width - x) if width is None else width
        flags = Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap
        box = self.metrics(font).boundingRect(QRectF(0, 0, width, 10_000), int(flags), text)
        self.need(box.height())
        self.painter.setFont(font)
        self.painter.setPen(colour)
        self.painter.drawText(QRectF(x, self.y, width, box.height() + 1), int(flags), text)
        self.painter.setPen(INK)
        self.y += box.height() + gap
        return box.height()

    def heading(self, text: str, size: int = 12) -> None:
        self.need(size + 60)  # never a heading alone at the foot of a page
        self.y += 6
        self.text(text, size, bold=True, gap=4)

    # -- tables

    def table(
        self,
        columns: Sequence[tuple[str, float, str]],
        rows: Sequence[Sequence[str]],
        *,
        size: int = 8,
        wrap: int | Sequence[int] | None = None,
        bold_last: bool = False,
        fit: Sequence[int] = (),
    ) -> None:
        """Columns (title, share of the width, 'l' or 'r'); long cells are elided, or wrapped in
        the column(s) *wrap*. A column is never narrower than the longest word of its title (a title
        longer than its column wraps onto more lines) nor, for the columns of *fit*, than its
        widest cell (numbers, the right-aligned columns, always fit): the others give up their
        share (a language's longer words). The header is repeated on each page the table runs onto."""
        font, bold = self.font(size), self.font(size, bold=True)
        metrics, bold_metrics = self.metrics(font), self.metrics(bold)
        pad = 3.0
        fitted = {*fit, *(c for c, (_t, _s, align) in enumerate(columns) if align == "r")}
        # measured in bold: the header's words, and a total row's cells
        need = [max([bold_metrics.horizontalAdvance(word) for word in title.split()]
                    + [bold_metrics.horizontalAdvance(row[c]) for row in rows] * (c in fitted) + [0]) + 2 * pad + 1
                for c, (title, _s, _a) in enumerate(columns)]
        widths = _fitted([share for _t, share, _a in columns], need, self.width)
        line = metrics.height() + 3
        wrapped = int(Qt.TextFlag.TextWordWrap)
        wrapping = set() if wrap is None else {wrap} if isinstance(wrap, int) else set(wrap)
        head = max([line] + [bold_metrics.boundingRect(QRectF(0, 0, w - 2 * pad, 10_000), wrapped, title).height()
                             + 3 for (title, _s, _a), w in zip(columns, widths, strict=True) if title])

        def header() -> None:
            self.painter.setFont(bold)
            x = 0.0
            for (title, _s, align), w in zip(columns, widths, strict=True):
                flags = (_align(align) & ~int(Qt.AlignmentFlag.AlignVCenter)) | int(Qt.AlignmentFlag.AlignBottom)
                self.painter.drawText(QRectF(x + pad, self.y, w - 2 * pad, head - 1), flags | wrapped, title)
                x += w
            self.y += head
            self.painter.setPen(QPen(RULE, 0.6))
            self.painter.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))
            self.painter.setPen(INK)

        self.need(head + line * 2)
        header()
        for i, row in enumerate(rows):
            height = line
            for c in wrapping:
                if row[c]:
                    flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
                    height = max(height, metrics.boundingRect(QRectF(0, 0, widths[c] - 2 * pad, 10_000), flags,
                                                              row[c]).height() + 3)
            if self.y + height > self.bottom:
                self.new_page()
                header()
            if i % 2:
                self.painter.fillRect(QRectF(0, self.y, self.width, height), ZEBRA)
            self.painter.setFont(bold if bold_last and i == len(rows) - 1 else font)
            x = 0.0
            for c, ((_t, _s, align), w, cell) in enumerate(zip(columns, widths, row, strict=True)):
                box = QRectF(x + pad, self.y + 1.5, w - 2 * pad, height - 1.5)
                if c in wrapping:
                    self.painter.drawText(box, _align("l") | wrapped, cell)
                else:
                    shown = metrics.elidedText(cell, Qt.TextElideMode.ElideRight, w - 2 * pad)
                    self.painter.drawText(box, _align(align), shown)
                x += w
            self.y += height
        self.y += 6

    # -- charts

    def hbars(self, items: Sequence[tuple[str, float, QColor, str]], *, label_share: float = 0.36) -> None:
        """Horizontal bars: (label, value, colour, value as text), one row each."""
        if not items:
            return
        font = self.font(8)
        metrics = self.metrics(font)
        row = metrics.height() + 4
        widest_label = max(metrics.horizontalAdvance(label) for label, _v, _c, _t in items) + 8
        label_w = min(max(self.width * label_share, widest_label), self.width * 0.5)
        value_w = min(max(92.0, max(metrics.horizontalAdvance(t) for _l, _v, _c, t in items) + 4), self.width * 0.25)
        bar_w = self.width - label_w - value_w - 8
        peak = max(v for _l, v, _c, _t in items) or 1.0
        for label, value, colour, shown in items:
            self.need(row)
            self.painter.setFont(font)
            self.painter.setPen(INK)
            self.painter.drawText(QRectF(0, self.y, label_w - 6, row), _align("r"),
                                  metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_w - 6))
            self.painter.fillRect(QRectF(label_w, self.y + 2, max(bar_w * value / peak, 0.8 if value else 0), row - 4),
                                  colour)
            self.painter.drawText(QRectF(label_w + bar_w + 8, self.y, value_w, row), _align("l"), shown)
            self.y += row
        self.y += 6

    def week_bars(self, weeks: Sequence[WeekLine], colours: dict[str, QColor], labels: dict[str, str],
                  contracted_hours: float) -> None:
        """Hours per week stacked by work type, the contracted hours of each week as a dashed line."""
        height = 150.0
        self.need(height + 40)
        p = self.painter
        font = self.font(7)
        metrics = self.metrics(font)
        p.setFont(font)
        axis_w, top = 30.0, self.y + 4
        plot = QRectF(axis_w, top, self.width - axis_w - 4, height)
        peak_minutes = max([w.minutes for w in weeks] + [w.expected_minutes(contracted_hours) for w in weeks] + [60])
        step = _nice_step(peak_minutes / 60 / 4)
        top_hours = step * math.ceil(peak_minutes / 60 / step)
        scale = plot.height() / (top_hours * 60)
        for i in range(round(top_hours / step) + 1):
            hours = i * step
            y = plot.bottom() - hours * 60 * scale
            p.setPen(QPen(RULE, 0.4))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(QRectF(0, y - 5, axis_w - 4, 10), _align("r"), f"{number(hours)} h")
        n = max(len(weeks), 1)
        slot = plot.width() / n
        bar = slot * 0.7
        every = max(1, math.ceil(metrics.horizontalAdvance("W53 ") / slot))
        for i, w in enumerate(weeks):
            x = plot.left() + i * slot + (slot - bar) / 2
            y = plot.bottom()
            for key in labels:
                minutes = w.by_work_type.get(key, 0)
                if minutes:
                    h = minutes * scale
                    p.fillRect(QRectF(x, y - h, bar, h), colours[key])
                    y -= h
            if contracted_hours:
                p.setPen(QPen(INK, 0.9, Qt.PenStyle.DashLine))
                ey = plot.bottom() - w.expected_minutes(contracted_hours) * scale
                p.drawLine(QPointF(plot.left() + i * slot, ey), QPointF(plot.left() + (i + 1) * slot, ey))
            if i % every == 0:
                p.setPen(MUTED)
                p.drawText(QRectF(plot.left() + i * slot - slot, plot.bottom() + 2, slot * 3, 10),
                           _align("c"), _week_short(w.week))
        p.setPen(INK)
        self.y = plot.bottom() + 16
        self.legend([(labels[k], colours[k]) for k in labels if any(w.by_work_type.get(k) for w in weeks)]
                    + ([(_("contracted hours (dashed)"), None)] if contracted_hours else []))

    def legend(self, items: Sequence[tuple[str, QColor | None]]) -> None:
        font = self.font(8)
        metrics = self.metrics(font)
        self.painter.setFont(font)
        x = 0.0
        for label, colour in items:
            if x and x + 11 + metrics.horizontalAdvance(label) > self.width:
                x = 0.0
                self.y += 14
            if colour is not None:
                self.painter.fillRect(QRectF(x, self.y + 2, 8, 8), colour)
            else:
                self.painter.setPen(QPen(INK, 0.9, Qt.PenStyle.DashLine))
                self.painter.drawLine(QPointF(x, self.y + 6), QPointF(x + 8, self.y + 6))
                self.painter.setPen(INK)
            self.painter.drawText(QRectF(x + 11, self.y, self.width - x - 11, 12), _align("l"), label)
            x += 11 + metrics.horizontalAdvance(label) + 14
        self.y += 18


def _fitted(shares: Sequence[float], need: Sequence[float], width: float) -> list[float]:
    """Widths in proportion to *shares* over *width*, each at least its *need* where the page allows:
    the columns that need more take it, the others share what is left."""
    fixed: dict[int, float] = {}
    while True:
        free = width - sum(fixed.values())
        rest = sum(share for i, share in enumerate(shares) if i not in fixed)
        widths = [fixed.get(i, free * share / rest if rest else 0.0) for i, share in enumerate(shares)]
        short = [i for i, w in enumerate(widths) if i not in fixed and w < need[i]]
        if not short or sum(fixed.values()) + sum(need[i] for i in short) >= width:
            return widths
        fixed.update((i, need[i]) for i in short)


def _align(code: str) -> int:
    horizontal = {"l": Qt.AlignmentFlag.AlignLeft, "r": Qt.AlignmentFlag.AlignRight,
                  "c": Qt.AlignmentFlag.AlignHCenter}[code]
    return int(horizontal | Qt.AlignmentFlag.AlignVCenter)


def _nice_step(raw: float) -> float:
    """1, 2 or 5 times a power of ten, at least *raw*."""
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def colours_of(taxonomy: Taxonomy, keys: Sequence[str]) -> dict[str, QColor]:
    extras = [k for k in keys if k not in WORK_TYPE_HUES and k != "unknown"]
    return {
        k: QColor(WORK_TYPE_HUES.get(k) or (EXTRA_HUES[extras.index(k) % len(EXTRA_HUES)] if k in extras else UNKNOWN))
        for k in keys
    }


def _week_short(week: Week) -> str:
    """``W04`` (``S04`` in French): a week by its ISO number, as the window's charts name it."""
    # TRANSLATORS: a week's short name on a chart's axis and in its text, by its ISO number ("S48" in French)
    return _("W{number}").format(number=f"{week.number:02d}")


def _hours(minutes: int) -> str:
    return number(minutes / 60, 1) if minutes else "–"


def percent(part: float) -> str:
    # TRANSLATORS: a whole percentage, "71%"; French writes a no-break space before the sign
    return _("{value}%").format(value=round(part * 100))


# ---------------------------------------------------------------- what the pages say


def _mode(key: str) -> str:
    return _(MODES[key]) if key in MODES else key


def _format(key: str) -> str:
    return _(FORMATS[key]) if key in FORMATS else key


def _entries(n: int) -> str:
    return count_of(n, "entry", "entries")


def worker_pages(flow: Flow, r: WorkerReport, taxonomy: Taxonomy, options: Options) -> None:
    flow.text(_("Peer support work: {worker}").format(worker=r.worker or _("this worker")), 16, bold=True, gap=2)
    flow.text(_("{start} to {end} · {weeks} ({first_week} to {last_week})").format(
        start=r.start.isoformat(), end=r.end.isoformat(), weeks=count_of(len(r.weeks), "week"),
        first_week=r.weeks[0].week, last_week=r.weeks[-1].week), 9, colour=MUTED, gap=8)
    if r.empty:
        flow.text(_("No entries from {start} to {end}.").format(start=r.start.isoformat(), end=r.end.isoformat()),
                  12, bold=True, gap=4)
        flow.text(_("Nothing was logged in this period, so there are no hours, categories or figures to show. "
                    "Check the period, or that the entries were logged (or synced) on this computer."), 9)
        return
    colours = colours_of(taxonomy, list(r.work_types))
    key_figures(flow, r)
    flow.heading(_("For the funder"))
    stats_table(flow, r.stats, taxonomy)
    flow.heading(_("Hours per week"))
    flow.week_bars(r.weeks, colours, r.work_types, r.contracted_hours)
    weekly_table(flow, r)
    flow.heading(_("Time by category"))
    flow.text(" · ".join(f"{label} {format_minutes(r.minutes_of(k))} ({percent(r.share(k))})"
                         for k, label in r.work_types.items() if r.minutes_of(k)), 9, gap=6)
    flow.hbars([(c.label, c.minutes, colours.get(c.work_type, QColor(UNKNOWN)),
                 f"{format_minutes(c.minutes)} · {_entries(c.entries)}") for c in r.categories])
    flow.heading(_("How the work was done"))
    how_table(flow, r)
    flow.heading(_("Enactments of the peer role (tags)"))
    if r.tags:
        flow.hbars([(label, n, QColor("#56B4E9"), _entries(n)) for label, n in r.tags.values()])
    else:
        flow.text(_("No entry of this period carries a tag."), 9, colour=MUTED)
    if options.entry_list:
        entry_list(flow, r, taxonomy, options)


def key_figures(flow: Flow, r: WorkerReport) -> None:
    cells = [
        (_("Hours logged"), format_minutes(r.minutes), _entries(r.entries)),
        (_("Average per week"), format_minutes(round(r.average_week_minutes)), _("over the period's weekdays")),
        (_("Direct work"), percent(r.share()), format_minutes(r.minutes_of("direct"))),
    ]
    if r.contracted_hours:
        expected = r.expected_minutes
        cells.append((_("Against contracted hours"), percent(r.minutes / expected) if expected else "–",
                      _("{expected} expected ({hours} h a week)").format(
                          expected=format_minutes(expected), hours=number(r.contracted_hours))))
    width = flow.width / len(cells)
    small = flow.metrics(flow.font(7))
    # a line under a figure longer than its cell (a language's longer words) takes two lines
    extra = 9 if any(small.horizontalAdvance(sub) > width - 6 for _t, _v, sub in cells) else 0
    flow.need(44 + extra)
    p = flow.painter
    for i, (title, value, sub) in enumerate(cells):
        x = i * width
        p.setPen(MUTED)
        p.setFont(flow.font(8))
        p.drawText(QRectF(x, flow.y, width - 6, 11), _align("l"),
                   flow.metrics(flow.font(8)).elidedText(title, Qt.TextElideMode.ElideRight, width - 6))
        p.setPen(INK)
        p.setFont(flow.font(15, bold=True))
        p.drawText(QRectF(x, flow.y + 11, width - 6, 19), _align("l"), value)
        p.setPen(MUTED)
        p.setFont(flow.font(7))
        p.drawText(QRectF(x, flow.y + 30, width - 6, 10 + extra),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap), sub)
    p.setPen(INK)
    flow.y += 46 + extra


def stats_table(flow: Flow, stats: dict, taxonomy: Taxonomy) -> None:
    rows = [[_(label), number(stats[key])] for key, label in STATS_LABELS.items()]
    for system, codes in stats.get("minutes_by_code", {}).items():
        for code, cell in codes.items():
            # TRANSLATORS: a reporting system's code, e.g. "OCAN code 12"
            rows.append([_("{system} code {code}").format(system=system, code=code),
                         f"{format_minutes(cell['minutes'])} · {_entries(cell['entries'])}"])
    flow.table([(_("Figure"), 3.0, "l"), (_("Value"), 1.0, "r")], rows)


def weekly_table(flow: Flow, r: WorkerReport) -> None:
    keys = [k for k in r.work_types if r.minutes_of(k)]
    columns: list[tuple[str, float, str]] = [(_("Week"), 1.0, "l"), (_("Days"), 1.5, "l")]
    columns += [(r.work_types[k], 1.0, "r") for k in keys]
    columns += [(_("Total"), 0.9, "r"), (_("Entries"), 0.8, "r")]
    if r.contracted_hours:
        columns += [(_("Contracted"), 1.0, "r"), (_("Difference"), 1.0, "r")]
    rows = []
    for w in r.weeks:
        days = _days(w.first, w.last)
        # TRANSLATORS: days of a week the period cuts: "1 Nov (part)"
        row = [str(w.week), days if w.whole else _("{days} (part)").format(days=days)]
        row += [format_minutes(w.by_work_type.get(k, 0)) for k in keys]
        row += [format_minutes(w.minutes), number(w.entries)]
        if r.contracted_hours:
            expected = w.expected_minutes(r.contracted_hours)
            row += [format_minutes(expected), _signed(w.minutes - expected)]
        rows.append(row)
    total = [_("Total"), count_of(len(r.weeks), "week")] + [format_minutes(r.minutes_of(k)) for k in keys]
    total += [format_minutes(r.minutes), number(r.entries)]
    if r.contracted_hours:
        total += [format_minutes(r.expected_minutes), _signed(r.minutes - r.expected_minutes)]
    rows.append(total)
    flow.table(columns, rows, bold_last=True)
    if r.contracted_hours and not all(w.whole for w in r.weeks):
        flow.text(_("A week cut by the period's start or end is expected to hold its weekdays' share of the "
                    "contracted hours."), 7, colour=MUTED, gap=6)


def _days(first: date, last: date) -> str:
    """``23–29 Nov``, ``30 Nov – 6 Dec``: month names in the report's language."""
    if first == last:
        return short_day(first)
    if first.month == last.month:
        return f"{short_day(first, with_month=False)}–{short_day(last)}"
    return f"{short_day(first)} – {short_day(last)}"


def _signed(minutes: int) -> str:
    return ("+" if minutes > 0 else "−" if minutes < 0 else "") + format_minutes(abs(minutes))


def how_table(flow: Flow, r: WorkerReport) -> None:
    rows = [[_("Mode: {mode}").format(mode=_mode(k)), format_minutes(t.minutes), number(t.entries), number(t.people)]
            for k, t in r.by_mode.items() if t.entries]
    rows += [[_("Format: {format}").format(format=_format(k)), format_minutes(t.minutes), number(t.entries),
              number(t.people)] for k, t in r.by_format.items() if t.entries]
    flow.table([("", 2.4, "l"), (_("Time"), 1.0, "r"), (_("Entries"), 0.8, "r"), (_("People"), 0.8, "r")], rows)
    flow.text(_("People reached in direct work (counted per entry): {people}").format(
        people=number(r.people_reached)), 9, gap=4)


def entry_list(flow: Flow, r: WorkerReport, taxonomy: Taxonomy, options: Options) -> None:
    flow.new_page()
    flow.heading(_("Entries"))
    columns: list[tuple[str, float, str]] = [(_("Date"), 1.0, "l"), (_("Start"), 0.6, "l"), (_("Time"), 0.7, "r"),
                                             (_("Category"), 2.3, "l"), (_("Mode"), 0.8, "l"),
                                             (_("People"), 0.6, "r")]
    if options.client_refs:
        columns.append((_("Client ref"), 1.0, "l"))
    if options.notes:
        columns.append((_("Note"), 3.2, "l"))
    rows = []
    for e in r.rows:
        start = getattr(e, "start_time", None)
        row = [e.date.isoformat(), start.strftime("%H:%M") if isinstance(start, time) else str(start or ""),
               format_minutes(e.minutes), taxonomy.category_label(e.category), _mode(e.mode), str(e.people)]
        if options.client_refs:
            row.append(e.client_ref)
        if options.notes:
            row.append(getattr(e, "note", ""))
        rows.append(row)
    # the category wraps rather than being cut short (a language's longer names), as the note does
    flow.table(columns, rows, size=7, wrap=(3, len(columns) - 1) if options.notes else (3,), fit=(0, 1, 2, 4, 5))


def team_page(flow: Flow, t: TeamReport, taxonomy: Taxonomy) -> None:
    flow.text(_("Team report"), 16, bold=True, gap=2)
    flow.text(_("{start} to {end} · {workers} · {weeks} · {time} in {entries}").format(
        start=t.start.isoformat(), end=t.end.isoformat(), workers=count_of(len(t.workers), "worker"),
        weeks=count_of(len(t.weeks), "week"), time=format_minutes(t.minutes), entries=_entries(t.entries)),
        9, colour=MUTED, gap=8)
    if t.empty:
        flow.text(_("No entries from {start} to {end}.").format(start=t.start.isoformat(), end=t.end.isoformat()),
                  12, bold=True, gap=4)
        flow.text(_("None of the team's files or rows holds an entry in this period."), 9)
        return
    flow.heading(_("Workers"))
    rows = [[w.worker, format_minutes(w.minutes), format_minutes(round(w.average_week_minutes)),
             percent(w.share()), number(w.entries)] for w in t.workers]
    minutes = t.minutes
    direct = sum(w.minutes_of("direct") for w in t.workers)
    mean = round(sum(w.average_week_minutes for w in t.workers) / len(t.workers)) if t.workers else 0
    # TRANSLATORS: the team's row of the workers' table: an average week's hours "each" worker
    rows.append([_("Team"), format_minutes(minutes), _("{time} each").format(time=format_minutes(mean)),
                 percent(direct / minutes if minutes else 0), number(t.entries)])
    flow.table([(_("Worker"), 2.0, "l"), (_("Hours"), 1.0, "r"), (_("Average a week"), 1.2, "r"),
                (_("Direct share"), 1.0, "r"), (_("Entries"), 0.8, "r")], rows, bold_last=True)
    weeks = t.weeks
    parts = math.ceil(len(weeks) / 13)
    size = math.ceil(len(weeks) / parts)
    for first in range(0, len(weeks), size):
        part = weeks[first:first + size]
        if parts > 1:
            title = _("Hours by worker and week (hours, {first_week} to {last_week})").format(
                first_week=part[0].week, last_week=part[-1].week)
        else:
            title = _("Hours by worker and week (hours)")
        flow.heading(title, size=10)
        columns = [(_("Worker"), 2.2, "l")] + [(_week_short(w.week), 1.0, "r") for w in part] \
            + [(_("Total"), 1.2, "r")]
        body = [[w.worker] + [_hours(line.minutes) for line in w.weeks[first:first + size]]
                + [_hours(sum(line.minutes for line in w.weeks[first:first + size]))] for w in t.workers]
        flow.table(columns, body, size=7)
    flow.heading(_("For the funder (the team)"))
    stats_table(flow, t.stats, taxonomy)


def save_pdf(path: Path, data: bytes) -> Path:
    from ..files import write_atomically

    return write_atomically(path, data)
