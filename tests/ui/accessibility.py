"""What a screen reader meets, read through Qt's accessibility interface (QAccessible)."""

from __future__ import annotations

from PySide6.QtCharts import QChartView
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractScrollArea, QWidget


def focusable(top: QWidget) -> list[QWidget]:
    """Every control of *top* (itself included) the keyboard can reach and the user can see."""
    found = [top, *top.findChildren(QWidget)]
    return [w for w in found if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.isEnabled()
            and (w is top or w.isVisibleTo(top)) and not _inside_an_editor(w)]


def _inside_an_editor(widget: QWidget) -> bool:
    """A spin box's or combo box's own line edit: it speaks through its owner."""
    parent = widget.parentWidget()
    return parent is not None and widget.metaObject().className() == "QLineEdit" and (
        parent.metaObject().className() in ("QSpinBox", "QDateEdit", "QComboBox", "QDoubleSpinBox")
        or parent.inherits("QAbstractSpinBox") or parent.inherits("QComboBox"))


def name_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name).strip() if iface is not None and iface.isValid() else ""


def description_of(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Description).strip() if iface is not None and iface.isValid() else ""


def nameless(top: QWidget) -> list[str]:
    """The focusable controls a screen reader would announce without a name."""
    out = []
    for w in focusable(top):
        if (isinstance(w, QWidget) and w.metaObject().className() in ("QMainWindow", "QDialog")) or w is top:
            continue
        if not name_of(w):
            kind = w.metaObject().className()
            out.append(f"{kind} {w.objectName() or '(no object name)'}"
                       + (f" in {w.parentWidget().objectName()}" if w.parentWidget() is not None else ""))
    return out


def charts_without_alternative(top: QWidget) -> list[str]:
    """The charts whose values a screen reader cannot read (no accessible description)."""
    return [v.objectName() or "(chart)" for v in top.findChildren(QChartView)
            if v.isVisibleTo(top) and not description_of(v)]


def scroll_areas(top: QWidget) -> list[QAbstractScrollArea]:
    return top.findChildren(QAbstractScrollArea)
