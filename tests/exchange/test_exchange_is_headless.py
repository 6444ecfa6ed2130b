"""The exchange layer runs without Qt (the `peerdesk export` command and the review use it headless)."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import peerdesk.exchange.csv_format, peerdesk.exchange.csv_export, peerdesk.exchange.csv_read
print(json.dumps(sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))))
"""


def test_exchange_imports_no_qt():
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == []
