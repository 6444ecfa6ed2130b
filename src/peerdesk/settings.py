"""Settings, each declared once with its default and label.

Kept as ``settings.json`` beside the database, so a data folder (and a demo or
test folder) carries its own. Written atomically (:mod:`peerdesk.files`).
"""

from __future__ import annotations

import getpass
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import SETTINGS_FILENAME
from .files import write_atomically


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    label: str
    help: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("demo", False, "Sample data", "Set in folders made by `peerdesk demo`: the window shows a banner."),
    Setting("encrypted", False, "Encrypted store", "The database is encrypted (SQLCipher); a passphrase opens it."),
    Setting("shared", False, "Shared computer", "Set when the store was made for a shared computer: idle lock on."),
    Setting("worker", "", "Worker name or code", "Written on every entry you log and on your exports."),
    Setting("organisation", "", "Organisation", "Printed in the header of every report page."),
    Setting("default_mode", "in_person", "Default mode", "The mode a new entry starts with."),
    Setting(
        "contracted_hours",
        0.0,
        "Contracted hours per week",
        "Drawn as a guide line on the trend chart; 0 for none.",
    ),
    Setting(
        "idle_lock_minutes",
        0,
        "Lock after minutes without input",
        "The window hides its content after this many idle minutes (0: never; 10 suits a shared computer).",
    ),
    Setting("pin_hash", "", "PeerDesk PIN", "Unlocks an idle-locked window; kept only as a salted scrypt hash."),
    Setting(
        "server_url",
        "",
        "Team server",
        "postgresql://ROLE@HOST/DATABASE of the team server (no password: see README); empty for none.",
    ),
    Setting(
        "taxonomy_file",
        "",
        "Organisation taxonomy file",
        "A TOML file that adds your organisation's own categories (see README).",
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


class SettingsError(ValueError):
    pass


class Settings:
    def __init__(self, path: Path, values: dict[str, Any] | None = None) -> None:
        self.path = path
        self._values: dict[str, Any] = dict(values or {})

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = data_dir / SETTINGS_FILENAME
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            return cls(path)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SettingsError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        if not isinstance(data, dict):
            raise SettingsError(f"{path}:1:1: must hold a JSON object")
        return cls(path, {k: v for k, v in data.items() if k in _BY_KEY})

    def get(self, key: str) -> Any:
        return self._values.get(key, _BY_KEY[key].default)

    def number(self, key: str) -> float:
        """A numeric setting as a number of at least 0 (a hand-edited file may hold anything)."""
        try:
            return max(0.0, float(self.get(key) or 0))
        except (TypeError, ValueError):
            return 0.0

    def worker(self) -> str:
        """The worker in settings, else the operating-system user name."""
        return str(self.get("worker") or "").strip() or getpass.getuser()

    def set(self, key: str, value: Any) -> None:
        if key not in _BY_KEY:
            raise KeyError(key)
        self._values[key] = value

    def save(self) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomically(self.path, text)
