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
from .i18n import LANGUAGES, N_, _


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    label: str
    help: str = ""


# Labels and help texts in English, marked N_: shown translated where shown, _(setting.label)
SETTINGS: tuple[Setting, ...] = (
    Setting("demo", False, N_("Sample data"), N_("Set in folders made by `peerdesk demo`: the window shows a banner.")),
    Setting("encrypted", False, N_("Encrypted store"),
            N_("The database is encrypted (SQLCipher); a passphrase opens it.")),
    Setting("shared", False, N_("Shared computer"),
            N_("Set when the store was made for a shared computer: idle lock on.")),
    Setting("worker", "", N_("Worker name or code"), N_("Written on every entry you log and on your exports.")),
    Setting("language", "", N_("Language"), N_("en or fr; empty: the system's language (--lang overrides it).")),
    Setting("organisation", "", N_("Organisation"), N_("Printed in the header of every report page.")),
    Setting("default_mode", "in_person", N_("Default mode"), N_("The mode a new entry starts with.")),
    Setting(
        "contracted_hours",
        0.0,
        N_("Contracted hours per week"),
        N_("Drawn as a guide line on the trend chart; 0 for none."),
    ),
    Setting(
        "idle_lock_minutes",
        0,
        N_("Lock after minutes without input"),
        N_("The window hides its content after this many idle minutes (0: never; 10 suits a shared computer)."),
    ),
    Setting("pin_hash", "", N_("PeerDesk PIN"),
            N_("Unlocks an idle-locked window; kept only as a salted scrypt hash.")),
    Setting(
        "server_url",
        "",
        N_("Team server"),
        N_("postgresql://ROLE@HOST/DATABASE of the team server (no password: see README); empty for none."),
    ),
    Setting(
        "taxonomy_file",
        "",
        N_("Organisation taxonomy file"),
        N_("A TOML file that adds your organisation's own categories (see README)."),
    ),
)
_BY_KEY = {s.key: s for s in SETTINGS}


class SettingsError(ValueError):
    pass


def check(key: str, value: Any) -> str | None:
    """What is wrong with *value* for the setting *key* (None: nothing). Settings whose values
    PeerDesk cannot do without a right one are checked here; the others are read leniently."""
    if key == "language" and value not in ("", *LANGUAGES):
        shown = json.dumps(value, ensure_ascii=False)
        return _('"language" must be {choices} or "" (the system\'s language), not {value}').format(
            choices=", ".join(f'"{code}"' for code in LANGUAGES), value=shown)
    return None


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
            # TRANSLATORS: the place in settings.json (FILE:LINE:COLUMN) and the JSON reader's own words (English)
            raise SettingsError(_("{place}: not valid JSON: {reason}").format(
                place=f"{path}:{exc.lineno}:{exc.colno}", reason=exc.msg)) from None
        if not isinstance(data, dict):
            raise SettingsError(_("{place}: must hold a JSON object").format(place=f"{path}:1:1"))
        values = {k: v for k, v in data.items() if k in _BY_KEY}
        for key, value in values.items():
            wrong = check(key, value)
            if wrong:
                raise SettingsError(f"{path}:{_line_of(text, key)}:1: {wrong}")
        return cls(path, values)

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
        """Change a setting (saved by :meth:`save`); SettingsError for a value it cannot hold."""
        if key not in _BY_KEY:
            raise KeyError(key)
        wrong = check(key, value)
        if wrong:
            raise SettingsError(wrong)
        self._values[key] = value

    def save(self) -> None:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        text = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomically(self.path, text)


def _line_of(text: str, key: str) -> int:
    """The line of settings.json where *key* is given (1 when it cannot be told)."""
    needle = json.dumps(key)
    return next((i for i, line in enumerate(text.splitlines(), 1) if needle in line), 1)
