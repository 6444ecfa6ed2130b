"""The domain layer stays importable without Qt or SQLAlchemy (DESIGN §1).

The check runs in a fresh interpreter: in this test process other tests may
already have imported Qt or SQLAlchemy, which would hide the import.
"""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ("PySide6", "shiboken6", "sqlalchemy")

PROBE = """
import importlib, json, pkgutil, sys
import peerdesk.domain as domain
names = ["peerdesk.domain"] + [
    "peerdesk.domain." + m.name for m in pkgutil.iter_modules(domain.__path__)
]
for name in names:
    importlib.import_module(name)
forbidden = sorted(
    m for m in sys.modules if m.startswith({FORBIDDEN})
)
print(json.dumps({{"imported": names, "forbidden": forbidden}}))
"""


def test_domain_imports_no_qt_and_no_sqlalchemy():
    code = PROBE.format(FORBIDDEN=repr(FORBIDDEN))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    # the probe really imported the domain modules (so an empty result means something)
    for module in ("entry", "summary", "taxonomy", "weeks"):
        assert f"peerdesk.domain.{module}" in result["imported"]
    roots = sorted({name.split(".")[0] for name in result["forbidden"]})
    assert result["forbidden"] == [], f"importing peerdesk.domain loaded {roots} ({len(result['forbidden'])} modules)"
