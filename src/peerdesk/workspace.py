"""One PeerDesk data folder: its settings, its taxonomy and its database.

Both the window and the command line start here, so they read the same
settings, check entries against the same taxonomy and write to the same store.
The taxonomy and the store are imported only when first used, so the window's
frame can paint before them.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .config import BACKUPS_FOLDER, DB_FILENAME, TAXONOMY_CACHE, ensure_data_dir, resolve_data_dir
from .files import sweep_leftovers
from .i18n import _
from .settings import Settings

if TYPE_CHECKING:
    from .domain.taxonomy import Taxonomy
    from .parse_cache import ParseCache
    from .storage.crypto import Cipher
    from .storage.open_checks import QuickCheck
    from .storage.store import Store


class Workspace:
    def __init__(
        self,
        data_dir: str | Path | None = None,
        taxonomy_file: str | Path | None = None,
        *,
        passphrase: str | None = None,
    ) -> None:
        self.data_dir = ensure_data_dir(resolve_data_dir(data_dir))
        for folder in (self.data_dir, self.data_dir / BACKUPS_FOLDER):  # what a killed PeerDesk left
            sweep_leftovers(folder, own_folder=True)
        self.settings = Settings.load(self.data_dir)
        self.taxonomy_override = taxonomy_file
        self._store: Store | None = None
        self._early: QuickCheck | None = None  # the open's quick_check, begun before the open
        self._parsed: ParseCache | None = None  # the taxonomy's parsed TOML (parse_cache.py), once loaded
        self.cipher: Cipher | None = None  # the key of an encrypted store, once its passphrase was given
        self.passphrase = passphrase  # given up front (the command line's --passphrase-file), else asked

    @property
    def db_path(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def taxonomy_file(self) -> str | Path | None:
        """The organisation's taxonomy file, if one is set; None for the built-in one."""
        return self.taxonomy_override or self.settings.get("taxonomy_file") or None

    @cached_property
    def taxonomy(self) -> Taxonomy:
        from .domain import taxonomy as taxonomy_mod
        from .parse_cache import ParseCache

        # the files' parsed TOML, read back at the next start; written once the store has opened
        self._parsed = ParseCache(self.data_dir / TAXONOMY_CACHE)
        return taxonomy_mod.load(self.taxonomy_file, cache=self._parsed)

    @property
    def encrypted(self) -> bool:
        """Made encrypted (settings), or the file itself is (settings may be missing)."""
        if self.settings.get("encrypted"):
            return True
        from .storage import crypto

        return self.db_path.exists() and crypto.looks_encrypted(self.db_path)

    def create_encrypted(self, passphrase: str) -> Store:
        """A new, encrypted store for a shared computer (refused where a database exists)."""
        from .storage.store import StoreError

        if self.db_path.exists():
            raise StoreError(_("{path} already exists; encryption is chosen when a store is made").format(
                path=self.db_path))
        self.settings.set("encrypted", True)
        self.settings.set("shared", True)
        if not self.settings.get("idle_lock_minutes"):
            self.settings.set("idle_lock_minutes", 10)
        self.settings.save()
        return self.open_store(passphrase)

    def begin_checks(self) -> None:
        """Begin the open's ``quick_check`` of a plain database now, on a thread of its own (the
        window, before it makes its frame): :meth:`open_store` then waits for its verdict."""
        if self._store is None and self._early is None and not self.settings.get("encrypted"):
            from .storage.open_checks import early_quick_check

            self._early = early_quick_check(self.db_path)

    @property
    def opens_at_once(self) -> bool:
        """Whether :meth:`open_store` has its check's verdict already (the early check has ended)."""
        return self._store is not None or (self._early is not None and self._early.done)

    def open_store(self, passphrase: str | None = None) -> Store:
        """Open (create or upgrade) the database and check the taxonomy covers it.

        An encrypted store needs its passphrase (once per run; the derived key is kept,
        the passphrase is not)."""
        if self._store is None:
            from .storage.crypto import Cipher
            from .storage.store import PassphraseNeeded, Store

            passphrase = passphrase or self.passphrase
            if self.cipher is None and self.encrypted:
                if not passphrase:
                    raise PassphraseNeeded(_("{path} is encrypted: PeerDesk needs its passphrase to open it").format(
                        path=self.db_path))
                self.cipher = (
                    Cipher.for_file(self.db_path, passphrase) if self.db_path.exists() else Cipher.new(passphrase)
                )
            early, self._early = self._early, None
            try:
                store = Store(self.db_path, cipher=self.cipher, early=early)
            except BaseException:
                if not self._store:
                    self.cipher = None  # a wrong passphrase is not kept
                raise
            try:
                if self.taxonomy.missing_keys(store.categories_used()):  # counted only to say so
                    check_taxonomy_covers(self.taxonomy, store.category_usage())
            except BaseException:
                store.close()
                raise
            store.actor = self.settings.worker  # asked each time: a worker chosen later counts
            self._store = store
            if self._parsed is not None:
                self._parsed.save()
        return self._store

    def close(self) -> None:
        if self._early is not None:
            self._early.stop()
            self._early = None
        if self._store is not None:
            self._store.close()
            self._store = None


def check_taxonomy_covers(taxonomy: Taxonomy, usage: dict[str, int]) -> None:
    """Refuse a taxonomy that drops a category key stored entries still use."""
    from .domain.taxonomy import TaxonomyError

    missing = taxonomy.missing_keys(usage)
    if missing:
        # TRANSLATORS: a category key and how many stored entries use it (any number: "entries" as in 1 or more)
        listed = ", ".join(_("{key} ({n} entries)").format(key=k, n=usage[k]) for k in missing)
        raise TaxonomyError(
            taxonomy.origins[-1] if taxonomy.origins else "taxonomy",
            None,
            _("does not define categories that stored entries use: {keys}; keys must never be removed (reword the "
              "label instead)").format(keys=listed),
        )
