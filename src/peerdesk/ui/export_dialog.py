"""File ▸ Export…: what to export, and the export itself behind a cancellable progress dialog.

The dialog only asks (date range, CSV files or an Excel workbook, entries /
weekly summary / both, notes or not) and says plainly what will leave the
machine; the main window asks where to save through its ``Dialogs`` seam and
calls :func:`run_export`, which writes through :mod:`peerdesk.exchange.csv_export`
or :mod:`peerdesk.exchange.xlsx_export`, as ``peerdesk export`` does (no SQL here).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressDialog,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import count_of
from ..domain.taxonomy import Taxonomy
from ..exchange.csv_export import (
    ExportCancelled,
    ExportError,
    ExportResult,
)
from ..exchange.csv_format import suggested_filename, summary_path_beside
from ..i18n import N_, _
from ..operations.exporting import export_period
from ..storage.store import StoreError
from . import style
from .fitting import grow_to_contents
from .locale_text import day_text
from .period_fields import PeriodFields

ENTRIES, SUMMARY, BOTH = "entries", "summary", "both"
CSV, XLSX = "csv", "xlsx"  # CSV files, or one Excel workbook (entries and summary on sheets of their own)
# shown translated, _(TITLE), _(NOTES_WARNING)
TITLE = N_("Export to CSV or Excel")

NOTES_WARNING = N_(
    "Notes may identify clients. Include them only if your supervisor needs them, "
    "and keep the file on a drive your organisation approves."
)


@dataclass(frozen=True)
class ExportChoice:
    start: date
    end: date
    what: str  # ENTRIES, SUMMARY or BOTH
    include_notes: bool
    worker: str
    include_client_refs: bool = True
    format: str = CSV  # CSV or XLSX

    @property
    def workbook(self) -> bool:
        return self.format == XLSX

    @property
    def entries(self) -> bool:
        return self.workbook or self.what in (ENTRIES, BOTH)

    @property
    def summary(self) -> bool:
        return self.workbook or self.what in (SUMMARY, BOTH)

    @property
    def suffix(self) -> str:
        return ".xlsx" if self.workbook else ".csv"

    def file_name(self) -> str:
        """The suggested name of the file the user picks (the entries file, unless only the summary;
        a workbook holds both)."""
        return suggested_filename(self.worker, self.start, self.end, summary=not self.entries, workbook=self.workbook)

    def targets(self, path: str | Path) -> tuple[Path | None, Path | None]:
        """(entries file, summary file) for the picked *path*; with both, the summary goes beside it
        (a workbook: the one file, as the entries file)."""
        path = Path(path)
        if self.workbook:
            return path, None
        if self.what == BOTH:
            return path, summary_path_beside(path)
        return (path, None) if self.what == ENTRIES else (None, path)


def _day(day: date) -> str:
    """``1 Dec 2026`` (French ``1 déc. 2026``)."""
    return day_text(day, "d MMM yyyy")


class ExportDialog(QDialog):
    """Asks what to export; ``choice()`` holds the answer once accepted."""

    def __init__(
        self,
        worker: str,
        today: date,
        parent: QWidget | None = None,
        *,
        count: Callable[[date, date], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.worker = worker
        self.today = today
        self.count = count

        # TRANSLATORS: the export's dates: From [first day] to [last day]
        self.period = PeriodFields(today, name="export", lead=_("From"))
        self.range_combo, self.from_edit, self.to_edit = self.period.combo, self.period.from_edit, self.period.to_edit
        self.range_error = self.period.error

        self.csv_radio = QRadioButton(_("CSV &files"))
        self.xlsx_radio = QRadioButton(_("Excel &workbook (entries, weekly summary and charts)"))
        self.csv_radio.setChecked(True)
        self.format_group = QButtonGroup(self)
        formats = QVBoxLayout()
        for button in (self.csv_radio, self.xlsx_radio):
            self.format_group.addButton(button)
            formats.addWidget(button)

        self.entries_radio = QRadioButton(_("&Entries (one row per entry)"))
        self.summary_radio = QRadioButton(_("Weekly &summary (minutes per week and category)"))
        self.both_radio = QRadioButton(_("&Both files"))
        self.entries_radio.setChecked(True)
        self.what_group = QButtonGroup(self)
        what = QVBoxLayout()
        for button in (self.entries_radio, self.summary_radio, self.both_radio):
            self.what_group.addButton(button)
            what.addWidget(button)

        self.client_refs_check = QCheckBox(_("Include &client references"), checked=True)
        self.client_refs_check.setToolTip(_("Leave this off when your supervisor does not need to tell clients apart."))
        self.notes_check = QCheckBox(_("Include &notes"))
        self.notes_warning = QLabel(_(NOTES_WARNING), wordWrap=True)
        style.error(self.notes_warning)
        self.notes_warning.hide()

        self.leaves_label = QLabel(wordWrap=True, objectName="leaves_label")
        self.file_label = QLabel(wordWrap=True, objectName="file_label")
        self.file_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        style.muted(self.file_label)

        form = QFormLayout()
        form.addRow(_("&Dates"), self.range_combo)
        form.addRow("", self.period.row)
        form.addRow("", self.range_error)
        form.addRow(_("Format"), formats)
        # TRANSLATORS: the export dialog's row: which files to write (entries, weekly summary or both)
        form.addRow(_("Write"), what)
        self.form, self.what_rows = form, what
        form.addRow("", self.client_refs_check)
        form.addRow("", self.notes_check)
        form.addRow("", self.notes_warning)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.export_button = self.buttons.button(QDialogButtonBox.Ok)
        self.export_button.setText(_("E&xport…"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.leaves_label)
        layout.addWidget(self.file_label)
        layout.addWidget(self.buttons)

        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.from_edit.dateChanged.connect(self._update)
        self.to_edit.dateChanged.connect(self._update)
        self.what_group.buttonToggled.connect(lambda *_: self._update())
        self.format_group.buttonToggled.connect(lambda *_: self._update())
        self.notes_check.toggled.connect(self._update)
        self.client_refs_check.toggled.connect(self._update)
        self._range_changed()

    # ------------------------------------------------------------ state

    def range_key(self) -> str:
        return self.period.key()

    def set_range(self, key: str) -> None:
        self.period.choose(key)

    def set_custom_dates(self, start: date, end: date) -> None:
        self.period.set_custom(start, end)

    def dates(self) -> tuple[date, date]:
        return self.period.dates()

    def what(self) -> str:
        if self.workbook():
            return BOTH  # a workbook holds the entries and the summary, each on its sheet
        if self.summary_radio.isChecked():
            return SUMMARY
        return BOTH if self.both_radio.isChecked() else ENTRIES

    def workbook(self) -> bool:
        return self.xlsx_radio.isChecked()

    def choice(self) -> ExportChoice:
        start, end = self.dates()
        what = self.what()
        notes = self.notes_check.isChecked() and what != SUMMARY
        refs = self.client_refs_check.isChecked() or what == SUMMARY
        return ExportChoice(start, end, what, notes, self.worker, refs, XLSX if self.workbook() else CSV)

    # ------------------------------------------------------------ updates

    def _range_changed(self) -> None:
        self.period.follow()
        self._update()

    def _update(self) -> None:
        start, end = self.dates()
        bad_range = self.period.wrong_way_round()
        self.export_button.setEnabled(not bad_range)
        what = self.what()
        workbook = self.workbook()
        if workbook == self.form.isRowVisible(self.what_rows):  # a workbook holds both: nothing to choose
            self.form.setRowVisible(self.what_rows, not workbook)
            grow_to_contents(self)
        self.notes_check.setEnabled(what != SUMMARY)
        self.client_refs_check.setEnabled(what != SUMMARY)
        warn = self.notes_check.isChecked() and what != SUMMARY
        if warn != self.notes_warning.isVisibleTo(self):
            self.notes_warning.setVisible(warn)
            grow_to_contents(self)
        if bad_range:
            self.leaves_label.setText("")
            self.file_label.setText("")
            return
        choice = self.choice()
        self.leaves_label.setText(self._leaves_text(choice))
        if choice.workbook:
            names = [choice.file_name()]
        else:
            names = [suggested_filename(self.worker, start, end)] if choice.entries else []
            if choice.summary:
                names.append(suggested_filename(self.worker, start, end, summary=True))
        if len(names) > 1:
            # TRANSLATORS: the two files an export writes: the entries' file and the weekly summary's
            self.file_label.setText(_("File name: {entries} and {summary}").format(entries=names[0], summary=names[1]))
        else:
            self.file_label.setText(_("File name: {name}").format(name=names[0] if names else ""))

    def _leaves_text(self, choice: ExportChoice) -> str:
        """"What will leave this computer: …", each part a whole sentence's worth for translators."""
        # TRANSLATORS: an export's days: 1 Oct 2026 to 31 Oct 2026
        span = _("{first} to {last}").format(first=_day(choice.start), last=_day(choice.end))
        parts = []
        if choice.entries:
            how_many = _("your entries")
            if self.count is not None:
                n = self.count(choice.start, choice.end)
                how_many = count_of(n, "entry", "entries")
            if choice.include_client_refs:
                fields = _("date, start time, minutes, category, mode, format, people, client ref and tags")
            else:
                fields = _("date, start time, minutes, category, mode, format, people, and tags (no client refs)")
            if choice.include_notes:
                # TRANSLATORS: {entries}: "12 entries" or "your entries"; {span}: "1 Oct 2026 to 31 Oct 2026"
                parts.append(_("{entries} from {span}, each with its {fields}, and its note").format(
                    entries=how_many, span=span, fields=fields))
            else:
                parts.append(_("{entries} from {span}, each with its {fields} (no notes)").format(
                    entries=how_many, span=span, fields=fields))
        if choice.summary:
            parts.append(_("minutes, entries and people per week and category from {span}").format(span=span))
        # TRANSLATORS: joins what an export writes: the entries' part and the summary's part
        listed = _("; and ").join(parts)
        if choice.workbook:
            return _("What will leave this computer: {what}, in one workbook with charts of them. "
                     "Nothing else is sent anywhere.").format(what=listed)
        return _("What will leave this computer: {what}. Nothing else is sent anywhere.").format(what=listed)


