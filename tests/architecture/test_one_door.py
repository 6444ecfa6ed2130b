"""The window, the command line and start-up change stored data only through the application layer.

A use case written twice is a bug waiting to diverge: checking an entry, saving,
editing, deleting, backing up, restoring and opening a store each live once, in
``peerdesk.operations``. This test reads the source of every door (``cli.py``,
``app.py`` and ``ui/``) and fails on a direct call to what those operations wrap.
"""

from __future__ import annotations

import ast
from pathlib import Path

import peerdesk

SRC = Path(peerdesk.__file__).parent
DOORS = [SRC / "cli.py", *sorted(SRC.glob("cli_*.py")), SRC / "app.py", *sorted((SRC / "ui").glob("*.py"))]

# what only the application layer calls
STORE_WRITES = {"add", "update", "delete", "restore", "restore_many", "record"}
WRAPPED = {
    "validate",  # check_entry
    "find_identifiers",  # check_entry
    "make_backup",  # back_up_now
    "daily_backup_if_due",  # daily_backup
    "restore_backup",  # safekeeping.restore_backup (called by name from operations only)
    "open_store",  # opening.open_store (Workspace.open_store underneath)
    "create_encrypted",  # opening.open_store(encrypt=True)
    "read_files",  # reviewing.review_files
    "write_summary",  # reviewing.save_summary
}


def direct_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    imported_from_operations = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and "operations" in node.module
        for alias in node.names
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            receiver = ast.unparse(func.value)
            writes = func.attr in STORE_WRITES and "store" in receiver.lower()
            if writes or (func.attr in WRAPPED and "ops" not in receiver):
                found.append(f"{path.name}:{node.lineno}: {receiver}.{func.attr}(…)")
        elif isinstance(func, ast.Name) and func.id in WRAPPED and func.id not in imported_from_operations:
            found.append(f"{path.name}:{node.lineno}: {func.id}(…)")
    return found


def test_the_doors_exist_and_are_read():
    names = {p.name for p in DOORS}
    assert {"cli.py", "app.py", "main_window.py", "entry_editing.py", "restore_dialog.py"} <= names


def test_no_door_changes_stored_data_but_through_the_application_layer():
    found = [call for path in DOORS for call in direct_calls(path)]
    assert found == [], "call the operation in peerdesk.operations instead:\n" + "\n".join(found)


def test_the_check_catches_a_direct_write(tmp_path):
    door = tmp_path / "door.py"
    door.write_text(
        "from peerdesk.domain.entry import validate\n"
        "def save(window, raw):\n"
        "    entry = validate(raw, window.taxonomy, today=None)\n"
        "    window.store.add(entry)\n",
        "utf-8",
    )
    assert direct_calls(door) == ["door.py:3: validate(…)", "door.py:4: window.store.add(…)"]
