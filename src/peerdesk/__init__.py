"""PeerDesk: log peer support work day by day and see it week by week."""

__version__ = "0.1.0"
