"""CSV export and the reading of exported files (format: :mod:`.csv_format`).

No Qt here: the window and the ``peerdesk export`` command share this code.
"""
