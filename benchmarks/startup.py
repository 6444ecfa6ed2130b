"""Cold start of PeerDesk's window vs a bare PySide6 window, each in a fresh process.

    python benchmarks/startup.py [--runs 7]

Figures are wall-clock times from spawning the interpreter to the window's
first expose (when it paints), and for PeerDesk
also to the week shown with the store open. The floor is a bare QApplication +
QMainWindow with one QChartView, started the same way in the same run. Prints
medians and ratios; absolute times drift on shared machines, ratios much less.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, QObject, QTimer
app = QApplication(sys.argv[:1])
class Watch(QObject):  # the window is exposed: it paints now
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Expose and obj.isExposed():
            print("paint", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
w = QMainWindow(); w.setCentralWidget(QChartView(QChart())); w.resize(1280, 800); w.show()
watch = Watch(); w.windowHandle().installEventFilter(watch)
app.exec()
"""

PEERDESK = r"""
import sys
from PySide6.QtCore import QTimer
from peerdesk import app as pd
class Quiet(pd.Dialogs):
    def ask_text(self, *a, **k): return "bench"
from PySide6.QtCore import QEvent, QObject
class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Expose and obj.isExposed():
            print("paint", flush=True)
        return False
window = pd.launch(data_dir=sys.argv[1], dialogs=Quiet())
watch = Watch(); window.windowHandle().installEventFilter(watch)
def ready():
    if window.store is None:
        QTimer.singleShot(1, ready); return
    print("ready", flush=True); pd._application().quit()
QTimer.singleShot(0, ready)
pd._application().exec()
"""


def run(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, text=True)
    marks: dict[str, float] = {}
    for line in proc.stdout:
        marks[line.strip()] = time.perf_counter() - t0
    proc.wait()
    if proc.returncode:
        raise SystemExit(f"child exited {proc.returncode}")
    return marks


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bare, paint, ready, paint_existing, ready_existing = [], [], [], [], []
    run(BARE)  # warm the file cache
    with tempfile.TemporaryDirectory() as tmp:
        existing = os.path.join(tmp, "existing")
        run(PEERDESK, existing)
        for i in range(args.runs):
            bare.append(run(BARE)["paint"])
            fresh = run(PEERDESK, os.path.join(tmp, f"fresh{i}"))  # empty folder: creates the database
            paint.append(fresh["paint"])
            ready.append(fresh["ready"])
            again = run(PEERDESK, existing)  # existing, empty database
            paint_existing.append(again["paint"])
            ready_existing.append(again["ready"])
    floor = statistics.median(bare)
    rows = [
        ("bare PySide6 window + QChartView (floor)", floor),
        ("PeerDesk first paint, existing empty database", statistics.median(paint_existing)),
        ("PeerDesk week shown, existing empty database", statistics.median(ready_existing)),
        ("PeerDesk first paint, first run (creates database)", statistics.median(paint)),
        ("PeerDesk week shown, first run (creates database)", statistics.median(ready)),
    ]
    print(f"{'figure':<52} {'median s':>9} {'ratio':>6}")
    for name, value in rows:
        print(f"{name:<52} {value:9.3f} {value / floor:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
