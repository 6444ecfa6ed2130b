"""The application layer runs without Qt and without SQLAlchemy (DESIGN §1, §6).

The command line and start-up call the same operations as the window; they must
work without a display, and opening a current store must not pay for the ORM.
Each check runs in a fresh interpreter: in this test process other tests (and
the shared conftest) have imported Qt already, which would hide the import.
"""

from __future__ import annotations

import json
import subprocess
import sys

from peerdesk.storage.store import Store

from .helpers import entry

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy")
MODULES = ("drafts", "entries", "opening", "safekeeping")

IMPORT_PROBE = """
import importlib, json, pkgutil, sys
import peerdesk.operations as operations
names = ["peerdesk.operations"] + [
    "peerdesk.operations." + m.name for m in pkgutil.iter_modules(operations.__path__)
]
for name in names:
    importlib.import_module(name)
forbidden = sorted(m for m in sys.modules if m.startswith({FORBIDDEN}))
print(json.dumps({{"imported": names, "forbidden": forbidden}}))
"""

# A day's work through the operations on a store at the current schema: open it, check an
# entry, add, edit, undo, redo, delete, check the file, back it up and keep a draft.
USE_PROBE = """
import datetime as dt, json, sys
from pathlib import Path
from peerdesk.operations import drafts, entries, opening, safekeeping
from peerdesk.workspace import Workspace

ws = Workspace({data_dir!r})
outcome = opening.open_store(ws)
assert isinstance(outcome, opening.Opened), outcome
store = outcome.store
check = entries.check_entry(
    {{"date": "2026-11-24", "minutes": "45", "category": "advocacy"}},
    ws.taxonomy, worker="PW-07", today=dt.date(2026, 11, 25),
)
added = entries.add_entry(store, check.entry)
edited = entries.update_entry(store, added.entry.with_changes(minutes=50))
entries.redo(store, entries.undo(store, edited))
entries.delete_entry(store, added.entry.id)
made = safekeeping.back_up_now(store)
drafts.Drafts(ws.data_dir).keep({{"date": dt.date(2026, 11, 24), "minutes": "2"}})
ws.close()
report = opening.check_store(Workspace({data_dir!r}))
forbidden = sorted(m for m in sys.modules if m.startswith({FORBIDDEN}))
print(json.dumps({{"entries": report.entries, "backup": made.entries, "forbidden": forbidden}}))
"""


def run(code: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_importing_the_operations_loads_no_qt_and_no_sqlalchemy():
    result = run(IMPORT_PROBE.format(FORBIDDEN=repr(FORBIDDEN)))
    # the probe really imported every module (so an empty result means something)
    assert set(result["imported"]) >= {f"peerdesk.operations.{m}" for m in MODULES}
    roots = sorted({name.split(".")[0] for name in result["forbidden"]})
    assert result["forbidden"] == [], f"importing peerdesk.operations loaded {roots}"


def test_a_days_work_on_a_current_store_loads_no_qt_and_no_sqlalchemy(data_dir):
    made = Store(data_dir / "peerdesk.db")  # made (with Alembic) here, so the probe opens a current file
    made.add(entry(1))
    made.close()
    result = run(USE_PROBE.format(data_dir=str(data_dir), FORBIDDEN=repr(FORBIDDEN)))
    assert (result["entries"], result["backup"]) == (1, 1)  # the work really happened
    roots = sorted({name.split(".")[0] for name in result["forbidden"]})
    assert result["forbidden"] == [], f"the operations loaded {roots}"