def run_export(
    parent: QWidget | None, store, taxonomy: Taxonomy, choice: ExportChoice, path: str | Path
) -> list[ExportResult] | None:
    """Write the chosen file(s) to *path* with a cancellable progress dialog; None if cancelled.

    Errors (a folder that cannot be written, a full disk) are raised for the caller to show.
    """
    entries_path, summary_path = choice.targets(path)
    progress = QProgressDialog(_("Exporting…"), _("Cancel"), 0, 0, parent)
    progress.setWindowTitle(_(TITLE))
    progress.setWindowModality(Qt.WindowModal)
    progress.setMinimumDuration(400)
    progress.setAutoReset(False)
    progress.setAutoClose(False)

    def report(done: int, total: int) -> bool:
        progress.setMaximum(max(total, 1))
        progress.setValue(min(done, max(total, 1)))
        # Until the (window-modal) progress dialog shows, hold back clicks and keys meant for the window.
        QApplication.processEvents(
            QEventLoop.AllEvents if progress.isVisible() else QEventLoop.ExcludeUserInputEvents
        )
        return not progress.wasCanceled()

    try:
        return export_period(
            store, taxonomy, choice.start, choice.end, entries_path=path if choice.workbook else entries_path,
            summary_path=None if choice.workbook else summary_path, workbook=choice.workbook,
            include_notes=choice.include_notes, include_client_refs=choice.include_client_refs, progress=report,
        )
    except ExportCancelled:
        return None
    finally:
        progress.close()
        progress.deleteLater()


