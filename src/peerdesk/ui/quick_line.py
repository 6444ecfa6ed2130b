"""The form's quick-entry line: one line, understood as it is typed (the grammar of
:mod:`peerdesk.domain.quick_entry`). The fields below fill in as the words are understood; a
word that is not is named under the line with the reason; Enter saves through the form's own
checks; Up and Down bring back earlier lines; a list completes the word being typed with the
categories, the modes and the tags."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..domain.quick_entry import Parsed, modes_named, parse
from ..domain.taxonomy import Taxonomy
from . import style


class QuickLine(QWidget):
    understood = Signal(dict)  # the fields the line names, for the form (empty: the line was cleared)
    submit_requested = Signal()

    def __init__(self, taxonomy: Taxonomy, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.taxonomy = taxonomy
        self.today = today
        self.parsed: Parsed | None = None
        self.history: list[str] = []
        self._recall = 0
        self.edit = QLineEdit(objectName="quick_line")
        self.edit.setPlaceholderText("mon advocacy 45 @phone // note — Enter saves")
        self.edit.setAccessibleName("Quick entry: the whole entry in one line")
        self.edit.setToolTip("Day, time, minutes, category words, @mode, x6, #tag, ref:CODE, // note (Ctrl+K)")
        self.status = QLabel(objectName="quick_status", wordWrap=True, textFormat=Qt.PlainText)
        style.muted(self.status)
        self.status.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        words = [c.label.lower() for c in taxonomy.categories.values()]
        words += list(modes_named()) + [f"#{t}" for t in taxonomy.tags]
        self.completer = QCompleter(QStringListModel(words, self), self)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchStartsWith)
        self.completer.setWidget(self.edit)
        self.completer.activated.connect(self._complete)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)

    # -- what is understood
    def _typed(self, text: str) -> None:
        self._recall = 0
        self._understand(text)
        word = text.rsplit(" ", 1)[-1] if text and not text.endswith(" ") and "//" not in text else ""
        if len(word) >= 2:
            self.completer.setCompletionPrefix(word)
            if self.completer.completionCount():
                self.completer.complete()
                return
        self.completer.popup().hide()

    def _understand(self, text: str) -> None:
        if not text.strip():
            self.parsed = None
            self.status.hide()
            self.understood.emit({})
            return
        self.parsed = parse(text, self.taxonomy, today=self.today())
        problems = self.parsed.problems
        if problems:
            self.status.setText("; ".join(f"'{p.text}' {p.reason}" for p in problems))
            style.error(self.status)
        else:
            self.status.setText("Understood: " + ", ".join(f"{p.kind} {p.text.strip()}" for p in self.parsed.parts))
            style.muted(self.status)
        self.status.show()
        self.understood.emit(dict(self.parsed.raw))

    def _complete(self, choice: str) -> None:
        text = self.edit.text()
        head = text.rsplit(" ", 1)[0] + " " if " " in text else ""
        self.edit.setText(f"{head}{choice} ")
        self._understand(self.edit.text())

    # -- keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() == QEvent.KeyPress and not self.completer.popup().isVisible():
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key_Return, Qt.Key_Enter):
                if self.parsed is not None and not self.parsed.problems:
                    self.submit_requested.emit()
                return True
            if key in (Qt.Key_Up, Qt.Key_Down) and self.history:
                step = 1 if key == Qt.Key_Up else -1
                self._recall = max(0, min(len(self.history), self._recall + step))
                self.edit.setText(self.history[-self._recall] if self._recall else "")
                self._understand(self.edit.text())
                return True
        return super().eventFilter(watched, event)

    def saved(self) -> None:
        """The entry the line described is saved: keep the line for Up, and empty it."""
        line = self.edit.text().strip()
        if line and (not self.history or self.history[-1] != line):
            self.history.append(line)
        self.edit.clear()
        self.parsed = None
        self._recall = 0
        self.status.hide()

    def focus(self) -> None:
        self.edit.setFocus(Qt.ShortcutFocusReason)
