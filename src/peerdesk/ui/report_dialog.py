"""File ▸ Report…: a period's report to preview, print or save as a PDF.

The dialog asks (period, paper, organisation, whether to list entries with notes or client
refs); the numbers come from the application layer (:mod:`peerdesk.operations.reporting`),
the pages from :mod:`peerdesk.reports.pdf`, the same for the print preview, the printer and
the PDF file. The main window reports on its store; the review window on the team it read.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import count_of
from ..i18n import N_, _
from ..reports.pdf import Options, ReportCancelled, default_paper, page_layout, pdf_bytes, render
from . import style
from .fitting import grow_to_contents
from .period_fields import PeriodFields

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ..domain.report import TeamReport, WorkerReport
    from ..domain.taxonomy import Taxonomy
    from .dialogs import Dialogs

    Report = WorkerReport | TeamReport

PRIVACY = N_("The list shows what you tick for every entry of the period: keep the printout and the file safe.")


class ReportDialog(QDialog):
    """What to report on; Preview… and Save PDF… do it (the preview's own button prints)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        taxonomy: Taxonomy,
        dialogs: Dialogs,
        make: Callable[[date, date, bool], Report],
        write: Callable[[str, Report, Callable[[Report], bytes]], Path],
        name: Callable[[date, date], str],
        folder: Path,
        today: date,
        organisation: str = "",
        span: tuple[date, date] | None = None,
    ) -> None:
        super().__init__(parent, objectName="report_dialog")
        self.setWindowTitle(title)
        self.taxonomy, self.dialogs, self.make, self.write, self.name = taxonomy, dialogs, make, write, name
        self.folder, self.today = folder, today
        self.saved: Path | None = None
        self.preview: QDialog | None = None
        self.printer: QPrinter | None = None

        self.period = PeriodFields(today, name="report", description=_(
            "The period the report covers; Custom dates lets you type the first and last day"))
        self.range_combo, self.from_edit, self.to_edit = self.period.combo, self.period.from_edit, self.period.to_edit
        self.range_error = self.period.error
        self.paper_combo = QComboBox(objectName="report_paper")
        self.paper_combo.addItem("A4", "a4")
        # TRANSLATORS: the paper size (US Letter)
        self.paper_combo.addItem(_("Letter"), "letter")
        self.paper_combo.setCurrentIndex(self.paper_combo.findData(default_paper()))
        self.organisation_edit = QLineEdit(organisation, objectName="report_organisation")
        self.organisation_edit.setPlaceholderText(_("printed in each page's header"))
        self.organisation_edit.setAccessibleDescription(_("Printed in each page's header"))
        self.notes_check = QCheckBox(_("List the entries with their &notes"), objectName="report_notes")
        self.refs_check = QCheckBox(_("List the entries with their client &refs"), objectName="report_refs")
        for check in (self.notes_check, self.refs_check):
            check.setAccessibleDescription(_(PRIVACY))
        self.privacy_label = QLabel(_(PRIVACY), wordWrap=True, objectName="report_privacy")
        self.privacy_label.hide()
        self.state_label = QLabel(wordWrap=True, objectName="report_state")
        style.muted(self.state_label)

        form = QFormLayout()
        form.addRow(_("&Period"), self.range_combo)
        form.addRow("", self.period.row)
        form.addRow("", self.range_error)
        form.addRow(_("P&aper"), self.paper_combo)
        form.addRow(_("&Organisation"), self.organisation_edit)
        form.addRow("", self.notes_check)
        form.addRow("", self.refs_check)
        form.addRow("", self.privacy_label)
        self.preview_button = QPushButton(_("Pre&view and print…"), objectName="report_preview")
        self.save_button = QPushButton(_("&Save PDF…"), objectName="report_save")
        self.save_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.preview_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.preview_button.clicked.connect(self.open_preview)
        self.save_button.clicked.connect(self.save)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 58)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.state_label)
        layout.addWidget(self.buttons)

        self.range_combo.currentIndexChanged.connect(self._range_changed)
        self.from_edit.dateChanged.connect(self._update)
        self.to_edit.dateChanged.connect(self._update)
        for check in (self.notes_check, self.refs_check):
            check.toggled.connect(self._update)
        if span is not None:
            self.set_dates(*span)
        else:
            self.period.choose("last_month")
            self._range_changed()

    # ------------------------------------------------------------ state

    def set_dates(self, start: date, end: date) -> None:
        self.period.set_custom(start, end)

    def dates(self) -> tuple[date, date]:
        return self.period.dates()

    def options(self) -> Options:
        return Options(
            organisation=self.organisation_edit.text().strip(), paper=self.paper_combo.currentData(),
            notes=self.notes_check.isChecked(), client_refs=self.refs_check.isChecked(), made=self.today,
        )

    def report(self) -> Report:
        start, end = self.dates()
        return self.make(start, end, self.options().entry_list)

    def _range_changed(self) -> None:
        self.period.follow()
        self._update()

    def _update(self) -> None:
        start, end = self.dates()
        bad = self.period.wrong_way_round()
        self.preview_button.setEnabled(not bad)
        self.save_button.setEnabled(not bad)
        warn = self.notes_check.isChecked() or self.refs_check.isChecked()
        if warn != self.privacy_label.isVisibleTo(self):
            self.privacy_label.setVisible(warn)
            grow_to_contents(self)
        self.state_label.setText("" if bad else _("{first} to {last}").format(first=start.isoformat(),
                                                                               last=end.isoformat()))

    # ------------------------------------------------------------ doing it

    def open_preview(self) -> QDialog:
        """Qt's print preview of the report (its Print button prints the same pages)."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        report, options = self.report(), self.options()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(options.paper))
        printer.setDocName(self.name(report.start, report.end))
        self.printer = printer  # the preview does not own its printer: it must live as long as the preview
        preview = QPrintPreviewDialog(printer, self)
        preview.setObjectName("report_preview_dialog")
        # TRANSLATORS: the print preview's title: "Team report: preview"
        preview.setWindowTitle(_("{title}: preview").format(title=self.windowTitle()))

        def paint(device: QPrinter) -> None:
            render(device, report, self.taxonomy, options)

        preview.paintRequested.connect(paint)
        preview.resize(900, 700)
        preview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.preview = preview
        preview.destroyed.connect(lambda _o=None: setattr(self, "preview", None))
        preview.open()
        return preview

    def save(self) -> Path | None:
        """Ask where, draw the report behind a cancellable progress dialog, write it complete or not at all."""
        start, end = self.dates()
        # TRANSLATORS: a file dialog's filter: keep "(*.pdf)" as it is
        chosen = self.dialogs.ask_save_path(self, _("Save the report"), str(self.folder / self.name(start, end)),
                                            _("PDF documents (*.pdf)"))
        if not chosen:
            return None
        if not chosen.lower().endswith(".pdf"):
            chosen += ".pdf"
        options = self.options()
        progress = QProgressDialog(_("Drawing the report…"), _("Cancel"), 0, 1, self)
        progress.setWindowTitle(_("Report"))
        progress.setMinimumDuration(400)
        progress.setWindowModality(Qt.WindowModality.WindowModal)

        def step(done: int, total: int) -> bool:
            progress.setMaximum(total)
            progress.setValue(done)
            QApplication.processEvents()
            return not progress.wasCanceled()

        from ..operations.reporting import ReportError

        try:
            report = self.report()
            path = self.write(chosen, report, lambda r: pdf_bytes(r, self.taxonomy, options, step))
        except ReportCancelled:
            self.state_label.setText(_("The report was cancelled; no file was written."))
            return None
        except (ReportError, ValueError) as exc:
            self.dialogs.error(self, _("Report not saved"), str(exc))
            return None
        finally:
            progress.close()
            progress.deleteLater()
        what = _("no entries in the period") if report.empty else count_of(report.entries, "entry", "entries")
        self.state_label.setText(_("Saved {name} ({what}) in {folder}.").format(name=path.name, what=what,
                                                                                folder=path.parent))
        self.saved = path
        return path


def open_report_dialog(window) -> ReportDialog | None:
    """File ▸ Report… of the main window: the worker's own period, from its store."""
    from ..exchange.csv_format import safe_name_part
    from ..operations.reporting import worker_report_of, write_report

    store = window.store
    if store is None:
        return None
    settings = window.workspace.settings
    worker = window.worker()

    def make(start: date, end: date, entry_list: bool) -> Report:
        return worker_report_of(store, window.taxonomy, start, end, worker=worker,
                                contracted_hours=window.contracted_hours(), entry_list=entry_list)

    def write(path: str, report: Report, draw: Callable[[Report], bytes]) -> Path:
        options = dialog.options()
        written = write_report(path, report, draw, store=store, notes=options.notes, client_refs=options.client_refs)
        if str(settings.get("organisation")) != options.organisation:  # the next report's header too
            settings.set("organisation", options.organisation)
            settings.save()
        return written

    dialog = ReportDialog(
        window, title=_("Report"), taxonomy=window.taxonomy, dialogs=window.dialogs, make=make, write=write,
        name=lambda s, e: f"peerdesk_report_{safe_name_part(worker)}_{s.isoformat()}_{e.isoformat()}.pdf",
        folder=window.workspace.data_dir.parent, today=window.today(),
        organisation=str(settings.get("organisation")),
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.report_dialog = dialog
    dialog.destroyed.connect(lambda _o=None: setattr(window, "report_dialog", None))
    dialog.open()
    return dialog



def open_team_report_dialog(review) -> ReportDialog:
    """File ▸ Report… of a review window: the team it read, over the weeks it shows."""
    from ..operations.reporting import review_period, team_report_of, write_report

    result, taxonomy = review.result, review.taxonomy
    first, last = review_period(result)
    span = selected_span(review.selection(), first, last)

    def make(start: date, end: date, entry_list: bool) -> Report:
        return team_report_of(result, taxonomy, start, end, entry_list=entry_list)

    def write(path: str, report: Report, draw: Callable[[Report], bytes]) -> Path:
        return write_report(path, report, draw)

    dialog = ReportDialog(
        review, title=_("Team report"), taxonomy=taxonomy, dialogs=review.dialogs, make=make, write=write,
        name=lambda s, e: f"peerdesk_team_report_{s.isoformat()}_{e.isoformat()}.pdf",
        folder=review._folder(), today=date.today(), span=span,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def selected_span(selection, first: date, last: date) -> tuple[date, date]:
    """The days of the review's selected weeks, within the days its files cover."""
    from ..domain.weeks import Week

    start = max(first, Week.parse(selection.first_week).start) if selection.first_week else first
    end = min(last, Week.parse(selection.last_week).end) if selection.last_week else last
    return (start, end) if start <= end else (first, last)
