"""Where PeerDesk keeps its files, resolved once per run.

Order: ``--data-dir`` on the command line, then the ``PEERDESK_DATA_DIR``
environment variable, then the platformdirs user data directory for
"PeerDesk" (e.g. ``~/.local/share/PeerDesk`` on Linux,
``%LOCALAPPDATA%\\PeerDesk`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

from .i18n import _

APP_NAME = "PeerDesk"
ENV_DATA_DIR = "PEERDESK_DATA_DIR"
DB_FILENAME = "peerdesk.db"
SETTINGS_FILENAME = "settings.json"
# the taxonomy files' parsed data, so a start need not parse their TOML again (parse_cache.py)
TAXONOMY_CACHE = ".taxonomy-cache.json"


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # deferred: only needed when no override is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def ensure_data_dir(path: Path) -> Path:
    """Create the folder owner-only (0700) if it does not exist."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


BACKUPS_FOLDER = "backups"
_OWN_NAMES = ("settings.json", "draft.json")


def owned_by_peerdesk(target: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> bool:
    """Whether *target* is one of the files PeerDesk keeps in *data_dir*, however spelt (links,
    ``..``, another case): the database and SQLite's files beside it, the locks, settings, the
    draft, anything in the backups folder, and PeerDesk's hidden temporary files. Nothing may
    be written over them but by the store itself."""
    from .files import lies_within

    data = Path(data_dir)
    if not data.is_dir():
        return False
    here = Path(os.path.abspath(Path(target).expanduser()))
    if lies_within(here, data / BACKUPS_FOLDER):
        return True
    try:
        beside = here.parent.is_dir() and os.path.samefile(here.parent, data)
    except OSError:
        beside = False
    name = here.name.casefold()
    return beside and (name.startswith(("peerdesk", ".")) or name in _OWN_NAMES)


def owned_refusal(target: str | os.PathLike[str], data_dir: str | os.PathLike[str]) -> str:
    """What to say when *target* is one of PeerDesk's own files (see :func:`owned_by_peerdesk`)."""
    return _("{path} is one of PeerDesk's own files in its data folder ({folder}): the database, its journal, a "
             "lock, a backup or the settings; nothing was written: choose another file").format(
        path=target, folder=data_dir)
