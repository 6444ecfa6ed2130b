"""The supervisor's review window: workers' exported CSV files, read-only.

The files are read and checked by :mod:`peerdesk.exchange.review` (with a
progress dialog while that runs); this window only shows the result: every
problem as ``FILE:LINE:COLUMN: message``, the team table (worker × week), the
week view's charts for the team or one worker, and each worker's direct share
over the weeks. It never opens or writes a store: the one thing it writes is a
summary CSV the supervisor asks for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import (
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
)
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMainWindow,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import count_of, format_minutes
from ..domain.taxonomy import Taxonomy
from ..domain.weeks import Week
from ..exchange import review
from ..exchange.review import ReviewResult, Selection, SummaryRow, TeamRow
from ..i18n import _, ngettext
from ..operations import reviewing
from ..reports.pdf import number
from . import plain_text, style
from .chart_card import ChartCard, save_card_png
from .charts import ThisWeekChart
from .dialogs import Dialogs
from .fitting import Bands, first_size, fit_to_screen, scrolling, wrapping_row
from .how_chart import HowChart
from .locale_text import day_text
from .review_charts import WORKER_COLOURS, ShareChart, span_title, week_labels
from .review_panels import FilesPanel, TeamTabs
from .review_tables import kind_text
from .review_team import SHARE_OF, SORT_ROLE, TeamModel
from .trend_chart import TrendChart

WINDOW_SIZE = (1280, 860)

Progress = Callable[[int, int], "bool | None"]


def _files(n: int) -> str:
    return count_of(n, "file")


# ------------------------------------------------------------------ reading, with progress


def read_with_progress(
    paths: Sequence[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    parent: QWidget | None = None,
    progress: Progress | None = None,
    trusted: dict[str, str] | None = None,
) -> ReviewResult:
    """Read and check *paths* behind a cancellable progress dialog; *progress(done, total)* is told too;
    signatures are checked against the *trusted* keys (fingerprint → worker)."""
    dialog = QProgressDialog(_("Reading the exported files…"), _("Cancel"), 0, max(len(paths), 1), parent)
    dialog.setWindowTitle(_("PeerDesk review"))
    dialog.setWindowModality(Qt.WindowModal if parent is not None else Qt.ApplicationModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setValue(0)

    def step(done: int, total: int) -> bool:
        dialog.setLabelText(_("Read {done} of {files}…").format(done=number(done), files=_files(total)))
        dialog.setValue(done)
        go_on = not dialog.wasCanceled()
        if progress is not None and progress(done, total) is False:
            go_on = False
        return go_on

    try:
        return reviewing.review_files(paths, taxonomy, progress=step, trusted=trusted)
    finally:
        dialog.close()
        dialog.deleteLater()


# ------------------------------------------------------------------ the window


class ReviewWindow(QMainWindow):
    """Exported files, read-only: problems, the team table, charts; File ▸ Save summary CSV…"""

    def __init__(
        self,
        result: ReviewResult | None = None,
        *,
        taxonomy: Taxonomy,
        paths: Sequence[str | os.PathLike[str]] | None = None,
        progress: Progress | None = None,
        dialogs: Dialogs | None = None,
        parent: QWidget | None = None,
        trusted: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        if parent is not None:
            self.setWindowFlag(Qt.Window)  # its own window, closed with its parent
        self.taxonomy = taxonomy
        self.dialogs = dialogs or Dialogs()
        self.requested = len(paths) if paths is not None else None
        if result is None:
            result = read_with_progress(list(paths or ()), taxonomy, parent, progress, trusted)
        self.result = result
        self.all_rows: list[SummaryRow] = result.combined_summary()
        self.rows: list[SummaryRow] = []
        self.team_rows: list[TeamRow] = []
        self._filling = False

        self.setWindowTitle(_("PeerDesk review — {files}").format(files=_files(len(result.files))))
        first_size(self, *WINDOW_SIZE)  # all of a small screen, as the main window

        note = QLabel(
            _("Read-only: these files are checked and shown here; nothing is written to your own records."),
            objectName="review_note",
            wordWrap=True,
        )
        style.muted(note)

        # -- filters
        self.worker_combo = QComboBox(objectName="review_worker")
        self.worker_combo.addItem(_("All workers"), None)
        for w in result.workers():
            self.worker_combo.addItem(w, w)
        self.week_from_combo = QComboBox(objectName="review_week_from")
        self.week_to_combo = QComboBox(objectName="review_week_to")
        for w in result.weeks():
            text = self._week_text(w)
            self.week_from_combo.addItem(text, w)
            self.week_to_combo.addItem(text, w)
        self.week_to_combo.setCurrentIndex(self.week_to_combo.count() - 1)
        self.work_type_combo = QComboBox(objectName="review_work_type")
        self.work_type_combo.addItem(_("All work types"), None)
        for key, wt in taxonomy.work_types.items():
            self.work_type_combo.addItem(wt.label, key)
        self.category_combo = QComboBox(objectName="review_category")
        self._fill_categories()
        self.save_button = QPushButton(_("&Save summary CSV…"), objectName="review_save_summary")
        self.save_button.setAccessibleDescription(_("Saves the rows shown, after the filters, as a summary CSV file"))
        cells = []
        for label, combo, name, description in (
            (_("&Worker"), self.worker_combo, _("Worker"), _("Shows one worker, or all workers")),
            (_("Wee&ks from"), self.week_from_combo, _("First week of the range"), _("The first ISO week shown")),
            # TRANSLATORS: between the first and the last week of the filter: "Weeks from … to …"
            (_("&to"), self.week_to_combo, _("Last week of the range"), _("The last ISO week shown")),
            (_("Work t&ype"), self.work_type_combo, _("Work type"), _("Shows one work type, or all of them")),
            (_("&Category"), self.category_combo, _("Category"), _("Shows one category, or all of them")),
        ):
            buddy = QLabel(label)
            buddy.setBuddy(combo)
            combo.setAccessibleName(name)
            combo.setAccessibleDescription(description)
            # long category labels and worker names must not widen the window past the screen
            combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(13 if combo in (self.week_from_combo, self.week_to_combo) else 15)
            if cells:
                buddy.setContentsMargins(8, 0, 0, 0)  # room between a field and the next label
            cells.append((buddy, combo))
        # in a row, or on a small screen with larger text in as many rows as they need
        filters = Bands(cells, across=True)
        filters.grid.setColumnStretch(2 * len(cells), 1)  # the row's room left over, after its last field

        # -- team table
        self.team_model = TeamModel(taxonomy, self)
        self.team_proxy = QSortFilterProxyModel(self)
        self.team_proxy.setSourceModel(self.team_model)
        self.team_proxy.setSortRole(SORT_ROLE)
        self.team_view = QTableView(objectName="review_team")
        self.team_view.setAccessibleName(_("Worker-weeks"))
        self.team_view.setAccessibleDescription(_("One row per worker and week: the time by work type, the total "
                                                  "and the direct share"))
        self.team_view.setModel(self.team_proxy)
        self.team_view.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.team_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.team_view.setAlternatingRowColors(True)
        self.team_view.verticalHeader().setVisible(False)
        self.team_view.setWordWrap(False)
        self.team_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.team_view.horizontalHeader().setSortIndicator(-1, Qt.AscendingOrder)  # file order until clicked
        self.team_view.setSortingEnabled(True)
        # sized to the contents once per redraw, from a sample of rows: a team's year is thousands
        # of rows, and measuring them all at every layout pass takes seconds
        self.team_view.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
        self.team_view.horizontalHeader().setResizeContentsPrecision(50)
        self.team_totals = QLabel(objectName="review_team_totals", wordWrap=True)
        style.muted(self.team_totals)
        self.team_tabs = TeamTabs(taxonomy, self.team_view, result)
        team_box = QGroupBox(_("Team"))
        team_layout = QVBoxLayout(team_box)
        team_layout.addWidget(self.team_tabs, 1)
        under_table = QHBoxLayout()
        under_table.addWidget(self.team_totals, 1)
        under_table.addWidget(self.save_button)
        team_layout.addLayout(under_table)

        # -- charts
        self.week_chart = ThisWeekChart(taxonomy)
        self.trend_chart = TrendChart(taxonomy)
        self.trend_chart.weeks_combo.hide()  # the weeks come from the filter
        self.how_chart = HowChart()
        # one above the other where there is room: a range's people counts make labels long
        self.how_chart.stack_when_room = True
        self.share_chart = ShareChart()
        self.chart_tabs = QTabWidget(objectName="review_charts")
        self.chart_tabs.setAccessibleName(_("Charts"))
        self.chart_tabs.setAccessibleDescription(_("The charts of the rows shown, one a tab"))
        self.chart_tabs.addTab(self.week_chart, _("Time by catego&ry"))
        self.chart_tabs.addTab(self.trend_chart, _("W&eeks"))
        self.chart_tabs.addTab(self.how_chart, _("&How"))
        self.chart_tabs.addTab(self.share_chart, _("&Direct share"))
        self.charts = (self.week_chart, self.trend_chart, self.how_chart, self.share_chart)
        for card, name in zip(self.charts, (_("Time by category"), _("Hours per week"), _("How the work was done"),
                                            _("Direct share per worker")), strict=True):
            card.setAccessibleName(name)
        for card in self.charts:
            card.save_requested.connect(self.save_chart)
        self.trend_chart.week_clicked.connect(self.show_one_week)

        # -- problems
        self.summary_label = QLabel(objectName="review_summary", wordWrap=True, textFormat=Qt.PlainText)
        bold = QFont()  # only the weight, so the size follows View ▸ Larger text
        bold.setBold(True)
        self.summary_label.setFont(bold)
        self.summary_label.setToolTip(plain_text.tip(self._files_tip()))
        self.problems_model = QStringListModel([str(p) for p in result.problems], self)
        self.problems_view = QListView(objectName="review_problems")
        self.problems_view.setAccessibleName(_("Problems"))
        self.problems_view.setAccessibleDescription(_("One line per problem: file, line, column and what is wrong"))
        self.problems_view.setModel(self.problems_model)
        self.problems_view.setUniformItemSizes(True)
        self.problems_view.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.problems_view.setSelectionMode(QAbstractItemView.ExtendedSelection)
        fixed = QFont()  # only the family: the size still follows the application font
        fixed.setFamilies(QFontDatabase.systemFont(QFontDatabase.FixedFont).families())
        self.problems_view.setFont(fixed)
        self.problems_view.setVisible(bool(result.problems))  # the files' list stays: a team is many files
        self.summary_label.setText(self._summary_text())
        if result.lost():
            style.error(self.summary_label)
        problems_box = QGroupBox(_("Files and problems"))
        problems_layout = QVBoxLayout(problems_box)
        problems_layout.addWidget(self.summary_label)
        self.files_panel = FilesPanel(result, self.problems_model, self.problems_view)
        problems_layout.addWidget(self.files_panel, 1)

        top = QSplitter(Qt.Horizontal)
        top.addWidget(team_box)
        top.addWidget(self.chart_tabs)
        top.setChildrenCollapsible(False)
        top.setStretchFactor(0, 2)
        top.setStretchFactor(1, 3)
        top.setSizes([540, 740])
        body = QSplitter(Qt.Vertical)
        body.addWidget(top)
        body.addWidget(problems_box)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(0, 1)
        body.setSizes([520, 240] if result.problems else [620, 140])
        self.splitter = body

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(wrapping_row(note))  # its lines, without the window's height following its width
        layout.addWidget(filters)
        layout.addWidget(body, 1)
        self.setCentralWidget(scrolling(central, "review_scroller"))  # larger text on a small screen

        # -- menu
        file_menu = self.menuBar().addMenu(_("&File"))
        self.save_summary_action = QAction(_("&Save summary CSV…"), self)
        self.save_summary_action.setShortcut(QKeySequence.Save)
        self.save_summary_action.triggered.connect(self.save_summary)
        self.save_chart_action = QAction(_("Save &chart as PNG…"), self)
        self.save_chart_action.triggered.connect(lambda: self.save_chart())
        # set by whoever opened the review (files signed by trusted workers, or a team server)
        self.sign_off_with: Callable[[str, str], list[str]] | None = None
        self.sign_off_action = QAction(_("Sign &off the weeks…"), self)
        self.sign_off_action.triggered.connect(self.sign_off)
        self.report_action = QAction(_("&Report…"), self)
        self.report_action.setShortcut(QKeySequence.Print)
        self.report_action.triggered.connect(self.open_report)
        self.figures_action = QAction(_("&Funder's figures…"), self)
        self.figures_action.triggered.connect(self.open_figures)
        close_action = QAction(_("&Close"), self)
        close_action.setShortcut(QKeySequence.Close)
        close_action.triggered.connect(self.close)
        for a in (self.save_summary_action, self.report_action, self.figures_action, self.save_chart_action,
                  self.sign_off_action, close_action):
            file_menu.addAction(a)
            self.addAction(a)
        self.save_button.clicked.connect(self.save_summary)

        for combo in (self.worker_combo, self.category_combo):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.work_type_combo.currentIndexChanged.connect(self._work_type_changed)
        self.week_from_combo.currentIndexChanged.connect(lambda: self._week_changed(self.week_from_combo))
        self.week_to_combo.currentIndexChanged.connect(lambda: self._week_changed(self.week_to_combo))
        self.refresh()
        if self.requested is not None and len(result.files) < self.requested:
            self.statusBar().showMessage(
                _("Reading stopped: {files} of {requested} were read.").format(
                    files=_files(len(result.files)), requested=number(self.requested)), 15000
            )

    # ------------------------------------------------------------ texts

    @staticmethod
    def _week_text(week: str) -> str:
        try:
            start = Week.parse(week).start
        except ValueError:
            return week
        # the ISO week (data) and its Monday, with the month's name in the user's language
        return f"{week} · {day_text(start, 'dd MMM')}"

    def _summary_text(self) -> str:
        line = self.result.summary_line()
        if self.result.lost():
            line += _(" — rows with a problem are left out; the others are shown.")
        else:
            line += _(" — every row passed the checks.")
        covered = {(worker, week) for worker, week, _cat in self.result.sums}
        repeated = sum(1 for s in self.result.summary_rows if (s.worker, s.week) in covered)
        if repeated:
            line += "\n" + ngettext(
                "{n} of the summary rows is a week an entries file holds too; that week is counted from the "
                "entries, once.",
                "{n} of the summary rows are weeks an entries file holds too; those weeks are counted from the "
                "entries, once.", repeated).format(n=number(repeated))
        return line

    def _files_tip(self) -> str:
        kinds = self.result.kinds
        return "\n".join(f"{name} ({kind_text(kinds[name]) if name in kinds else _('not read')})"
                         for name in self.result.files)

    def problem_lines(self) -> list[str]:
        return self.problems_model.stringList()

    # ------------------------------------------------------------ filters

    def _fill_categories(self) -> None:
        work_type = self.work_type_combo.currentData()
        current = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem(_("All categories"), None)
        for cat in self.taxonomy.categories.values():
            if work_type is None or cat.work_type == work_type:
                self.category_combo.addItem(cat.label, cat.key)
        found = self.category_combo.findData(current) if current is not None else 0
        self.category_combo.setCurrentIndex(max(found, 0))
        self.category_combo.blockSignals(False)

    def _work_type_changed(self) -> None:
        self._fill_categories()
        self._filter_changed()

    def _week_changed(self, changed: QComboBox) -> None:
        """The range never runs backwards: moving one end past the other moves both."""
        if self._filling:
            return
        if self.week_from_combo.currentIndex() > self.week_to_combo.currentIndex():
            other = self.week_to_combo if changed is self.week_from_combo else self.week_from_combo
            self._filling = True
            try:
                other.setCurrentIndex(changed.currentIndex())
            finally:
                self._filling = False
        self.refresh()

    def _filter_changed(self) -> None:
        if not self._filling:
            self.refresh()

    def selection(self) -> Selection:
        return Selection(
            worker=self.worker_combo.currentData(),
            first_week=self.week_from_combo.currentData(),
            last_week=self.week_to_combo.currentData(),
            work_type=self.work_type_combo.currentData(),
            category=self.category_combo.currentData(),
        )

    def set_filters(self, **values: str | None) -> None:
        """Set any of worker, first_week, last_week, work_type, category (None: all) and redraw once."""
        combos = {
            "worker": self.worker_combo,
            "first_week": self.week_from_combo,
            "last_week": self.week_to_combo,
            "work_type": self.work_type_combo,
            "category": self.category_combo,
        }
        self._filling = True
        try:
            for name in ("worker", "first_week", "last_week", "work_type", "category"):
                if name not in values:
                    continue
                combo = combos[name]
                index = combo.findData(values[name]) if values[name] is not None else 0
                if index < 0:
                    raise ValueError(f"no {name.replace('_', ' ')} {values[name]!r} in these files")
                combo.setCurrentIndex(index)
        finally:
            self._filling = False
        self.refresh()

    def show_one_week(self, week: Week) -> None:
        """A click on a column of the weeks chart: show that week alone."""
        if self.week_from_combo.findData(str(week)) >= 0:
            self.set_filters(first_week=str(week), last_week=str(week))

    # ------------------------------------------------------------ drawing

    def refresh(self) -> None:
        sel = self.selection()
        work_types = self.taxonomy.work_types
        self.rows = [r for r in self.all_rows if sel.keeps(r)]
        self.team_rows = self.result.team(self.rows, work_types)
        self.team_model.set_rows(self.team_rows)
        self.team_view.resizeColumnsToContents()
        self.team_tabs.show_team(self.team_rows, sel.weeks(), sel.keeps)
        total = sum(t.total for t in self.team_rows)
        workers = len({t.worker for t in self.team_rows})
        nothing = _("Nothing in these files matches the filters.")
        self.team_totals.setText(
            # TRANSLATORS: under the team table: "3 workers, 15 worker-weeks, 41h 20m in all"
            _("{workers}, {worker_weeks}, {time} in all").format(
                workers=count_of(workers, "worker"), worker_weeks=count_of(len(self.team_rows), "worker-week"),
                time=format_minutes(total))
            if self.team_rows
            else nothing
        )

        weeks = sel.weeks()
        last = weeks[-1] if weeks else None
        who = sel.worker or _("all workers")
        span = span_title(weeks)

        if last is None:
            for card in self.charts:
                card.set_empty(True, _("No valid rows in these files."))
            return

        summary = review.range_summary(self.rows, self.taxonomy, last)
        self.week_chart.show_summary(summary)
        if summary.total:
            # TRANSLATORS: a chart's title: "Time by category · W43–W48 2026 · PW-01"
            self.week_chart.bars_chart.setTitle(_("Time by category · {span} · {who}").format(span=span, who=who))
            # beside the team table the split is narrower than in the week view: a smaller legend fits
            small = QFont(self.week_chart.font())
            small.setPointSizeF(small.pointSizeF() * 0.85)
            self.week_chart.split_chart.legend().setFont(small)
            self.week_chart.fit_split_legend()  # in that font
        else:
            self.week_chart.set_empty(True, nothing)

        self.trend_chart.show_trend(review.trend(self.rows, self.taxonomy, weeks), last)
        if self.trend_chart.series is not None:
            for bar in self.trend_chart.series.barSets():
                bar.deselectAllBars()
            self.trend_chart.chart.setTitle(_("Hours per week · {span} · {who}").format(span=span, who=who))
            for axis in self.trend_chart.chart.axes(Qt.Horizontal):
                if isinstance(axis, QBarCategoryAxis):
                    axis.setTitleText(_("ISO week (click a column to show that week alone)"))
                    # the week view labels up to a year of weeks; a review may span several
                    axis.setCategories(week_labels(weeks))
        else:
            self.trend_chart.set_empty(True, nothing)

        how = review.how(self.result.entries, sel.keeps)
        self.how_chart.show_how(how, last)
        if how.total:
            self.how_chart.mode_chart.setTitle(_("By mode · {span} · {who}").format(span=span, who=who))
            self.how_chart.format_chart.setTitle(_("By format · {span}").format(span=span))
        elif self.rows:
            self.how_chart.set_empty(
                True, _("Weekly summary files hold no mode or format; open the entries files for this detail.")
            )
        else:
            self.how_chart.set_empty(True, nothing)

        # A share is a ratio between work types: the work type and category filters do not apply.
        share_sel = replace(sel, work_type=None, category=None)
        if share_sel == sel:
            share_rows = self.team_rows
        else:
            share_rows = self.result.team((r for r in self.all_rows if share_sel.keeps(r)), work_types)
        label = work_types[SHARE_OF].label if SHARE_OF in work_types else SHARE_OF
        team_sel = replace(share_sel, worker=None)  # a large team is drawn as a band: it needs everyone
        if len(self.result.workers()) > len(WORKER_COLOURS):
            if team_sel != share_sel:
                share_rows = self.result.team((r for r in self.all_rows if team_sel.keeps(r)), work_types)
            self.share_chart.show_shares(review.shares(share_rows, SHARE_OF), weeks, label, highlight=sel.worker)
        else:
            self.share_chart.show_shares(review.shares(share_rows, SHARE_OF), weeks, label)

    # ------------------------------------------------------------ saving

    def _folder(self) -> Path:
        return Path(self.result.files[0]).parent if self.result.files else Path.home()

    def sign_off(self) -> None:
        _sign_off(self)

    def open_report(self) -> QWidget:
        """File ▸ Report…: the team's report (a team page, a page per worker) to preview, print or save."""
        from .report_dialog import open_team_report_dialog

        return open_team_report_dialog(self)

    def open_figures(self) -> QWidget:
        """File ▸ Funder's figures…: the team's figures for the weeks shown."""
        from .figures_dialog import open_figures

        return open_figures(self)

    def save_summary(self) -> None:
        """The rows shown (after the filters) as a summary CSV of the export contract."""
        sel = self.selection()
        name = f"peerdesk_review_{sel.first_week or 'all'}_{sel.last_week or 'all'}_summary.csv"
        path = self.dialogs.ask_save_path(self, _("Save summary CSV"), str(self._folder() / name), "CSV files (*.csv)")
        if not path:
            return
        if not path.lower().endswith(".csv"):
            path += ".csv"
        if os.path.abspath(path) in {os.path.abspath(f) for f in self.result.files}:
            self.dialogs.error(
                self, _("Summary not saved"),
                _("{path} is one of the files under review; choose another name.").format(path=path)
            )
            return
        try:
            count = reviewing.save_summary(self.rows, path)
        except OSError as exc:
            self.dialogs.error(self, _("Summary not saved"), _("{path} could not be written ({reason}).").format(
                path=path, reason=exc.strerror or exc))
            return
        self.statusBar().showMessage(ngettext("{n} summary row saved to {path}", "{n} summary rows saved to {path}",
                                              count).format(n=number(count), path=path), 15000)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        fit_to_screen(self)  # on the screen it opens on, larger text or not

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().closeEvent(event)
        if event.isAccepted():
            reviewing.review_closed()

    def save_chart(self, card: ChartCard | None = None) -> None:
        card = card or self.chart_tabs.currentWidget()
        sel = self.selection()
        suggested = str(self._folder() / f"peerdesk_review_{card.name}_{sel.last_week or 'all'}.png")
        save_card_png(self, self.dialogs, card, suggested)


