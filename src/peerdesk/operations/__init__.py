"""The application layer: PeerDesk's use cases, one function each, shared by every door.

The window, the command line and start-up call these functions and nothing
else to change what is stored; widgets show what they return, the command
line prints it. No Qt here (a test imports this package without a display),
and no SQL: the store does that.

* :mod:`.entries`: check a typed entry (its fields and anything that may
  identify someone), then add, edit, delete or restore it, and undo or redo
  that; each change says what changed (:class:`~.entries.Change`).
* :mod:`.opening`: open a data folder's store and say what came of it
  (opened, needs its passphrase, damaged with the newest good backup, refused),
  and check a store without writing to it.
* :mod:`.safekeeping`: back up now, the daily backup, restore a backup.
* :mod:`.drafts`: keep what is typed but not saved, so nothing typed is lost.
* :mod:`.exporting`: a period's entries, weekly summary or workbook for a supervisor.
* :mod:`.reporting`: a period's PDF report and its funders' figures.
* :mod:`.reviewing`: read workers' exports for a supervisor's review, and
  save the review's summary.

Every function here raises only PeerDesk's own errors (:class:`~peerdesk.storage.store.StoreError`,
:class:`~peerdesk.storage.backups.BackupError`, :class:`~peerdesk.domain.taxonomy.TaxonomyError`, …),
never a driver's or the operating system's.
"""
