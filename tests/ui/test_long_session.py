"""A working day of clicks: thousands of Qt calls must not crash the interpreter.

PySide6 6.12.0 on Python 3.11 loses a reference to None on every Qt call that
returns nothing (``QLabel.setText``, ``QWidget.update`` ...); after a few
thousand the interpreter aborts with "deallocating None". pyproject.toml keeps
that version out; this test fails on any Qt binding that has the bug.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

CODE = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication(sys.argv[:1])
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i))
    print(sys.getrefcount(None) - before)
    """
)


def test_twenty_thousand_qt_calls_keep_the_interpreter_alive():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr[-800:]
    lost = int(run.stdout.split()[-1])
    assert lost > -100, f"{-lost} references to None lost by 20,000 Qt calls"


WINDOW = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication
    from peerdesk import demo
    from peerdesk.ui.main_window import MainWindow
    from peerdesk.workspace import Workspace
    app = QApplication(sys.argv[:1])
    demo.create_demo_folder(sys.argv[1], weeks=8)
    ws = Workspace(sys.argv[1])
    window = MainWindow(ws)
    window.set_store(ws.open_store())
    window.show()
    for i in range(400):  # back and forth over the demo's weeks, as a worker browses
        window.show_week(window.week.previous() if (i // 8) % 2 == 0 else window.week.next())
        app.processEvents()
    print(window.week_view.model.rowCount())
    window.close()
    ws.close()
    """
)


def test_four_hundred_week_switches_in_the_window(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run(
        [sys.executable, "-c", WINDOW, str(tmp_path / "demo")], capture_output=True, text=True, env=env, timeout=300
    )
    assert run.returncode == 0, run.stderr[-800:]
    assert int(run.stdout.split()[-1]) > 0  # back on a week of the demo record
