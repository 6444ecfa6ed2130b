"""Builds the QApplication, shows the main window, then opens the store.

The window's frame paints first. After that paint the window builds its
content and shows the week from a read-only first look at the file; then the
store opens, checks the file's integrity (and upgrades it, if a migration is
due: only then are SQLAlchemy and Alembic imported).
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from . import i18n
from .domain.weeks import Week
from .files import write_through
from .i18n import _
from .settings import SettingsError
from .ui.dialogs import Dialogs
from .ui.main_window import MainWindow
from .workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

    from .domain.taxonomy import Taxonomy
    from .storage.store import Store

SCREENSHOT_SIZE = (1280, 800)


def _application(*, icon: bool = True) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("PeerDesk")
    app.setApplicationDisplayName("PeerDesk")
    app.setOrganizationName("PeerDesk")
    if icon:
        app.setWindowIcon(app_icon())
    app.setDesktopFileName("peerdesk")  # Wayland matches the window to peerdesk.desktop
    install_qt_language(app, i18n.language())
    from .ui import focus_ring

    focus_ring.install(app)
    return app  # type: ignore[return-value]


def install_qt_language(app: QApplication, language: str) -> bool:
    """Qt's own words (the buttons of message boxes, file dialogs, a line edit's menu) in *language*,
    from the translations PySide6 ships, and QLocale's default in that language, so dates, times
    and numbers follow it: the system's region when it speaks *language* (fr_CA), else the
    language's own. Installed once per language; True when Qt has words in *language* (English:
    Qt's own)."""
    system = QLocale.system()
    chosen = system if system.name().split("_")[0] == language else QLocale(language)
    QLocale.setDefault(chosen)
    installed = app.findChild(QTranslator, "peerdesk_qt_translator")
    if installed is not None:
        if installed.language().split("_")[0] == language:
            return True
        app.removeTranslator(installed)
        installed.setObjectName("")  # not found again before it is gone
        installed.deleteLater()
    if language == i18n.SOURCE_LANGUAGE:
        return True
    translator = QTranslator(app)
    translator.setObjectName("peerdesk_qt_translator")
    from PySide6.QtCore import QLibraryInfo  # (only for a language other than Qt's own)

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(language), "qtbase", "_", folder):
        translator.deleteLater()
        return False
    app.installTranslator(translator)
    return True


