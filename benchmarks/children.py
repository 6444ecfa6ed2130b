"""The programs run.py's cold-start and memory cases run in fresh interpreters (``python -c``).

Each prints ``mark kB`` lines (a mark and the peak RSS then), read by ``run.spawn``.
"""

_HWM = r"""
import os as _os
_STOP_AT = _os.environ.get("PEERDESK_BENCH_STOP_AT")  # instructions.py: the process ends at this mark

def say(mark):
    print(mark, hwm(), flush=True)
    if mark == _STOP_AT:
        _os._exit(0)

def stall_until(done, limit_s=30.0):
    # from now until done() (or limit_s): the longest the event loop went without turning, by a
    # 10 ms timer; printed as "stall MICROSECONDS", then the application quits
    import time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    state = {"last": time.perf_counter(), "worst": 0.0, "end": time.perf_counter() + limit_s}
    def tick():
        now = time.perf_counter()
        state["worst"] = max(state["worst"], now - state["last"])
        state["last"] = now
        if done() or now > state["end"]:
            timer.stop()
            print("stall", round(state["worst"] * 1e6), flush=True)
            QApplication.instance().quit()
    timer = QTimer(interval=10)
    timer.timeout.connect(tick)
    timer.start()
    _kept.append(timer)

_kept = []

def hwm():
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
"""

# The floor: a bare QApplication + QMainWindow with one QChartView, and its peak RSS at the first paint.
BARE = (
    r"""
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QEvent, QObject, QTimer
"""
    + _HWM
    + r"""
app = QApplication(sys.argv[:1])
def painted():  # its RSS once painted, as PeerDesk's is taken once painted
    say("painted")
    if _os.environ.get("PEERDESK_BENCH_IDLE_S"):  # the event loop idle for that long: its longest turn
        import time
        end = time.perf_counter() + float(_os.environ["PEERDESK_BENCH_IDLE_S"])
        stall_until(lambda: time.perf_counter() > end)
    else:
        app.quit()
class Watch(QObject):  # the window is exposed: it paints now
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Expose and obj.isExposed():
            say("paint")
            obj.removeEventFilter(self)
            QTimer.singleShot(0, painted)
        return False
w = QMainWindow(); w.setCentralWidget(QChartView(QChart())); w.resize(1280, 800); w.show()
watch = Watch(); w.windowHandle().installEventFilter(watch)
app.exec()
"""
)

# PeerDesk as `peerdesk --data-dir DIR` starts it (cli.main, app.run), with three marks:
# "paint" at the first expose, as the floor; "shown" once the week's table and
# charts are painted (week_shown); "ready" once set_store has filled the week
# from the opened store and the window has been painted again. With
# PEERDESK_BENCH_DAY set it goes on until today's backup is made (day_bench.py).
PEERDESK = (
    r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
from peerdesk import app as pd
"""
    + _HWM
    + r"""
def fail(what):  # a benchmark never waits for a person: any question ends the run
    print("unexpected dialog:", what, file=sys.stderr, flush=True)
    QTimer.singleShot(0, lambda: QApplication.instance().exit(3))

class Quiet(pd.Dialogs):
    def ask_text(self, *a, **k): return "bench"
    def choose(self, parent, title, text, options): fail(title); return -1
    def error(self, parent, title, text): fail(f"{title}: {text}")
    def info(self, parent, title, text): fail(title)
    def confirm(self, parent, title, text, ok="Delete"): fail(title); return False
    def ask_passphrase(self, parent, title, label): fail(title); return None
    def ask_folder(self, parent, title): fail(title); return None

def painted(window, mark):
    app = QApplication.instance()
    app.sendPostedEvents()  # pending layouts of the table and the charts
    window.repaint()  # the week with its table and charts, painted
    say(mark)
    if mark == "ready":
        if _os.environ.get("PEERDESK_BENCH_DAY"):  # the day's first start: on until today's backup is made
            stall_until(lambda: window.daily_backup is not None and window.daily_backup.ended)
        else:
            app.quit()

marked = set()
def week_shown(window):  # "shown": the week's table and charts first painted
    if "shown" in marked:
        return
    marked.add("shown")
    if window._painted:  # on screen already: paint the week now
        painted(window, "shown")
    else:  # filled before the first paint: that paint shows it
        marked.add("at first paint")

set_store = pd.MainWindow.set_store
def watched_set_store(self, store):  # "ready": the store open too, the week painted from it
    set_store(self, store)
    QTimer.singleShot(0, lambda: painted(self, "ready"))
pd.MainWindow.set_store = watched_set_store

def first_paint():
    say("paint")
    if "at first paint" in marked:  # printed once that paint is done
        QTimer.singleShot(0, lambda: say("shown"))

class Watch(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Expose and obj.isExposed():
            first_paint()
            obj.removeEventFilter(self)
        return False
set_first_look = pd.MainWindow.show_first_look
def watched_first_look(self, reader):
    self.week_shown.connect(lambda: week_shown(self))
    set_first_look(self, reader)
pd.MainWindow.show_first_look = watched_first_look
launch = pd.launch
def watched_launch(**kwargs):  # the marks' watches, once launch() has shown the window
    window = launch(**kwargs)
    if isinstance(window, int):
        return window
    if "shown" not in marked:  # no first look: the week is shown from the store
        window.week_shown.connect(lambda: week_shown(window))
    if window._painted:  # exposed already inside show(): late by the rest of launch()
        first_paint()
    else:
        watched.append(Watch()); window.windowHandle().installEventFilter(watched[-1])
    return window
watched = []
pd.launch = watched_launch
pd.Dialogs = Quiet  # the questions the start could ask: any one ends the run
from peerdesk import cli
sys.exit(cli.main(["--data-dir", sys.argv[1]]))  # as the `peerdesk` command starts the window
"""
)
