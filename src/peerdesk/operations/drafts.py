"""The entry being typed, kept beside the store until it is saved, so nothing typed is lost.

The window keeps the form's values here a moment after each change and reads
them back when it opens; a closed window, a crash or a power cut loses at
most the last keystrokes. An encrypted store keeps no draft: it would be
plain text beside encrypted records.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..files import write_atomically

DRAFT_FILENAME = "draft.json"


class Drafts:
    """The draft file of one data folder."""

    def __init__(self, data_dir: Path, *, encrypted: bool = False) -> None:
        self.path = Path(data_dir) / DRAFT_FILENAME
        self.encrypted = encrypted

    def keep(self, values: Mapping[str, Any] | None) -> None:
        """Keep *values* (a form's typed values), or remove the draft when there are none.
        Raises OSError when the file cannot be written."""
        if not values or self.encrypted:
            self.clear()
            return
        plain = {k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
        write_atomically(self.path, json.dumps(plain, ensure_ascii=False))

    def load(self) -> dict[str, Any] | None:
        """The values kept, or None (no draft, or one that cannot be read)."""
        if self.encrypted:
            return None
        try:
            values = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return values if isinstance(values, dict) else None

    def clear(self) -> None:
        with contextlib.suppress(OSError):
            self.path.unlink(missing_ok=True)