def app_icon() -> QIcon:
    """The PeerDesk icon from resources/icons, at every size shipped."""
    from importlib import resources

    from PySide6.QtGui import QIcon

    icon = QIcon()
    folder = resources.files("peerdesk.resources").joinpath("icons")
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = folder.joinpath(f"peerdesk-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    return icon


class OtherFolder(str):
    """The data folder the user chose instead, when this one's store cannot be opened."""


def open_store_into(window: MainWindow, dialogs: Dialogs) -> bool | OtherFolder:
    """Open the window's store, through the same operation the command line uses, and
    answer each outcome: ask for the passphrase, offer the newest good backup of a damaged
    file, or say why it will not open. A file that cannot be opened is never overwritten.

    True once the store is open; False when the user gave up; an :class:`OtherFolder`
    when the user chose to open another data folder instead."""
    from .operations.opening import Damaged, NeedsPassphrase, Opened, OpenOutcome, open_store

    workspace = window.workspace
    passphrase: str | None = None
    if not workspace.db_path.exists() and not workspace.settings.get("worker"):
        passphrase = first_run_choice(window, dialogs)
        if passphrase == "":
            return False
    outcome: OpenOutcome = open_store(workspace, passphrase, encrypt=bool(passphrase))
    while not isinstance(outcome, Opened):
        if isinstance(outcome, NeedsPassphrase):
            passphrase = dialogs.ask_passphrase(
                window,
                _("PeerDesk is encrypted"),
                (_("That passphrase does not open your records. Try again:") + "\n" if outcome.wrong else "")
                + _("Passphrase of your PeerDesk records:"),
            )
            if not passphrase:
                return False
            outcome = open_store(workspace, passphrase)
            continue
        good = outcome.newest_good if isinstance(outcome, Damaged) else None
        options = []
        if good is not None:
            from .domain.entry import count_of
            from .ui.locale_text import moment_text

            options.append(_("Restore the backup of {made} ({entries})").format(
                made=moment_text(good.made), entries=count_of(good.check.entries, "entry", "entries")))
        other_folder = len(options)
        options += [_("Open another folder…"), _("Quit")]
        choice = dialogs.choose(
            window,
            _("PeerDesk cannot open its data"),
            _("{problem}\n\nNothing was changed. What would you like to do?").format(problem=outcome.message),
            options,
        )
        if good is not None and choice == 0:
            from .operations.safekeeping import restore_backup
            from .storage.backups import BackupError

            try:
                restored = restore_backup(workspace, good.path, passphrase=passphrase)
            except BackupError as exc:
                dialogs.error(window, _("Backup not restored"), str(exc))
                return False
            if restored.error:
                dialogs.error(window, _("Backup not restored"), restored.error)
                return False
            if restored.kept is not None:
                window.status(_("Backup restored; the damaged file was kept as {file}").format(
                    file=restored.kept.name), 15000)
            else:
                window.status(_("Backup restored"), 15000)
            outcome = restored.outcome
            continue
        if choice == other_folder:
            folder = dialogs.ask_folder(window, _("Open a PeerDesk data folder"))
            if folder:
                return OtherFolder(folder)
        return False
    window.set_store(outcome.store)
    store = outcome.store

    def after_the_paint() -> None:
        # the full integrity check on its own thread once the week from the store is painted (a
        # save before then begins it and waits for it: nothing is written before its verdict);
        # today's backup, when due, on another: it waits for that verdict, then copies the file
        store.begin_full_check()
        if window.store is store:
            window.begin_daily_backup()

    QTimer.singleShot(100, window, after_the_paint)  # (not once the window is gone)
    return True


def first_look(workspace: Workspace):
    """A read-only Reader of the workspace's file when it is plain and current, else None."""
    if workspace.settings.get("encrypted"):
        return None
    from .storage.reader import Reader  # (not the store: its writing side waits for the open)
    return Reader.if_current(workspace.db_path)


def first_run_choice(window: MainWindow, dialogs: Dialogs) -> str | None:
    """On a new data folder: is this computer shared? Returns a new passphrase for an
    encrypted store, None for a plain one, or "" when the user backed out."""
    from .storage import crypto

    if not crypto.available():
        return None
    choice = dialogs.choose(
        window,
        _("Welcome to PeerDesk"),
        _("Is this computer shared with other staff?\n\n"
          "On a shared computer PeerDesk encrypts your records with a passphrase and hides the "
          "window when it is left idle. A forgotten passphrase cannot be recovered: nobody, "
          "not even IT, can open the records without it."),
        [_("Only I use this computer"), _("This computer is shared: encrypt my records")],
    )
    if choice != 1:
        return None
    while True:
        first = dialogs.ask_passphrase(
            window, _("Choose a passphrase"), _("A passphrase for your records (8 characters or more):")
        )
        if not first:
            return ""
        if len(first) < 8:
            dialogs.error(
                window, _("Passphrase too short"), _("Use at least 8 characters; a few words are easy to remember.")
            )
            continue
        again = dialogs.ask_passphrase(window, _("Choose a passphrase"), _("The same passphrase again:"))
        if again == first:
            return first
        dialogs.error(window, _("Passphrases differ"),
                      _("The two passphrases were not the same. Please choose again."))


def launch(
    *,
    data_dir: str | None = None,
    taxonomy_file: str | None = None,
    week: Week | None = None,
    dialogs: Dialogs | None = None,
    on_fail: Callable[[int], None] | None = None,
) -> MainWindow | int:
    """Show the main window's frame at once; after its first paint build its content,
    show the week from a read-only first look, then open (and check) the store.

    Returns the window, or an exit code when PeerDesk cannot start.

    Python's cyclic garbage collector waits until the week and the form are shown: that makes
    tens of thousands of objects that live as long as the window (modules, classes,
    Qt's enums, widgets) and next to no garbage, and each collection would walk them
    again (about 55 collections before the week is shown, 5 to 7 ms).
    """
    resume_collector = _hold_collector()
    try:
        result = _launch(data_dir, taxonomy_file, week, dialogs, on_fail, on_started=resume_collector)
    except BaseException:
        resume_collector()
        raise
    if isinstance(result, int):
        resume_collector()
    return result


def _hold_collector() -> Callable[[], None]:
    """Pause the cyclic garbage collector; the function returned resumes it (calling it
    again does nothing more)."""
    if not gc.isenabled():
        return lambda: None
    gc.disable()
    return gc.enable


def _launch(
    data_dir: str | None,
    taxonomy_file: str | None,
    week: Week | None,
    dialogs: Dialogs | None,
    on_fail: Callable[[int], None] | None,
    *,
    on_started: Callable[[], None],
) -> MainWindow | int:
    """:func:`launch`'s work; *on_started* is called once the week and the form are shown
    (or the start ended early)."""
    _application(icon=False)  # before any widget; the icon's files load after the first paint
    dialogs = dialogs or Dialogs()
    try:
        workspace = Workspace(data_dir, taxonomy_file)
        if workspace.taxonomy_file:  # an organisation's file is reported before any window opens
            from .domain.taxonomy import TaxonomyError

            try:
                workspace.taxonomy  # noqa: B018
            except TaxonomyError as exc:
                dialogs.error(None, _("PeerDesk cannot start"), str(exc))
                return 2
    except SettingsError as exc:
        dialogs.error(None, _("PeerDesk cannot start"), str(exc))
        return 2
    except OSError as exc:
        dialogs.error(None, _("PeerDesk cannot start"),
                      _("The data folder cannot be used: {reason}").format(reason=exc))
        return 1
    from .ui.single_instance import InstanceServer, ask_running_instance

    server = InstanceServer.claim(workspace.data_dir)
    if server is None:
        ask_running_instance(workspace.data_dir)
        print(_("PeerDesk is already open for {folder}; brought it to the front.").format(folder=workspace.data_dir),
              file=sys.stderr)
        return 0
    # the open's quick_check of the file, on a thread of its own from now on: it reads the whole
    # file (0.1 s at 100,000 entries) while the window is made, painted and fills in its week
    workspace.begin_checks()
    window = MainWindow(workspace, week=week, dialogs=dialogs, staged=True)
    server.setParent(window)
    window.instance_server = server
    server.show_requested.connect(window.bring_forward)
    window.fit_to_screen()
    window.first_painted.connect(window.fit_to_screen)  # again, with the window manager's real frame
    window.show()

    started = False

    def start() -> None:
        nonlocal started
        if started:
            return
        started = True
        try:
            _start()
        finally:
            on_started()

    def _start() -> None:
        # The week first, from a read-only first look; then the form and the menus; then
        # the store's open (and a migration, if one is due), which takes the verdict of the
        # quick_check begun before the window; the full check follows the open.
        window.build_week()
        reader = first_look(workspace)
        if reader is not None:
            window.show_first_look(reader)
        window.paint_now()
        window.build_form()
        if not workspace.opens_at_once:  # the form painted (disabled) while the check goes on
            window.paint_now()
        on_started()
        # the icon's files (6 ms) once the store is open: it is not needed to log work
        QTimer.singleShot(0, lambda: QApplication.instance().setWindowIcon(app_icon()))
        reader = window.first_look
        if reader is not None:
            reader.disconnect()  # its memory back before the store's check; it reconnects if asked
        opened = open_store_into(window, dialogs)
        if isinstance(opened, OtherFolder):  # start again there, with its own claim and first look
            other = launch(data_dir=opened, taxonomy_file=taxonomy_file, dialogs=dialogs, on_fail=on_fail)
            window.successor = other if isinstance(other, MainWindow) else None  # kept alive by this one
            window.close()  # (after the new window is up: closing the last one would end the app)
            workspace.close()
            if isinstance(other, int) and on_fail is not None:
                on_fail(other)
            return
        if not opened:
            window.close()
            if on_fail is not None:
                on_fail(1)
            return
        window.ask_worker_if_unset()
        window.focus_form()

    # A window that never paints (minimised at start) is built after a second anyway.
    window.first_painted.connect(start)
    QTimer.singleShot(1000, start)
    return window


def run(*, data_dir: str | None = None, taxonomy_file: str | None = None, week: Week | None = None) -> int:
    app = _application(icon=False)  # the icon's files load once the store is open (launch)
    window = launch(data_dir=data_dir, taxonomy_file=taxonomy_file, week=week, on_fail=app.exit)
    if isinstance(window, int):
        return window
    code = app.exec()
    shown: MainWindow | None = window
    while shown is not None:  # the window, and those that replaced it (Open another folder…)
        shown.workspace.close()
        shown = shown.successor
    return code


def run_review(paths: Sequence[str | os.PathLike[str]], taxonomy: Taxonomy, *, dialogs: Dialogs | None = None,
               trusted: dict[str, str] | None = None) -> int:
    """``peerdesk review FILE...``: the files in a review window, read-only; no database is opened
    (the workers' keys the supervisor registered are read from the data folder)."""
    from .ui.review_window import open_review
    from .ui.text_size import apply_scale, remembered_scale

    app = _application()
    apply_scale(remembered_scale())  # the text size this user chose (View ▸ Larger text), as the window has it
    window = open_review(paths, taxonomy, dialogs=dialogs or Dialogs(), trusted=trusted)  # noqa: F841 - kept alive
    return app.exec()


def screenshot(
    workspace: Workspace, store: Store, path: str | os.PathLike[str], *, week: Week | None = None,
    today: date | None = None,
) -> int:
    """Render the main window over an opened store offscreen at 1280×800 and save it as a PNG.

    The view preferences (text size, the form's width) of the user are neither read nor
    written: a screenshot is the same on every computer, and leaves nothing behind."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import shutil
    import tempfile

    from PySide6.QtCore import QSettings

    scratch = tempfile.mkdtemp(prefix="peerdesk-screenshot-settings-")
    for kind in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(kind, QSettings.UserScope, scratch)
    try:
        app = _application()
        window = MainWindow(workspace, week=week, **({"today": lambda: today} if today else {}))
        window.set_store(store)
        window.focus_form()  # as the window starts: the date has the focus
        return _save_png(app, window, SCREENSHOT_SIZE, lambda: window.grab().toImage(), path, workspace)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _save_png(app, widget, size, image, path, workspace: Workspace) -> int:
    """Show *widget* offscreen at *size*, save *image()* as a PNG at *path*, close everything."""
    widget.resize(*size)
    widget.show()
    app.processEvents()
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        ok = write_through(target, lambda staged: image().save(str(staged), "PNG"))
    except OSError as exc:
        print(_("peerdesk: could not write {file} ({reason})").format(file=target, reason=exc.strerror),
              file=sys.stderr)
        ok = None
    widget.close()
    workspace.close()
    if ok is None:
        return 1
    if not ok:
        print(_("peerdesk: could not write {file}").format(file=target), file=sys.stderr)
        return 1
    print(target)
    return 0


CHART_SIZE = (960, 540)


def render_chart(
    workspace: Workspace,
    store: Store,
    kind: str,
    path: str | os.PathLike[str],
    *,
    week: Week | None = None,
    trend_weeks: int = 12,
    today: date | None = None,
) -> int:
    """Render one chart card of an opened store offscreen (``week``, ``trend`` or ``mode``) to a PNG."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from .ui.charts import ThisWeekChart
    from .ui.how_chart import HowChart
    from .ui.trend_chart import TrendChart
    from .week_data import load_week

    app = _application()
    today = today or date.today()
    week = week or Week.of(today)
    data = load_week(store, workspace.taxonomy, week, trend_count=trend_weeks, today=today)
    if kind == "week":
        card = ThisWeekChart(workspace.taxonomy)
        card.show_summary(data.summary)
    elif kind == "trend":
        card = TrendChart(workspace.taxonomy)
        card.set_weeks_count(trend_weeks)
        hours = float(workspace.settings.get("contracted_hours") or 0)
        card.show_trend(data.trend, week, hours)
    else:
        card = HowChart()
        card.show_how(data.how, week)
    return _save_png(app, card, CHART_SIZE, card.render_image, path, workspace)
