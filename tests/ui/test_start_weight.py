"""What a start loads on its way to ready to save, in a fresh interpreter (this test process
has loaded all of Qt and PeerDesk already).

PySide makes a Python class, and every enum class in it, for each Qt class the first time
Python meets it. The first plain widget Qt made itself and hands to Python (a scroll area's
viewport, say) makes PySide load every widget class of QtWidgets to find its type: about 70
enum classes, 20 ms of a ward computer's start. And each module the start needs only later
(the quick line's grammar, the identifier patterns, the html package) is imported when it is
first used. ``QBrush(colour)`` alone makes PySide weigh ``QBrush(QGradient)`` too, and so make
QGradient's enum classes (180 presets); the first Python handle on the style makes QStyle's
(566 members). And PySide reads the source of each module imported after it, unless told that
the module switches no feature on (ui/pyside_features.py).
"""

from __future__ import annotations

import json
import subprocess
import sys

from peerdesk import demo

PROBE = r"""
import json, linecache, sys
read = []  # the source files read (PySide reads a module's to see whether it uses __feature__)
_update = linecache.updatecache
def _counted(filename, module_globals=None):
    read.append(filename)
    return _update(filename, module_globals)
linecache.updatecache = _counted
import peerdesk.ui  # as peerdesk's command line does before it imports the window's modules
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from peerdesk import app as pd

class Quiet(pd.Dialogs):  # no question is expected: any one ends the start
    def choose(self, *a): sys.exit("asked: " + a[1])
    def error(self, *a): sys.exit("error: " + a[1])
    def ask_text(self, *a, **k): sys.exit("asked: " + a[1])

def ready(window):
    import PySide6.QtGui as gui
    import PySide6.QtWidgets as widgets
    print(json.dumps({
        "widgets": sorted(name for name in vars(widgets) if name.startswith("Q")),
        "gui": sorted(name for name in vars(gui) if name.startswith("Q")),
        "modules": sorted(sys.modules),
        "rows": window.week_view.model.rowCount(),
        "form": window.form is not None and window.form.isEnabled(),
        "read": read,
    }), flush=True)
    QApplication.instance().exit(0)

set_store = pd.MainWindow.set_store
def watched(self, store):
    set_store(self, store)
    QTimer.singleShot(0, lambda: ready(self))
pd.MainWindow.set_store = watched
window = pd.launch(data_dir=sys.argv[1], week=pd.Week.of(__import__("datetime").date.today()).previous(),
                   dialogs=Quiet())
sys.exit(window if isinstance(window, int) else QApplication.instance().exec())
"""

# widget classes no part of the main window uses: PySide loads them all, or none
NEVER_USED = ("QMdiArea", "QWizard", "QLCDNumber", "QFontDialog", "QColorDialog", "QDockWidget")
LATER = ("peerdesk.domain.quick_entry", "peerdesk.domain.identifiers", "html")


def test_the_start_loads_no_widget_class_it_does_not_use_and_no_module_it_needs_later(tmp_path, peerdesk_env):
    data_dir = tmp_path / "data"
    demo.create_demo_folder(data_dir, weeks=3)
    env = dict(peerdesk_env, HOME=str(tmp_path / "home"), XDG_CONFIG_HOME=str(tmp_path / "config"))
    done = subprocess.run([sys.executable, "-c", PROBE, str(data_dir)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["rows"] > 0 and seen["form"]  # ready: the week shown from the store, the form usable
    assert "QTableView" in seen["widgets"]  # (the probe sees what was loaded)
    assert [name for name in NEVER_USED if name in seen["widgets"]] == []
    assert "QGradient" not in seen["gui"]  # (its 180 presets: the charts' brushes are made without it)
    assert "QStyle" not in seen["widgets"]  # (566 members: the form draws its two icons itself)
    assert "QTextFormat" not in seen["gui"]  # (130 members: for marks in the note and the quick line)
    assert [name for name in LATER if name in seen["modules"]] == []
    # PySide read no source of PeerDesk's modules (ui/pyside_features.py), and of few others: those
    # it imports itself, and the standard library's submodules (sqlite3.dbapi2); about 100 without
    assert [name for name in seen["read"] if "/peerdesk/" in name] == []
    assert len(seen["read"]) <= 15, seen["read"]
