"""What can go wrong with a store, each a kind of StoreError whose message says why in words."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be opened or used; the message says why."""


class NewerDatabaseError(StoreError):
    pass


class EntryNotFound(StoreError):
    pass


class DuplicateEntry(StoreError):
    """An entry with that id is already in the database; nothing was written."""


class PassphraseNeeded(StoreError):
    """The file is encrypted and no passphrase was given."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the file; nothing was changed."""


class StoreUnwritable(StoreError):
    """The medium stops PeerDesk (a full disk, a read-only drive, no permission): the file is not damaged."""


class WeekLocked(StoreError):
    """The entry's week is submitted: its entries change only once it is reopened."""


class StoreBusy(StoreError):
    """Another writer held the database for too long; nothing was written."""
