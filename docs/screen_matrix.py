"""Every window and dialog at every text size on the screens of ward PCs: pictures to look at,
and the layout faults a script can see.

    python docs/screen_matrix.py OUT_DIR [--screens 1366x768,1280x720] [--scales 1.0,1.3,1.5,2.0]

For each screen × text size, in a process of its own (Qt's offscreen platform takes its screen
size at start-up), the demo record is opened in a temporary folder and the main window (each
chart tab), the export dialog with "Include notes" ticked, the report dialog with its notes
ticked, the edit dialog, Settings, the role guide, the activity history, the restore dialog
and the review window of a demo team (its How tab too, with its report dialog and funder's figures) are
rendered to OUT_DIR/SCREEN/SCALE/NAME.png. It prints one line per fault found and exits 1
when there is any:

- a window or dialog that, with its frame (guessed offscreen), is larger than the screen's free area;
- a label, button or box narrower or lower than its text needs (clipped, not wrapped);
- a table column narrower than its header's text;
- the form's Save button out of sight; up to 150 % text, the week's pane scrolling sideways,
  the review window scrolling at all, or the week's Previous and Next buttons out of sight.

Nothing here touches a real data folder or the user's view preferences. The pictures are for
looking at, not for the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

SCREENS = ("1366x768", "1280x720")
SCALES = ("1.0", "1.3", "1.5", "2.0")
TODAY = date(2026, 11, 27)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--screens", default=",".join(SCREENS))
    parser.add_argument("--scales", default=",".join(SCALES))
    parser.add_argument("--lang", choices=("en", "fr"), default="en",
                        help="the language of the windows (French text is longer); fr goes to OUT/fr/…")
    parser.add_argument("--one", nargs=2, metavar=("SCREEN", "SCALE"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        return shoot(args.out, *args.one, language=args.lang)
    faults = 0
    for screen in args.screens.split(","):
        width, height = (int(n) for n in screen.split("x"))
        with tempfile.TemporaryDirectory(prefix="peerdesk-matrix-") as scratch:
            config = Path(scratch) / "screen.json"
            config.write_text(json.dumps({"screens": [{
                "name": "ward-pc", "x": 0, "y": 0, "width": width, "height": height,
                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1,
            }]}), "utf-8")
            env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}")
            env.pop("PEERDESK_DATA_DIR", None)
            for scale in args.scales.split(","):
                done = subprocess.run(
                    [sys.executable, __file__, str(args.out), "--one", screen, scale, "--lang", args.lang],
                    env=env, check=False,
                )
                faults += done.returncode != 0
    return 1 if faults else 0


def shoot(out: Path, screen_name: str, scale_text: str, *, language: str = "en") -> int:
    from PySide6.QtCore import QSettings, QStandardPaths
    from PySide6.QtWidgets import QApplication

    from peerdesk import app as peerdesk_app
    from peerdesk import i18n

    i18n.set_language(language)
    if language != "en":
        out = out / language
    QStandardPaths.setTestModeEnabled(True)
    with tempfile.TemporaryDirectory(prefix="peerdesk-matrix-") as scratch:
        for kind in (QSettings.NativeFormat, QSettings.IniFormat):
            QSettings.setPath(kind, QSettings.UserScope, str(Path(scratch) / "qsettings"))
        app = QApplication.instance() or QApplication([])
        install = getattr(peerdesk_app, "install_qt_language", None)  # Qt's own words and QLocale
        if install is not None:
            install(app, language)
        folder = out / screen_name / scale_text
        folder.mkdir(parents=True, exist_ok=True)
        problems = _shoot_all(app, Path(scratch), folder, float(scale_text))
    for problem in problems:
        print(f"{language}: {screen_name} × {scale_text}: {problem}")
    return 1 if problems else 0


def _shoot_all(app, scratch: Path, folder: Path, scale: float) -> list[str]:
    from peerdesk import demo
    from peerdesk.domain.entry import entry_to_raw
    from peerdesk.domain.weeks import Week
    from peerdesk.ui.entry_editing import EntryDialog
    from peerdesk.ui.export_dialog import ExportDialog
    from peerdesk.ui.history import HistoryDialog
    from peerdesk.ui.main_window import MainWindow
    from peerdesk.ui.restore_dialog import RestoreDialog
    from peerdesk.ui.review_window import ReviewWindow
    from peerdesk.ui.settings_dialog import SettingsDialog
    from peerdesk.ui.view_settings import TEXT_SCALE, ui_settings
    from peerdesk.workspace import Workspace

    data = scratch / "demo"
    demo.create_demo_folder(data, weeks=12, today=TODAY)
    team = demo.create_team(scratch / "team", 4, weeks=6, today=TODAY)
    ui_settings().setValue(TEXT_SCALE, scale)
    workspace = Workspace(data)
    window = MainWindow(workspace, week=Week.of(TODAY), today=lambda: TODAY)
    window.set_store(workspace.open_store())
    window.show()
    app.processEvents()
    window.fit_to_screen()
    app.processEvents()
    problems: list[str] = []
    tabs = window.week_view.chart_tabs
    for index, name in enumerate(("main", "main-trend", "main-how")):
        tabs.setCurrentIndex(index)
        app.processEvents()
        problems += _look(window, folder / f"{name}.png", check=index == 0)
        if index == 0:
            problems += [f"{name}: {p}" for p in _work_faults(window, scale)]
    tabs.setCurrentIndex(0)

    export = ExportDialog(window.worker(), TODAY, window, count=window.store.count_between)
    export.notes_check.setChecked(True)
    edit = EntryDialog(window.taxonomy, window)
    edit.form.set_values(entry_to_raw(window.row_entry(0), window.taxonomy))
    window.open_guide()
    from peerdesk.ui.figures_dialog import open_figures
    from peerdesk.ui.report_dialog import open_report_dialog

    report = open_report_dialog(window)
    assert report is not None
    report.notes_check.setChecked(True)
    review = ReviewWindow(taxonomy=window.taxonomy, paths=[str(p) for m in team for p in m.files])
    dialogs = {
        "export-with-notes": export,
        "edit-entry": edit,
        "settings": SettingsDialog(workspace.settings, window),
        "role-guide": window.guide,
        "history": HistoryDialog(window.store.audit_log(), window),
        "restore": RestoreDialog(_backups(workspace, window), window),
        "report-with-notes": report,
        "review": review,
        "review-report": review.open_report(),
        "review-figures": open_figures(review),
    }
    for name, dialog in dialogs.items():
        dialog.show()
        app.processEvents()
        if hasattr(dialog, "fit_to_screen"):
            dialog.fit_to_screen()
            app.processEvents()
        problems += [f"{name}: {p}" for p in _faults(dialog)]
        if name == "review" and scale <= 1.5:
            for bar, way in ((dialog.centralWidget().horizontalScrollBar(), "sideways"),
                             (dialog.centralWidget().verticalScrollBar(), "up and down")):
                if bar.maximum() > 0:
                    problems.append(f"{name}: scrolls {way} by {bar.maximum()} px")
        dialog.grab().save(str(folder / f"{name}.png"), "PNG")
        if name == "review":  # its How tab too: two charts that stack or stand side by side
            dialog.chart_tabs.setCurrentWidget(dialog.how_chart)
            app.processEvents()
            dialog.grab().save(str(folder / "review-how.png"), "PNG")
        dialog.close()
    window.close()
    workspace.close()
    return problems


def _backups(workspace, window):
    from peerdesk.operations import safekeeping
    from peerdesk.storage import backups

    safekeeping.back_up_now(window.store)
    return backups.list_backups(workspace.db_path, workspace.cipher)


def _look(widget, path: Path, *, check: bool) -> list[str]:
    widget.grab().save(str(path), "PNG")
    return [f"{path.stem}: {p}" for p in _faults(widget)] if check else []


def _faults(top) -> list[str]:
    """What a user would see cut off in *top* (a shown window or dialog)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QLabel,
        QTableView,
        QToolButton,
    )

    from peerdesk.ui.fitting import frame_of

    out: list[str] = []
    room = top.screen().availableGeometry()
    outer = top.size() + frame_of(top)
    if outer.width() > room.width() or outer.height() > room.height():
        out.append(f"{outer.width()}×{outer.height()} with its frame is larger than the screen's "
                   f"free {room.width()}×{room.height()}")
    for widget in top.findChildren(QLabel) + top.findChildren(QAbstractButton) + top.findChildren(QComboBox):
        if not widget.isVisibleTo(top) or widget.window() is not top or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or not widget.text() or widget.pixmap() is not None):
            continue
        if _inside_scrolled_tab_bar(widget) or (isinstance(widget, QToolButton) and not widget.objectName()):
            continue  # Qt's own parts: a tab bar's scroll arrows, a date field's arrows
        need = widget.minimumSizeHint() if isinstance(widget, QComboBox) else widget.sizeHint()
        if need.width() > widget.width() + 1 or need.height() > widget.height() + 1:
            text = widget.currentText() if isinstance(widget, QComboBox) else widget.text()
            where = widget.objectName() or type(widget.parent()).__name__
            out.append(f"{type(widget).__name__} {text!r} ({where}) is {widget.width()}×{widget.height()}, "
                       f"its text needs {need.width()}×{need.height()}")
    for table in top.findChildren(QTableView):
        if not table.isVisibleTo(top) or table.window() is not top:
            continue
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        model = table.model()
        for section in range(header.count()):
            if header.isSectionHidden(section):
                continue
            title = str(model.headerData(section, Qt.Horizontal) or "")
            if header.sectionSize(section) + 2 < metrics.horizontalAdvance(title) + 8:
                out.append(f"{table.objectName() or 'a table'}: column {title!r} is {header.sectionSize(section)} px, "
                           f"narrower than its header")
    return out


def _work_faults(window, scale: float) -> list[str]:
    """What a worker would have to scroll to find: the form's Save button is always in sight;
    up to 150 % text the form and the week (the week's buttons included) fit side by side, and
    only at 200 % may the window's content scroll sideways."""
    out = []
    save = window.area.form.save_button
    if save.visibleRegion().boundingRect().size() != save.size():
        out.append(f"{save.text()!r} is out of sight (the form's fields scroll; its buttons must not)")
    bar = window.area.week_scroll.horizontalScrollBar()
    if scale <= 1.5 and bar.maximum() > 0:
        out.append(f"the form and the week do not fit side by side: the window scrolls sideways by {bar.maximum()} px")
    for button in (window.week_view.prev_button, window.week_view.next_button):
        if button.visibleRegion().boundingRect().size() != button.size() and scale <= 1.5:
            out.append(f"the week's {button.accessibleName()!r} button is out of sight")
    return out


def _inside_scrolled_tab_bar(widget) -> bool:
    from PySide6.QtWidgets import QTabBar

    return isinstance(widget.parent(), QTabBar)


if __name__ == "__main__":
    sys.exit(main())