def ask_and_export(
    parent: QWidget, dialogs, store, taxonomy: Taxonomy, choice: ExportChoice
) -> tuple[str | None, Path | None]:
    """Ask where to write *choice* (and before replacing a summary beside it), then export.

    Returns the status line to show (None when the user backed out) and the folder the files
    went to (None when none was written). An export that fails is shown in an error dialog;
    no file is written then.
    """
    suggested = str(Path.home() / choice.file_name())
    filters = _("Excel workbooks (*.xlsx)") if choice.workbook else _("CSV files (*.csv)")
    path = dialogs.ask_save_path(parent, _(TITLE), suggested, filters)
    if not path:
        return None, None
    if not path.lower().endswith(choice.suffix):
        path += choice.suffix
    beside = choice.targets(path)[1] if choice.entries else None
    if beside is not None and beside.exists() and not dialogs.confirm(
        parent, _("Replace file"), _("{name} already exists beside it. Replace it?").format(name=beside.name),
        ok=_("Replace"),
    ):
        return None, None
    try:
        results = run_export(parent, store, taxonomy, choice, path)
    except (ExportError, StoreError, ValueError) as exc:  # a folder that cannot be written, a full disk
        dialogs.error(parent, _("Export failed"), _("{reason}\n\nNo file was written.").format(reason=exc))
        return None, None
    if results is None:
        return _("Export cancelled; no file was written."), None
    return describe(results), Path(results[0].path).parent


def describe(results: list[ExportResult]) -> str:
    """``Exported 3 entries to …`` (and the summary's rows to … beside it): the status line."""
    # TRANSLATORS: one file an export wrote: "3 entries to /home/…/peerdesk_….csv"
    done = [_("{what} to {path}").format(what=r.counted(), path=r.path) for r in results]
    if len(done) > 1:
        # TRANSLATORS: the status line after exporting two files (each "3 entries to /home/…/file.csv")
        return _("Exported {first} and {second}").format(first=done[0], second=done[1])
    return _("Exported {what}").format(what=done[0] if done else "")
