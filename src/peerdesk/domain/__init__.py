"""Pure-Python core of PeerDesk: no Qt, no SQLAlchemy (a test keeps it so)."""
