"""File ▸ Open team server…: a supervisor's team read from the team server (as the supervisor's
role) into the same review window as exported files: the table, the pivot, the charts and the
problems. The server, team and period asked for are remembered for next time (QSettings)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from . import style
from .locale_text import locale

if TYPE_CHECKING:
    from .main_window import MainWindow


def _last_full_week(today: date) -> tuple[date, date]:
    monday = today - timedelta(days=today.weekday() + 7)
    return monday, monday + timedelta(days=6)


class TeamServerDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open team server"))
        kept = QSettings("PeerDesk", "PeerDesk")
        self.url = QLineEdit(str(kept.value("review/server_url", "") or ""), objectName="team_server_url")
        # TRANSLATORS: the address's shape; only the words in capitals are placeholders to translate
        self.url.setPlaceholderText(_("postgresql://YOUR_ROLE@HOST/DATABASE (no password)"))
        # the whole of the address's shape shows, however long in the user's language
        self.url.setMinimumWidth(self.url.fontMetrics().horizontalAdvance(self.url.placeholderText()) + 24)
        self.team = QLineEdit(str(kept.value("review/team", "") or ""), objectName="team_server_team")
        first, last = _last_full_week(today)
        self.start = QDateEdit(calendarPopup=True, objectName="team_server_from")
        self.end = QDateEdit(calendarPopup=True, objectName="team_server_to")
        for edit, day in ((self.start, first), (self.end, last)):
            edit.setLocale(locale())  # day and month names in the user's language
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setDate(QDate(day.year, day.month, day.day))
        self.problem = QLabel(objectName="team_server_problem", wordWrap=True, textFormat=Qt.PlainText)
        style.error(self.problem)
        self.problem.hide()
        form = QFormLayout()
        for text, field, name, description in (
            (_("&Server"), self.url, _("Team server URL"),
             _("The team server's address, with your role and no password (the password file keeps it)")),
            (_("&Team"), self.team, _("Team"), _("The name of the team to review")),
            (_("&From"), self.start, _("First day"), _("The first day of the period to read")),
            (_("T&o"), self.end, _("Last day"), _("The last day of the period to read")),
        ):
            field.setAccessibleName(name)
            field.setAccessibleDescription(description)
            form.addRow(text, field)
        buttons = QDialogButtonBox(QDialogButtonBox.Open | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def period(self) -> tuple[date, date]:
        return self.start.date().toPython(), self.end.date().toPython()

    def say(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _check(self) -> None:
        from ..teamserver.connection import ServerError, check_url

        try:
            check_url(self.url.text().strip())
        except ServerError as exc:
            self.say(str(exc))
            self.url.setFocus()
            return
        first, last = self.period()
        if not self.team.text().strip():
            self.say(_("Name the team."))
            self.team.setFocus()
        elif last < first:
            self.say(_("The last day comes before the first."))
            self.end.setFocus()
        else:
            kept = QSettings("PeerDesk", "PeerDesk")
            kept.setValue("review/server_url", self.url.text().strip())
            kept.setValue("review/team", self.team.text().strip())
            self.accept()


def open_team_server(window: MainWindow) -> QWidget | None:
    """Ask, read the team from the server, and open a review window over it (None if cancelled
    or refused: the dialog says why and stays open for another try)."""
    from ..operations import reviewing
    from ..teamserver.connection import ServerError
    from ..teamserver.team import sign_off as team_sign_off
    from .review_window import ReviewWindow

    dialog = TeamServerDialog(window.today(), window)
    while dialog.exec() == QDialog.Accepted:
        first, last = dialog.period()
        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            result = reviewing.review_server(dialog.url.text().strip(), dialog.team.text().strip(), first, last,
                                             window.taxonomy)
        except ServerError as exc:
            dialog.say(str(exc))
            continue
        finally:
            QApplication.restoreOverrideCursor()
        review = ReviewWindow(result, taxonomy=window.taxonomy, dialogs=window.dialogs, parent=window)
        review.setWindowTitle(_("PeerDesk review — team {team}, {first} to {last} (server)").format(
            team=dialog.team.text().strip(), first=first.isoformat(), last=last.isoformat()))
        url, team = dialog.url.text().strip(), dialog.team.text().strip()
        review.sign_off_with = lambda by, comment, url=url, team=team, first=first, last=last: [
            f"{worker} {week}" for worker, week in team_sign_off(url, team, first, last, by=by, comment=comment)]
        review.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.review_windows.append(review)
        review.destroyed.connect(lambda _obj=None, w=review: window._review_closed(w))
        review.show()
        return review
    return None
