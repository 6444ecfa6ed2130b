"""No user-visible string goes out unmarked for translation.

Read from the source (one test per module): a text literal (or an f-string with words in it)
handed to what shows text to a user — a Qt widget's text, title, tooltip, placeholder,
accessible name or description, a menu, a table header, a status message or message box, the
command line's help and messages, an error a user reads — must be inside ``_()`` or
``ngettext()`` (or be a constant marked ``N_()`` and translated where shown). Keys, file names,
formats and the CSV contract's words are not passed to these, so they never need marking.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import peerdesk

SRC = Path(peerdesk.__file__).parent

# methods and constructors whose (positional) text arguments a user reads; the argument indexes
TEXT_CALLS: dict[str, tuple[int, ...]] = {
    **{name: (0,) for name in (
        "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setWhatsThis", "setPlaceholderText",
        "setAccessibleName", "setAccessibleDescription", "setTitle", "setLabelText", "showMessage",
        "setSpecialValueText", "setSuffix", "setPrefix", "setInformativeText", "setDetailedText",
        "setCancelButtonText", "addItem", "addMenu", "setTitleText", "setLabel", "setHtml", "setMarkdown",
        "status", "addRow", "setPlainText", "setDocName",
        "QLabel", "QPushButton", "QAction", "QCheckBox", "QRadioButton", "QGroupBox", "QToolButton", "QMenu",
        "QBarSet", "QLineSeries", "QPieSlice",
    )},
    "addTab": (1,), "insertTab": (2,), "setTabText": (1,), "setItemText": (1,), "setHeaderData": (2,),
    "QProgressDialog": (0, 1), "QMessageBox": (1, 2), "information": (1, 2), "critical": (1, 2),
    "warning": (1, 2), "question": (1, 2), "error": (1, 2), "info": (1, 2), "confirm": (1, 2, 3),
    "choose": (1, 2), "ask_text": (1, 2), "ask_save_path": (1,), "ask_open_paths": (1,), "ask_folder": (1,),
    "ask_passphrase": (1, 2), "CliError": (0,), "print": (0,),
}
LIST_CALLS = {"setHorizontalHeaderLabels", "setVerticalHeaderLabels", "addItems", "setCategories"}
TEXT_KEYWORDS = {"help", "description", "epilog", "text", "title", "windowTitle", "toolTip", "placeholderText"}
ALWAYS_FINE = {"PeerDesk", "CSV", "PDF", "PNG", "JSON", "A4", "OK", "ISO"}

DOORS = sorted([*SRC.glob("ui/*.py"), *SRC.glob("reports/*.py"), SRC / "app.py", SRC / "cli.py",
                *SRC.glob("cli_*.py")])


def has_words(node: ast.AST) -> bool:
    """Whether *node* is text a person reads: a literal (or an f-string's literal parts) with a word."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    else:
        return False
    words = [w for w in "".join(c if c.isalpha() else " " for c in text).split() if len(w) > 1]
    return bool(words) and text.strip() not in ALWAYS_FINE


def unmarked(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []

    def flag(node: ast.AST) -> None:
        if has_words(node):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)[:70]}")

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
        if name in ("_", "ngettext", "N_"):
            continue
        for i in TEXT_CALLS.get(name, ()):
            if i < len(node.args):
                flag(node.args[i])
        if name in LIST_CALLS and node.args and isinstance(node.args[0], ast.List | ast.Tuple):
            for element in node.args[0].elts:
                flag(element)
        for keyword in node.keywords:
            if keyword.arg in TEXT_KEYWORDS:
                flag(keyword.value)
    return found


@pytest.mark.parametrize("path", DOORS, ids=lambda p: str(p.relative_to(SRC)))
def test_every_text_shown_is_marked_for_translation(path):
    assert unmarked(path) == []


def test_the_check_finds_what_it_looks_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        'label.setText("Saved")\nlabel.setText(_("Saved"))\nQPushButton(f"Save {n}")\nparser.add_argument('
        '"--x", help="the x")\nlabel.setText("–")\nheaders.setHorizontalHeaderLabels(["Week", _("Day")])\n'
    )
    found = [line.split(": ", 1)[1] for line in unmarked_at(sample)]
    assert found == ["'Saved'", "f'Save {n}'", "'the x'", "'Week'"]


def unmarked_at(path: Path) -> list[str]:
    global SRC
    old, SRC = SRC, path.parent
    try:
        return unmarked(path)
    finally:
        SRC = old
