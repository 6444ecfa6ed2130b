"""The main window's content: the demo banner, the entry form beside the week, and the lock screen.

An ordinary widget that shows and does nothing else: the main window wires
its signals to the application layer. The window imports this module after
its frame has painted (its Qt classes make about 150 Python enum classes on
first use); the form comes a moment after the week (:meth:`WorkArea.build_form`),
in a place kept as wide as it was last time, so the week does not move when it comes.
The form's module is imported only then (about 20 ms on a ward computer), and the
lock screen's when it is first needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _
from . import contrast
from .fitting import scrolling, wrapping_row
from .view_settings import FORM_WIDTH, ui_settings
from .week_view import WeekView

if TYPE_CHECKING:
    from .entry_form import EntryForm
    from .idle_lock import LockScreen

DEMO_TEXT = N_(
    "Demo — sample data. A fictional peer worker's record: nothing here is real, "
    "and nothing is written to your own records."
)  # shown as _(DEMO_TEXT)
FORM_MARGIN = 24  # the scroll area's frame and a scroll bar's room beside the form's own width


class WorkArea(QStackedWidget):
    """The work (banner, form pane, week) on the first page; the lock screen, once made, on another."""

    unlocked = Signal()  # the lock screen took the right PIN or passphrase

    def __init__(self, taxonomy: Taxonomy, *, demo: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.week_view = WeekView(taxonomy)
        self.form: EntryForm | None = None
        self.form_box: QGroupBox | None = None
        self.form_scroll: QScrollArea | None = None
        self._lock_screen: LockScreen | None = None

        self.form_pane = QWidget()  # the form comes into it with build_form()
        QVBoxLayout(self.form_pane).setContentsMargins(0, 0, 0, 0)
        self.form_pane.setMinimumWidth(int(ui_settings().value(FORM_WIDTH, 0, type=int)))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.form_pane)
        # at a larger text size the week may need more room than the screen has beside the form:
        # it then scrolls in its pane, and the form, its buttons in sight, stays where it is
        self.week_scroll = scrolling(self.week_view, "week_scroller", _("The week: entries, totals and charts"))
        splitter.addWidget(self.week_scroll)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        self.demo_banner = QLabel(_(DEMO_TEXT), objectName="demo_banner", wordWrap=True)
        contrast.banner(self.demo_banner)  # yellow and black; the theme's highlight under high contrast
        self.demo_banner.setMargin(6)
        bold = QFont()  # only the weight, so the size follows View ▸ Larger text
        bold.setBold(True)
        self.demo_banner.setFont(bold)

        banner_row = wrapping_row(self.demo_banner)  # its lines, without the area's height following its width
        banner_row.setVisible(demo)
        self.demo_banner.setVisible(demo)
        self.work = QWidget()
        outer = QVBoxLayout(self.work)
        outer.addWidget(banner_row)
        row = QHBoxLayout()
        row.addWidget(splitter)
        outer.addLayout(row, 1)
        self.addWidget(self.work)

    def build_form(self) -> EntryForm:
        """The entry form, in the place kept for it (once)."""
        if self.form is not None:
            return self.form
        from .entry_form import EntryForm

        self.form = EntryForm(self.taxonomy)
        self.form_box = QGroupBox(_("Log work"))
        QVBoxLayout(self.form_box).addWidget(self.form)
        self.form_scroll = scrolling(self.form_box, "form_scroller", _("Log work: the entry form"))
        layout = self.form_pane.layout()
        assert layout is not None
        layout.addWidget(self.form_scroll)
        self.form.place_actions(layout)  # below the scroll area: always in sight
        # shown now, not at the event loop's next turn: the date field can take the focus at start
        # (the window gives it to its first button if its focus widget is not yet visible)
        self.form_scroll.show()
        self.form.actions.show()
        self.fit_form_pane()
        return self.form

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        """The system's theme changed (high contrast turned on or off): the banner follows."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            contrast.banner(self.demo_banner)

    def fit_form_pane(self) -> None:
        """The form's pane as wide as the form needs at the current text size
        (remembered, so the next start keeps that much room for it)."""
        if self.form_box is None or self.form_scroll is None:
            return
        self.form_box.adjustSize()
        width = self.form_box.sizeHint().width() + FORM_MARGIN
        self.form_scroll.setMinimumWidth(width)
        self.form_pane.setMinimumWidth(width)
        settings = ui_settings()
        if settings.value(FORM_WIDTH, 0, type=int) != width:
            settings.setValue(FORM_WIDTH, width)

    # ------------------------------------------------------------ the lock screen

    @property
    def lock_screen(self) -> LockScreen:
        """The lock screen, made when first needed."""
        if self._lock_screen is None:
            from .idle_lock import LockScreen

            self._lock_screen = LockScreen()
            self._lock_screen.unlocked.connect(self.unlocked)
            self.addWidget(self._lock_screen)
        return self._lock_screen

    def is_locked(self) -> bool:
        return self._lock_screen is not None and self.currentWidget() is self._lock_screen

    def show_lock(self) -> None:
        self.setCurrentWidget(self.lock_screen)

    def show_work(self) -> None:
        self.setCurrentWidget(self.work)
