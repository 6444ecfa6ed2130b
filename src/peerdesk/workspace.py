"""One PeerDesk data folder: its settings, its taxonomy and its database.

Both the window and the command line start here, so they read the same
settings, check entries against the same taxonomy and write to the same store.
The store (and with it SQLAlchemy) is imported only when it is opened, so the
window can paint before it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .config import DB_FILENAME, ensure_data_dir, resolve_data_dir
from .domain import taxonomy as taxonomy_mod
from .domain.taxonomy import Taxonomy, TaxonomyError
from .settings import Settings

if TYPE_CHECKING:
    from .storage.store import Store


class Workspace:
    def __init__(self, data_dir: str | Path | None = None, taxonomy_file: str | Path | None = None) -> None:
        self.data_dir = ensure_data_dir(resolve_data_dir(data_dir))
        self.settings = Settings.load(self.data_dir)
        self.taxonomy_override = taxonomy_file
        self._store: Store | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @cached_property
    def taxonomy(self) -> Taxonomy:
        path = self.taxonomy_override or self.settings.get("taxonomy_file") or None
        return taxonomy_mod.load(path)

    def open_store(self) -> Store:
        """Open (create or upgrade) the database and check the taxonomy covers it."""
        if self._store is None:
            from .storage.store import Store

            store = Store(self.db_path)
            try:
                check_taxonomy_covers(self.taxonomy, store.category_usage())
            except BaseException:
                store.close()
                raise
            store.actor = self.settings.worker()
            self._store = store
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def check_taxonomy_covers(taxonomy: Taxonomy, usage: dict[str, int]) -> None:
    """Refuse a taxonomy that drops a category key stored entries still use."""
    missing = taxonomy.missing_keys(usage)
    if missing:
        listed = ", ".join(f"{k} ({usage[k]} entries)" for k in missing)
        raise TaxonomyError(
            taxonomy.origins[-1] if taxonomy.origins else "taxonomy",
            None,
            f"does not define categories that stored entries use: {listed}; "
            "keys must never be removed (reword the label instead)",
        )
