"""The form's quick-entry line: one line, understood as it is typed (the grammar of
:mod:`peerdesk.domain.quick_entry`). The fields below fill in as the words are understood; a
word that is not is underlined in the line and named under it with the reason; Enter saves
through the form's own checks; Up and Down bring back earlier lines; Down on an empty line
lists the worker's usual entries; a list completes the word being typed with the categories,
the modes and the tags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QInputMethodEvent, QPalette
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _
from . import contrast, style

if TYPE_CHECKING:
    from ..domain.quick_entry import Parsed

# What each understood word of the line is (the domain's Part.kind), as the status line names it.
KINDS = {
    "day": N_("day"), "time": N_("time"), "minutes": N_("minutes"), "category": N_("category"),
    "mode": N_("mode"), "group": N_("group"), "people": N_("people"), "format": N_("format"),
    "tag": N_("tag"), "ref": N_("client ref"), "note": N_("note"),
}  # shown as _(KINDS[kind])


class QuickLine(QWidget):
    understood = Signal(dict)  # the fields the line names, for the form (empty: the line was cleared)
    submit_requested = Signal()

    def __init__(self, taxonomy: Taxonomy, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.today = today
        self.parsed: Parsed | None = None
        self.history: list[str] = []
        self.usual_source: Callable[[], list[tuple[str, int]]] | None = None  # set by the window
        self._recall = 0
        self.edit = QLineEdit(objectName="quick_line")
        # TRANSLATORS: an example of the quick line's words (the category words are the taxonomy's)
        self.edit.setPlaceholderText(_("adv 45 @phone · ↓ usual entries"))
        self.edit.setAccessibleName(_("Quick entry: the whole entry in one line"))
        tip = _("Day, time, category words, minutes, @mode, x6, #tag, ref:CODE, // note (Ctrl+K);\n"
                "Up: earlier lines; Down on an empty line: your usual entries")
        self.edit.setToolTip(tip)
        self.edit.setAccessibleDescription(tip.replace("\n", " "))
        self.status = QLabel(objectName="quick_status", wordWrap=True, textFormat=Qt.PlainText)
        self.status.setAccessibleName(_("What the quick line understood"))
        style.muted(self.status)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        # the words offered as one is typed: the grammar's (and its module) at the first word typed
        self.words = QStringListModel(self)
        self.completer = QCompleter(self.words, self)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchStartsWith)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._complete)
        self.usual = QCompleter(QStringListModel(self), self)  # the worker's usual entries, whole lines
        self.usual.setCompletionMode(QCompleter.UnfilteredPopupCompletion)
        self.usual.setWidget(self.edit)
        self.usual.activated.connect(self._take_usual)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        for popup in (self.completer.popup(), self.usual.popup()):  # (after the completer's own filter)
            popup.installEventFilter(self)

    # -- what is understood
    def _typed(self, text: str) -> None:
        self._recall = 0
        self._understand(text)
        word = text.rsplit(" ", 1)[-1] if text and not text.endswith(" ") and "//" not in text else ""
        if len(word) >= 2:
            if not self.words.rowCount():
                self.words.setStringList(self._offered_words())
            self.completer.setCompletionPrefix(word)
            if self.completer.completionCount():
                self.completer.complete()
                return
        self.completer.popup().hide()

    def _offered_words(self) -> list[str]:
        """The category, mode and tag words the completer offers."""
        from ..domain.quick_entry import modes_named

        words = [c.label.lower() for c in self.taxonomy.categories.values()]
        return words + list(modes_named()) + [f"#{t}" for t in self.taxonomy.tags]

    def _understand(self, text: str) -> None:
        from ..domain.quick_entry import parse  # (its patterns: at the first word typed, not at start)

        if not text.strip():
            self.parsed = None
            self.status.hide()
            self._underline([])
            self.understood.emit({})
            return
        self.parsed = parse(text, self.taxonomy, today=self.today())
        problems = self.parsed.problems
        self._underline([(p.start, p.end) for p in problems])
        if problems:
            # TRANSLATORS: a word of the quick line that was not understood, then why (the domain's reason)
            self.status.setText("; ".join(_("'{word}' {reason}").format(word=p.text.strip(), reason=p.reason)
                                          for p in problems))
            contrast.error(self.status)
        else:
            said = ", ".join(_("{kind} {word}").format(kind=_(KINDS[p.kind]) if p.kind in KINDS else p.kind,
                                                       word=p.text.strip()) for p in self.parsed.parts)
            missing = [what for what, key in ((_("a category"), "category"), (_("the minutes"), "minutes"))
                       if key not in self.parsed.raw]
            if len(missing) == 2:
                # TRANSLATORS: what the quick line still needs: "a category" and "the minutes"
                missing = [_("{one} and {other}").format(one=missing[0], other=missing[1])]
            if missing:
                self.status.setText(_("Understood: {parts} — still to say: {missing}").format(
                    parts=said, missing=missing[0]))
            else:
                self.status.setText(_("Understood: {parts}").format(parts=said))
            style.muted(self.status)
        self.status.show()
        self.understood.emit(dict(self.parsed.raw))

    def _underline(self, spans: list[tuple[int, int]]) -> None:
        """A wavy line under each word not understood, drawn in the line itself (a QLineEdit
        takes text formats only through an input-method event; positions are from the cursor)."""
        from PySide6.QtGui import QTextCharFormat  # (at the first word not understood: 150 enum members)

        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(contrast.error_colour(self.edit, QPalette.ColorRole.Base)))
        cursor = self.edit.cursorPosition()
        kind = QInputMethodEvent.AttributeType.TextFormat
        marks = [QInputMethodEvent.Attribute(kind, start - cursor, end - start, fmt) for start, end in spans]
        QCoreApplication.sendEvent(self.edit, QInputMethodEvent("", marks))
        self.underlined = spans

    def _complete(self, choice: str) -> None:
        text = self.edit.text()
        head = text.rsplit(" ", 1)[0] + " " if " " in text else ""
        self.edit.setText(f"{head}{choice} ")
        self._understand(self.edit.text())

    def _take_usual(self, line: str) -> None:
        self.edit.setText(f"{line} ")  # a reference or a note may follow; Enter saves
        self._understand(self.edit.text())

    def show_usual(self) -> bool:
        """The worker's usual entries under the line, the first one chosen; False when there are none."""
        lines = [line for line, _count in self.usual_source()] if self.usual_source else []
        if not lines:
            self.status.setText(_("No usual entries yet: an entry made twice in the last weeks is listed here"))
            style.muted(self.status)
            self.status.show()
            return False
        model = self.usual.model()
        assert isinstance(model, QStringListModel)
        model.setStringList(lines)
        self.usual.setCompletionPrefix("")
        self.usual.complete()
        self.usual.popup().setCurrentIndex(self.usual.completionModel().index(0, 0))
        return True

    # -- keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.KeyPress:
            return super().eventFilter(watched, event)
        key = event.key()  # type: ignore[attr-defined]
        enter = key in (Qt.Key_Return, Qt.Key_Enter)
        completing = self.completer.popup()
        offered = completing.isVisible() and not completing.currentIndex().isValid()
        if enter and watched in (self.edit, completing) and offered:
            completing.hide()  # a completion offered, none chosen: Enter saves the line as typed
            self._enter()
            return True
        popups = (completing, self.usual.popup())
        if watched is self.edit and not any(p.isVisible() for p in popups):
            if enter:
                self._enter()
                return True
            if key == Qt.Key_Down and not self.edit.text() and self._recall == 0:
                self.show_usual()
                return True
            if key in (Qt.Key_Up, Qt.Key_Down) and self.history:
                step = 1 if key == Qt.Key_Up else -1
                self._recall = max(0, min(len(self.history), self._recall + step))
                self.edit.setText(self.history[-self._recall] if self._recall else "")
                self._understand(self.edit.text())
                return True
        return super().eventFilter(watched, event)

    def _enter(self) -> None:
        if self.parsed is not None and "category" not in self.parsed.raw and not self.parsed.problems:
            # TRANSLATORS: 'team 60' is a quick line's words: keep them as the taxonomy's category words allow
            self.status.setText(_("Say what kind of work it was: a category's name, as in 'team 60'"))
            contrast.error(self.status)
        elif self.parsed is not None and not self.parsed.problems:
            self.submit_requested.emit()

    def saved(self) -> None:
        """The entry the line described is saved: keep the line for Up, and empty it."""
        line = self.edit.text().strip()
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self.edit.clear()
        self.parsed = None
        self._recall = 0
        self._underline([])
        self.status.hide()

    def focus(self) -> None:
        self.edit.setFocus(Qt.ShortcutFocusReason)