def _sign_off(window: ReviewWindow) -> None:
    """File ▸ Sign off the weeks…: your name (remembered) and a comment, then the opener's sign-off."""
    from PySide6.QtCore import QSettings

    if window.sign_off_with is None:
        window.dialogs.info(window, _("Sign off"), _("Only signed exports of workers whose keys you trust, or a "
                                                     "team read from the team server, can be signed off."))
        return
    kept = QSettings("PeerDesk", "PeerDesk")
    by = window.dialogs.ask_text(window, _("Sign off"), _("Your name, as the worker will see it:"),
                                 str(kept.value("review/by", "") or ""))
    if not by:
        return
    kept.setValue("review/by", by)
    comment = window.dialogs.ask_text(window, _("Sign off"), _("A comment for the worker (optional):"))
    if comment is None:
        return
    try:
        done = window.sign_off_with(by, comment)
    except Exception as exc:  # noqa: BLE001 - the server's or the files' refusal, said as it is
        window.dialogs.error(window, _("Not signed off"), str(exc))
        return
    window.dialogs.info(window, _("Signed off"),
                        "\n".join(done) if done else _("Nothing was waiting to be signed off."))


def open_review(
    paths: Sequence[str | os.PathLike[str]],
    taxonomy: Taxonomy,
    *,
    dialogs: Dialogs | None = None,
    parent: QWidget | None = None,
    progress: Progress | None = None,
    trusted: dict[str, str] | None = None,
) -> ReviewWindow:
    """Read *paths* (with a progress dialog) and show them in a new review window."""
    window = ReviewWindow(taxonomy=taxonomy, paths=paths, dialogs=dialogs, parent=parent, progress=progress,
                          trusted=trusted)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
