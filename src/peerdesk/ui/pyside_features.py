"""PySide6 told up front that no module uses its ``__feature__`` switches, so that it reads no
module's source at import.

Once PySide6 is imported, it decides for each module imported afterwards, the first time any
import statement gives it, whether that module uses PySide's feature switches (``from
__feature__ import snake_case``): it reads the module's source file and looks for "PySide6" in
it (``feature_imported`` in PySide's ``__feature__`` module). That is about 0.1 ms a module and,
over the hundred modules the window's start imports, 10–15 ms of every start. PeerDesk switches
no feature on. Its own modules are entered in PySide's table as using PySide with no feature
(0), the standard library's and those already imported as not using it (-1, what PySide's own
reading finds for them); PySide then reads no source for them. A PySide without that table (another
version) is left as it is.
"""

from __future__ import annotations

import os
import sys

PACKAGE = __name__.split(".")[0]


def own_modules() -> list[str]:
    """The dotted names of every module of PeerDesk's package, from its folders (nothing imported)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    names = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(("_", "."))]
        package = PACKAGE + folder[len(root) :].replace(os.sep, ".")
        names += [package if file == "__init__.py" else f"{package}.{file[:-3]}" for file in files
                  if file.endswith(".py")]
    return names


def declare_no_features() -> None:
    import PySide6.QtCore  # noqa: F401 - PySide's table is made with it

    table = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in own_modules():
        table.setdefault(name, 0)
    for name in (*sys.modules, *sys.stdlib_module_names):
        table.setdefault(name, -1)
