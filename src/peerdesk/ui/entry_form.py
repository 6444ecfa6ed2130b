"""The entry form: every field of an entry, with its error shown beside it.

The form holds no logic of its own beyond presentation: ``values()`` gives
what was typed, as strings, to :func:`peerdesk.domain.entry.validate`;
``show_errors()`` puts each message under its field. Enter (outside the note)
or Ctrl+S / Ctrl+Enter asks to save through the ``submitted`` signal.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.entry import FORMATS, MAX_CLIENT_REF, MAX_NOTE, MAX_PEOPLE, MODES, clean_note
from ..domain.taxonomy import Taxonomy
from ..i18n import N_, _
from . import contrast, plain_text, style
from .date_field import DateField
from .fitting import WrappingRow
from .form_icons import guide_mark
from .locale_text import number
from .quick_line import QuickLine

INVALID_PROPERTY = "invalid"


class EntryForm(QWidget):
    """Fields of one entry. Emits ``submitted`` when the user asks to save."""

    submitted = Signal()
    cleared = Signal()
    guide_requested = Signal(str)  # category key
    changed = Signal()  # anything typed or chosen

    def __init__(
        self, taxonomy: Taxonomy, *, save_label: str = "", quick: bool = True, parent: QWidget | None = None
    ):
        """*save_label*: the save button's text (translated), "Save entry" when not given."""
        super().__init__(parent)
        self.taxonomy = taxonomy
        self._error_labels: dict[str, QLabel] = {}
        self.highlighted: list[str] = []
        self._field_widgets: dict[str, QWidget] = {}
        self._descriptions: dict[str, str] = {}  # what a screen reader says of each field when it is right
        self._select_date_when_active = False  # (focus_first)

        self.date_edit = DateField()  # its today follows the window's (set by the window)
        self.start_edit = QLineEdit(placeholderText=_("optional: 9:30, 930 or 14"), objectName="start_edit")
        self.start_edit.setMaxLength(5)
        self.minutes_edit = QLineEdit(placeholderText=_("90, 1h30 or 1:30"), objectName="minutes_edit")
        self.minutes_edit.setMaxLength(12)
        self.work_type_combo = QComboBox(objectName="work_type_combo")
        for wt in taxonomy.work_types.values():
            self.work_type_combo.addItem(wt.label, wt.key)
            self.work_type_combo.setItemData(
                self.work_type_combo.count() - 1, plain_text.tip(wt.description), Qt.ToolTipRole
            )
        self.category_combo = QComboBox(objectName="category_combo")
        self.category_combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.category_combo.setMinimumContentsLength(18)
        self.guide_button = QToolButton(objectName="category_guide")
        self.guide_button.setIcon(guide_mark(self.palette()))
        self.guide_button.setAccessibleName(_("Role guide for this category"))
        self.guide_button.setToolTip(_("What this category means, with examples (role guide, F1)"))
        self.guide_button.setAutoRaise(True)
        self.guide_button.setFocusPolicy(Qt.NoFocus)  # F1 opens it from the keyboard; no extra Tab stop
        self.guide_button.clicked.connect(lambda: self.guide_requested.emit(self.category_combo.currentData() or ""))
        category_row = QWidget()
        category_box = QHBoxLayout(category_row)
        category_box.setContentsMargins(0, 0, 0, 0)
        category_box.setSpacing(2)
        category_box.addWidget(self.category_combo, 1)
        category_box.addWidget(self.guide_button)
        self.category_hint = QLabel(wordWrap=True, textFormat=Qt.PlainText)  # an organisation's own words
        self.category_hint.setObjectName("category_hint")
        style.muted(self.category_hint)
        self.mode_combo = QComboBox(objectName="mode_combo")
        for key, label in MODES.items():
            self.mode_combo.addItem(_(label), key)  # the domain's labels, marked N_ there
        self.format_combo = QComboBox(objectName="format_combo")
        for key, label in FORMATS.items():
            self.format_combo.addItem(_(label), key)
        self.people_spin = QSpinBox(minimum=0, maximum=MAX_PEOPLE, objectName="people_spin")
        self.people_spin.setToolTip(_("How many clients took part (a group's size); 0 for indirect work"))
        self.client_ref_edit = QLineEdit(placeholderText=_("optional de-identified code, never a name"),
                                         objectName="client_ref_edit")
        self.client_ref_edit.setMaxLength(MAX_CLIENT_REF + 10)  # over-long input is shown as an error, not cut
        self.tag_boxes: dict[str, QCheckBox] = {}
        self.tags_group = tags_widget = TagGroup()
        tags_grid = QGridLayout(tags_widget)
        tags_grid.setContentsMargins(0, 0, 0, 0)
        tags_grid.setVerticalSpacing(2)
        for i, tag in enumerate(taxonomy.tags.values()):
            box = QCheckBox(plain_text.button(tag.label))
            box.setToolTip(plain_text.tip(tag.description))
            box.setObjectName(f"tag_{tag.key}")
            self.tag_boxes[tag.key] = box
            tags_grid.addWidget(box, i // 2, i % 2)
        tags_widget.set_boxes(list(self.tag_boxes.values()))
        self.note_edit = QPlainTextEdit(objectName="note_edit")
        self.note_edit.setPlaceholderText(_("optional; no names or other identifying details"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.note_count = QLabel()
        self.note_count.setObjectName("note_count")
        self.note_count.setAlignment(Qt.AlignRight)

        self.save_button = QPushButton(save_label or _("&Save entry"), objectName="save_button")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(_("Save (Enter or Ctrl+S)"))
        self.clear_button = QPushButton(_("C&lear"), objectName="clear_button")
        self.clear_button.setToolTip(_("Empty the fields for the next entry (the date, category and mode stay)"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.DontWrapRows)
        self.default_mode = "in_person"  # the Settings mode, given by the window (set_mode)
        self.quick: QuickLine | None = None
        if quick:  # the whole entry in one line (a new entry's form; an edit is done in the fields)
            self.quick = QuickLine(taxonomy, lambda: self.date_edit.today())
            label = RowLabel(_("&Quick"), objectName="label_quick")
            label.setBuddy(self.quick.edit)
            form.addRow(label, self.quick)
            self.quick.understood.connect(self._take_quick)
            self.quick.submit_requested.connect(self.submitted)
            self._before_quick: dict[str, Any] | None = None
        # TRANSLATORS: the form's labels: each Alt+letter (&) unique in the window, none on the menu bar's
        self._add_row(form, _("&Date"), "date", self.date_edit)
        self._add_row(form, _("S&tart"), "start_time", self.start_edit)
        self._add_row(form, _("&Minutes"), "minutes", self.minutes_edit)
        self._add_row(form, _("&Work type"), "work_type", self.work_type_combo)
        self._add_row(
            form, _("&Category"), "category", category_row, extra=self.category_hint, focus=self.category_combo
        )
        self._add_row(form, _("M&ode"), "mode", self.mode_combo)
        self._add_row(form, _("Form&at"), "format", self.format_combo)  # Alt+F is the File menu
        self._add_row(form, _("&People"), "people", self.people_spin)
        self._add_row(form, _("Client &ref"), "client_ref", self.client_ref_edit)
        # the tags under their label, across the form: two columns of them need more room than a field
        self._add_row(form, _("Ta&gs"), "tags", tags_widget, above=True)
        note_box = QVBoxLayout()
        note_box.setSpacing(0)
        note_box.addWidget(self.note_edit)
        note_box.addWidget(self.note_count)
        note_holder = QWidget()
        note_holder.setLayout(note_box)
        note_box.setContentsMargins(0, 0, 0, 0)
        self._add_row(form, _("&Note"), "note", note_holder, focus=self.note_edit)
        self._field_widgets["note"] = self.note_edit
        self.general_error = QLabel(wordWrap=True, objectName="error_general")
        contrast.error(self.general_error)
        self.general_error.hide()

        # what is said of the whole entry and the buttons: the holder places them below the
        # fields' scroll area, so they stay in sight at any text size
        self.actions = WrappingRow(self, objectName="form_actions")
        actions = QVBoxLayout(self.actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.general_error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)
        actions.addLayout(buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)

        self._tab_chain = chain = [
            *([self.quick.edit] if self.quick is not None else []),
            self.date_edit,
            self.start_edit,
            self.minutes_edit,
            self.work_type_combo,
            self.category_combo,
            self.mode_combo,
            self.format_combo,
            self.people_spin,
            self.client_ref_edit,
            *self.tag_boxes.values(),
            self.note_edit,
            self.save_button,
            self.clear_button,
        ]
        self._order_tabs()

        self.work_type_combo.currentIndexChanged.connect(self._fill_categories)
        self.category_combo.currentIndexChanged.connect(self._category_changed)
        self.note_edit.textChanged.connect(self._update_note_count)
        self.save_button.clicked.connect(self.submitted)
        self.clear_button.clicked.connect(self.clear)
        self.date_edit.problem.connect(lambda message: self.show_field_error("date", message))
        self._enter_filter = _EnterToSave(self)
        for widget in chain:
            if widget is not self.note_edit and not isinstance(widget, QPushButton) and (
                self.quick is None or widget is not self.quick.edit  # the line saves only what it understood
            ):
                widget.installEventFilter(self._enter_filter)
        self.note_edit.installEventFilter(self._enter_filter)

        for signal in (
            self.date_edit.dateChanged,
            self.start_edit.textChanged,
            self.minutes_edit.textChanged,
            self.work_type_combo.currentIndexChanged,
            self.category_combo.currentIndexChanged,
            self.mode_combo.currentIndexChanged,
            self.format_combo.currentIndexChanged,
            self.people_spin.valueChanged,
            self.client_ref_edit.textChanged,
            self.note_edit.textChanged,
            *(box.toggled for box in self.tag_boxes.values()),
        ):
            signal.connect(self.changed)

        self._fill_categories()
        self._update_note_count()
        self._name_fields()

    def place_actions(self, layout: QLayout) -> None:
        """The form's message and buttons into *layout*, its holder's, below the scroll area the
        fields are in, with Tab still going from the note to Save and Clear."""
        layout.addWidget(self.actions)
        self._order_tabs()

    def _order_tabs(self) -> None:
        for a, b in pairwise(self._tab_chain):
            self.setTabOrder(a, b)

    def _name_fields(self) -> None:
        """What a screen reader says of each control: its name (the label's words, which Qt does not
        find across the rows' holders) and what it takes."""
        names = {
            "date": (self.date_edit, _("Date"), _("The day of the work. {hint}").format(hint=self.date_edit.hint())),
            "start_time": (self.start_edit, _("Start time"), _("Optional: 9:30, 930 or 14")),
            "minutes": (self.minutes_edit, _("Minutes"), _("How long the work took: 90, 1h30 or 1:30")),
            "work_type": (self.work_type_combo, _("Work type"), _("Direct, indirect or role work")),
            "category": (self.category_combo, _("Category"), _("What kind of work this was; F1 explains it")),
            "mode": (self.mode_combo, _("Mode"), _("How the work was done: in person, by phone …")),
            "format": (self.format_combo, _("Format"), _("Individual or group")),
            "people": (self.people_spin, _("People"),
                       _("How many clients took part (a group's size); 0 for indirect work")),
            "client_ref": (self.client_ref_edit, _("Client ref"),
                           _("Optional de-identified code of the client, never a name")),
            "tags": (self.tags_group, _("Tags"), _("Enactments of the peer role this work showed; "
                                                   "arrow keys move between them, Space ticks one")),
            "note": (self.note_edit, _("Note"), _("Optional; no names or other identifying details. "
                                                  "Enter starts a new line, Ctrl+Enter saves")),
        }
        for field, (widget, name, description) in names.items():
            widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
            self._descriptions[field] = description
        self.note_count.setAccessibleName(_("Characters in the note"))

    # ------------------------------------------------------------ layout

    def _add_row(
        self,
        form: QFormLayout,
        label: str,
        field: str,
        widget: QWidget,
        *,
        extra: QWidget | None = None,
        focus: QWidget | None = None,
        above: bool = False,
    ) -> None:
        error = QLabel(wordWrap=True, objectName=f"error_{field}")
        contrast.error(error)
        error.hide()
        self._error_labels[field] = error
        self._field_widgets[field] = focus or widget
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        if extra is not None:
            box.addWidget(extra)
        box.addWidget(error)
        lab = RowLabel(label, objectName=f"label_{field}")
        lab.setBuddy(focus or widget)
        if above:  # the label on a row of its own, the field across the form under it
            form.addRow(lab)
            form.addRow(holder)
        else:
            form.addRow(lab, holder)

    def _fill_categories(self) -> None:
        wt = self.work_type_combo.currentData()
        previous = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        for cat in self.taxonomy.categories_of(wt):
            self.category_combo.addItem(cat.label, cat.key)
            self.category_combo.setItemData(
                self.category_combo.count() - 1, plain_text.tip(cat.description), Qt.ToolTipRole
            )
        index = self.category_combo.findData(previous)
        self.category_combo.setCurrentIndex(max(index, 0))
        self.category_combo.blockSignals(False)
        self._category_changed()
        self.people_spin.setMinimum(0)
        if wt == "direct" and self.people_spin.value() == 0:
            self.people_spin.setValue(1)
        elif wt != "direct" and self.people_spin.value() == 1 and not self.people_spin.hasFocus():
            self.people_spin.setValue(0)

    def _category_changed(self) -> None:
        key = self.category_combo.currentData()
        cat = self.taxonomy.categories.get(key) if key else None
        text = cat.description if cat else ""
        self.category_combo.setToolTip(plain_text.tip(text))
        self.category_hint.setText(text)

    def _update_note_count(self) -> None:
        n = len(clean_note(self.note_edit.toPlainText()))  # as the limit counts it
        self.note_count.setText(f"{number(n)} / {number(MAX_NOTE)}")  # grouped as the language writes numbers
        (contrast.error if n > MAX_NOTE else style.muted)(self.note_count)

    # ------------------------------------------------------------ values

    def values(self) -> dict[str, Any]:
        """What was typed, for validation; nothing here is trusted yet."""
        return {
            "date": self.date_edit.text_or_day(),
            "start_time": self.start_edit.text(),
            "minutes": self.minutes_edit.text(),
            "work_type": self.work_type_combo.currentData(),
            "category": self.category_combo.currentData() or "",
            "mode": self.mode_combo.currentData(),
            "format": self.format_combo.currentData(),
            "people": self.people_spin.value(),
            "client_ref": self.client_ref_edit.text(),
            "tags": [k for k, box in self.tag_boxes.items() if box.isChecked()],
            "note": self.note_edit.toPlainText(),
        }

    def set_values(self, raw: dict[str, Any]) -> None:
        """Fill the fields named in *raw* (all of them when editing an entry); leave the rest."""
        if "date" in raw:
            d = raw["date"]
            if isinstance(d, str) and d:
                d = date.fromisoformat(d)
            if isinstance(d, date):
                self.date_edit.setDate(QDate(d.year, d.month, d.day))
        if "start_time" in raw:
            self.start_edit.setText(raw["start_time"] or "")
        if "minutes" in raw:
            self.minutes_edit.setText(str(raw["minutes"] or ""))
        category = raw.get("category")
        work_type = raw.get("work_type") or (
            self.taxonomy.work_type_of(category) if category in self.taxonomy.categories else None
        )
        if work_type:
            self._select(self.work_type_combo, work_type)
        if category:
            self._select(self.category_combo, category)
        if raw.get("mode"):
            self._select(self.mode_combo, raw["mode"])
        if raw.get("format"):
            self._select(self.format_combo, raw["format"])
        if raw.get("people") not in (None, ""):
            self.people_spin.setValue(int(raw["people"]))
        if "client_ref" in raw:
            self.client_ref_edit.setText(raw["client_ref"] or "")
        if "tags" in raw:
            tags = set(raw["tags"] or ())
            for key, box in self.tag_boxes.items():
                box.setChecked(key in tags)
        if "note" in raw:
            self.note_edit.setPlainText(raw["note"] or "")

    @staticmethod
    def _select(combo: QComboBox, key: str) -> None:
        index = combo.findData(key)
        if index >= 0:
            combo.setCurrentIndex(index)

    def has_typed_text(self) -> bool:
        """Something worth keeping as a draft: more than the defaults."""
        v = self.values()
        return any(str(v[k]).strip() for k in ("start_time", "minutes", "client_ref", "note")) or bool(v["tags"])

    def set_mode(self, mode: str) -> None:
        """The worker's usual mode (Settings): chosen now, and a quick line's mode when it names none."""
        self.default_mode = mode
        self._select(self.mode_combo, mode)

    # ------------------------------------------------------------ errors

    def show_field_error(self, field: str, message: str) -> None:
        """*message* beside *field* ("" clears it)."""
        label = self._error_labels[field]
        text = _sentence(field, message) if message else ""
        label.setText(text)
        label.setVisible(bool(message))
        widget = self._field_widgets[field]
        widget.setProperty(INVALID_PROPERTY, bool(message))
        widget.setStyleSheet(f"border: 1px solid {contrast.error_colour(widget).name()};" if message else "")
        # the error first, so a screen reader says it when the field takes the focus
        widget.setAccessibleDescription(" ".join(filter(None, [text, self._descriptions.get(field, "")])))

    def show_errors(self, errors: dict[str, str], general: str = "") -> None:
        """Show each message beside its field and focus the first wrong field."""
        for field in self._error_labels:
            self.show_field_error(field, errors.get(field, ""))
        unplaced = [_sentence(k, v) for k, v in errors.items() if k not in self._error_labels]
        text = "\n".join(filter(None, [general, *unplaced]))
        self.general_error.setText(text)
        self.general_error.setVisible(bool(text))
        for field in self._error_labels:
            if field in errors:
                self._field_widgets[field].setFocus(Qt.OtherFocusReason)
                break

    def highlight_findings(self, findings) -> None:
        """Mark likely identifiers in the note (and select them in the client ref)."""
        # (imported when first needed: their classes make about 200 enum members)
        from PySide6.QtGui import QTextCursor
        from PySide6.QtWidgets import QTextEdit

        selections = []
        for f in findings:
            if f.field == "note":
                sel = QTextEdit.ExtraSelection()
                background, text = contrast.attention()  # the theme's highlight under high contrast
                sel.format.setBackground(QColor(background))
                sel.format.setForeground(QColor(text))
                cursor = self.note_edit.textCursor()
                cursor.setPosition(f.start)
                cursor.setPosition(f.end, QTextCursor.KeepAnchor)
                sel.cursor = cursor
                selections.append(sel)
            elif f.field == "client_ref":
                self.client_ref_edit.setSelection(f.start, f.end - f.start)
        self.note_edit.setExtraSelections(selections)
        self.highlighted = [f.text for f in findings]

    def error_text(self, field: str) -> str:
        label = self._error_labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    def clear_errors(self) -> None:
        self.show_errors({})

    # ------------------------------------------------------------ reset

    def _take_quick(self, raw: dict[str, Any]) -> None:
        """The quick line's fields in the form: over what the form held before the line was begun,
        so that a word taken back out of the line gives its field back."""
        if self._before_quick is None:
            self._before_quick = self.values()
        self.set_values(self._before_quick)
        if not raw:
            self._before_quick = None
            return
        # the line is the whole entry: what it does not name is a new entry's (the category
        # excepted: until the line names one, the form's stays, and Enter asks for one)
        category = raw.get("category") or self.category_combo.currentData()
        direct = category in self.taxonomy.categories and self.taxonomy.work_type_of(category) == "direct"
        line = {"date": self.date_edit.today(), "start_time": "", "minutes": "", "mode": self.default_mode,
                "format": "individual", "people": 1 if direct else 0, "client_ref": "", "tags": [], "note": ""}
        self.set_values(line | raw)

    def clear(self) -> None:
        """Ready for the next entry: keep date, work type, category, mode and format (and a
        group's size: the next session of a group is usually as large)."""
        if self.quick is not None:
            self.quick.saved()
            self._before_quick = None
        self.start_edit.clear()
        self.minutes_edit.clear()
        self.client_ref_edit.clear()
        for box in self.tag_boxes.values():
            box.setChecked(False)
        self.note_edit.clear()
        if self.format_combo.currentData() != "group":
            self.people_spin.setValue(1 if self.work_type_combo.currentData() == "direct" else 0)
        self.clear_errors()
        self.cleared.emit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.PaletteChange:  # another theme: the guide's mark in its colours
            self.guide_button.setIcon(guide_mark(self.palette()))
        elif event.type() == QEvent.EnabledChange:  # its buttons, placed outside it, with it
            self.actions.setEnabled(self.isEnabled())
        elif event.type() == QEvent.ActivationChange and self._select_date_when_active and self.isActiveWindow():
            self._select_date_when_active = False
            if self.date_edit.hasFocus():
                self.date_edit.selectAll()

    def focus_first(self) -> None:
        """The date, its text selected, so what is typed replaces it. Before the window is active
        (at start) the focus comes with its activation, which selects nothing: selected again then."""
        self.date_edit.setFocus(Qt.ShortcutFocusReason)
        self.date_edit.selectAll()  # also where it had the focus already: a focus set again selects nothing
        self._select_date_when_active = not self.isActiveWindow()


_LABELS = {  # shown as _(_LABELS[field])
    "worker": N_("Worker"),
    "date": N_("Date"),
    "start_time": N_("Start"),
    "minutes": N_("Minutes"),
    "work_type": N_("Work type"),
    "category": N_("Category"),
    "mode": N_("Mode"),
    "format": N_("Format"),
    "people": N_("People"),
    "client_ref": N_("Client ref"),
    "tags": N_("Tags"),
    "note": N_("Note"),
}
# A message that says only what is wrong ("must be …"; in French « doit être … »), in either language.
_PREDICATES = ("is ", "must ", "cannot ", "contains ",
               "est ", "n'est ", "doit ", "ne peut ", "ne doit ", "contient ", "compte ", "vaut ")


def _sentence(field: str, message: str) -> str:
    """Error text shown under a field: starts with a capital, names the field when it reads better."""
    if message.startswith(_PREDICATES):
        name = _(_LABELS[field]) if field in _LABELS else field
        # TRANSLATORS: an error under a field: the field's name, then what is wrong ("Minutes must be …")
        message = _("{field} {problem}").format(field=name, problem=message)
    return message[:1].upper() + message[1:]


class RowLabel(QLabel):
    """A field's label, as wide as its text is drawn with its Alt+letter underlined: the underlined
    letter is shaped on its own, which undoes kerning ("Ty" of « Type de travail » drew 4 px wider
    than measured at twice the text size, and the last letter was cut off)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().sizeHint() + QSize(self._kerning_lost(), 0)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return super().minimumSizeHint() + QSize(self._kerning_lost(), 0)

    def _kerning_lost(self) -> int:
        metrics, lost = self.fontMetrics(), 0
        for line in self.text().split("\n"):
            at = line.find("&")
            if 0 <= at < len(line) - 1:
                pieces = (metrics.horizontalAdvance(line[:at]) + metrics.horizontalAdvance(line[at + 1])
                          + metrics.horizontalAdvance(line[at + 2:]))
                lost = max(lost, pieces - metrics.horizontalAdvance(line.replace("&", "")))
        return lost


class _EnterToSave(QObject):
    """Enter in any field saves; in the note, Enter is a new line and Ctrl+Enter saves."""

    def __init__(self, form: EntryForm) -> None:
        super().__init__(form)
        self.form = form

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.KeyPress:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if key_event.key() in (Qt.Key_Return, Qt.Key_Enter):
                ctrl = bool(key_event.modifiers() & Qt.ControlModifier)
                if obj is self.form.note_edit and not ctrl:
                    return False
                if isinstance(obj, QComboBox) and obj.view().isVisible():
                    return False
                self.form.submitted.emit()
                return True
        return False


class TagGroup(QWidget):
    """The tags as one group: one Tab stop, the arrow keys move between the tags and Space ticks
    the one with the focus (a worker tabbing towards the note no longer passes seven boxes,
    where a space ticked a tag instead of starting the note). Its label's Alt+letter reaches
    the tag last visited."""

    def __init__(self) -> None:
        super().__init__()
        self.boxes: list[QCheckBox] = []
        # not NoFocus, or its label's Alt+letter would not pass the focus on to the tag; not a
        # Tab stop of its own either: Tab reaches the tag last visited, its focus proxy
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def set_boxes(self, boxes: list[QCheckBox]) -> None:
        self.boxes = boxes
        for box in boxes:
            box.installEventFilter(self)
        if boxes:
            self._visit(boxes[0])

    def _visit(self, box: QCheckBox) -> None:
        """*box* becomes the group's one Tab stop."""
        for other in self.boxes:
            other.setFocusPolicy(Qt.FocusPolicy.StrongFocus if other is box else Qt.FocusPolicy.ClickFocus)
        self.setFocusProxy(box)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if not isinstance(watched, QCheckBox) or watched not in self.boxes:
            return super().eventFilter(watched, event)
        if event.type() == QEvent.Type.FocusIn:
            self._visit(watched)
        elif isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            step = _ARROW_STEPS.get(Qt.Key(event.key()))
            if step is not None and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                index = (self.boxes.index(watched) + step) % len(self.boxes)
                self.boxes[index].setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)


# Two tags to a row: left and right step by one, up and down by a row.
_ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Up: -2, Qt.Key.Key_Down: 2}
